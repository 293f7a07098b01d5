"""The e-form (tờ khai điện tử) of a procedure: fields editors configure, each with help (POR-d)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable


class ProcedureFormField(Orderable):
    """Một trường của tờ khai: what the applicant fills in online, with the help shown beside it."""

    class Kind(models.TextChoices):
        TEXT = "text", _("Short text")
        TEXTAREA = "textarea", _("Long text")
        DATE = "date", _("Date")
        NUMBER = "number", _("Number")
        EMAIL = "email", _("Email")
        PHONE = "phone", _("Phone number")
        CHOICE = "choice", _("Choice from a list")
        CHECKBOX = "checkbox", _("Yes / no")

    class Prefill(models.TextChoices):
        NONE = "", _("Nothing")
        FULL_NAME = "full_name", _("Applicant's full name")
        IDENTITY_NUMBER = "identity_number", _("Personal identity number")
        PHONE = "phone", _("Phone number")
        EMAIL = "email", _("Email")
        ADDRESS = "address", _("Address (from the latest dossier)")

    page = ParentalKey(
        "catalogue.ProcedurePage", on_delete=models.CASCADE, related_name="form_fields"
    )
    key = models.SlugField(
        _("key"), max_length=50, help_text=_("Name of the value in the dossier, e.g. ho_ten_cha.")
    )
    label = models.CharField(_("label"), max_length=255)
    help_text = models.CharField(_("help text"), max_length=500, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.TEXT)
    required = models.BooleanField(_("required"), default=True)
    choices = models.TextField(
        _("choices"), blank=True, help_text=_("For a choice: one option per line.")
    )
    prefill = models.CharField(
        _("fill in from"), max_length=20, choices=Prefill.choices, blank=True
    )

    panels = [
        FieldPanel("key"),
        FieldPanel("label"),
        FieldPanel("help_text"),
        FieldPanel("kind"),
        FieldPanel("required"),
        FieldPanel("choices"),
        FieldPanel("prefill"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("form field")
        verbose_name_plural = _("form fields")
        constraints = [
            models.UniqueConstraint(fields=["page", "key"], name="catalogue_form_field_key")
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]
