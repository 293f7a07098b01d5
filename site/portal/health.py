"""`GET /healthz`: the state of each runtime piece, for load balancers and operators.

HTTP 503 when the database is down (nothing works without it); any other piece that is down makes
the overall status "degraded" with HTTP 200, since the portal still serves pages without it.
"""

import asyncio
import time
import uuid
from collections.abc import Callable

from asgiref.sync import async_to_sync
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

OK, DOWN, DEGRADED, DISABLED = "ok", "down", "degraded", "disabled"
TIMEOUT = 2.0


def check_database() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    found = {"status": OK, "vendor": connection.vendor}
    pool = getattr(connection, "pool", None)
    if pool is not None:
        # This process's pool: connections open, idle, and requests waiting for one.
        stats = pool.get_stats()
        found["pool"] = {
            "size": stats.get("pool_size", 0),
            "max_size": pool.max_size,
            "available": stats.get("pool_available", 0),
            "waiting": stats.get("requests_waiting", 0),
        }
    return found


def check_cache() -> dict:
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=5)
    if cache.get(key) != "1":
        return {"status": DOWN, "detail": "value written was not read back"}
    cache.delete(key)
    return {"status": OK, "backend": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]}


def check_channel_layer() -> dict:
    from channels.layers import get_channel_layer

    layer = get_channel_layer()

    async def roundtrip():
        channel = await layer.new_channel()
        await layer.send(channel, {"type": "healthz.ping"})
        return await layer.receive(channel)

    message = async_to_sync(asyncio.wait_for)(roundtrip(), TIMEOUT)
    if message.get("type") != "healthz.ping":
        return {"status": DOWN, "detail": "message sent was not received"}
    return {"status": OK, "backend": type(layer).__name__}


def check_broker() -> dict:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return {"status": DISABLED, "detail": "tasks run eagerly in the web process"}
    from portal.celery import app

    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=TIMEOUT)
    return {"status": OK, "transport": conn.transport_cls}


def check_search() -> dict:
    from search.health import search_status

    return search_status()


CHECKS: dict[str, Callable[[], dict]] = {
    "database": check_database,
    "cache": check_cache,
    "channel_layer": check_channel_layer,
    "broker": check_broker,
    "search": check_search,
}


def run_check(check: Callable[[], dict]) -> dict:
    started = time.monotonic()
    try:
        result = check()
    except Exception as exc:  # noqa: BLE001 - every failure is a finding to report, not a crash
        result = {"status": DOWN, "detail": f"{type(exc).__name__}: {exc}"[:300]}
    result["ms"] = round((time.monotonic() - started) * 1000, 1)
    return result


@never_cache
@require_GET
def healthz(request):
    pieces = {name: run_check(check) for name, check in CHECKS.items()}
    if pieces["database"]["status"] != OK:
        overall, code = DOWN, 503
    elif any(p["status"] in (DOWN, DEGRADED) for p in pieces.values()):
        overall, code = DEGRADED, 200
    else:
        overall, code = OK, 200
    return JsonResponse({"status": overall, "checks": pieces}, status=code)
