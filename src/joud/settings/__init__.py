"""Settings: ``base`` for the demo and development, ``production`` for gunicorn, ``test`` for pytest.

Everything that differs between machines is read from the environment (django-environ).
"""
