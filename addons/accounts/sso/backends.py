"""An authentication backend, so that OpenID Connect sign-ins go through
django.contrib.auth.authenticate() and login() and fire their signals like any other."""

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied

from addons.audit.services import active_lock

from .providers import provider_get
from .services import LinkRefused, user_for_claims


class OIDCBackend(ModelBackend):
    """Authenticates verified ID token claims (never a password).

    The claims travel as `oidc_token_claims`: Django masks credentials named like a token in the
    user_login_failed signal, so identity numbers do not spread to its receivers.
    """

    def authenticate(self, request, oidc_provider=None, oidc_token_claims=None, **kwargs):
        if not oidc_provider or oidc_token_claims is None:
            return None
        provider = provider_get(oidc_provider)
        if provider is None:
            return None
        try:
            user = user_for_claims(provider=provider, claims=oidc_token_claims)
        except LinkRefused as refusal:
            if request is not None:
                request.oidc_refusal = refusal
            return None
        # The lockout backend could only check the address: the account is known only now.
        lock = active_lock(username=user.get_username())
        if lock is not None:
            if request is not None:
                request.signin_lock = lock
            raise PermissionDenied
        return user if self.user_can_authenticate(user) else None
