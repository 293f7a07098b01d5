"""Session expiry after a period without activity, shorter for staff (GEN-6, article 8)."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect, resolve_url
from django.utils.http import urlencode
from django.utils.translation import gettext as _

LAST_SEEN_KEY = "last_seen"
# Stamp the session at most once a minute, so that reading pages does not write it every time.
STAMP_EVERY = 60


def idle_timeout_for(user) -> int:
    if user.is_staff_member:
        return settings.SESSION_IDLE_TIMEOUT_STAFF
    return settings.SESSION_IDLE_TIMEOUT


class SessionIdleTimeoutMiddleware:
    """Sign out a user whose last request is older than their idle timeout."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            last_seen = request.session.get(LAST_SEEN_KEY)
            if last_seen is not None and now - last_seen > idle_timeout_for(user):
                logout(request)
                messages.info(request, _("You were signed out after a period without activity."))
                login_url = resolve_url(settings.LOGIN_URL)
                if request.method == "GET":
                    return redirect(f"{login_url}?{urlencode({'next': request.get_full_path()})}")
                return redirect(login_url)
            if last_seen is None or now - last_seen >= STAMP_EVERY:
                request.session[LAST_SEEN_KEY] = now
        return self.get_response(request)
