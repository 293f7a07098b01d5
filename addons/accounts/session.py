"""Sessions: expiry after a period without activity, shorter for staff (GEN-6, article 8), and
each user's signed-in sessions, which a lock ends (OSS-6)."""

import time
from importlib import import_module

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect, resolve_url
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from .models import SignedInSession, User

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


def _session_store():
    """The session engine's store class, as `SessionMiddleware` takes it."""
    return import_module(settings.SESSION_ENGINE).SessionStore


def session_signed_in(sender, request, user, **kwargs) -> None:
    """`user_logged_in`: the session (its key already cycled by `login`) is the user's."""
    if getattr(request, "session", None) is not None and user is not None and user.pk is not None:
        session_track(request, user)


def session_track(request, user) -> None:
    """Note the request's session as the user's (after sign-in, or after its key changed)."""
    session = request.session
    if session.session_key is None:
        session.save()
    SignedInSession.objects.update_or_create(
        session_key=session.session_key, defaults={"user": user}
    )
    # The user's sessions that expired or were flushed since are forgotten here: few per user.
    store = _session_store()()
    held = SignedInSession.objects.filter(user=user).values_list("session_key", flat=True)
    stale = [key for key in held if not store.exists(key)]
    SignedInSession.objects.filter(session_key__in=stale).delete()


def session_signed_out(sender, request, user, **kwargs) -> None:
    """`user_logged_out`: the session is about to be flushed."""
    key = getattr(getattr(request, "session", None), "session_key", None)
    if key:
        SignedInSession.objects.filter(session_key=key).delete()


def sessions_end(users, *, keep: str | None = None) -> int:
    """End every session these users signed in with but the one keyed `keep` (their next request
    is anonymous); the number ended."""
    store = _session_store()
    ended = 0
    rows = SignedInSession.objects.filter(user__in=users).exclude(session_key=keep or "")
    for key in rows.values_list("session_key", flat=True):
        store(session_key=key).delete()
        ended += 1
    rows.delete()
    return ended


def account_users(key: str):
    """The users a sign-in name stands for (the lock's key: the name as typed, case aside)."""
    return User.objects.filter(username__iexact=key)
