"""SQL statements per request on the hot paths stay at or below what they are today.

Counted from Tortoise's query log (every statement the app sends through its connections; BEGIN and
COMMIT of a transaction are not logged and not counted). A change that adds a query to a hot path —
an N+1 in a page, a second user lookup — fails here before it shows up as a slower bench.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from tortoise import connections

from tests.factories import auth_headers, make_activity, make_org, make_user

# Ceilings: (SQLite, PostgreSQL). PostgreSQL claims a place and writes the signup in one statement.
CEILINGS = {
    "activity_list": (3, 2),  # PostgreSQL joins the caller's own statuses into the page
    "activity_detail": (3, 3),
    "signup_confirmed": (4, 3),
    "signup_waitlisted": (6, 4),
    "signup_double_tap": (7, 5),
    "directory": (3, 3),
    "my_signups": (2, 2),
    "inbox": (4, 4),
    "bot_ask": (2, 2),  # a resident: no organization lookup
}


class _Counter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.statements: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = str(record.msg)
        if "connection pool" in message:
            return
        self.statements.append(record.getMessage()[:2000])


@contextmanager
def counting() -> Iterator[_Counter]:
    logger = logging.getLogger("tortoise.db_client")
    counter = _Counter()
    level, propagate = logger.level, logger.propagate
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    logger.addHandler(counter)
    try:
        yield counter
    finally:
        logger.removeHandler(counter)
        logger.setLevel(level)
        logger.propagate = propagate


def _ceiling(name: str) -> int:
    sqlite, postgres = CEILINGS[name]
    return postgres if connections.get("default").capabilities.dialect == "postgres" else sqlite


async def _measure(client, name: str, method: str, path: str, **kwargs) -> list[str]:
    with counting() as counter:
        resp = await client.request(method, path, **kwargs)
    assert resp.status_code < 300, resp.text
    assert len(counter.statements) <= _ceiling(name), (name, counter.statements)
    return counter.statements


@pytest.fixture
async def world(app):
    org = await make_org()
    activity = await make_activity(org=org, capacity=1, waitlist_limit=5)
    for _ in range(3):
        await make_activity(org=org)
    residents = [await auth_headers(app.ctx.redis, await make_user()) for _ in range(3)]
    return activity, residents


async def test_reading_paths(client, world):
    activity, (resident, *_) = world
    await _measure(client, "activity_list", "GET", "/api/mp/v1/activities", headers=resident)
    await _measure(client, "activity_detail", "GET", f"/api/mp/v1/activities/{activity.id}", headers=resident)
    await _measure(client, "directory", "GET", "/api/mp/v1/orgs/", headers=resident)
    await _measure(client, "my_signups", "GET", "/api/mp/v1/me/signups", headers=resident)
    await _measure(client, "inbox", "GET", "/api/mp/v1/inbox", headers=resident)


async def test_signup_paths(client, world):
    activity, (first, second, _) = world
    url = f"/api/mp/v1/activities/{activity.id}/signups"
    await _measure(client, "signup_confirmed", "POST", url, headers=first)
    await _measure(client, "signup_waitlisted", "POST", url, headers=second)
    await _measure(client, "signup_double_tap", "POST", url, headers=first)


async def test_bot_ask(client, world):
    _, (resident, *_) = world
    await _measure(client, "bot_ask", "POST", "/api/mp/v1/bot/ask", headers=resident,
                   json={"question": "社会组织怎么申请公益创投？"})


async def test_the_counter_sees_statements(client, world):
    """The guard cannot pass vacuously: a page does run statements, and they are counted."""
    _, (resident, *_) = world
    with counting() as counter:
        await client.get("/api/mp/v1/activities", headers=resident)
    assert counter.statements and any("activity" in s.lower() for s in counter.statements)
