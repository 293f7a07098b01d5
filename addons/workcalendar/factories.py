import datetime

import factory

from .models import CalendarDay, Weekday, WorkingPeriod


class WorkingPeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkingPeriod

    weekday = Weekday.MONDAY
    start = datetime.time(7, 30)
    end = datetime.time(11, 30)


class CalendarDayFactory(factory.django.DjangoModelFactory):
    """A public holiday on a date of the distant future, unless told otherwise."""

    class Meta:
        model = CalendarDay

    date = factory.Sequence(lambda n: datetime.date(2090, 1, 1) + datetime.timedelta(days=n))
    kind = CalendarDay.Kind.HOLIDAY
    name = factory.Sequence(lambda n: f"Ngày nghỉ thử nghiệm {n}")
