"""Policy bot benchmark: latency in process (and over HTTP if --url), QPS, index build on 1,000 docs,
and index build vs load from the on-disk index cache, each in a fresh process as a worker would.

Run: .venv/bin/python bench/bot.py [--docs 1000] [--url http://host/api/mp/v1/bot/ask --token T]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bot import Engine, EngineHolder, KnowledgeBase  # noqa: E402
from bot.evaluation import load_cases  # noqa: E402

QUESTION_FILES = [
    REPO / "evals" / "regression" / "own.jsonl",
    REPO / "evals" / "regression" / "heldout.jsonl",
    REPO.parent / "shared" / "bot-dev-questions.jsonl",
]


def questions() -> list[str]:
    """Every eval question available, answerable and not."""
    return [case.question for path in QUESTION_FILES if path.exists() for case in load_cases(path)]


def percentile(samples: list[float], share: float) -> float:
    """The sample at a given share of the sorted list."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def bench_in_process(engine: Engine, qs: list[str], *, rounds: int) -> dict[str, float]:
    """Latency percentiles and single-thread throughput of Engine.ask."""
    for q in qs:  # warm caches (jieba, numpy)
        engine.ask(q)
    samples = []
    started = time.perf_counter()
    for i in range(rounds):
        t0 = time.perf_counter()
        engine.ask(qs[i % len(qs)])
        samples.append((time.perf_counter() - t0) * 1000)
    elapsed = time.perf_counter() - started
    return {"p50_ms": percentile(samples, 0.5), "p99_ms": percentile(samples, 0.99), "qps": rounds / elapsed}


def bench_http(url: str, token: str | None, qs: list[str], *, rounds: int) -> dict[str, float]:
    """Latency percentiles and sequential throughput of the backend's bot endpoint."""
    import httpx

    headers = {"Authorization": f"Bearer {token}"} if token else {}
    samples = []
    with httpx.Client(timeout=10) as client:
        started = time.perf_counter()
        for i in range(rounds):
            t0 = time.perf_counter()
            response = client.post(
                url, json={"question": qs[i % len(qs)], "session_id": f"bench-{i}"}, headers=headers
            )
            response.raise_for_status()
            samples.append((time.perf_counter() - t0) * 1000)
        elapsed = time.perf_counter() - started
    return {"p50_ms": percentile(samples, 0.5), "p99_ms": percentile(samples, 0.99), "qps": rounds / elapsed}


def generate_documents(folder: Path, count: int, *, seed: int = 7) -> None:
    """Write `count` synthetic policy documents, alternating 1. items and 第X条 articles."""
    rng = random.Random(seed)
    source = (REPO / "knowledge" / "xuecheng-2020-31-social-org-guidance.raw.txt").read_text(encoding="utf-8")
    phrases = [p for p in source.replace("\n", "").split("，") if 6 <= len(p) <= 40]
    numerals = "一二三四五六七八九十"
    for n in range(count):
        lines = [f"关于第{n}批社会组织管理事项的通知", f"薛民字〔2024〕{n + 1}号", ""]
        for k in range(1, rng.randint(8, 14)):
            body = "，".join(rng.sample(phrases, 4)) + "。"
            if n % 2:
                label = numerals[k - 1] if k <= 10 else "十" + numerals[k - 11]
                lines.append(f"第{label}条 {body}")
            else:
                lines.append(f"{k}.{body}（责任单位：区民政局）")
        lines += ["", "薛城区民政局", "2024年1月1日"]
        (folder / f"doc-{n:04d}.txt").write_text("\n".join(lines), encoding="utf-8")


def bench_build(count: int) -> dict[str, float]:
    """Index build time, peak memory growth (RSS) and ask latency on a generated knowledge base."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        generate_documents(folder, count)
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.perf_counter()
        engine = Engine(KnowledgeBase.load(folder))
        build_s = time.perf_counter() - started
        # ru_maxrss is the process peak in KiB on Linux; its growth bounds what the build needed.
        peak = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before) * 1024
        stats = bench_in_process(
            engine, ["联合党支部覆盖单位", "活动异常名录怎么列入", "明天限号吗"], rounds=300
        )
        return {"units": len(engine.kb.units), "build_s": build_s, "peak_mb": peak / 2**20, **stats}


def _status_mb(field: str) -> float:
    """A memory figure of this process from /proc (0 where unavailable)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def child(kb_dir: str, cache_dir: str | None) -> None:
    """In a fresh process: get an engine like a worker does and print time, source and memory."""
    # VmHWM, not ru_maxrss: a child's ru_maxrss starts at its parent's peak (kept across fork/exec).
    before = (_status_mb("VmHWM"), _status_mb("RssAnon"), _status_mb("RssFile"))
    started = time.perf_counter()
    holder = EngineHolder(kb_dir, cache_dir=cache_dir)
    holder.reload_if_changed(force=True)
    seconds = time.perf_counter() - started
    after = (_status_mb("VmHWM"), _status_mb("RssAnon"), _status_mb("RssFile"))
    print(json.dumps({
        "source": holder.source,
        "seconds": seconds,
        "peak_mb": after[0] - before[0],
        "anon_mb": after[1] - before[1],  # private to this process
        "file_mb": after[2] - before[2],  # file pages (the mmapped arrays), shared through the page cache
        "units": len(holder.engine.kb.units),
    }))


def run_child(kb_dir: Path, cache_dir: Path | None) -> dict[str, float]:
    """Run `child` in a new interpreter (no warm jieba or index) and return its figures."""
    args = [sys.executable, __file__, "--child", str(kb_dir)] + ([str(cache_dir)] if cache_dir else [])
    out = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def bench_cache(kb_dir: Path) -> dict[str, dict[str, float]]:
    """A fresh worker building in memory, building and storing into the cache, and loading from it."""
    with tempfile.TemporaryDirectory() as tmp:
        cache_dir = Path(tmp) / "bot-index"
        rows = {"memory": run_child(kb_dir, None), "cache_build": run_child(kb_dir, cache_dir)}
        rows["cache_load"] = run_child(kb_dir, cache_dir)
        size = sum(p.stat().st_size for p in cache_dir.rglob("*") if p.is_file())
        rows["cache_load"]["disk_mb"] = rows["cache_build"]["disk_mb"] = size / 2**20
    assert rows["cache_build"]["source"] == "built" and rows["cache_load"]["source"] == "loaded", rows
    return rows


def main() -> int:
    """Run the benchmarks and print a table."""
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else None)
        return 0
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3000)
    parser.add_argument("--url", help="POST endpoint, e.g. http://127.0.0.1:8000/api/mp/v1/bot/ask")
    parser.add_argument("--token", help="bearer token for --url")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    qs = questions()
    started = time.perf_counter()
    engine = Engine(KnowledgeBase.load())
    shipped_build_s = time.perf_counter() - started
    rows = {"in_process": {**bench_in_process(engine, qs, rounds=args.rounds), "build_s": shipped_build_s}}
    if args.url:
        rows["http"] = bench_http(args.url, args.token, qs, rounds=min(args.rounds, 500))
    rows[f"build_{args.docs}_docs"] = bench_build(args.docs)
    workers = {"shipped": bench_cache(REPO / "knowledge")}
    with tempfile.TemporaryDirectory() as tmp:
        generate_documents(Path(tmp), args.docs)
        workers[f"{args.docs}_docs"] = bench_cache(Path(tmp))
    if args.json:
        print(json.dumps({**rows, "worker_start": workers}, indent=2))
        return 0
    print(f"{'benchmark':<18}{'p50 ms':>9}{'p99 ms':>9}{'qps':>9}{'build s':>9}{'peak MB':>9}{'units':>8}")
    for name, row in rows.items():
        cells = [row.get(k) for k in ("p50_ms", "p99_ms", "qps", "build_s", "peak_mb", "units")]
        print(
            f"{name:<18}"
            + "".join(
                f"{c:>9.2f}" if isinstance(c, float) else f"{c if c is not None else '-':>9}"
                for c in cells[:5]
            )
            + f"{cells[5] if cells[5] is not None else '-':>8}"
        )
    print()
    print("worker start (fresh process): memory = build in memory (no cache), cache_build = first worker")
    print("builds and stores, cache_load = every other worker; shared MB = mmapped file pages")
    print(
        f"{'kb':<12}{'mode':<13}{'seconds':>9}{'peak MB':>9}{'private MB':>12}{'shared MB':>11}"
        f"{'disk MB':>9}{'units':>8}"
    )
    for kb_name, modes in workers.items():
        for mode, row in modes.items():
            disk = f"{row['disk_mb']:>9.1f}" if "disk_mb" in row else f"{'-':>9}"
            print(
                f"{kb_name:<12}{mode:<13}{row['seconds']:>9.2f}{row['peak_mb']:>9.1f}"
                f"{row['anon_mb']:>12.1f}{row['file_mb']:>11.1f}{disk}{row['units']:>8}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
