"""Sign in with an identity provider: start (redirect out), callback (verify, link, sign in)."""

import logging

from django.contrib import messages
from django.contrib.auth import authenticate, login, user_login_failed
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from addons.audit.forms import lock_message
from portal.ratelimit import client_address, hit

from . import client
from .providers import provider_get

log = logging.getLogger(__name__)

NEXT_KEY = "sso_next"
PROVIDER_KEY = "sso_provider"
ID_TOKEN_KEY = "sso_id_token"  # noqa: S105  # nosec B105: a session key's name

# What the person reads for each reason a provider's answer was refused.
REFUSALS = {
    "bad_state": gettext_lazy(
        "The sign-in could not be verified (its state did not match). Start again."
    ),
    "bad_nonce": gettext_lazy(
        "The sign-in could not be verified (the token was not issued for it)."
    ),
    "bad_signature": gettext_lazy(
        "The identity provider's token has an invalid signature. Nothing was done."
    ),
    "bad_iss": gettext_lazy(
        "The token was not issued by the expected identity provider. Nothing was done."
    ),
    "bad_aud": gettext_lazy("The token was not issued for this portal. Nothing was done."),
    "expired": gettext_lazy("The identity provider's token has expired. Start again."),
    "bad_token": gettext_lazy(
        "The identity provider's answer could not be verified. Nothing was done."
    ),
    "provider_refused": gettext_lazy("The identity provider did not sign you in."),
    "provider_unreachable": gettext_lazy(
        "The identity provider cannot be reached now. Try again later."
    ),
}


def _safe_next(request, candidate: str) -> str:
    if candidate and url_has_allowed_host_and_scheme(
        candidate, {request.get_host()}, request.is_secure()
    ):
        return candidate
    return ""


def _provider_or_404(name: str):
    provider = provider_get(name)
    if provider is None:
        raise Http404
    return provider


def _refuse(request, provider_name: str, reason: str, message: str):
    user_login_failed.send(
        sender=__name__,
        credentials={"oidc_provider": provider_name, "reason": reason},
        request=request,
    )
    log.info("OIDC sign-in refused: provider=%s reason=%s", provider_name, reason)
    messages.error(request, message)
    return redirect("accounts:login")


def start(request, provider_name: str):
    provider = _provider_or_404(provider_name)
    allowed, _retry = hit(f"sso:{client_address(request)}", limit=30, window=60)
    if not allowed:
        messages.error(request, _("Too many requests. Try again in a minute."))
        return redirect("accounts:login")
    request.session[NEXT_KEY] = _safe_next(request, request.GET.get("next", ""))
    callback = request.build_absolute_uri(reverse("sso:callback", args=[provider.name]))
    try:
        return client.authorize_redirect(request, provider, callback)
    except client.SignInError as error:
        return _refuse(request, provider.name, error.reason, REFUSALS[error.reason])


def callback(request, provider_name: str):
    provider = _provider_or_404(provider_name)
    try:
        claims, id_token = client.claims_from_callback(request, provider)
    except client.SignInError as error:
        return _refuse(request, provider.name, error.reason, REFUSALS[error.reason])
    user = authenticate(request, oidc_provider=provider.name, oidc_token_claims=claims)
    if user is None:
        refusal = getattr(request, "oidc_refusal", None)
        lock = getattr(request, "signin_lock", None)
        if lock is not None:
            refusal = lock_message(lock)
        messages.error(
            request, str(refusal) if refusal else _("This account cannot sign in. Contact support.")
        )
        return redirect("accounts:login")
    next_url = request.session.pop(NEXT_KEY, "")
    login(request, user)
    # Signing out of the portal signs out at the provider too (see `LogoutView`).
    request.session[PROVIDER_KEY] = provider.name
    request.session[ID_TOKEN_KEY] = id_token
    # Staff go on to their surface, where StaffOTPRequiredMiddleware asks for the second factor.
    default = "/admin/" if user.is_staff_member else "/"
    return redirect(next_url or default)
