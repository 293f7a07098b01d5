"""Error pages rendered in the request's own thread.

Under ASGI, Django turns a view's exception (a 404 from Wagtail's page routing, say) into its page
through `sync_to_async(..., thread_sensitive=False)`: in a thread shared by every request, where
the page's database queries open a connection that nothing ever closes. With the connection pool
(settings, DATABASE_POOL) such connections never go back: a few 404s at once emptied a pool of
three for good. `process_exception` runs in the request's thread; this middleware, first in
MIDDLEWARE so that every other middleware's `process_exception` has had its turn, renders the
page there, as Django would have rendered it.
"""

from django.core.handlers.exception import response_for_exception


class ErrorPageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        return response_for_exception(request, exception)
