"""The README stays in step with the code: every setting is documented, the two commands lead."""

from __future__ import annotations

from pathlib import Path

from backend.settings import Settings

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_every_setting_has_a_row_in_the_settings_table():
    table = README.split("<!-- settings-table:start -->")[1].split("<!-- settings-table:end -->")[0]
    missing = [name.upper() for name in Settings.model_fields if f"`{name.upper()}`" not in table]
    assert missing == [], f"README settings table lacks: {missing}"


def test_readme_opens_with_the_two_commands():
    first_block = README.split("```bash", 1)[1].split("```", 1)[0]
    assert first_block.strip().splitlines()[0].startswith("make run")
    assert first_block.strip().splitlines()[1].startswith("make test")
