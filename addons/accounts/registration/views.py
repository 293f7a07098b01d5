"""Register, then verify the email address or phone number with a code or a link (POR-n)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from portal.ratelimit import client_address, hit

from ..models import ContactVerification
from . import services
from .forms import CodeForm, RegistrationForm

# Codes sent per account in ten minutes, across both channels.
RESEND_LIMIT = 3
# Registrations submitted per client address in an hour.
REGISTER_LIMIT = 10


def register(request):
    if request.user.is_authenticated:
        return redirect("/")
    if request.method == "POST":
        allowed, retry_after = hit(
            f"register:{client_address(request)}", limit=REGISTER_LIMIT, window=3600
        )
        if not allowed:
            response = render(request, "accounts/register.html", {"rate_limited": True}, status=429)
            response["Retry-After"] = str(retry_after)
            return response
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        user = services.account_register(
            kind=data["kind"],
            password=data["password1"],
            email=data["email"],
            phone=data["phone"],
            full_name=data["full_name"],
            identity_number=data["identity_number"],
            organisation_name=data["organisation_name"],
            tax_code=data["tax_code"],
            representative_name=data["representative_name"],
        )
        login(request, user, backend=settings.AUTHENTICATION_BACKENDS[0])
        channel = (
            ContactVerification.Channel.EMAIL if user.email else ContactVerification.Channel.SMS
        )
        _send(request, channel)
        return redirect("accounts:verify")
    return render(request, "accounts/register.html", {"form": form})


def _send(request, channel: str) -> bool:
    allowed, _retry = hit(f"verification-send:{request.user.pk}", limit=RESEND_LIMIT, window=600)
    if not allowed:
        messages.error(request, _("Too many codes were sent. Wait ten minutes and ask again."))
        return False
    try:
        verification = services.verification_issue(user=request.user, channel=channel)
    except services.VerificationError as error:
        messages.error(request, str(error))
        return False
    messages.info(
        request, _("We sent a code to %(destination)s.") % {"destination": verification.destination}
    )
    return True


@login_required
def verify(request):
    """Enter the code; or ask for a new one by email or text message."""
    user = request.user
    if user.is_contact_verified:
        return redirect("/")
    form = CodeForm(request.POST if "code" in request.POST else None)
    if request.method == "POST" and "channel" in request.POST:
        channel = request.POST["channel"]
        if channel in ContactVerification.Channel.values:
            _send(request, channel)
        return redirect("accounts:verify")
    if request.method == "POST" and form.is_valid():
        allowed, _retry = hit(f"verification-check:{client_address(request)}", limit=20, window=600)
        if not allowed:
            form.add_error("code", _("Too many tries. Wait ten minutes."))
        else:
            try:
                services.verification_check_code(user=user, code=form.cleaned_data["code"])
            except services.VerificationError as error:
                form.add_error("code", str(error))
            else:
                messages.success(request, _("Thank you: your account is verified."))
                return redirect("/")
    return render(
        request,
        "accounts/verify.html",
        {"form": form, "can_email": bool(user.email), "can_sms": bool(user.phone)},
    )


def verify_link(request, verification_id: int, token: str):
    try:
        services.verification_check_link(verification_id=verification_id, token=token)
    except services.VerificationError as error:
        messages.error(request, str(error))
        return redirect("accounts:verify" if request.user.is_authenticated else "accounts:login")
    messages.success(request, _("Thank you: your email address is verified."))
    return redirect("/" if request.user.is_authenticated else "accounts:login")
