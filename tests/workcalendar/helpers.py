from datetime import datetime

from addons.workcalendar.core import VIETNAM_TZ


def vn(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """An instant in Vietnam's time."""
    return datetime(year, month, day, hour, minute, tzinfo=VIETNAM_TZ)
