"""Settings: ``base`` for the demo and development, ``production`` for serving the public, ``test``
for pytest, ``loopback`` for the bench and the browser tests (production's hardening on 127.0.0.1).

Everything that differs between machines is read from the environment (django-environ).
``manage.py`` and ``joud.wsgi`` both default to ``DEFAULT_MODULE``: production, which refuses to
start on demo defaults. The demo is always an explicit choice (``make demo`` makes it).
"""

DEFAULT_MODULE = "joud.settings.production"
