"""Appointment dates and deadlines in working days and working hours (OSS-9).

Every function takes the calendar as an optional keyword; without it, the administrators' calendar
(`selectors.calendar_current`, cached per process). Datetimes must be timezone-aware; results are in
Vietnam's time (Asia/Ho_Chi_Minh).

How the rules are read here:

- A deadline of N working days (Decree 61/2018 art. 17–19; Civil Code 2015 art. 147–148) starts to
  run on the working day after the day of receipt: the day of receipt does not count, whatever the
  hour. It ends at the close of the Nth working day (the end of its last working period, 17:00 in
  the default week). Weekends, public holidays and days off are skipped; make-up days count.
- The 15:00 rule (Decree 61/2018 art. 18.1): a paper dossier, at the desk or by post, received after
  15:00 goes to the handling unit at the start of the next working day, and is taken as received
  then; so is one received on a non-working day. An online dossier is received when it is
  submitted, or at the next working start when submitted outside working hours (at night, at lunch,
  on a holiday). Its date, not the 15:00 line, decides where counting starts.
- Working hours are counted only inside working periods: lunch, nights and non-working days do not
  count. This is the clock for step budgets, timeliness, and pauses while the applicant owes a
  supplement.
"""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from .core import CalendarError, WorkingCalendar, local
from .seed import calendar_seed
from .selectors import calendar_current, calendar_invalidate

__all__ = [
    "PAPER_CUTOFF",
    "CalendarError",
    "add_working_days",
    "add_working_hours",
    "calendar_defaults_ensure",
    "deadline_after_pause",
    "deadline_for",
    "effective_receipt",
    "is_working_day",
    "next_working_start",
    "working_hours_between",
    "working_periods",
    "working_time_between",
]

PAPER_CUTOFF = time(15, 0)
MICROSECONDS_PER_HOUR = 3_600_000_000


def _calendar(calendar: WorkingCalendar | None) -> WorkingCalendar:
    return calendar if calendar is not None else calendar_current()


def _as_date(day: date | datetime) -> date:
    return local(day).date() if isinstance(day, datetime) else day


def _hours(hours: int | float | Decimal) -> timedelta:
    amount = Decimal(str(hours))
    if amount < 0:
        raise ValueError("The number of working hours must not be negative.")
    return timedelta(microseconds=int(amount * MICROSECONDS_PER_HOUR))


def is_working_day(day: date | datetime, *, calendar: WorkingCalendar | None = None) -> bool:
    """Whether `day` (a date, or the local date of a datetime) has working hours."""
    return _calendar(calendar).is_working_day(_as_date(day))


def working_periods(
    day: date | datetime, *, calendar: WorkingCalendar | None = None
) -> list[tuple[datetime, datetime]]:
    """The working periods of `day` as (start, end) instants; empty on a non-working day."""
    return _calendar(calendar).intervals(_as_date(day))


def next_working_start(moment: datetime, *, calendar: WorkingCalendar | None = None) -> datetime:
    """The start of the first working period that begins at or after `moment`.

    Inside a period this is the start of the following one (09:00 gives 13:00 the same day).
    """
    return _calendar(calendar).next_working_start(moment)


def add_working_days(
    start: datetime, days: int, *, calendar: WorkingCalendar | None = None
) -> datetime:
    """The appointment instant for a deadline of `days` working days counted from `start`.

    Counting starts on the working day after the local date of `start` and ends at the close of the
    `days`-th working day: received Monday, 3 days, due Thursday 17:00. With 0 days (results the
    same day) it is the close of the working day on which the clock stands at `start`. Pass an
    effective receipt (`effective_receipt`) for the 15:00 rule.
    """
    if isinstance(days, bool) or not isinstance(days, int):
        raise TypeError("Working days must be a whole number; use hours for parts of a day.")
    if days < 0:
        raise ValueError("The number of working days must not be negative.")
    calendar = _calendar(calendar)
    if days == 0:
        return calendar.day_end(calendar.clock_position(start).date())
    day = local(start).date()
    for _ in range(days):
        day = calendar.next_working_day(day)
    return calendar.day_end(day)


def add_working_hours(
    start: datetime, hours: int | float | Decimal, *, calendar: WorkingCalendar | None = None
) -> datetime:
    """The instant at which `hours` working hours have run from `start`.

    Time outside working periods does not count: 4 hours from Monday 09:00 end at 14:30 (2.5 hours
    to 11:30, lunch, 1.5 hours from 13:00); from Monday 15:00 they end Tuesday 09:30. A budget that
    runs out exactly at the end of a period ends there, not at the next start.
    """
    return _calendar(calendar).add_working_time(start, _hours(hours))


def working_time_between(
    a: datetime, b: datetime, *, calendar: WorkingCalendar | None = None
) -> timedelta:
    """The working time elapsed from `a` to `b`, exactly; negative when `b` is before `a`."""
    return _calendar(calendar).working_time_between(a, b)


def working_hours_between(
    a: datetime, b: datetime, *, calendar: WorkingCalendar | None = None
) -> Decimal:
    """The working time from `a` to `b` in hours, to the microsecond; negative when `b` < `a`."""
    elapsed = working_time_between(a, b, calendar=calendar)
    microseconds = (elapsed.days * 86_400 + elapsed.seconds) * 1_000_000 + elapsed.microseconds
    return Decimal(microseconds) / Decimal(MICROSECONDS_PER_HOUR)


def effective_receipt(
    received_at: datetime, *, paper: bool, calendar: WorkingCalendar | None = None
) -> datetime:
    """When a dossier counts as received: the 15:00 rule for paper, working hours for online.

    Paper (desk or post): received on a working day at or before 15:00, as received; after 15:00
    or on a non-working day, at the start of the next working day. Online: as submitted within
    working hours, else at the next working start (a submission at 12:00 counts from 13:00 the
    same day; one at 18:00 from 07:30 the next working day).
    """
    calendar = _calendar(calendar)
    received_at = local(received_at)
    if not paper:
        return calendar.clock_position(received_at)
    day = received_at.date()
    if calendar.is_working_day(day) and received_at.time() <= PAPER_CUTOFF:
        return received_at
    return calendar.day_start(calendar.next_working_day(day))


def deadline_for(
    received_at: datetime,
    *,
    days: int | None = None,
    hours: int | float | Decimal | None = None,
    paper: bool,
    calendar: WorkingCalendar | None = None,
) -> datetime:
    """The due instant of a dossier received at `received_at` with a time limit in working days
    (appointment date, ngày hẹn trả) or in working hours (a step's budget): one of the two."""
    if (days is None) == (hours is None):
        raise ValueError("Give the time limit either in working days or in working hours.")
    calendar = _calendar(calendar)
    start = effective_receipt(received_at, paper=paper, calendar=calendar)
    if days is not None:
        return add_working_days(start, days, calendar=calendar)
    return add_working_hours(start, hours, calendar=calendar)


def deadline_after_pause(
    deadline: datetime,
    *,
    paused_at: datetime,
    resumed_at: datetime,
    calendar: WorkingCalendar | None = None,
) -> datetime:
    """The deadline moved by a pause (the clock stops while the applicant owes a supplement).

    The working time that was left at `paused_at` runs again from `resumed_at`. A deadline already
    passed when the clock stopped stays where it was.
    """
    calendar = _calendar(calendar)
    remaining = calendar.working_time_between(paused_at, deadline)
    if remaining <= timedelta(0):
        return local(deadline)
    return calendar.add_working_time(resumed_at, remaining)


def calendar_defaults_ensure() -> None:
    """Seed the default working week and the 2024–2027 holidays where they are missing."""
    from .models import CalendarDay, WorkingPeriod

    calendar_seed(WorkingPeriod, CalendarDay)
    calendar_invalidate()
