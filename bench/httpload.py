"""HTTP load for the benches: wrk when it is installed (Debian's `wrk`), else a raw-socket client.

httpx tops out at a few hundred requests per second on this machine, below what the servers serve,
so a bench that measured through it measured the client. Both clients here are measured against a
trivial handler in the same run (`ceiling`), so a report can say whether the client was the limit.
"""

from __future__ import annotations

import asyncio
import re
import shutil
import subprocess
import time
from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass(frozen=True, slots=True)
class Load:
    rps: float
    errors: int
    client: str


def _request(url: str, *, method: str = "GET", headers: dict[str, str] | None = None, body: bytes = b"") -> bytes:
    parts = urlsplit(url)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    lines = [f"{method} {target} HTTP/1.1", f"Host: {parts.netloc}", "Connection: keep-alive"]
    lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
    if body or method != "GET":
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


async def _read_response(reader: asyncio.StreamReader) -> int:
    """Read one response (Content-Length framed, as Sanic sends); returns the status code."""
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head[9:12])
    match = re.search(rb"(?i)\r\ncontent-length:\s*(\d+)", head)
    if match:
        await reader.readexactly(int(match.group(1)))
    return status


async def raw_rps(url: str, *, duration: float, connections: int, headers: dict[str, str] | None = None) -> Load:
    """Keep-alive GETs from `connections` sockets for `duration` seconds (one request in flight each)."""
    parts = urlsplit(url)
    request = _request(url, headers=headers)
    ok = errors = 0
    deadline = 0.0

    async def worker() -> None:
        nonlocal ok, errors
        reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
        try:
            writer.write(request)
            await _read_response(reader)  # warm-up, not counted
            while time.perf_counter() < deadline:
                writer.write(request)
                if await _read_response(reader) == 200:
                    ok += 1
                else:
                    errors += 1
        finally:
            writer.close()

    deadline = time.perf_counter() + duration
    began = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(connections)))
    return Load(ok / (time.perf_counter() - began), errors, "raw-socket")


def wrk_rps(url: str, *, duration: float, connections: int, headers: dict[str, str] | None = None,
            threads: int = 2) -> Load:
    """wrk's Requests/sec; non-2xx/3xx responses and socket errors count as errors."""
    cmd = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{max(int(duration), 1)}s", "--latency"]
    for key, value in (headers or {}).items():
        cmd += ["-H", f"{key}: {value}"]
    out = subprocess.run([*cmd, url], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s*([\d.]+)", out).group(1))  # type: ignore[union-attr]
    errors = 0
    if m := re.search(r"Non-2xx or 3xx responses:\s*(\d+)", out):
        errors += int(m.group(1))
    if m := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out):
        errors += sum(int(g) for g in m.groups())
    return Load(rps, errors, "wrk")


async def rps(url: str, *, duration: float, connections: int, headers: dict[str, str] | None = None) -> Load:
    if shutil.which("wrk"):
        return await asyncio.to_thread(wrk_rps, url, duration=duration, connections=connections, headers=headers)
    return await raw_rps(url, duration=duration, connections=connections, headers=headers)


@dataclass(frozen=True, slots=True)
class Burst:
    latencies: list[float]
    statuses: list[int]
    elapsed: float

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def burst(url: str, *, method: str, headers_per_request: list[dict[str, str]], body: bytes = b"") -> Burst:
    """Every request on its own connection, all connected first, then all sent at the same moment."""
    parts = urlsplit(url)
    pairs = []
    for _ in headers_per_request:  # connect sequentially: the listen backlog is not what we measure
        pairs.append(await asyncio.open_connection(parts.hostname, parts.port))
    requests = [_request(url, method=method, headers=h, body=body) for h in headers_per_request]
    latencies: list[float] = []
    statuses: list[int] = []
    start = asyncio.Event()

    async def one(i: int) -> None:
        reader, writer = pairs[i]
        await start.wait()
        t0 = time.perf_counter()
        writer.write(requests[i])
        statuses.append(await _read_response(reader))
        latencies.append(time.perf_counter() - t0)
        writer.close()

    tasks = [asyncio.create_task(one(i)) for i in range(len(requests))]
    await asyncio.sleep(0)
    began = time.perf_counter()
    start.set()
    await asyncio.gather(*tasks)
    return Burst(latencies, statuses, time.perf_counter() - began)
