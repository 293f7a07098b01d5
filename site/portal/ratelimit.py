"""A small fixed-window rate limit on the shared cache (Redis in production)."""

import time
from functools import wraps

from django.core.cache import cache
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "unknown")


def hit(key: str, *, limit: int, window: int) -> tuple[bool, int]:
    """Count one hit on `key`; (allowed, seconds until the window ends)."""
    now = int(time.time())
    window_start = now - now % window
    bucket = f"ratelimit:{key}:{window_start}"
    cache.add(bucket, 0, timeout=window + 1)
    try:
        count = cache.incr(bucket)
    except ValueError:  # expired between add and incr
        cache.set(bucket, 1, timeout=window + 1)
        count = 1
    return count <= limit, window_start + window - now


def ratelimit(scope: str, *, limit: int, window: int = 60, template: str = ""):
    """Refuse with HTTP 429 past `limit` requests per `window` seconds from one address: JSON, or
    the page `template` with `rate_limited` set for the pages people read."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            allowed, retry_after = hit(
                f"{scope}:{client_address(request)}", limit=limit, window=window
            )
            if allowed:
                return view(request, *args, **kwargs)
            if template:
                response = render(request, template, {"rate_limited": True}, status=429)
            else:
                detail = _("Too many requests. Try again in a minute.")
                response = JsonResponse({"error": "rate_limited", "detail": detail}, status=429)
            response["Retry-After"] = str(retry_after)
            return response

        return wrapper

    return decorator
