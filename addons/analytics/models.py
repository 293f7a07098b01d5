"""Lượt truy cập: one row per page request, and the daily counts the statistics page reads."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Visit(models.Model):
    """One request. `address` is erased after ACCESS_LOG_ADDRESS_DAYS; the row stays counted."""

    at = models.DateTimeField(_("time"), db_index=True)
    path = models.CharField(_("path"), max_length=500)
    status = models.PositiveSmallIntegerField(_("status"))
    signed_in = models.BooleanField(_("signed in"), default=False)
    address = models.GenericIPAddressField(_("client address"), null=True, blank=True)

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        permissions = [("view_statistics", _("Can view access statistics"))]
        indexes = [
            models.Index(
                fields=["at"], name="visit_address_at", condition=models.Q(address__isnull=False)
            )
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.path}"


class DailyPageCount(models.Model):
    """Visits of one path on one day (local time), computed from `Visit` rows; recomputable."""

    day = models.DateField(_("day"))
    path = models.CharField(_("path"), max_length=500)
    visits = models.PositiveIntegerField(_("visits"), default=0)
    signed_in_visits = models.PositiveIntegerField(_("signed-in visits"), default=0)

    class Meta:
        verbose_name = _("daily page count")
        verbose_name_plural = _("daily page counts")
        constraints = [models.UniqueConstraint(fields=["day", "path"], name="daily_page_unique")]

    def __str__(self) -> str:
        return f"{self.day} {self.path}: {self.visits}"
