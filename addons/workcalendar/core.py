"""The working calendar as a plain value: periods per weekday and per-date overrides, no database.

Every instant is handled in Vietnam's time (UTC+7, no daylight saving time), so that a working day
is a calendar date there whatever the server's or the request's time zone.
"""

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

VIETNAM_TZ = ZoneInfo("Asia/Ho_Chi_Minh")

# How far to look for the next working time before concluding that the calendar has none.
MAX_GAP_DAYS = 400

Period = tuple[time, time]
Interval = tuple[datetime, datetime]


class CalendarError(ValueError):
    """The calendar cannot answer: no working time at all within reach."""


def local(moment: datetime) -> datetime:
    """`moment` in Vietnam's time; naive datetimes are refused rather than guessed."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("A timezone-aware datetime is required.")
    return moment.astimezone(VIETNAM_TZ)


@dataclass(frozen=True)
class WorkingCalendar:
    """`week` maps a weekday (Monday 0) to its periods; `overrides` maps a date to the periods that
    replace its weekday's: empty for a holiday or a day off, a weekday's for a make-up day."""

    week: Mapping[int, tuple[Period, ...]]
    overrides: Mapping[date, tuple[Period, ...]] = field(default_factory=dict)

    @classmethod
    def build(
        cls,
        week: Mapping[int, list[Period] | tuple[Period, ...]],
        *,
        closed: set[date] | frozenset[date] = frozenset(),
        makeup: Mapping[date, int] | None = None,
    ) -> "WorkingCalendar":
        """`closed` dates are not worked; `makeup` dates are worked with the hours of a weekday."""
        normal = {wd: tuple(sorted(week.get(wd, ()))) for wd in range(7)}
        overrides: dict[date, tuple[Period, ...]] = dict.fromkeys(closed, ())
        for day, weekday in (makeup or {}).items():
            overrides[day] = normal[weekday]
        return cls(week=normal, overrides=overrides)

    # --- days -----------------------------------------------------------------------------------

    def periods(self, day: date) -> tuple[Period, ...]:
        if day in self.overrides:
            return self.overrides[day]
        return self.week.get(day.weekday(), ())

    def is_working_day(self, day: date) -> bool:
        return bool(self.periods(day))

    def intervals(self, day: date) -> list[Interval]:
        return [
            (
                datetime.combine(day, start, tzinfo=VIETNAM_TZ),
                datetime.combine(day, end, tzinfo=VIETNAM_TZ),
            )
            for start, end in self.periods(day)
        ]

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after `day`."""
        for offset in range(1, MAX_GAP_DAYS + 1):
            candidate = day + timedelta(days=offset)
            if self.is_working_day(candidate):
                return candidate
        raise CalendarError(f"No working day within {MAX_GAP_DAYS} days after {day}.")

    def day_start(self, day: date) -> datetime:
        return self.intervals(day)[0][0]

    def day_end(self, day: date) -> datetime:
        return self.intervals(day)[-1][1]

    # --- instants -------------------------------------------------------------------------------

    def iter_intervals(self, moment: datetime, until: date | None = None) -> Iterator[Interval]:
        """Working intervals that end after `moment`, in order; the first may have begun before it.

        Stops after `until` when given; raises CalendarError after a long stretch without work.
        """
        moment = local(moment)
        day, idle = moment.date(), 0
        while until is None or day <= until:
            found = False
            for start, end in self.intervals(day):
                if end > moment:
                    found = True
                    yield start, end
            idle = 0 if found else idle + 1
            if idle > MAX_GAP_DAYS:
                raise CalendarError(f"No working time within {MAX_GAP_DAYS} days of {moment}.")
            day += timedelta(days=1)

    def is_working_time(self, moment: datetime) -> bool:
        moment = local(moment)
        return any(start <= moment < end for start, end in self.intervals(moment.date()))

    def next_working_start(self, moment: datetime) -> datetime:
        """The start of the first working period that begins at or after `moment`."""
        moment = local(moment)
        for start, _end in self.iter_intervals(moment):
            if start >= moment:
                return start
        raise CalendarError(f"No working period after {moment}.")

    def clock_position(self, moment: datetime) -> datetime:
        """Where the working clock stands at `moment`: itself in working time, else the next start."""
        moment = local(moment)
        return moment if self.is_working_time(moment) else self.next_working_start(moment)

    def add_working_time(self, moment: datetime, duration: timedelta) -> datetime:
        """The instant at which `duration` of working time has elapsed after `moment`."""
        if duration < timedelta(0):
            raise ValueError("The working time to add must not be negative.")
        moment = local(moment)
        if not duration:
            return moment
        remaining = duration
        for start, end in self.iter_intervals(moment):
            begin = max(start, moment)
            if remaining <= end - begin:
                return begin + remaining
            remaining -= end - begin
        raise CalendarError(f"No working time after {moment}.")

    def working_time_between(self, a: datetime, b: datetime) -> timedelta:
        """Working time in [a, b); negative when b is before a."""
        a, b = local(a), local(b)
        if b < a:
            return -self.working_time_between(b, a)
        total = timedelta(0)
        for start, end in self.iter_intervals(a, until=b.date()):
            if start >= b:
                break
            total += min(end, b) - max(start, a)
        return total
