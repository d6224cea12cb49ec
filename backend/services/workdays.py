"""Working days on China's official calendar (chinese_calendar: statutory holidays and 调休 days).

The 公示 period is counted in working days: day one is the first working day after publication, so
a notice published the day before 国庆 runs past the whole holiday and counts the adjusted working
Saturday. Beyond the years the package knows, weekends are the only days off (logged, so a stale
package is noticed and upgraded).
"""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta
from typing import Annotated

import chinese_calendar
from pydantic import AfterValidator

from backend.services import clock

log = logging.getLogger(__name__)


def local(value: datetime) -> datetime:
    """An instant in Asia/Shanghai; naive input is Beijing time (what staff and phone users type).

    One zone for every stored instant: SQLite compares datetimes as text, offsets included.
    """
    if not 2000 <= value.year <= 2100:
        raise ValueError("时间应在 2000 年至 2100 年之间")
    return clock.local(value)


# A request field holding an instant: validated and normalised by `local`.
LocalDatetime = Annotated[datetime, AfterValidator(local)]


def is_workday(day: date) -> bool:
    """True on official working days, including 调休 weekends; weekdays only outside the known years."""
    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:
        log.warning("chinese_calendar has no data for %s; counting weekdays only", day.year)
        return day.weekday() < 5


def add_working_days(start: date, days: int) -> date:
    """The date of the `days`-th working day after `start` (start itself never counts)."""
    if days < 1:
        raise ValueError("days must be at least 1")
    current, counted = start, 0
    while counted < days:
        current += timedelta(days=1)
        if is_workday(current):
            counted += 1
    return current
