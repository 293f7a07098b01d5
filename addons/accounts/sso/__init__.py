"""Centralised sign-in (GEN-6, POR-e, OSS-6): OpenID Connect, authorization code with PKCE.

`providers` reads the OIDC_PROVIDERS setting, `client` talks to a provider through Authlib
(discovery, PKCE, state, nonce, ID token signature via JWKS, iss, aud, exp), `services` links the
verified claims to an account, `backends` lets django.contrib.auth sign the account in.
"""
