"""The working week and its exceptions, kept by administrators (OSS-9)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class Weekday(models.IntegerChoices):
    """Python's numbering (`date.weekday()`): Monday is 0."""

    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class WorkingPeriod(models.Model):
    """Giờ làm việc: one span of working hours on a weekday, e.g. Monday 07:30–11:30.

    A weekday without any period is a weekly rest day.
    """

    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    start = models.TimeField(_("start time"))
    end = models.TimeField(_("end time"))

    class Meta:
        verbose_name = _("working period")
        verbose_name_plural = _("working periods")
        ordering = ["weekday", "start"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")),
                name="workcalendar_period_ends_after_start",
            ),
            models.UniqueConstraint(
                fields=["weekday", "start"], name="workcalendar_period_start_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.start:%H:%M}–{self.end:%H:%M}"

    def clean(self) -> None:
        if self.start is None or self.end is None or self.weekday is None:
            return
        if self.end <= self.start:
            raise ValidationError({"end": _("The end time must be after the start time.")})
        overlapping = WorkingPeriod.objects.filter(
            weekday=self.weekday, start__lt=self.end, end__gt=self.start
        ).exclude(pk=self.pk)
        if overlapping.exists():
            raise ValidationError(
                _("This period overlaps another period of the same weekday: %(period)s.")
                % {"period": overlapping.first()}
            )


class CalendarDay(models.Model):
    """An exception to the working week on one date: a holiday, a day off or a make-up day."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("Public holiday (nghỉ lễ, Tết)")
        DAY_OFF = "day_off", _("Day off (nghỉ bù, hoán đổi)")
        MAKEUP = "makeup", _("Make-up working day (ngày làm bù)")

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=255)
    hours_from = models.PositiveSmallIntegerField(
        _("working hours of"),
        choices=Weekday.choices,
        default=Weekday.MONDAY,
        help_text=_("For a make-up working day: the weekday whose working hours apply."),
    )
    confirmed = models.BooleanField(
        _("officially confirmed"),
        default=True,
        help_text=_(
            "Unticked when the date follows the law but the Government's announcement "
            "for that year was not checked."
        ),
    )
    source = models.CharField(_("source"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.name}"

    def clean(self) -> None:
        if (
            self.kind == self.Kind.MAKEUP
            and not WorkingPeriod.objects.filter(weekday=self.hours_from).exists()
        ):
            raise ValidationError(
                {"hours_from": _("This weekday has no working hours to work on a make-up day.")}
            )
