"""Settings: ``base`` for the demo and development, ``production`` for serving the public, ``test``
for pytest, ``loopback`` for the bench and the browser tests (production's hardening on 127.0.0.1).

Everything that differs between machines is read from the environment (django-environ).
``manage.py`` and ``joud.wsgi`` both default to ``DEFAULT_MODULE``: production, which refuses to
start on demo defaults. The demo is always an explicit choice (``make demo`` makes it). The one
exception is the commands that only read the source tree (``CODE_ONLY_COMMANDS``: making
migrations and message catalogues): they neither serve, run jobs nor touch anyone's data, so with
no choice made they use the demo settings, and a fresh clone can check its migrations at once.
"""

DEFAULT_MODULE = "joud.settings.production"
DEMO_MODULE = "joud.settings.base"
CODE_ONLY_COMMANDS = frozenset({"makemigrations", "makemessages", "compile_translations"})


def default_module(argv: list[str] | None = None) -> str:
    """The settings module an entry point uses when DJANGO_SETTINGS_MODULE is not set."""
    command = argv[1] if argv and len(argv) > 1 else ""
    return DEMO_MODULE if command in CODE_ONLY_COMMANDS else DEFAULT_MODULE
