"""Every staff surface requires a verified django-otp device."""

from django.conf import settings
from django.http import HttpResponseForbidden
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

# The surfaces' own sign-in and sign-out pages stay reachable.
EXEMPT_SUFFIXES = ("/login/", "/logout/", "/password_reset/", "/jsi18n/")


class StaffOTPRequiredMiddleware:
    """At a staff URL, a signed-in user must be staff and must have passed the OTP check.

    Anonymous users are left to each surface's own login page. Citizens get 403. Staff without a
    verified device are sent to verify a token, or to enrol a device when they have none.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if (
            path.startswith(settings.STAFF_URL_PREFIXES)
            and request.user.is_authenticated
            and not path.endswith(EXEMPT_SUFFIXES)
        ):
            user = request.user
            if not user.is_staff_member:
                return HttpResponseForbidden(_("This area is for staff only."))
            if not user.is_verified():
                from django_otp import devices_for_user

                has_device = any(True for _d in devices_for_user(user, confirmed=True))
                target = "accounts:otp_verify" if has_device else "accounts:otp_enrol"
                return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
