"""The on-disk index cache: one build per knowledge version, loaded by every other holder."""

from __future__ import annotations

import fcntl
import json
import logging
import shutil
import subprocess
import sys
import threading
from datetime import date
from pathlib import Path

import pytest

import bot.index_cache as index_cache
from bot import Engine, EngineHolder, KnowledgeBase, add_document
from bot.index_cache import IndexCache
from tests.bot.conftest import FIXTURES, REPO

QUESTIONS = [
    "联合党支部最多覆盖几个单位？",
    "社会组织怎么成立党组织？",
    "这份文件是哪天印发的",
    "谁负责活动异常名录",
    "理事会每年至少召开几次会议",
    "明天限号吗",
]
CHARTER = FIXTURES / "articles_kb" / "volunteer-association-charter.txt"


@pytest.fixture
def kb_dir(tmp_path: Path) -> Path:
    """A private copy of the shipped knowledge folder."""
    folder = tmp_path / "knowledge"
    shutil.copytree(REPO / "knowledge", folder)
    return folder


@pytest.fixture
def cache_dir(tmp_path: Path) -> Path:
    return tmp_path / "bot-index"


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Counts real index builds (one entry per build, naming the version built)."""
    calls: list[str] = []
    real = index_cache.build_index

    def counting(kb_dir: Path, *, today: date, heading_weight: float):  # type: ignore[no-untyped-def]
        kb, retriever = real(kb_dir, today=today, heading_weight=heading_weight)
        calls.append(kb.version)
        return kb, retriever

    monkeypatch.setattr(index_cache, "build_index", counting)
    return calls


def answers(engine: Engine) -> list[dict[str, object]]:
    """Every question's public answer plus its hit test, comparable across engines."""
    return [
        {"answer": engine.ask(q, session_id="s").to_dict(), "hits": [h.to_dict() for h in engine.hit_test(q)]}
        for q in QUESTIONS
    ]


def test_second_holder_loads_without_building(kb_dir: Path, cache_dir: Path, builds: list[str]) -> None:
    first = EngineHolder(kb_dir, cache_dir=cache_dir)
    assert first.engine.version and first.source == "built"
    second = EngineHolder(kb_dir, cache_dir=cache_dir)
    engine = second.engine
    assert second.source == "loaded"
    assert len(builds) == 1
    fresh = Engine(KnowledgeBase.load(kb_dir))
    assert engine.version == fresh.version
    assert answers(engine) == answers(fresh) == answers(first.engine)
    assert any(a["answer"]["citations"] for a in answers(engine))  # type: ignore[index]
    # The loaded knowledge base reads as if parsed from this folder today.
    assert engine.kb.path == kb_dir and engine.kb.as_of == date.today()
    assert {Path(d.path).parent for d in engine.kb.documents} == {kb_dir}


def test_without_cache_dir_nothing_is_written(kb_dir: Path, tmp_path: Path, builds: list[str]) -> None:
    holder = EngineHolder(kb_dir)
    assert holder.engine.ask(QUESTIONS[0]).answered
    assert holder.source == "memory" and builds == []  # the plain in-memory path, as before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["knowledge"]


def test_same_content_elsewhere_loads_with_its_own_paths(
    kb_dir: Path, cache_dir: Path, tmp_path: Path, builds: list[str]
) -> None:
    EngineHolder(kb_dir, cache_dir=cache_dir).reload_if_changed(force=True)
    other = tmp_path / "other"
    shutil.copytree(kb_dir, other)
    holder = EngineHolder(other, cache_dir=cache_dir)
    assert {Path(d.path).parent for d in holder.engine.kb.documents} == {other}
    assert holder.source == "loaded" and len(builds) == 1


def test_changed_document_builds_new_version_once(kb_dir: Path, cache_dir: Path, builds: list[str]) -> None:
    first = EngineHolder(kb_dir, cache_dir=cache_dir, check_interval=0)
    second = EngineHolder(kb_dir, cache_dir=cache_dir, check_interval=0)
    old = first.engine.version
    assert second.engine.version == old and second.source == "loaded"
    # Only the charter says this (基金会管理条例 now answers "理事会每年至少召开几次会议" too).
    assert not first.engine.ask("会长最高任职年龄是多少").answered

    add_document(kb_dir, "charter.txt", CHARTER.read_bytes())
    assert first.engine.ask("会长最高任职年龄是多少").answered
    new = first.engine.version
    assert new != old and first.source == "built"
    assert second.engine.version == new and second.source == "loaded"
    assert second.engine.ask("会长最高任职年龄是多少").citations[0].number == 11
    assert builds == [old, new]
    assert len(IndexCache(cache_dir).entries()) == 2


def test_code_change_invalidates_the_cache(
    kb_dir: Path, cache_dir: Path, builds: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    EngineHolder(kb_dir, cache_dir=cache_dir).reload_if_changed(force=True)
    monkeypatch.setattr(index_cache, "INDEX_FORMAT", index_cache.INDEX_FORMAT + 1)
    holder = EngineHolder(kb_dir, cache_dir=cache_dir)
    assert holder.engine.version and holder.source == "built"
    assert len(builds) == 2


def test_concurrent_holders_build_exactly_once(
    kb_dir: Path, cache_dir: Path, builds: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    real = index_cache.build_index

    def slow(kb_dir: Path, *, today: date, heading_weight: float):  # type: ignore[no-untyped-def]
        result = real(kb_dir, today=today, heading_weight=heading_weight)
        threading.Event().wait(0.3)  # keep the others waiting on the lock
        return result

    monkeypatch.setattr(index_cache, "build_index", slow)
    holders = [EngineHolder(kb_dir, cache_dir=cache_dir) for _ in range(6)]
    barrier = threading.Barrier(len(holders))
    errors: list[BaseException] = []

    def start(holder: EngineHolder) -> None:
        try:
            barrier.wait()
            holder.reload_if_changed(force=True)
        except BaseException as exc:  # re-raised in the main thread
            errors.append(exc)

    threads = [threading.Thread(target=start, args=(h,)) for h in holders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert len(builds) == 1
    assert sorted(str(h.source) for h in holders) == ["built"] + ["loaded"] * 5
    assert len({json.dumps(answers(h.engine), ensure_ascii=False) for h in holders}) == 1


def test_concurrent_processes_build_exactly_once(kb_dir: Path, cache_dir: Path) -> None:
    script = (
        "import sys; from bot import EngineHolder\n"
        "h = EngineHolder(sys.argv[1], cache_dir=sys.argv[2]); h.reload_if_changed(force=True)\n"
        "print(h.source, h.engine.version)\n"
    )
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(kb_dir), str(cache_dir)],
            cwd=REPO,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    outputs = [p.communicate(timeout=120)[0].split() for p in procs]
    assert all(p.returncode == 0 for p in procs)
    assert sorted(source for source, _ in outputs) == ["built", "loaded", "loaded"]
    assert len({version for _, version in outputs}) == 1
    assert len(IndexCache(cache_dir).entries()) == 1


@pytest.mark.parametrize(
    ("damage", "target"),
    [
        ("garbage", "state.pickle"),
        ("truncate", "body/data.csc.index.npy"),
        ("flip", "heading/indices.csc.index.npy"),  # same size, so only the checksum notices
        ("garbage", "manifest.json"),
        ("delete", "body/vocab.index.json"),
    ],
)
def test_corrupt_cache_file_falls_back_to_building(
    kb_dir: Path,
    cache_dir: Path,
    builds: list[str],
    caplog: pytest.LogCaptureFixture,
    damage: str,
    target: str,
) -> None:
    EngineHolder(kb_dir, cache_dir=cache_dir).reload_if_changed(force=True)
    (entry,) = IndexCache(cache_dir).entries()
    path = entry / target
    if damage == "garbage":
        path.write_bytes(b"\x80\x04not a cache file")
    elif damage == "truncate":
        path.write_bytes(path.read_bytes()[:40])
    elif damage == "flip":
        data = bytearray(path.read_bytes())
        data[-1] ^= 0xFF
        path.write_bytes(bytes(data))
    else:
        path.unlink()

    with caplog.at_level(logging.WARNING, logger="bot.index_cache"):
        holder = EngineHolder(kb_dir, cache_dir=cache_dir)
        engine = holder.engine
    assert holder.source == "built" and len(builds) == 2
    assert "unusable" in caplog.text
    assert answers(engine) == answers(Engine(KnowledgeBase.load(kb_dir)))
    # The entry was rewritten: the next holder loads it again.
    again = EngineHolder(kb_dir, cache_dir=cache_dir)
    assert again.engine.version == engine.version and again.source == "loaded"
    assert len(builds) == 2


def test_unwritable_cache_dir_builds_in_memory(
    kb_dir: Path, tmp_path: Path, builds: list[str], caplog: pytest.LogCaptureFixture
) -> None:
    blocked = tmp_path / "not-a-dir"
    blocked.write_text("a file where the cache folder should be")
    with caplog.at_level(logging.WARNING, logger="bot.index_cache"):
        holder = EngineHolder(kb_dir, cache_dir=blocked / "bot-index")
        assert holder.engine.ask(QUESTIONS[0]).answered
    assert holder.source == "memory" and len(builds) == 1
    assert "building the index in memory" in caplog.text


def test_store_failure_keeps_index_in_memory(
    kb_dir: Path, cache_dir: Path, builds: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(self: IndexCache, *args: object) -> Path:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(IndexCache, "_store", disk_full)
    holder = EngineHolder(kb_dir, cache_dir=cache_dir)
    assert holder.engine.ask(QUESTIONS[0]).answered
    assert holder.source == "memory" and IndexCache(cache_dir).entries() == []


def test_lock_timeout_builds_in_memory(kb_dir: Path, cache_dir: Path, builds: list[str]) -> None:
    cache = IndexCache(cache_dir, lock_timeout=0.2)
    cache_dir.mkdir()
    with open(cache_dir / ".lock", "a+b") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)  # a builder that never finishes
        index = cache.get(kb_dir, today=date.today())
    assert index.source == "memory" and len(builds) == 1
    assert cache.get(kb_dir, today=date.today()).source == "built"


def test_pruning_keeps_the_newest_versions(kb_dir: Path, cache_dir: Path, builds: list[str]) -> None:
    cache = IndexCache(cache_dir, keep=2)
    sidecar = kb_dir / "xuecheng-2020-31-social-org-guidance.raw.txt.meta.json"
    versions = []
    for i in range(4):
        # A retitled document is new content, hence a new knowledge version.
        sidecar.write_text(json.dumps({"title": f"第{i}版标题"}, ensure_ascii=False), encoding="utf-8")
        versions.append(cache.get(kb_dir, today=date.today()).kb.version)
    (cache_dir / ".tmp-crashed-builder").mkdir()
    sidecar.write_text(json.dumps({"title": "第4版标题"}, ensure_ascii=False), encoding="utf-8")
    versions.append(cache.get(kb_dir, today=date.today()).kb.version)

    assert len(set(versions)) == 5 and len(builds) == 5
    assert [p.name.rsplit("-", 1)[1] for p in cache.entries()] == [versions[4], versions[3]]
    assert not (cache_dir / ".tmp-crashed-builder").exists()
    # The kept previous version still loads (a worker that has not reloaded yet may want it).
    sidecar.write_text(json.dumps({"title": "第3版标题"}, ensure_ascii=False), encoding="utf-8")
    assert cache.get(kb_dir, today=date.today()).source == "loaded"
