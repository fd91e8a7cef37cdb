"""gunicorn for the production profile. Workers sized to the machine unless told otherwise."""

import multiprocessing
import os

bind = os.environ.get("JOUD_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2))
threads = int(os.environ.get("JOUD_THREADS", "1"))
worker_class = os.environ.get("JOUD_WORKER_CLASS", "sync")
timeout = 30
graceful_timeout = 10
accesslog = os.environ.get("JOUD_ACCESS_LOG", None)
pythonpath = "src"
raw_env = [f"DJANGO_SETTINGS_MODULE={os.environ.get('DJANGO_SETTINGS_MODULE', 'joud.settings.production')}"]
