"""When Redis or the database cannot be reached: a 503 with Retry-After, and one log line per outage.

A request that fails because a backing store is down is not a bug in that request: it gets the
typed 503 (`cache_unavailable`, `database_unavailable`) and no traceback. The first failure of an
outage is logged once, as one line; further failures are only counted, and the next line, when the
store fails again after a quiet spell, says how many requests the previous outage refused.

asyncpg raises plain OSError / TimeoutError when it cannot connect (Tortoise does not wrap them), so
such errors are attributed by the library that raised them, read from the traceback.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from types import TracebackType
from typing import Literal

from redis.asyncio import Redis
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from backend.errors import CacheUnavailable, DatabaseUnavailable, ServiceUnavailable

log = logging.getLogger("backend.outages")

Store = Literal["redis", "database", "response_timeout"]
QUIET_SECONDS = 30.0  # failures closer together than this belong to the same outage


def _database_errors() -> tuple[type[BaseException], ...]:
    from tortoise.exceptions import DBConnectionError

    found: list[type[BaseException]] = [DBConnectionError]
    try:
        import asyncpg.exceptions as pg
    except ImportError:  # pragma: no cover - asyncpg ships with tortoise-orm[asyncpg]
        return tuple(found)
    found += [pg.PostgresConnectionError, pg.ConnectionDoesNotExistError, pg.TooManyConnectionsError,
              pg.CannotConnectNowError, pg.AdminShutdownError, pg.CrashShutdownError]
    return tuple(found)


_DATABASE_ERRORS = _database_errors()


def _raised_in(tb: TracebackType | None) -> set[str]:
    """The top-level packages of the frames a traceback went through."""
    packages = set()
    while tb is not None:
        packages.add(str(tb.tb_frame.f_globals.get("__name__", "")).split(".", 1)[0])
        tb = tb.tb_next
    return packages


def store_of(exc: BaseException) -> Store | None:
    """Which backing store this exception says is unreachable, or None for any other failure."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, RedisConnectionError | RedisTimeoutError):
            return "redis"
        if isinstance(current, _DATABASE_ERRORS):
            return "database"
        if isinstance(current, OSError | TimeoutError):
            packages = _raised_in(current.__traceback__)
            if packages & {"asyncpg", "tortoise", "aiosqlite"}:
                return "database"
            if "redis" in packages:
                return "redis"
        current = current.__cause__ or current.__context__
    return None


@dataclass
class _Outage:
    started: float
    last: float
    refused: int = 1


@dataclass
class OutageLog:
    """Log the first failure of each outage as one line; count the rest."""

    quiet_seconds: float = QUIET_SECONDS
    open: dict[str, _Outage] = field(default_factory=dict)

    def report(self, store: Store, exc: BaseException | None = None, *, now: float | None = None) -> bool:
        """Count one refused request; True when this one was logged (a new outage)."""
        now = time.monotonic() if now is None else now
        outage = self.open.get(store)
        if outage is not None and now - outage.last < self.quiet_seconds:
            outage.last = now
            outage.refused += 1
            return False
        previous = f"; the previous one refused {outage.refused} requests" if outage is not None else ""
        reason = f"{type(exc).__name__}: {exc}" if exc is not None else "no answer in time"
        log.error("%s unavailable (%s): answering 503 until it is back%s", store, reason, previous)
        self.open[store] = _Outage(started=now, last=now)
        return True


OUTAGES = OutageLog()  # per worker: each logs its own first failure once

_ERRORS: dict[Store, type[ServiceUnavailable]] = {"redis": CacheUnavailable, "database": DatabaseUnavailable}


def unavailable(exc: BaseException) -> ServiceUnavailable | None:
    """The 503 to answer for this exception (logged once per outage), or None when no store is down."""
    store = store_of(exc)
    if store is None or store == "response_timeout":
        return None
    OUTAGES.report(store, exc)
    return _ERRORS[store]()


async def ensure_stores_reachable(redis: Redis) -> None:
    """Raise the 503 now, before a one-time credential (a wx.login code) is spent, if a store is down."""
    from backend.db import ping_db

    for store, probe in (("redis", redis.ping), ("database", ping_db)):
        try:
            await probe()
        except Exception as exc:
            refused = unavailable(exc)
            if refused is None:
                OUTAGES.report(store, exc)  # type: ignore[arg-type]
                refused = _ERRORS[store]()  # type: ignore[index]
            raise refused from None
