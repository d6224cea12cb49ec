"""Worker start-up benchmark: how long a Sanic worker takes from spawn to serving, side by side.

Three variants, each started as a real `sanic --factory` server (one worker, embedded SQLite and
fakeredis, so nothing else is needed) and timed until `/healthz` answers:

- `app`: the service as shipped (HEAD routes added once at build time, sanic-ext's auto routes off);
- `ext_auto`: the service with sanic-ext's HTTP_AUTO_HEAD/OPTIONS back on (the behaviour before the
  fix: every automatic route re-finalizes the router at start-up);
- `bare`: a bare Sanic app with the same number of routes and trivial handlers (the floor).

Inside each worker the factory records when it started and when the start-up listeners finished, so
the figures separate the import/build time from the listener time. Each variant runs `--rounds` times
and the median is printed as `BENCH startup key=value` lines, then the ratios.

Run: .venv/bin/python bench/startup.py [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
T_IMPORT = time.time()  # in a worker: when this module (the factory's module) began to load
VARIANTS = ("app", "ext_auto", "bare")


# ------------------------------------------------------------------ factories (run inside the worker)


def _instrument(app: Any, t_factory: float) -> Any:
    out = os.environ.get("BENCH_STARTUP_OUT")
    t_built = time.time()
    marks: dict[str, float] = {}

    @app.before_server_start(priority=10_000)  # type: ignore[call-arg]
    async def _first(app: Any) -> None:
        marks["listeners_start"] = time.time()

    @app.after_server_start
    async def _ready(app: Any) -> None:
        if not out:
            return
        record = {"pid": os.getpid(), "import": T_IMPORT, "factory": t_factory, "built": t_built,
                  "listeners_start": marks.get("listeners_start", t_built), "ready": time.time(),
                  "routes": len(app.router.routes)}
        with open(out, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(record) + "\n")

    return app


def app_factory() -> Any:
    t = time.time()
    sys.path.insert(0, str(REPO))
    from backend.app import create_app

    return _instrument(create_app(), t)


def ext_auto_factory() -> Any:
    t = time.time()
    sys.path.insert(0, str(REPO))
    import backend.app as app_module

    # The pre-fix behaviour: leave sanic-ext's automatic HEAD/OPTIONS on, add nothing at build time.
    app_module.disable_ext_auto_routes = lambda app: None  # type: ignore[assignment]
    app_module.add_head_routes = lambda app: 0  # type: ignore[assignment]
    return _instrument(app_module.create_app(), t)


def bare_factory() -> Any:
    t = time.time()
    from sanic import Sanic
    from sanic.response import json as json_response

    app = Sanic("bare_bench")
    app.config.HTTP_AUTO_HEAD = app.config.HTTP_AUTO_OPTIONS = app.config.CORS = False

    async def ok(request: Any, **_: Any) -> Any:
        return json_response({"status": "ok"})

    app.add_route(ok, "/healthz", name="healthz")
    for i in range(int(os.environ.get("BENCH_ROUTES", "200")) - 1):
        app.add_route(ok, f"/r{i}/<item_id:int>", name=f"r{i}")
    return _instrument(app, t)


# ------------------------------------------------------------------ the driver


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve_once(variant: str, env: dict[str, str], timeout: float) -> dict[str, float]:
    import httpx

    port = _free_port()
    out = Path(env["VAR_DIR"]) / f"startup-{variant}.jsonl"
    out.unlink(missing_ok=True)
    t_spawn = time.time()
    proc = subprocess.Popen(
        [sys.executable, "-m", "sanic", f"startup:{variant}_factory", "--factory", "--host", "127.0.0.1",
         "--port", str(port), "--workers", "1", "--no-motd"],
        cwd=REPO, env={**env, "BENCH_STARTUP_OUT": str(out), "PYTHONPATH": str(REPO / "bench")},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    try:
        deadline = t_spawn + timeout
        while time.time() < deadline:
            if proc.poll() is not None:
                raise SystemExit(f"{variant}: server exited with {proc.returncode}")
            try:
                if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.05)
        else:
            raise SystemExit(f"{variant}: not serving after {timeout}s")
        t_served = time.time()
        for _ in range(100):  # the worker writes its record in after_server_start, just before serving
            if out.exists() and out.read_text().strip():
                break
            time.sleep(0.05)
        worker = json.loads(out.read_text().strip().splitlines()[-1])
    finally:
        time.sleep(0.5)  # let Sanic acknowledge the worker: a stop during start-up is another matter
        proc.send_signal(15)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, 9)
            proc.wait()
    return {
        "total_s": t_served - t_spawn,
        "worker_start_s": worker["ready"] - worker["import"],
        "build_s": worker["built"] - worker["factory"],
        "listeners_s": worker["ready"] - worker["listeners_start"],
        "routes": worker["routes"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument("--variants", default=",".join(VARIANTS))
    args = parser.parse_args()

    var_dir = tempfile.mkdtemp(prefix="bench-startup-")
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(VAR_DIR=var_dir, APP_ENV="dev", LOG_LEVEL="WARNING", WECHAT_API_BASE="http://127.0.0.1:9/")
    subprocess.run([sys.executable, "-m", "backend", "migrate"], cwd=REPO, env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    results: dict[str, dict[str, float]] = {}
    for variant in args.variants.split(","):
        runs = []
        for _ in range(args.rounds):
            if variant == "bare":  # as many routes as the shipped app, counted in the same run
                env["BENCH_ROUTES"] = str(int(results.get("app", {}).get("routes", 226)))
            runs.append(_serve_once(variant, env, args.timeout))
        med = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
        results[variant] = med
        print(f"BENCH startup variant={variant} rounds={args.rounds} routes={int(med['routes'])} "
              f"worker_start_s={med['worker_start_s']:.2f} build_s={med['build_s']:.2f} "
              f"listeners_s={med['listeners_s']:.2f} total_s={med['total_s']:.2f}", flush=True)
    if "app" in results and "bare" in results:
        ratio = results["app"]["worker_start_s"] / results["bare"]["worker_start_s"]
        print(f"BENCH startup ratio=app/bare worker_start={ratio:.2f}")
    if "app" in results and "ext_auto" in results:
        ratio = results["ext_auto"]["listeners_s"] / results["app"]["listeners_s"]
        speedup = results["ext_auto"]["worker_start_s"] / results["app"]["worker_start_s"]
        print(f"BENCH startup ratio=ext_auto/app listeners={ratio:.2f} worker_start={speedup:.2f}")


if __name__ == "__main__":
    main()
