"""gunicorn for the production profile. Workers sized to the machine unless told otherwise.

Threaded workers by default: in the benchmark (bench/, make bench) 2 gthread workers x 8 threads
served the bare one-insert endpoint 1.7-3.5x faster than sync workers on the same 2 cores, because
threads keep their database connections (CONN_MAX_AGE) and overlap the waits on PostgreSQL.
"""

import multiprocessing
import os

bind = os.environ.get("JOUD_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count()))
threads = int(os.environ.get("JOUD_THREADS", "8"))
worker_class = os.environ.get("JOUD_WORKER_CLASS", "gthread")
timeout = 30
graceful_timeout = 10
accesslog = os.environ.get("JOUD_ACCESS_LOG", None)
pythonpath = "src"
raw_env = [
    f"DJANGO_SETTINGS_MODULE={os.environ.get('DJANGO_SETTINGS_MODULE', 'joud.settings.production')}"
]
