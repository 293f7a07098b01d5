"""An authentication backend placed first: a locked account or address gets no further."""

from django.core.exceptions import PermissionDenied

from portal.ratelimit import client_address

from .services import active_lock


class LockoutBackend:
    """Refuses every sign-in path (password, SSO) while a lock holds.

    Raising PermissionDenied stops `authenticate()` at once; Django then sends
    `user_login_failed`, which the audit trail records as a refused attempt.
    """

    def authenticate(self, request, username=None, **credentials):
        address = client_address(request) if request is not None else ""
        lock = active_lock(username=username or "", address=address)
        if lock is not None:
            if request is not None:
                request.signin_lock = lock
            raise PermissionDenied
        return None

    def get_user(self, user_id):
        return None
