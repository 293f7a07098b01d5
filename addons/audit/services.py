"""Writes to the audit trail and to the sign-in locks (OSS-6, SEC)."""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from portal.ratelimit import client_address

from .context import current_request
from .models import Action, AuditEntry, SignInLock

logger = logging.getLogger(__name__)


def _actor_snapshot(user) -> dict:
    if user is None or not getattr(user, "is_authenticated", False):
        return {}
    roles = ", ".join(sorted(user.groups.values_list("name", flat=True)))
    agency = getattr(user, "agency", None)
    return {
        "actor_id": user.pk,
        "actor_name": (user.get_full_name() or user.get_username())[:255],
        "actor_role": (roles or str(user.get_kind_display()))[:255],
        "actor_agency": str(agency)[:255] if agency else "",
        "username": user.get_username()[:150],
    }


def _object_fields(obj) -> dict:
    if obj is None:
        return {}
    return {
        "object_type": obj._meta.label_lower,
        "object_id": str(obj.pk),
        "object_repr": str(obj)[:255],
    }


def audit_record(
    *,
    action: Action,
    request=None,
    actor=None,
    obj=None,
    dossier=None,
    username: str = "",
    detail: dict | None = None,
    **fields,
) -> AuditEntry:
    """Append one entry. The actor and address come from `request` (or the request being served)
    unless given."""
    request = request if request is not None else current_request.get()
    if actor is None and request is not None:
        actor = getattr(request, "user", None)
    values = {**_actor_snapshot(actor), **_object_fields(obj), **fields}
    if username:
        values["username"] = username[:150]
    if request is not None:
        values.setdefault("address", client_address(request)[:45])
    if dossier is not None:
        values["dossier_id"] = dossier.pk
        values.setdefault("object_type", "dossiers.dossier")
        values.setdefault("object_id", str(dossier.pk))
        values.setdefault("object_repr", dossier.code or str(dossier.uuid))
    return AuditEntry.objects.create(action=action, detail=detail or {}, **values)


def dossier_access_record(request, dossier, *, document=None) -> AuditEntry:
    """Someone opened a dossier's personal data, or downloaded one of its files."""
    if document is None:
        return audit_record(action=Action.DOSSIER_VIEW, request=request, dossier=dossier)
    return audit_record(
        action=Action.DOCUMENT_DOWNLOAD,
        request=request,
        dossier=dossier,
        detail={"document": document.pk, "name": document.file.name.rsplit("/", 1)[-1]},
    )


def export_record(request, *, what: str, rows: int | None = None, **detail) -> AuditEntry:
    return audit_record(
        action=Action.EXPORT, request=request, object_type=what, detail={"rows": rows, **detail}
    )


# --- Sign-in locks ------------------------------------------------------------------------------


def account_key(username: str) -> str:
    return (username or "").strip().casefold()[:150]


def active_lock(*, username: str = "", address: str = "") -> SignInLock | None:
    """The lock that stops this sign-in now, if any: on the account first, then the address."""
    now = timezone.now()
    for scope, key in (
        (SignInLock.Scope.ACCOUNT, account_key(username)),
        (SignInLock.Scope.ADDRESS, address),
    ):
        if not key:
            continue
        lock = (
            SignInLock.objects.filter(scope=scope, key=key, released_at__isnull=True)
            .order_by("-created_at")
            .first()
        )
        if lock is not None and lock.is_active(now):
            return lock
    return None


def _failures_since(*, field: str, key: str, scope: SignInLock.Scope) -> int:
    """Failures within the window, counted after the last success and the last lock."""
    now = timezone.now()
    since = now - timedelta(seconds=settings.SIGNIN_LOCKOUT_WINDOW)
    last_lock = SignInLock.objects.filter(scope=scope, key=key).order_by("-created_at").first()
    if last_lock is not None:
        since = max(since, last_lock.released_at or last_lock.locked_until or now)
    if scope == SignInLock.Scope.ACCOUNT:
        success = (
            AuditEntry.objects.filter(action=Action.LOGIN, username__iexact=key, at__gte=since)
            .order_by("-at")
            .values_list("at", flat=True)
            .first()
        )
        since = max(since, success) if success else since
    return AuditEntry.objects.filter(
        action=Action.LOGIN_FAILED, at__gte=since, **{field: key}
    ).count()


def signin_failure_record(request, *, username: str) -> SignInLock | None:
    """Record a failed sign-in; lock the account or the address when it reaches its limit."""
    address = client_address(request)[:45] if request is not None else ""
    audit_record(
        action=Action.LOGIN_FAILED,
        request=request,
        actor=None,
        username=account_key(username),
        address=address,
    )
    checks = [
        (
            SignInLock.Scope.ACCOUNT,
            account_key(username),
            "username",
            settings.SIGNIN_LOCKOUT_FAILURES,
        ),
        (
            SignInLock.Scope.ADDRESS,
            address,
            "address",
            settings.SIGNIN_LOCKOUT_ADDRESS_FAILURES,
        ),
    ]
    for scope, key, field, limit in checks:
        if key and _failures_since(field=field, key=key, scope=scope) >= limit:
            return lock_create(scope=scope, key=key, reason=SignInLock.Reason.FAILURES)
    return None


@transaction.atomic
def lock_create(
    *,
    scope: SignInLock.Scope,
    key: str,
    reason: SignInLock.Reason,
    by=None,
    until=None,
) -> SignInLock:
    """Lock an account or an address: for the configured period after failures, or until `until`
    (none: until unlocked) when an administrator locks it, ending the account's open sessions."""
    if reason == SignInLock.Reason.FAILURES and until is None:
        until = timezone.now() + timedelta(seconds=settings.SIGNIN_LOCKOUT_DURATION)
    key = account_key(key) if scope == SignInLock.Scope.ACCOUNT else key
    lock = SignInLock.objects.create(
        scope=scope, key=key, reason=reason, locked_until=until, created_by=by
    )
    ended = 0
    if scope == SignInLock.Scope.ACCOUNT and reason == SignInLock.Reason.ADMINISTRATOR:
        # The administrator's lock puts the account out now, not at its next sign-in. A lock
        # after failed attempts does not: whoever guesses at a password must not be able to
        # sign its owner out.
        from addons.accounts.session import account_users, sessions_end

        ended = sessions_end(account_users(key))
    audit_record(
        action=Action.LOCK,
        actor=by,
        obj=lock,
        username=key if scope == SignInLock.Scope.ACCOUNT else "",
        detail={
            "scope": scope,
            "key": key,
            "reason": reason,
            "until": until.isoformat() if until else None,
            "sessions_ended": ended,
        },
    )
    logger.warning("Sign-in locked: %s %s (%s)", scope, key, reason)
    return lock


@transaction.atomic
def lock_release(*, lock: SignInLock, by) -> SignInLock:
    lock.released_at = timezone.now()
    lock.released_by = by
    lock.save(update_fields=["released_at", "released_by"])
    audit_record(
        action=Action.UNLOCK,
        actor=by,
        obj=lock,
        username=lock.key if lock.scope == SignInLock.Scope.ACCOUNT else "",
        detail={"scope": lock.scope, "key": lock.key},
    )
    return lock
