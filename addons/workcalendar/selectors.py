"""The current working calendar, loaded from the database once and kept per process.

A version stamp in the shared cache tells every process (web, Celery) when an administrator has
changed the calendar: each read compares the stamp with the one it loaded under and reloads on a
mismatch. The stamp is read before the rows, so a change committed meanwhile is never hidden
behind a newer stamp. Changes are signalled at once and again after commit (see `signals`).
"""

import uuid

from django.core.cache import cache

from .core import WorkingCalendar

VERSION_KEY = "workcalendar:version"

_loaded: tuple[str, WorkingCalendar] | None = None


def calendar_load() -> WorkingCalendar:
    """Read the working week and every exception from the database."""
    from .models import CalendarDay, WorkingPeriod

    week: dict[int, list[tuple]] = {}
    for weekday, start, end in WorkingPeriod.objects.values_list("weekday", "start", "end"):
        week.setdefault(weekday, []).append((start, end))
    closed, makeup = set(), {}
    for day, kind, hours_from in CalendarDay.objects.values_list("date", "kind", "hours_from"):
        if kind == CalendarDay.Kind.MAKEUP:
            makeup[day] = hours_from
        else:
            closed.add(day)
    return WorkingCalendar.build(week, closed=closed, makeup=makeup)


def calendar_current() -> WorkingCalendar:
    """The calendar every computation uses unless it is given another."""
    global _loaded
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(VERSION_KEY)
    if version is None:  # a cache that keeps nothing (dummy): no way to hear of changes
        return calendar_load()
    loaded = _loaded
    if loaded is not None and loaded[0] == version:
        return loaded[1]
    calendar = calendar_load()
    _loaded = (version, calendar)
    return calendar


def calendar_invalidate() -> None:
    """Make every process reload the calendar on its next read."""
    global _loaded
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)
    _loaded = None
