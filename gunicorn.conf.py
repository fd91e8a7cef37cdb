"""gunicorn for the production profile. Workers sized to the machine unless told otherwise.

Sync workers, 2 per core + 1, each keeping its database connection (``DJANGO_CONN_MAX_AGE``).
Measured with ``make bench`` on 2 cores, quiet machine, signed webhooks at 32 and 64 connections:
sync 4-6 workers confirmed 862-905/s with p99 62-122 ms; gthread (2 x 8 or 4 x 4 threads) 686-918/s
with p99 87-269 ms: the same throughput, but threads in one process queue for the GIL and the
slowest requests wait far longer. Sync workers must sit behind a buffering proxy (nginx), so a
slow phone never holds a worker; ``JOUD_WORKER_CLASS=gthread JOUD_THREADS=8`` without one.
"""

import multiprocessing
import os

bind = os.environ.get("JOUD_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * multiprocessing.cpu_count() + 1))
threads = int(os.environ.get("JOUD_THREADS", "1"))
worker_class = os.environ.get("JOUD_WORKER_CLASS", "sync")
timeout = 30
graceful_timeout = 10
accesslog = os.environ.get("JOUD_ACCESS_LOG", None)
pythonpath = "src"
raw_env = [
    f"DJANGO_SETTINGS_MODULE={os.environ.get('DJANGO_SETTINGS_MODULE', 'joud.settings.production')}"
]
