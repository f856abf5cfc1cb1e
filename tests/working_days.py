"""Working days (Monday to Friday) as the carriers' terms count them, for tests that
turn a published "N working days" into a date."""

from __future__ import annotations

import datetime as dt


def working_days_after(start: dt.date, count: int) -> dt.date:
    """The day `count` working days (Monday to Friday) after `start`."""
    day = start
    while count:
        day += dt.timedelta(days=1)
        count -= day.weekday() < 5
    return day
