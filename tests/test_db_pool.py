"""The PostgreSQL pool: sized by settings, and no session reset round trip on every release."""

from __future__ import annotations

import pytest

from backend.db import tortoise_config
from backend.settings import Settings


def test_postgres_pool_takes_its_size_from_settings_and_keeps_sessions():
    config = tortoise_config(Settings(database_url="postgres://u@db:5432/app", db_pool_size=33))
    credentials = config["connections"]["default"]["credentials"]
    assert credentials["maxsize"] == 33 and credentials["minsize"] == 2
    assert callable(credentials["reset"])


def test_a_maxsize_in_the_url_wins():
    config = tortoise_config(Settings(database_url="postgres://u@db:5432/app?maxsize=7"))
    assert int(config["connections"]["default"]["credentials"]["maxsize"]) == 7


def test_sqlite_keeps_its_url(tmp_path):
    config = tortoise_config(Settings(database_url=f"sqlite://{tmp_path}/x.db", var_dir=tmp_path))
    assert config["connections"]["default"].startswith("sqlite")


async def test_released_connections_are_not_reset(app):
    """Each statement outside a transaction acquires and releases a connection; asyncpg's default reset
    sends a query on every release. Ours sends none, and an open transaction is still rolled back."""
    from tortoise import connections

    client = connections.get("default")
    if client.capabilities.dialect != "postgres":
        pytest.skip("PostgreSQL only")
    pool = client._pool
    async with pool.acquire() as conn:
        await conn.execute("SET application_name = 'pool-check'")
        pid = await conn.fetchval("SELECT pg_backend_pid()")
    # The same connection comes back with the session untouched (no RESET ALL was sent).
    for _ in range(pool.get_max_size()):
        async with pool.acquire() as conn:
            if await conn.fetchval("SELECT pg_backend_pid()") == pid:
                assert await conn.fetchval("SHOW application_name") == "pool-check"
                await conn.execute("RESET application_name")
                break
    else:
        pytest.fail("the connection did not come back")
