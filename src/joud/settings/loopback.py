"""Production's hardening on 127.0.0.1 with the demo's gateway and outbox: ``make bench`` and
the browser tests serve with it. Never a default; refuses any address but loopback.

It is production (gunicorn, DEBUG off, the manifest static storage, the lean webhook handler)
minus the refusal of demo defaults, which it needs: the sandbox gateway confirms the donations it
drives and the outbox backend stores the codes the browser tests read.
"""

from joud.settings.guard import loopback_problems, refuse
from joud.settings.hardened import *  # noqa: F403
from joud.settings.hardened import ALLOWED_HOSTS, SITE_URL, env

JOUD_PROFILE = "loopback"
DEBUG = False  # measured and tested as production serves, whatever the shell exports

refuse(
    "loopback",
    loopback_problems(ALLOWED_HOSTS, SITE_URL, env.str("JOUD_BIND", default="")),
    hint="The loopback profile is for the bench and the browser tests on this machine; "
    "serve the public with joud.settings.production.",
)
