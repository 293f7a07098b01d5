"""Nhật ký: the append-only audit trail, and the sign-in locks (OSS-6, SEC).

The audit table is not managed by Django: its migration creates it together with the triggers
that refuse UPDATE, DELETE and TRUNCATE, and leaving it out of `flush` keeps those triggers from
breaking the test database's resets. Rows point at users and dossiers without database
constraints, so that deleting a user or a dossier never has to touch the trail.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    LOGIN = "login", _("Signed in")
    LOGIN_FAILED = "login_failed", _("Sign-in failed")
    LOGIN_REFUSED = "login_refused", _("Sign-in refused (locked)")
    LOGOUT = "logout", _("Signed out")
    LOCK = "lock", _("Sign-in locked")
    UNLOCK = "unlock", _("Sign-in unlocked")
    PASSWORD_RESET_REQUESTED = "password_reset_requested", _("New password asked for")
    PASSWORD_RESET = "password_reset", _("New password set through a link")
    PASSWORD_CHANGE = "password_change", _("Password changed")
    ADMIN_CHANGE = "admin_change", _("Administrative change")
    PERMISSION_CHANGE = "permission_change", _("Permission change")
    DOSSIER_VIEW = "dossier_view", _("Dossier opened")
    DOCUMENT_DOWNLOAD = "document_download", _("Document downloaded")
    EXPORT = "export", _("Export")


DOSSIER_ACCESS_ACTIONS = (Action.DOSSIER_VIEW, Action.DOCUMENT_DOWNLOAD)


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("Audit entries are append-only.")

    def delete(self):
        raise TypeError("Audit entries are append-only.")


class AuditEntry(models.Model):
    """Bản ghi nhật ký: who did what, to what, when and from where. Never changed, never deleted."""

    at = models.DateTimeField(_("time"), default=timezone.now)
    action = models.CharField(_("action"), max_length=40, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    # Copies taken at the time, so that the record reads the same after the account changes.
    actor_name = models.CharField(_("user name"), max_length=255, blank=True)
    actor_role = models.CharField(_("role"), max_length=255, blank=True)
    actor_agency = models.CharField(_("agency"), max_length=255, blank=True)
    username = models.CharField(_("sign-in name"), max_length=150, blank=True)
    address = models.CharField(_("client address"), max_length=45, blank=True)
    object_type = models.CharField(_("object type"), max_length=100, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=255, blank=True)
    dossier = models.ForeignKey(
        "dossiers.Dossier",
        verbose_name=_("dossier"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    detail = models.JSONField(_("detail"), default=dict, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        managed = False
        db_table = "audit_auditentry"
        ordering = ["-at", "-pk"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")
        permissions = [("export_auditentry", "Can export the audit trail")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.action} {self.actor_name or self.username}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError("Audit entries are append-only.")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("Audit entries are append-only.")


class SignInLock(models.Model):
    """Khoá đăng nhập: an account or a client address that may not sign in until a time."""

    class Scope(models.TextChoices):
        ACCOUNT = "account", _("Account")
        ADDRESS = "address", _("Client address")

    class Reason(models.TextChoices):
        FAILURES = "failures", _("Repeated failed sign-ins")
        ADMINISTRATOR = "administrator", _("Locked by an administrator")

    scope = models.CharField(_("scope"), max_length=10, choices=Scope.choices)
    key = models.CharField(_("account or address"), max_length=150)
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    created_at = models.DateTimeField(_("locked at"), default=timezone.now)
    locked_until = models.DateTimeField(_("locked until"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("locked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    released_at = models.DateTimeField(_("unlocked at"), null=True, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("unlocked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["scope", "key", "created_at"])]
        verbose_name = _("sign-in lock")
        verbose_name_plural = _("sign-in locks")

    def __str__(self) -> str:
        return f"{self.get_scope_display()} {self.key}"

    def is_active(self, now=None) -> bool:
        now = now or timezone.now()
        return self.released_at is None and (self.locked_until is None or self.locked_until > now)
