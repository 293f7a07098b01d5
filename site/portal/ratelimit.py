"""A small fixed-window rate limit on the shared cache (Redis in production)."""

import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, JsonResponse
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


class RateLimitMiddleware:
    """Limits by surface, per address and minute: sign-in attempts (every login page) and the
    API (SEC). The dossier lookup has its own, tighter limit on its views."""

    def __init__(self, get_response):
        self.get_response = get_response

    def _scope(self, request) -> tuple[str, int] | None:
        path = request.path_info
        if request.method == "POST" and path.endswith("/login/"):
            return "signin", settings.SIGNIN_RATE_LIMIT
        if path.startswith("/api/"):
            return "api", settings.API_RATE_LIMIT
        return None

    def __call__(self, request):
        scope = self._scope(request)
        if scope is not None:
            name, limit = scope
            allowed, retry_after = hit(f"{name}:{client_address(request)}", limit=limit, window=60)
            if not allowed:
                detail = _("Too many requests. Try again in a minute.")
                if name == "api":
                    response = JsonResponse({"error": "rate_limited", "detail": detail}, status=429)
                else:
                    response = HttpResponse(detail, status=429, content_type="text/plain")
                response["Retry-After"] = str(retry_after)
                return response
        return self.get_response(request)
