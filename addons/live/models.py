"""The outbox of dossier events, and the messages between the agency and the applicant."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class OutboxEntry(models.Model):
    """One dossier event to publish, written in the transaction that records the event.

    `sent_to_layer_at` and `published_at` are set separately, so that a retry after the signal's
    receivers failed does not send the websocket message a second time.
    """

    event = models.OneToOneField(
        "dossiers.DossierEvent", on_delete=models.PROTECT, related_name="outbox_entry"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_to_layer_at = models.DateTimeField(_("sent to the websockets"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("outbox entry")
        verbose_name_plural = _("outbox entries")
        ordering = ["pk"]
        indexes = [
            models.Index(
                fields=["id"], name="live_outbox_pending", condition=Q(published_at__isnull=True)
            )
        ]

    def __str__(self) -> str:
        return f"{self.event_id} ({'published' if self.published_at else 'pending'})"


class DossierMessage(models.Model):
    """Trao đổi: a message between the handling agency and the applicant about one dossier."""

    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.CASCADE, related_name="messages"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    from_agency = models.BooleanField(_("from the agency"))
    body = models.TextField(_("message"))
    attachment = models.ForeignKey(
        "dossiers.DossierDocument",
        verbose_name=_("attachment"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    event = models.OneToOneField(
        "dossiers.DossierEvent", on_delete=models.PROTECT, related_name="message"
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("dossier message")
        verbose_name_plural = _("dossier messages")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.dossier_id}: {self.body[:40]}"
