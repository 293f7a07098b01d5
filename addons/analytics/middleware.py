"""Record each page request as a `Visit`: one small INSERT after the response is ready."""

import logging

from django.conf import settings
from django.db import DatabaseError

from .services import visit_record

log = logging.getLogger(__name__)


class AccessLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.excluded = tuple(settings.ACCESS_LOG_EXCLUDE_PREFIXES)

    def __call__(self, request):
        response = self.get_response(request)
        if settings.ACCESS_LOG_ENABLED and not request.path.startswith(self.excluded):
            user = getattr(request, "user", None)
            try:
                visit_record(
                    path=request.path,
                    status=response.status_code,
                    signed_in=bool(user is not None and user.is_authenticated),
                    address=request.META.get("REMOTE_ADDR", ""),
                )
            except DatabaseError:
                # Counting a visit never costs the visitor their page.
                log.warning("access log: visit not recorded", exc_info=True)
        return response
