"""Preferences of who is notified, every sending with its outcome, and the deadline warnings given."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    EMAIL = "email", _("Email")
    SMS = "sms", _("SMS")


class NotificationPreference(models.Model):
    """Kênh nhận thông báo: how one person wants to hear about their dossiers."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preference",
    )
    email = models.BooleanField(_("by email"), default=True)
    sms = models.BooleanField(_("by SMS"), default=True)
    language = models.CharField(
        _("language of the messages"),
        max_length=5,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return str(self.user)


class Delivery(models.Model):
    """One message for one event, on one channel, to one recipient: sent at most once."""

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    event = models.ForeignKey(
        "dossiers.DossierEvent",
        verbose_name=_("event"),
        on_delete=models.PROTECT,
        related_name="deliveries",
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    recipient = models.CharField(_("recipient"), max_length=254)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    language = models.CharField(_("language"), max_length=5, default=settings.LANGUAGE_CODE)
    subject = models.CharField(_("subject"), max_length=255, blank=True)
    body = models.TextField(_("text"))
    status = models.CharField(
        _("status"), max_length=10, choices=State.choices, default=State.PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    gateway_id = models.CharField(_("gateway message id"), max_length=100, blank=True)
    error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "channel", "recipient"], name="notifications_delivery_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} → {self.recipient}: {self.get_status_display()}"


class DeadlineWarning(models.Model):
    """A warning given about one deadline (of a step or of the dossier); recorded so it is given once."""

    class Kind(models.TextChoices):
        DUE_SOON = "deadline_warning", _("Deadline approaching")
        OVERDUE = "overdue", _("Overdue")
        APOLOGY_REMINDER = "apology_reminder", _("Reminder to issue form 04")

    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.CASCADE, related_name="deadline_warnings"
    )
    step_record = models.ForeignKey(
        "dossiers.StepRecord",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="deadline_warnings",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    due_at = models.DateTimeField(_("deadline"))
    event = models.ForeignKey(
        "dossiers.DossierEvent", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("deadline warning")
        verbose_name_plural = _("deadline warnings")
        constraints = [
            # Once per deadline: a new appointment date (form 04, a supplement) may be warned again.
            models.UniqueConstraint(
                fields=["dossier", "kind", "due_at"],
                condition=Q(step_record__isnull=True),
                name="notifications_warning_dossier_once",
            ),
            models.UniqueConstraint(
                fields=["step_record", "kind", "due_at"],
                condition=Q(step_record__isnull=False),
                name="notifications_warning_step_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.kind} {self.due_at:%Y-%m-%d %H:%M}"
