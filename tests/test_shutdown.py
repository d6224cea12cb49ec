"""At SIGTERM, requests already connected but not yet started are answered, not dropped.

A real server (one worker) gets 40 connections, each with a request for a route that blocks the
event loop for 50 ms, so most of them wait in their connection while others run; SIGTERM arrives
then. Every client must get a whole HTTP response: the drained 200, or a 503 with Retry-After.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time

from tests.test_serve import ROOT, SANIC, _env, _free_port, _stop, _wait_for

CLIENTS = 300


async def _one(port: int, started: asyncio.Event) -> tuple[int, dict[str, str]] | str:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(b"GET /_test/block?ms=50 HTTP/1.1\r\nHost: t\r\n\r\n")
    await writer.drain()
    started.set()
    try:
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), timeout=30)
    except (asyncio.IncompleteReadError, ConnectionError) as exc:
        return f"dropped: {type(exc).__name__}"
    finally:
        writer.close()
    lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines[1:] if ": " in line)
    return int(lines[0].split()[1]), {k.lower(): v for k, v in headers.items()}


async def _burst_then_sigterm(port: int, pid: int) -> list:
    events = [asyncio.Event() for _ in range(CLIENTS)]
    tasks = [asyncio.create_task(_one(port, e)) for e in events]
    await asyncio.wait_for(asyncio.gather(*(e.wait() for e in events)), timeout=10)
    await asyncio.sleep(0.3)  # a handful have run; the rest are connected and waiting
    os.kill(pid, signal.SIGTERM)
    return await asyncio.gather(*tasks)


def test_sigterm_answers_every_connected_request(tmp_path):
    port = _free_port()
    env = _env(tmp_path, LOG_LEVEL="INFO")
    subprocess.run([sys.executable, "-m", "backend", "migrate"], cwd=ROOT, env=env, check=True, capture_output=True)
    proc = subprocess.Popen([SANIC, "tests.slow_app:create_slow_app", "--factory", "--host", "127.0.0.1",
                             "--port", str(port), "--workers", "1"], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        _wait_for(f"http://127.0.0.1:{port}/healthz", proc)
        time.sleep(1)  # past start-up: a stop during start-up is not what this checks
        loop = asyncio.new_event_loop()  # not asyncio.run(): it would unset the session's loop for later tests
        try:
            results = loop.run_until_complete(_burst_then_sigterm(port, proc.pid))
        finally:
            loop.close()
        proc.wait(timeout=30)
    finally:
        _stop(proc)
    dropped = [r for r in results if isinstance(r, str)]
    answered = [r for r in results if not isinstance(r, str)]
    assert dropped == [], f"{len(dropped)} of {CLIENTS} dropped; answered: {[s for s, _ in answered]}"
    for status, headers in answered:
        assert status == 200 or (status == 503 and "retry-after" in headers), (status, headers)
    assert proc.returncode == 0
