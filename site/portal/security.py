"""Security headers Django does not set itself: a Content Security Policy and a Permissions
Policy (SEC). Django's SecurityMiddleware already sends nosniff, Referrer-Policy and
Cross-Origin-Opener-Policy; the clickjacking middleware sends X-Frame-Options.

The portal and the back office get a strict policy (scripts and styles from our own files
only). The admins (Wagtail, Django) use inline scripts and styles, so they get their own policy
under their URL prefixes.
"""

from django.conf import settings


def _policy(directives: dict[str, str]) -> str:
    return "; ".join(f"{name} {value}".strip() for name, value in directives.items())


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.strict = _policy(settings.CONTENT_SECURITY_POLICY)
        self.admin = _policy(settings.CONTENT_SECURITY_POLICY_ADMIN)
        self.header = (
            "Content-Security-Policy-Report-Only"
            if settings.CONTENT_SECURITY_POLICY_REPORT_ONLY
            else "Content-Security-Policy"
        )

    def __call__(self, request):
        response = self.get_response(request)
        if self.header not in response:
            admin = request.path_info.startswith(settings.CSP_ADMIN_URL_PREFIXES)
            response[self.header] = self.admin if admin else self.strict
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
