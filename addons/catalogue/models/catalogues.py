"""Shared electronic catalogues with stable codes (OSS-5): fields, administrative units, subject
types, result types and legal documents. Records from the national catalogue keep its id in
`external_id`, so that a re-import finds them again.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CatalogueEntry(models.Model):
    code = models.CharField(_("code"), max_length=100, blank=True, db_index=True)
    name = models.CharField(_("name"), max_length=1000)
    external_id = models.CharField(
        _("national catalogue id"), max_length=64, unique=True, null=True, blank=True
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def key(self) -> str:
        """What filters and the API use to name this entry: its code, else the national id."""
        return self.code or self.external_id or str(self.pk)


class Field(CatalogueEntry):
    """Lĩnh vực: a field of procedures, e.g. `G15-TP07` Hộ tịch."""

    class Meta(CatalogueEntry.Meta):
        verbose_name = _("field")
        verbose_name_plural = _("fields")


class AdministrativeUnit(CatalogueEntry):
    """Đơn vị hành chính: province, commune; districts are kept for history (abolished 2025)."""

    class Level(models.TextChoices):
        PROVINCE = "province", _("Province")
        DISTRICT = "district", _("District (historical)")
        COMMUNE = "commune", _("Commune")

    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )

    class Meta(CatalogueEntry.Meta):
        verbose_name = _("administrative unit")
        verbose_name_plural = _("administrative units")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(
                fields=["level", "code"],
                condition=~models.Q(code=""),
                name="catalogue_unit_code_unique",
            )
        ]


class SubjectType(CatalogueEntry):
    """Đối tượng thực hiện: who may apply, e.g. `ĐT1` Công dân Việt Nam."""

    class Meta(CatalogueEntry.Meta):
        verbose_name = _("subject type")
        verbose_name_plural = _("subject types")


class ResultType(CatalogueEntry):
    """Kết quả thực hiện: what a procedure produces, e.g. `KQ.G15.000031` Giấy khai sinh."""

    class Meta(CatalogueEntry.Meta):
        verbose_name = _("result type")
        verbose_name_plural = _("result types")


class LegalDocument(CatalogueEntry):
    """Văn bản pháp luật: a legal basis of procedures, e.g. Thông tư số 03/2023/TT-BTP."""

    name = models.CharField(_("name"), max_length=2000)

    class Meta(CatalogueEntry.Meta):
        verbose_name = _("legal document")
        verbose_name_plural = _("legal documents")
