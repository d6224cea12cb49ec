"""Shared fixtures: one app, one database and one fake WeChat server per test session.

The same suite runs on the embedded defaults (SQLite + fakeredis) and on PostgreSQL + Redis: set
DATABASE_URL / REDIS_URL and nothing else changes. The database is migrated with the checked-in
aerich migrations (so the migrations themselves are under test); each test starts from empty tables
(reference regions excepted) and an empty Redis database.
"""

from __future__ import annotations

import os
import re
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from asgi_lifespan import LifespanManager
from sanic import Sanic
from tortoise import Tortoise, connections

from backend.app import create_app
from backend.db import dialect, migrate
from backend.seed import seed_regions
from backend.settings import Settings
from backend.wechat.fake_server import FakeWeChatServer

Sanic.test_mode = True
KEEP_TABLES = {"aerich", "region"}


@pytest.fixture(scope="session")
def fake_wechat() -> Iterator[FakeWeChatServer]:
    with FakeWeChatServer() as server:
        yield server


def _check_test_database(url: str) -> None:
    name = urlsplit(url).path.lstrip("/")
    if "test" not in name:
        pytest.exit(f"refusing to run tests against database {name!r}: its name must contain 'test'", 2)


async def _reset_pg_schema(url: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(url.replace("postgres://", "postgresql://", 1))
    try:
        await conn.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    finally:
        await conn.close()


@pytest.fixture(scope="session")
def settings(tmp_path_factory: pytest.TempPathFactory, fake_wechat: FakeWeChatServer) -> Settings:
    return Settings(
        app_env="test",
        var_dir=Path(tmp_path_factory.mktemp("var")),
        database_url=os.environ.get("DATABASE_URL", ""),
        redis_url=os.environ.get("REDIS_URL", ""),
        wechat_api_base=fake_wechat.base_url,
        wechat_app_id="wx_test_app",
        wechat_app_secret="test_secret_0123456789abcdef",
        log_level="WARNING",
    )


@pytest.fixture(scope="session")
async def app(settings: Settings) -> AsyncIterator[Sanic]:
    if not settings.embedded_db:
        _check_test_database(settings.database_url)
        await _reset_pg_schema(settings.database_url)
    await migrate(settings)
    application = create_app(settings)
    async with LifespanManager(application, startup_timeout=60):  # type: ignore[arg-type]
        await seed_regions()
        yield application


async def _truncate(settings: Settings) -> None:
    conn = connections.get("default")
    tables = [m._meta.db_table for m in Tortoise.apps["models"].values() if m._meta.db_table not in KEEP_TABLES]
    if dialect(settings) == "postgres":
        await conn.execute_script(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE;")
    else:
        await conn.execute_script("PRAGMA foreign_keys=OFF;" + "".join(f'DELETE FROM "{t}";' for t in tables)
                                  + "PRAGMA foreign_keys=ON;")


@pytest.fixture(autouse=True)
async def _clean_state(request: pytest.FixtureRequest) -> AsyncIterator[None]:
    """Empty tables and Redis after every test that used the app."""
    yield
    if "app" not in request.fixturenames:
        return
    application: Sanic = request.getfixturevalue("app")
    await _truncate(application.ctx.settings)
    await application.ctx.redis.flushdb()
    fake: FakeWeChatServer = request.getfixturevalue("fake_wechat")
    fake.state.reset()


# An instant as it may appear in a response: date, time, optional fraction and offset.
_INSTANT = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$")


# Text people typed that merely looks like a time: a subscribe message's template values.
_FREE_TEXT_KEYS = {"template_data"}


def foreign_instants(data: Any, path: str = "") -> list[str]:
    """Every instant in a JSON document not in the API's one form (`...+08:00`, see clock.iso)."""
    if isinstance(data, dict):
        if "template_id" in data and isinstance(data.get("data"), dict):  # a subscribe message: data is typed text
            data = {k: v for k, v in data.items() if k != "data"}
        return [bad for key, value in data.items() if key not in _FREE_TEXT_KEYS
                for bad in foreign_instants(value, f"{path}.{key}")]
    if isinstance(data, list):
        return [bad for i, value in enumerate(data) for bad in foreign_instants(value, f"{path}[{i}]")]
    if isinstance(data, str) and _INSTANT.match(data) and not data.endswith("+08:00"):
        return [f"{path or '.'}={data}"]
    return []


async def _check_instants(response: httpx.Response) -> None:
    """Fail the test on any JSON answer carrying an instant in another form (+00:00, Z, naive)."""
    if not response.headers.get("content-type", "").startswith("application/json"):
        return
    await response.aread()
    try:
        data = response.json()
    except ValueError:
        return
    bad = foreign_instants(data)
    assert not bad, f"{response.request.method} {response.request.url.path}: instants not in +08:00 form: {bad}"


@pytest.fixture
async def client(app: Sanic) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver",
                                 event_hooks={"response": [_check_instants]}) as http:
        yield http


class Login:
    """Sign in as any role through the dev-login route; returns auth headers. dev-login hands out no admin
    tokens, so an admin is created directly and given a token the way the password login does."""

    def __init__(self, client: httpx.AsyncClient, app: Sanic):
        self.client = client
        self.app = app
        self._n = 0

    async def __call__(self, role: str = "resident", *, openid: str | None = None,
                       scope_region_id: int | None = None) -> dict[str, str]:
        self._n += 1
        if role == "admin":
            from backend.auth import issue_token
            from backend.models.user import Role, User

            user = await User.get_or_none(openid=openid) if openid else None
            if user is None:
                user = await User.create(openid=openid or f"admin-{self._n}", role=Role.admin,
                                         scope_region_id=scope_region_id)
            settings = self.app.ctx.settings
            token = await issue_token(self.app.ctx.redis, user_id=user.id, ttl_seconds=settings.token_ttl_seconds)
            return {"Authorization": f"Bearer {token}"}
        payload = {"openid": openid or f"{role}-{self._n}", "role": role, "scope_region_id": scope_region_id}
        resp = await self.client.post("/api/mp/v1/auth/dev-login", json=payload)
        assert resp.status_code == 200, resp.text
        return {"Authorization": f"Bearer {resp.json()['token']}"}


@pytest.fixture
def login(client: httpx.AsyncClient, app: Sanic) -> Login:
    return Login(client, app)
