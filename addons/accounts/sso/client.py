"""The relying party: Authlib's Django client does discovery, PKCE (S256), state and nonce, and
verifies the ID token (signature against the provider's JWKS, iss, aud, exp, nonce)."""

from urllib.parse import urlencode

from authlib.common.errors import AuthlibBaseError
from authlib.integrations.base_client import MismatchingStateError
from authlib.integrations.django_client import OAuth
from django.conf import settings
from joserfc.errors import BadSignatureError, ClaimError, ExpiredTokenError, JoseError
from requests import RequestException

from .providers import Provider

# One Authlib app per provider configuration; it caches the discovery document and the JWKS.
_apps: dict[Provider, object] = {}


class SignInError(Exception):
    """The provider's answer cannot be trusted; `reason` is a short code for the audit trail."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _app(provider: Provider):
    app = _apps.get(provider)
    if app is None:
        oauth = OAuth()
        app = oauth.register(
            provider.name,
            client_id=provider.client_id,
            client_secret=provider.client_secret,
            server_metadata_url=provider.discovery_url,
            client_kwargs={
                "scope": provider.scopes,
                "code_challenge_method": "S256",
                "default_timeout": getattr(settings, "OIDC_HTTP_TIMEOUT", 10.0),
            },
        )
        _apps[provider] = app
    return app


def authorize_redirect(request, provider: Provider, redirect_uri: str):
    """Send the browser to the provider; state, nonce and the PKCE verifier stay in the session."""
    try:
        return _app(provider).authorize_redirect(request, redirect_uri)
    except (RequestException, ValueError, RuntimeError) as error:
        raise SignInError("provider_unreachable") from error


def claims_from_callback(request, provider: Provider) -> tuple[dict, str]:
    """Exchange the code and return the verified ID token's claims and the token itself (to
    name the session when signing out at the provider), or raise `SignInError`."""
    if request.GET.get("error"):
        raise SignInError("provider_refused")
    app = _app(provider)
    try:
        # Authlib checks `aud` only when told to: name the issuer and this client explicitly.
        issuer = app.load_server_metadata().get("issuer", "")
        claims_options = {
            "iss": {"essential": True, "values": [issuer]},
            "aud": {"essential": True, "values": [provider.client_id]},
        }
        token = app.authorize_access_token(request, claims_options=claims_options, leeway=60)
    except MismatchingStateError as error:
        raise SignInError("bad_state") from error
    except BadSignatureError as error:
        raise SignInError("bad_signature") from error
    except ExpiredTokenError as error:
        raise SignInError("expired") from error
    except ClaimError as error:
        known = error.claim in ("iss", "aud", "nonce")
        raise SignInError(f"bad_{error.claim}" if known else "bad_token") from error
    except (JoseError, AuthlibBaseError, ValueError, KeyError) as error:
        raise SignInError("bad_token") from error
    except RequestException as error:
        raise SignInError("provider_unreachable") from error
    claims = token.get("userinfo")
    if not claims or not claims.get("sub"):
        raise SignInError("bad_token")
    return dict(claims), token.get("id_token", "")


def end_session_url(provider: Provider, id_token: str, return_to: str) -> str:
    """Where to send the browser to sign out at the provider too (OpenID Connect RP-initiated
    logout), or '' when the provider offers no such endpoint or cannot be reached."""
    try:
        endpoint = _app(provider).load_server_metadata().get("end_session_endpoint", "")
    except (RequestException, ValueError, RuntimeError):
        return ""
    if not endpoint:
        return ""
    query = {"client_id": provider.client_id, "post_logout_redirect_uri": return_to}
    if id_token:
        query["id_token_hint"] = id_token
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{urlencode(query)}"
