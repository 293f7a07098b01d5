"""Agencies and their units (cơ quan, đơn vị), a shared electronic catalogue (OSS-5)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Agency(models.Model):
    """Cơ quan, đơn vị: an agency, or a unit inside one, as a tree.

    `identifier` is the agency's mã định danh (Decision 20/2020/QĐ-TTg, e.g. `000.00.18.H40`); the
    dossier codes of the dossiers it receives start with it.
    """

    class Kind(models.TextChoices):
        MINISTRY = "ministry", _("Ministry or central agency")
        PROVINCE = "province", _("Provincial People's Committee")
        DEPARTMENT = "department", _("Provincial department")
        DISTRICT = "district", _("District-level agency (historical)")
        COMMUNE = "commune", _("Commune-level People's Committee")
        UNIT = "unit", _("Unit within an agency")
        GROUP = "group", _("Group of agencies (e.g. every commune People's Committee)")

    name = models.CharField(_("name"), max_length=255)
    identifier = models.CharField(_("identifier (mã định danh)"), max_length=40, blank=True)
    code = models.CharField(_("code"), max_length=40, blank=True, db_index=True)
    external_id = models.CharField(
        _("national catalogue id"), max_length=64, unique=True, null=True, blank=True
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["identifier"],
                condition=~models.Q(identifier=""),
                name="catalogue_agency_identifier_unique",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def key(self) -> str:
        """What filters and the API use to name this agency."""
        return self.identifier or self.code or self.external_id or str(self.pk)
