"""A streaming replica for the public pages' reads: ``DATABASE_REPLICA_URL``. None by default.

With no replica configured there is no ``replica`` alias and no router: every query goes to
``default`` exactly as before. With one, ``joud.core.replica.PrimaryReplicaRouter`` sends the
reads of the read-only public pages (``JOUD_REPLICA_PAGES``, URL names) to it and everything else
to the primary; ``joud.core.replica.ReplicaPinMiddleware`` marks those requests and keeps a browser
that has just written (any POST: a gift, a sign-in) on the primary for
``JOUD_REPLICA_PIN_SECONDS``, so it reads its own writes whatever the replica's lag.
"""

import environ

_env = environ.Env()

_REPLICA_URL = _env.str("DATABASE_REPLICA_URL", default="")
REPLICA_DATABASES = {}
DATABASE_ROUTERS = []
if _REPLICA_URL:
    REPLICA_DATABASES["replica"] = _env.db_url_config(_REPLICA_URL)
    REPLICA_DATABASES["replica"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", _env.int("JOUD_REPLICA_CONNECT_TIMEOUT", default=2)
    )
    REPLICA_DATABASES["replica"] |= {
        "ATOMIC_REQUESTS": False,
        "CONN_MAX_AGE": _env.int("DJANGO_CONN_MAX_AGE", default=600),
        "CONN_HEALTH_CHECKS": True,
    }
    DATABASE_ROUTERS = ["joud.core.replica.PrimaryReplicaRouter"]

# Seconds a browser stays on the primary after a write (a cookie set after any unsafe method).
JOUD_REPLICA_PIN_SECONDS = _env.int("JOUD_REPLICA_PIN_SECONDS", default=30)
# The read-only public pages whose reads may come from the replica (URL names).
JOUD_REPLICA_PAGES = [
    "web:home",
    "web:verify",
    "web:verify_code",
    "campaigns:browse",
    "campaigns:detail",
    "campaigns:organization",
    "campaigns:qr_png",
    "campaigns:qr_svg",
    "finance:initiative_money",
]
