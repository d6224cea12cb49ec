"""Knowledge-base upload / replace / retire with effective dates, and hot reload."""

from __future__ import annotations

import shutil
import threading
from datetime import date, timedelta
from pathlib import Path

import pytest

from bot import EngineHolder, KnowledgeBase, add_document, list_documents, retire_document, seed_folder
from bot.kb import DEFAULT_KB_DIR
from tests.bot.conftest import FIXTURES

CHARTER = FIXTURES / "articles_kb" / "volunteer-association-charter.txt"
TODAY = date(2024, 6, 1)


@pytest.fixture()
def kb_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "kb"
    folder.mkdir()
    shutil.copy(DEFAULT_KB_DIR / "xuecheng-2020-31-social-org-guidance.raw.txt", folder)
    return folder


def test_shipped_file_is_unchanged() -> None:
    shipped = DEFAULT_KB_DIR / "xuecheng-2020-31-social-org-guidance.raw.txt"
    original = DEFAULT_KB_DIR.parent.parent / "shared" / "policy" / shipped.name
    if not original.exists():
        pytest.skip("shared policy folder not present")
    assert shipped.read_bytes() == original.read_bytes()


def test_version_is_a_content_hash(kb_dir: Path) -> None:
    first = KnowledgeBase.load(kb_dir, today=TODAY)
    assert KnowledgeBase.load(kb_dir, today=TODAY).version == first.version
    add_document(kb_dir, "charter.txt", CHARTER.read_bytes())
    assert KnowledgeBase.load(kb_dir, today=TODAY).version != first.version


def test_effective_dates(kb_dir: Path) -> None:
    add_document(kb_dir, "charter.txt", CHARTER.read_bytes(), effective_from=TODAY + timedelta(days=10))
    assert len(KnowledgeBase.load(kb_dir, today=TODAY).documents) == 1
    assert len(KnowledgeBase.load(kb_dir, today=TODAY + timedelta(days=10)).documents) == 2
    retire_document(kb_dir, "charter.txt", TODAY + timedelta(days=20))
    assert len(KnowledgeBase.load(kb_dir, today=TODAY + timedelta(days=19)).documents) == 2
    assert len(KnowledgeBase.load(kb_dir, today=TODAY + timedelta(days=20)).documents) == 1
    statuses = {s.name: s for s in list_documents(kb_dir, today=TODAY + timedelta(days=15))}
    assert statuses["charter.txt"].active and statuses["charter.txt"].retired_at == TODAY + timedelta(days=20)


def test_sidecar_title_override(kb_dir: Path) -> None:
    (kb_dir / "xuecheng-2020-31-social-org-guidance.raw.txt.meta.json").write_text(
        '{"title": "社会组织高质量发展指导意见"}', encoding="utf-8"
    )
    kb = KnowledgeBase.load(kb_dir, today=TODAY)
    assert kb.documents[0].meta.title == "社会组织高质量发展指导意见"
    assert kb.units[1].doc_title == "社会组织高质量发展指导意见"


@pytest.mark.parametrize("name", ["../evil.txt", "a/b.txt", ".hidden.txt", "notes.exe", ""])
def test_upload_rejects_bad_names(kb_dir: Path, name: str) -> None:
    with pytest.raises(ValueError):
        add_document(kb_dir, name, b"1.x")


def test_broken_upload_never_replaces_a_document(kb_dir: Path) -> None:
    target = kb_dir / "xuecheng-2020-31-social-org-guidance.raw.txt"
    before = target.read_bytes()
    with pytest.raises(Exception):  # noqa: B017 - python-docx raises its own error type for garbage
        add_document(kb_dir, "xuecheng-2020-31-social-org-guidance.raw.docx", b"not a zip")
    assert target.read_bytes() == before
    assert not (kb_dir / "xuecheng-2020-31-social-org-guidance.raw.docx").exists()


def test_retire_unknown_document(kb_dir: Path) -> None:
    with pytest.raises(FileNotFoundError):
        retire_document(kb_dir, "missing.txt", TODAY)


def test_holder_reindexes_without_restart(kb_dir: Path) -> None:
    holder = EngineHolder(kb_dir, check_interval=0)
    assert not holder.engine.ask("理事会每年至少召开几次会议").answered
    version = holder.engine.version
    add_document(kb_dir, "charter.txt", CHARTER.read_bytes())
    answer = holder.engine.ask("理事会每年至少召开几次会议")
    assert holder.engine.version != version
    assert answer.answered and answer.citations[0].number == 10
    retire_document(kb_dir, "charter.txt", date.today())
    assert not holder.engine.ask("理事会每年至少召开几次会议").answered


def test_holder_skips_rebuild_when_unchanged(kb_dir: Path) -> None:
    holder = EngineHolder(kb_dir, check_interval=0)
    engine = holder.engine
    assert holder.reload_if_changed() is False
    assert holder.engine is engine


def test_holder_is_safe_under_concurrent_readers(kb_dir: Path) -> None:
    holder = EngineHolder(kb_dir, check_interval=0)
    errors: list[BaseException] = []

    def ask_many() -> None:
        try:
            for _ in range(20):
                assert holder.engine.ask("联合党支部最多覆盖几个单位").answered
        except BaseException as exc:  # collected and re-raised in the main thread
            errors.append(exc)

    threads = [threading.Thread(target=ask_many) for _ in range(4)]
    for thread in threads:
        thread.start()
    add_document(kb_dir, "charter.txt", CHARTER.read_bytes())
    for thread in threads:
        thread.join()
    assert not errors


def test_fresh_engine_needs_no_folder_check_until_one_is_due(kb_dir: Path, monkeypatch) -> None:
    """What an event loop may call without a thread: the engine while no check is due, else None."""
    import bot.holder as holder_module

    clock = [1000.0]
    monkeypatch.setattr(holder_module.time, "monotonic", lambda: clock[0])
    holder = EngineHolder(kb_dir, check_interval=2.0)
    assert holder.fresh_engine() is None  # nothing built yet
    engine = holder.engine
    assert holder.fresh_engine() is engine
    add_document(kb_dir, "charter.txt", CHARTER.read_bytes())
    assert holder.fresh_engine() is engine  # within the interval: the folder is not looked at
    clock[0] += 2.5
    assert holder.fresh_engine() is None  # a check is due: the caller goes through the thread
    assert holder.engine.version != engine.version
    assert holder.fresh_engine() is holder.engine


def test_seeding_copies_only_what_the_folder_lacks_and_never_writes_the_shipped_set(tmp_path: Path) -> None:
    shipped = tmp_path / "shipped"
    shutil.copytree(DEFAULT_KB_DIR, shipped)
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in shipped.iterdir()}
    folder = tmp_path / "var" / "knowledge"
    names = [p.name for p in shipped.iterdir() if not p.name.endswith(".meta.json")]
    assert sorted(seed_folder(folder, shipped)) == sorted(names)
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == {k: v[0] for k, v in before.items()}
    assert all((folder / n).stat().st_mtime_ns == before[n][1] for n in before)  # same fingerprint in every worker
    # Staff replace one shipped document and retire another; a restart keeps both, a newly shipped one is added.
    name = "xuecheng-2020-31-social-org-guidance.raw.txt"
    add_document(folder, name, CHARTER.read_bytes())
    retire_document(folder, "cishan-fa-2023.md", TODAY)
    retired = (folder / "cishan-fa-2023.md.meta.json").read_bytes()
    shutil.copy(CHARTER, shipped / "new-charter.txt")
    assert seed_folder(folder, shipped) == ["new-charter.txt"]
    assert (folder / name).read_bytes() == CHARTER.read_bytes()
    assert (folder / "cishan-fa-2023.md.meta.json").read_bytes() == retired
    assert {p.name: p.read_bytes() for p in shipped.iterdir() if p.name != "new-charter.txt"} == {
        k: v[0] for k, v in before.items()}
    assert seed_folder(shipped, shipped) == []  # the folder is the shipped one: nothing to copy
