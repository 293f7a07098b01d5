"""Sign-in pages and the staff OTP check: verify a token, or enrol a first device alone."""

from base64 import b32encode
from io import BytesIO

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp import match_token

from addons.audit.forms import SignInForm

from . import services
from .forms import TokenForm


def _next_url(request) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(candidate, {request.get_host()}, request.is_secure()):
        return candidate
    return "/admin/"


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = SignInForm  # says when the account is locked (OSS-6)
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        from .sso.providers import providers_all

        providers = providers_all()
        return {
            **super().get_context_data(**kwargs),
            "citizen_providers": [p for p in providers if not p.serves_staff],
            "staff_providers": [p for p in providers if p.serves_staff],
        }


class LogoutView(auth_views.LogoutView):
    """Sign out of the portal; after a sign-in through an identity provider, out of the provider
    too (single sign-out), which then sends the browser back to the portal."""

    def post(self, request, *args, **kwargs):
        from .sso.client import end_session_url
        from .sso.providers import provider_get
        from .sso.views import ID_TOKEN_KEY, PROVIDER_KEY

        provider = provider_get(request.session.get(PROVIDER_KEY, ""))
        id_token = request.session.get(ID_TOKEN_KEY, "")
        response = super().post(request, *args, **kwargs)
        if provider is not None:
            back = request.build_absolute_uri(self.get_success_url())
            url = end_session_url(provider, id_token, back)
            if url:
                return redirect(url)
        return response


@login_required
def otp_verify(request):
    """Xác thực hai lớp: a staff member proves they hold their device."""
    if request.user.is_verified():
        return redirect(_next_url(request))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            return redirect(_next_url(request))
        form.add_error("token", _("This code is not valid. Try the current code or a backup code."))
    return render(request, "accounts/otp_verify.html", {"form": form, "next": _next_url(request)})


def _qr_svg(data: str) -> str:
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = BytesIO()
    image.save(buffer)
    return buffer.getvalue().decode()


@login_required
def otp_enrol(request):
    """A new staff member links an authenticator app, then receives backup codes once."""
    user = request.user
    if not user.is_staff_member:
        return redirect("/")
    device = services.totp_device_get_or_create(user)
    if device.confirmed:
        messages.info(request, _("You already have an authenticator app. Enter its code."))
        return redirect(
            f"{reverse('accounts:otp_verify')}?{urlencode({'next': _next_url(request)})}"
        )
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            codes = services.backup_codes_issue(user)
            return render(
                request, "accounts/otp_enrolled.html", {"codes": codes, "next": _next_url(request)}
            )
        form.add_error(
            "token", _("This code is not valid. Check the time on your phone and retry.")
        )
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return render(
        request,
        "accounts/otp_enrol.html",
        {
            "form": form,
            "qr_svg": _qr_svg(device.config_url),
            "secret": secret,
            "next": _next_url(request),
        },
    )
