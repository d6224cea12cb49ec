"""The checked-in aerich migrations describe exactly the current models, for both dialects."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

CHECK = """
import asyncio, sys
from pathlib import Path
from aerich import Command
from backend.db import tortoise_config
from backend.settings import Settings

async def main():
    settings = Settings(var_dir=Path(sys.argv[2]), database_url="", app_env="test")
    if sys.argv[3] == "postgres":
        settings = Settings(database_url="postgres://postgres@127.0.0.1:1/unused_offline", app_env="test")
    cmd = Command(tortoise_config=tortoise_config(settings), app="models", location=sys.argv[1])
    await cmd.init(offline=True)
    print("RESULT:", await cmd.migrate(name="drift", no_input=True, offline=True))

asyncio.run(main())
"""


@pytest.mark.parametrize("dialect", ["sqlite", "postgres"])
def test_models_have_no_unmigrated_changes(tmp_path, dialect):
    location = tmp_path / "migrations"
    shutil.copytree(ROOT / "migrations" / dialect, location)
    before = set((location / "models").iterdir())
    proc = subprocess.run([sys.executable, "-c", CHECK, str(location), str(tmp_path), dialect], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-3000:]
    created = set((location / "models").iterdir()) - before
    assert not created, (
        f"models changed without a migration ({dialect}); run `make migrations NAME=...`:\n"
        + "\n".join(p.read_text()[:2000] for p in created)
    )


def test_sqlite_migrations_add_foreign_keys_with_the_column():
    """SQLite has no ADD CONSTRAINT: the generator folds a new column's foreign key into its ADD."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from makemigrations import sqlite_foreign_keys

    up = ('    return """\n        ALTER TABLE "organization" ADD "charter_file_id" INT;\n'
          '        ALTER TABLE "organization" ADD CONSTRAINT "fk_x" FOREIGN KEY ("charter_file_id") '
          'REFERENCES "charter_file" ("id") ON DELETE RESTRICT;"""\n')
    assert sqlite_foreign_keys(up) == ('    return """\n        ALTER TABLE "organization" ADD "charter_file_id" INT '
                                       'REFERENCES "charter_file" ("id") ON DELETE RESTRICT;"""\n')
    down = ('    return """\n        ALTER TABLE "organization" DROP FOREIGN KEY "fk_x";\n'
            '        ALTER TABLE "organization" DROP COLUMN "charter_file_id";"""\n')
    assert "FOREIGN KEY" not in sqlite_foreign_keys(down) and "DROP COLUMN" in sqlite_foreign_keys(down)
    for path in (ROOT / "migrations" / "sqlite" / "models").glob("*.py"):
        assert "ADD CONSTRAINT" not in path.read_text(encoding="utf-8"), path.name
