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
