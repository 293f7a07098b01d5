"""The working calendar's tests run on the seeded calendar (a live-server test may have flushed it)."""

import pytest


@pytest.fixture(autouse=True)
def seeded_calendar(db):
    from addons.workcalendar.services import calendar_defaults_ensure

    calendar_defaults_ensure()
