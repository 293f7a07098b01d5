"""The request being served, for audit records made where no request is at hand (signals)."""

from contextvars import ContextVar

current_request: ContextVar = ContextVar("audit_current_request", default=None)


class AuditContextMiddleware:
    """Remember the request while it is served, so that a group change made in the admin is
    recorded with the administrator who made it and their address."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            current_request.reset(token)
