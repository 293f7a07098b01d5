"""Link a provider's verified claims to an account, or create a citizen's account (GEN-6, POR-e).

Rules, in order:
1. an identity already linked (provider + `sub`) signs its user in;
2. a citizens' provider links by identity number only when the provider is trusted to verify
   identity numbers, and only to an applicant account whose number was not merely self-declared;
   then by email only when the provider says `email_verified`; never to a staff account;
3. a citizens' provider otherwise creates a citizen account, marked identity-verified when the
   provider vouches for the number;
4. a staff provider links only to an existing staff account by verified email, and never creates
   one: staff accounts, their agency and roles come from an administrator.
"""

import secrets

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import ExternalIdentity, User
from .providers import Provider


class LinkRefused(Exception):
    """No account may be signed in; the message is for the person."""

    def __init__(self, message: str, reason: str):
        super().__init__(message)
        self.reason = reason


def _claim(claims: dict, provider: Provider, key: str) -> str:
    name = provider.claim(key)
    value = claims.get(name) if name else None
    return str(value).strip() if value not in (None, "") else ""


def _email_verified(claims: dict, provider: Provider) -> bool:
    name = provider.claim("email_verified")
    return bool(name) and claims.get(name) in (True, "true", "True", 1)


def _staff_q() -> Q:
    return Q(kind=User.Kind.STAFF) | Q(is_staff=True) | Q(is_superuser=True)


def _applicant_candidates():
    return User.objects.filter(is_active=True).exclude(_staff_q())


def _one(queryset, reason: str):
    found = list(queryset[:2])
    if len(found) > 1:
        raise LinkRefused(
            _(
                "Several accounts match your identity. Contact the portal's support so that an "
                "administrator links the right one."
            ),
            reason,
        )
    return found[0] if found else None


@transaction.atomic
def user_for_claims(*, provider: Provider, claims: dict) -> User:
    """The account these verified claims sign in, linked (or created) on the way."""
    subject = str(claims["sub"])
    now = timezone.now()
    identity = (
        ExternalIdentity.objects.select_related("user")
        .select_for_update()
        .filter(provider=provider.name, subject=subject)
        .first()
    )
    if identity is not None:
        user = identity.user
        if provider.serves_staff != user.is_staff_member:
            raise LinkRefused(_("This account cannot sign in through this provider."), "audience")
        identity.last_login_at = now
        identity.save(update_fields=["last_login_at"])
        return user

    email = _claim(claims, provider, "email").lower()
    email_verified = bool(email) and _email_verified(claims, provider)
    number = _claim(claims, provider, "identity_number") if provider.trust_identity_number else ""

    if provider.serves_staff:
        user = None
        if email_verified:
            user = _one(
                User.objects.filter(_staff_q(), is_active=True, email__iexact=email),
                "ambiguous",
            )
        if user is None:
            raise LinkRefused(
                _(
                    "No staff account matches this identity. Ask your administrator to create "
                    "your account with the email address of your organisation."
                ),
                "no_staff_account",
            )
        linked_by = "email"
    else:
        user, linked_by = None, ""
        if number:
            user = _one(
                _applicant_candidates()
                .filter(identity_number=number)
                .exclude(self_registered=True, identity_verified_at__isnull=True),
                "ambiguous",
            )
            linked_by = "identity_number"
        if user is None and email_verified:
            user = _one(
                _applicant_candidates()
                .filter(email__iexact=email)
                .exclude(self_registered=True, email_verified_at__isnull=True),
                "ambiguous",
            )
            linked_by = "email"
        if user is None:
            user = _citizen_create(provider=provider, claims=claims, email=email, number=number)
            linked_by = "created"
        _verified_facts_record(user, number=number, email=email if email_verified else "", now=now)

    ExternalIdentity.objects.create(
        user=user, provider=provider.name, subject=subject, linked_by=linked_by, last_login_at=now
    )
    return user


def _citizen_create(*, provider: Provider, claims: dict, email: str, number: str) -> User:
    user = User(
        username=f"{provider.name}-{secrets.token_hex(6)}",
        kind=User.Kind.PERSON,
        full_name=_claim(claims, provider, "name")[:255],
        email=email,
        identity_number=number[:12],
        phone=_claim(claims, provider, "phone")[:20],
    )
    user.set_unusable_password()
    user.save()
    return user


def _verified_facts_record(user: User, *, number: str, email: str, now) -> None:
    fields = []
    if number and user.identity_number == number and not user.identity_verified_at:
        user.identity_verified_at = now
        fields.append("identity_verified_at")
    if email and user.email.lower() == email and not user.email_verified_at:
        user.email_verified_at = now
        fields.append("email_verified_at")
    if fields:
        user.save(update_fields=fields)
