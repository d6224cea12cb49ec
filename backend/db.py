"""Database lifecycle: Tortoise opens before the server starts and closes after it stops.

The same models run on PostgreSQL (asyncpg) and on the embedded SQLite file. Schema changes go
through aerich migrations; which migration folder applies depends on the dialect, because aerich
writes dialect-specific SQL.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from sanic import Sanic
from tortoise import Tortoise, connections
from tortoise.backends.base.config_generator import expand_db_url

from backend.settings import ROOT, Settings

log = logging.getLogger(__name__)

def _model_modules() -> list[str]:
    """Every module under backend/models; a new aggregate needs no registration here."""
    import pkgutil

    import backend.models

    return sorted(f"backend.models.{m.name}" for m in pkgutil.iter_modules(backend.models.__path__))


MODEL_MODULES = _model_modules()


def dialect(settings: Settings) -> str:
    return "sqlite" if settings.db_url.startswith("sqlite") else "postgres"


def migrations_dir(settings: Settings) -> Path:
    return ROOT / "migrations" / dialect(settings)


def tortoise_config(settings: Settings, *, with_aerich: bool = True) -> dict[str, Any]:
    """The Tortoise/aerich config for these settings."""
    url = settings.db_url
    if url.startswith("sqlite"):
        settings.var_dir.mkdir(parents=True, exist_ok=True)
    models = [*MODEL_MODULES, "aerich.models"] if with_aerich else list(MODEL_MODULES)
    return {
        "connections": {"default": url if url.startswith("sqlite") else _postgres(url, settings)},
        "apps": {"models": {"models": models, "default_connection": "default"}},
        "use_tz": True,
        "timezone": "Asia/Shanghai",
    }


async def _keep_session(connection: Any) -> None:
    """The pool's reset on release. asyncpg's default sends RESET ALL / UNLISTEN / advisory-unlock on
    every release — a round trip per statement outside a transaction. Nothing here sets session
    state (no LISTEN, SET or session advisory locks), and asyncpg still rolls back an open
    transaction before calling this, so there is nothing to reset."""


def _postgres(url: str, settings: Settings) -> dict[str, Any]:
    """The asyncpg connection config: a pool sized for the worker (settings.db_pool_size unless the
    URL says `maxsize`) that does not reset sessions it never changed."""
    config = expand_db_url(url)
    credentials = config["credentials"]
    credentials.setdefault("minsize", min(2, settings.db_pool_size))
    credentials.setdefault("maxsize", settings.db_pool_size)
    credentials["reset"] = _keep_session
    return config


async def open_db(settings: Settings) -> None:
    await Tortoise.init(config=tortoise_config(settings))
    if dialect(settings) == "sqlite":
        # WAL lets readers run beside the single writer; busy_timeout waits instead of failing.
        conn = connections.get("default")
        await conn.execute_script("PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000; PRAGMA foreign_keys=ON;")


async def close_db() -> None:
    await connections.close_all(discard=True)


async def migrate(settings: Settings) -> list[str]:
    """Apply every pending aerich migration for this dialect; returns the applied names."""
    from aerich import Command

    command = Command(
        tortoise_config=tortoise_config(settings), app="models", location=str(migrations_dir(settings))
    )
    await command.init()
    try:
        applied = await command.upgrade(run_in_transaction=True)
    finally:
        await close_db()
    return list(applied or [])


async def ping_db() -> None:
    conn = connections.get("default")
    await conn.execute_query("SELECT 1")


def setup_db(app: Sanic) -> None:
    """Register the open/close listeners for the database on this app."""
    settings: Settings = app.ctx.settings

    @app.before_server_start
    async def _open(app: Sanic) -> None:
        await open_db(settings)

    @app.after_server_stop
    async def _close(app: Sanic) -> None:
        await close_db()
