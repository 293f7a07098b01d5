"""The model backend with the lockout check in front: a locked account or address gets no
further, whichever backend would have answered."""

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied

from portal.ratelimit import client_address

from .services import active_lock


class LockoutModelBackend(ModelBackend):
    """First in AUTHENTICATION_BACKENDS, so that every `authenticate()` call (the password forms,
    and any single sign-on backend listed after it) is refused while a lock holds.

    Raising PermissionDenied stops `authenticate()` at once; Django then sends
    `user_login_failed`, which the audit trail records as a refused attempt.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        address = client_address(request) if request is not None else ""
        lock = active_lock(username=username or kwargs.get("username", "") or "", address=address)
        if lock is not None:
            if request is not None:
                request.signin_lock = lock
            raise PermissionDenied
        return super().authenticate(request, username=username, password=password, **kwargs)
