"""The framework's ceiling for one write per request, for `make bench` only.

Mounted by joud/urls.py ONLY when the environment has JOUD_BENCH_ENDPOINTS=1 (the bench script
sets it for its own gunicorn). It goes through the same middleware, server and settings as the
webhook, verifies nothing and inserts one row with raw SQL into ``bench_bare``, a table the bench
script creates itself (not a migration): confirmations per second divided by this endpoint's
requests per second is how close the webhook comes to what Django can do with one write.
"""

from __future__ import annotations

from django.db import connection
from django.http import JsonResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from joud.donations.fastpath import prepared_cursor


@csrf_exempt
@require_POST
def bare_insert(request):
    # The same way to the database as the confirmation (donations/fastpath.py): a prepared
    # statement on Django's kept connection, without the per-request health check that
    # ``connection.cursor()`` would add (one more round trip the webhook does not make).

    postgresql = connection.vendor == "postgresql"
    with prepared_cursor() if postgresql else connection.cursor() as cursor:
        cursor.execute("INSERT INTO bench_bare (body) VALUES (%s)", [request.body.decode()])
    return JsonResponse({"status": "ok"})


urlpatterns = [path("bench/bare/", bare_insert, name="bench_bare")]
