"""Generate aerich migrations for both dialects from the current models.

aerich writes dialect-specific SQL, so the project keeps one migration folder per dialect
(migrations/sqlite, migrations/postgres). Each is generated against a scratch database brought to
the latest migration first, then `aerich migrate` diffs the models against it.

    python scripts/makemigrations.py NAME            # incremental migration on both dialects
    python scripts/makemigrations.py --fresh         # regenerate 0_init (only before any release)
"""

from __future__ import annotations

import argparse
import asyncio
import fcntl
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import asyncpg
from aerich import Command
from tortoise import Tortoise

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from backend.db import migrations_dir, tortoise_config  # noqa: E402
from backend.settings import Settings  # noqa: E402

PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
PG_SCRATCH = f"shezutong_makemigrations_{os.getpid()}"


async def _fresh_pg() -> str:
    conn = await asyncpg.connect(PG_ADMIN)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{PG_SCRATCH}"')
        await conn.execute(f'CREATE DATABASE "{PG_SCRATCH}"')
    finally:
        await conn.close()
    return f"postgres://postgres@127.0.0.1:5432/{PG_SCRATCH}"


async def _generate(settings: Settings, *, name: str, fresh: bool) -> None:
    location = migrations_dir(settings)
    if fresh and location.exists():
        shutil.rmtree(location)
    cmd = Command(tortoise_config=tortoise_config(settings), app="models", location=str(location))
    if not (location / "models").exists():
        await cmd.init_db(safe=True)
        print(f"{location}: initial migration written")
    else:
        await cmd.init()
        await cmd.upgrade(run_in_transaction=True)
        # init() read the last models state from the (then empty) scratch database; read it again now
        # that the existing migrations are applied, or aerich has nothing to diff against.
        await cmd.init()
        result = await cmd.migrate(name=name, no_input=True)
        print(f"{location}: {result or 'no changes'}")
    await Tortoise.close_connections()


_ADD_FK = re.compile(r'ALTER TABLE "(?P<table>\w+)" ADD CONSTRAINT "\w+" FOREIGN KEY \("(?P<col>\w+)"\) '
                     r'(?P<ref>REFERENCES "\w+" \("\w+"\) ON DELETE \w+( ON UPDATE \w+)?);\n?')
_DROP_FK = re.compile(r'\s*ALTER TABLE "\w+" DROP FOREIGN KEY "\w+";')


def sqlite_foreign_keys(sql: str) -> str:
    """SQLite has no ALTER TABLE … ADD CONSTRAINT: fold each foreign key aerich adds to a new column into the
    column's ADD (allowed for a nullable column), and drop the DROP FOREIGN KEY of the downgrade (the
    column's DROP takes its reference along)."""
    for match in list(_ADD_FK.finditer(sql)):
        column = f'ALTER TABLE "{match["table"]}" ADD "{match["col"]}" INT;'
        if column in sql:
            sql = sql.replace(match[0], "").replace(column, column[:-1] + f" {match['ref']};")
    return _DROP_FK.sub("", sql).replace(";\n        \"\"\"", ';"""').rstrip() + "\n"


def _patch_sqlite(location: Path, before: set[Path]) -> None:
    for path in set((location / "models").glob("*.py")) - before:
        path.write_text(sqlite_foreign_keys(path.read_text(encoding="utf-8")), encoding="utf-8")


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("name", nargs="?", default="update")
    parser.add_argument("--fresh", action="store_true")
    parser.add_argument("--dialect", choices=["sqlite", "postgres"], help="internal: one dialect per process")
    args = parser.parse_args()
    if args.dialect is None:
        # Tortoise keeps global state per process, so each dialect is generated in its own; a file
        # lock keeps two people (or agents) from rewriting the folders at the same time.
        with open(ROOT / "migrations" / ".lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            for dialect in ("sqlite", "postgres"):
                subprocess.run([sys.executable, __file__, *sys.argv[1:], "--dialect", dialect], check=True)
        return
    if args.dialect == "sqlite":
        with tempfile.TemporaryDirectory() as tmp:
            settings = Settings(var_dir=Path(tmp), database_url="")
            location = migrations_dir(settings)
            before = set((location / "models").glob("*.py"))
            await _generate(settings, name=args.name, fresh=args.fresh)
            _patch_sqlite(location, before)
    else:
        try:
            await _generate(Settings(database_url=await _fresh_pg()), name=args.name, fresh=args.fresh)
        finally:
            conn = await asyncpg.connect(PG_ADMIN)
            await conn.execute(f'DROP DATABASE IF EXISTS "{PG_SCRATCH}" WITH (FORCE)')
            await conn.close()


if __name__ == "__main__":
    asyncio.run(main())
