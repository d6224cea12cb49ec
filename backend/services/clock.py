"""Time, in one place: the current instant, the district's zone, and the form instants take in the DB and API.

Every module reads the time through `clock.now()` (module attribute lookup, never `from clock import
now`), so tests move the clock at one patch point: `backend.services.clock.now`.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from tortoise.timezone import localtime

LOCAL_TZ = ZoneInfo("Asia/Shanghai")


def now() -> datetime:
    """The current instant, aware UTC."""
    return datetime.now(UTC)


def today() -> date:
    """Today's date in the district (Asia/Shanghai)."""
    return now().astimezone(LOCAL_TZ).date()


def utc(value: datetime) -> datetime:
    """Aware UTC, whole seconds; naive input is Beijing time (what a phone user types)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=LOCAL_TZ)
    return value.astimezone(UTC).replace(microsecond=0)


def local(value: datetime) -> datetime:
    """The instant in Asia/Shanghai; naive input is Beijing time."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=LOCAL_TZ)
    return value.astimezone(LOCAL_TZ)


def db_time(value: datetime) -> datetime:
    """A query parameter in the zone Tortoise stores in: SQLite compares datetimes as text."""
    return localtime(value)


def db_now() -> datetime:
    """Now, in the zone rows are stored and compared in (see `db_time`)."""
    return db_time(now())


def iso(value: date | datetime | None) -> str | None:
    """The one form an instant leaves the API in: ISO 8601 in Asia/Shanghai with its offset.

    Dates stay dates (`2026-12-02`); aware datetimes become `2026-12-02T09:30:00+08:00`.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return local(value).isoformat()
    return value.isoformat()
