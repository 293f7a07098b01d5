"""Process templates (quy trình nội bộ): the ordered steps of a procedure at an agency."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProcessTemplate(models.Model):
    """Quy trình nội bộ: versioned; a dossier keeps the version it started with."""

    procedure = models.ForeignKey(
        "catalogue.Procedure",
        verbose_name=_("procedure"),
        on_delete=models.CASCADE,
        related_name="process_templates",
    )
    agency = models.ForeignKey(
        "catalogue.Agency",
        verbose_name=_("agency"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="process_templates",
        help_text=_("Empty: the default for every agency."),
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    is_active = models.BooleanField(_("in use"), default=True)
    is_default = models.BooleanField(_("derived automatically"), default=False)
    total_days = models.DecimalField(
        _("legal processing time (working days)"), max_digits=6, decimal_places=2
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("process template")
        verbose_name_plural = _("process templates")
        ordering = ["procedure", "agency", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["procedure", "agency", "version"], name="dossiers_template_version"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.procedure.code} v{self.version}"


class ProcessStep(models.Model):
    """One step: who is responsible (a role, optionally a unit) and its time budget."""

    class Role(models.TextChoices):
        RECEIVING_CLERK = "receiving_clerk", _("Receiving clerk")
        SPECIALIST = "specialist", _("Specialist")
        UNIT_HEAD = "unit_head", _("Unit head")
        AGENCY_LEADER = "agency_leader", _("Agency leader")

    template = models.ForeignKey(ProcessTemplate, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField(_("order"))
    name = models.CharField(_("name"), max_length=255)
    role = models.CharField(_("responsible role"), max_length=20, choices=Role.choices)
    unit = models.ForeignKey(
        "catalogue.Agency",
        verbose_name=_("responsible unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    budget_hours = models.DecimalField(
        _("time budget (working hours)"), max_digits=7, decimal_places=2
    )
    is_approval = models.BooleanField(_("approval step"), default=False)

    class Meta:
        verbose_name = _("process step")
        verbose_name_plural = _("process steps")
        ordering = ["template", "order"]
        constraints = [
            models.UniqueConstraint(fields=["template", "order"], name="dossiers_step_order")
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.name}"
