"""Online payment of a fee (OSS-2 "fees including online payment")."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .dossiers import Dossier, Fee


class Payment(models.Model):
    """Giao dịch thanh toán: one attempt to pay a fee through the payment gateway.

    The gateway's server-to-server notification settles it; the browser's return only shows it.
    """

    class State(models.TextChoices):
        PENDING = "pending", _("Awaiting the gateway")
        PAID = "paid", _("Paid")
        FAILED = "failed", _("Not paid")

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="payments")
    fee = models.ForeignKey(Fee, on_delete=models.PROTECT, related_name="payments")
    reference = models.CharField(_("transaction reference"), max_length=40, unique=True)
    amount = models.DecimalField(_("amount (VND)"), max_digits=14, decimal_places=0)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PENDING
    )
    payer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("payer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    settled_at = models.DateTimeField(_("settled"), null=True, blank=True)
    transaction_no = models.CharField(_("gateway transaction number"), max_length=60, blank=True)
    response_code = models.CharField(_("gateway response code"), max_length=10, blank=True)

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.reference}: {self.amount} ({self.get_state_display()})"
