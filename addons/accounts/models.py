"""The user model: citizens and organisations apply; staff belong to agencies and units."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """Người dùng. One model for applicants and staff, told apart by `kind`."""

    class Kind(models.TextChoices):
        PERSON = "person", _("Citizen")
        ORGANISATION = "organisation", _("Organisation or business")
        STAFF = "staff", _("Civil servant")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.PERSON)
    full_name = models.CharField(_("full name"), max_length=255, blank=True)
    identity_number = models.CharField(
        _("personal identity number"),
        max_length=12,
        blank=True,
        help_text=_("The 12-digit personal identification number (số định danh cá nhân)."),
    )
    phone = models.CharField(_("phone number"), max_length=20, blank=True)
    organisation_name = models.CharField(_("organisation name"), max_length=255, blank=True)
    tax_code = models.CharField(_("tax code"), max_length=14, blank=True)
    agency = models.ForeignKey(
        "catalogue.Agency",
        verbose_name=_("agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
    )
    unit = models.ForeignKey(
        "catalogue.Agency",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="unit_staff",
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def get_full_name(self) -> str:
        return self.full_name or super().get_full_name()

    @property
    def is_staff_member(self) -> bool:
        """Cán bộ: anyone who works in a staff surface (and so needs a verified OTP device)."""
        return self.is_staff or self.is_superuser or self.kind == self.Kind.STAFF
