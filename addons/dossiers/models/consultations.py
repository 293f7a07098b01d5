"""Consultation (xin ý kiến): a step's handler asks another unit or agency, with a deadline (OSS-2)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .dossiers import Dossier, DossierDocument


class Consultation(models.Model):
    """Lấy ý kiến: one question to another unit, its deadline in working days and the answer.

    An open consultation holds the dossier at its step: the step (or the approval) cannot be
    completed until the unit answers or the handler withdraws the question.
    """

    class State(models.TextChoices):
        OPEN = "open", _("Awaiting the answer")
        ANSWERED = "answered", _("Answered")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="consultations")
    step = models.PositiveSmallIntegerField(_("step"), null=True, blank=True)
    unit = models.ForeignKey(
        "catalogue.Agency",
        verbose_name=_("consulted unit"),
        on_delete=models.PROTECT,
        related_name="consultations",
    )
    question = models.TextField(_("question"))
    days = models.PositiveSmallIntegerField(_("time to answer (working days)"))
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    asked_at = models.DateTimeField(_("asked"))
    due_at = models.DateTimeField(_("answer due"))
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.OPEN, db_index=True
    )
    answer = models.TextField(_("answer"), blank=True)
    attachment = models.ForeignKey(
        DossierDocument,
        verbose_name=_("attachment"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    closed_note = models.TextField(_("reason for withdrawing"), blank=True)

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["asked_at", "pk"]
        indexes = [models.Index(fields=["unit", "state", "due_at"])]

    def __str__(self) -> str:
        return f"{self.dossier} → {self.unit}"

    @property
    def is_open(self) -> bool:
        return self.state == self.State.OPEN
