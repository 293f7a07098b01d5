"""Identity providers from the OIDC_PROVIDERS setting (a JSON list in the environment).

One entry::

    {"name": "vneid", "label": "VNeID", "audience": "citizens",
     "issuer": "https://sso.example.gov.vn",          # or "discovery_url": ".../openid-configuration"
     "client_id": "portal", "client_secret": "...", "scopes": "openid profile email",
     "trust_identity_number": true,                    # the provider verifies identity numbers
     "claims": {"identity_number": "citizen_id", "email": "email",
                "email_verified": "email_verified", "name": "name", "phone": "phone_number"}}

`audience` is "citizens" (accounts are linked or created for applicants) or "staff" (only existing
staff accounts are linked; none is ever created).
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

CITIZENS = "citizens"
STAFF = "staff"

DEFAULT_CLAIMS = {
    "identity_number": "",
    "email": "email",
    "email_verified": "email_verified",
    "name": "name",
    "phone": "phone_number",
}


@dataclass(frozen=True)
class Provider:
    name: str
    label: str
    audience: str
    discovery_url: str
    client_id: str
    client_secret: str = field(repr=False)
    scopes: str = "openid"
    trust_identity_number: bool = False
    claims: tuple[tuple[str, str], ...] = ()

    def claim(self, key: str) -> str:
        """The provider's name for one of our claims ("" when it does not send it)."""
        return dict(self.claims).get(key, "")

    @property
    def serves_staff(self) -> bool:
        return self.audience == STAFF


def _provider_from(entry: dict) -> Provider:
    try:
        name = str(entry["name"])
        client_id = str(entry["client_id"])
    except KeyError as error:
        raise ImproperlyConfigured(f"OIDC_PROVIDERS: an entry lacks {error.args[0]!r}") from error
    discovery = entry.get("discovery_url") or ""
    if not discovery:
        issuer = entry.get("issuer") or ""
        if not issuer:
            raise ImproperlyConfigured(f"OIDC_PROVIDERS[{name}]: give issuer or discovery_url")
        discovery = issuer.rstrip("/") + "/.well-known/openid-configuration"
    audience = entry.get("audience", CITIZENS)
    if audience not in (CITIZENS, STAFF):
        raise ImproperlyConfigured(f"OIDC_PROVIDERS[{name}]: audience is 'citizens' or 'staff'")
    scopes = entry.get("scopes", "openid profile email")
    if "openid" not in scopes.split():
        raise ImproperlyConfigured(f"OIDC_PROVIDERS[{name}]: scopes must include 'openid'")
    claims = {**DEFAULT_CLAIMS, **(entry.get("claims") or {})}
    return Provider(
        name=name,
        label=str(entry.get("label") or name),
        audience=audience,
        discovery_url=discovery,
        client_id=client_id,
        client_secret=str(entry.get("client_secret", "")),
        scopes=scopes,
        trust_identity_number=bool(entry.get("trust_identity_number", False)),
        claims=tuple(sorted(claims.items())),
    )


def providers_all() -> list[Provider]:
    return [_provider_from(entry) for entry in getattr(settings, "OIDC_PROVIDERS", [])]


def provider_get(name: str) -> Provider | None:
    return next((p for p in providers_all() if p.name == name), None)


def check_providers(app_configs=None, **kwargs):
    """System check: a wrong OIDC_PROVIDERS entry stops `manage.py check` and start-up."""
    from django.core.checks import Error

    try:
        providers = providers_all()
    except ImproperlyConfigured as error:
        return [Error(str(error), id="accounts.E001")]
    names = [p.name for p in providers]
    if len(names) != len(set(names)):
        return [Error("OIDC_PROVIDERS: two providers have the same name", id="accounts.E002")]
    return []
