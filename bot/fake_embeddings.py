"""A fake OpenAI-compatible embedding server for the tests and the offline demo.

`POST /v1/embeddings {"model", "input": str | [str]}` answers like OpenAI (and bge-m3 behind
text-embeddings-inference or vLLM) do, with deterministic vectors: hashed character 1–3-grams of the
NFKC-folded text, signed, L2-normalised, 256 dimensions. Offline, instant and reproducible, so tests
can check fusion and caching; it knows nothing of meaning (two paraphrases share few n-grams), so
figures measured with it show the plumbing, not what a real model would add.

Faults for tests: `down` (503 to everything), `latency` (seconds before answering); counters of
requests and texts embedded. Over HTTP: `POST /_fake/down {"down": true}`, `POST /_fake/latency
{"seconds": 2}`, `GET /_fake/stats`, `POST /_fake/reset`.

In tests::

    with FakeEmbeddingServer() as fake:        # 127.0.0.1, ephemeral port, background thread
        settings = BotSettings(embedding_url=fake.url)

For the demo::

    python -m bot.fake_embeddings --port 9200  # then BOT_EMBEDDING_URL=http://127.0.0.1:9200
"""

from __future__ import annotations

import argparse
import hashlib
import json
import threading
import time
import unicodedata
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self

import numpy as np

DIMENSIONS = 256
_GRAM_WEIGHTS = {1: 0.5, 2: 1.0, 3: 1.0}


def fake_vector(text: str, *, dimensions: int = DIMENSIONS) -> list[float]:
    """The deterministic vector of a text: signed hashing of its character n-grams."""
    folded = "".join(ch for ch in unicodedata.normalize("NFKC", text).lower() if ch.isalnum())
    vector = np.zeros(dimensions, dtype=np.float64)
    for size, weight in _GRAM_WEIGHTS.items():
        for start in range(len(folded) - size + 1):
            digest = hashlib.blake2b(folded[start : start + size].encode(), digest_size=8).digest()
            value = int.from_bytes(digest, "little")
            vector[value % dimensions] += weight if value >> 63 else -weight
    norm = float(np.linalg.norm(vector))
    return [round(float(x), 6) for x in (vector / norm if norm else vector)]


class FakeEmbeddingState:
    """What the fake knows and counts; thread-safe."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        """Up, no latency, counters at zero."""
        with self.lock:
            self.down = False
            self.latency = 0.0
            self.requests = 0
            self.texts = 0

    def stats(self) -> dict[str, Any]:
        """Counters and faults."""
        with self.lock:
            return {"requests": self.requests, "texts": self.texts, "down": self.down, "latency": self.latency}


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: tests and the demo do not need a line per request."""

    def do_GET(self) -> None:
        if self.path == "/_fake/stats":
            self._send(200, self.server.state.stats())
        else:
            self._send(404, {"error": {"message": "not found"}})

    def do_POST(self) -> None:
        state = self.server.state
        try:
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
        except ValueError:
            self._send(400, {"error": {"message": "invalid JSON"}})
            return
        if self.path.startswith("/_fake/"):
            self._control(self.path.removeprefix("/_fake/"), body)
            return
        if self.path.rstrip("/") not in ("/v1/embeddings", "/embeddings"):
            self._send(404, {"error": {"message": "not found"}})
            return
        with state.lock:
            state.requests += 1
            down, latency = state.down, state.latency
        if latency:
            time.sleep(latency)
        if down:
            self._send(503, {"error": {"message": "model loading"}})
            return
        inputs = body.get("input")
        texts = [inputs] if isinstance(inputs, str) else inputs
        if not isinstance(texts, list) or not all(isinstance(t, str) for t in texts):
            self._send(400, {"error": {"message": "input must be a string or a list of strings"}})
            return
        with state.lock:
            state.texts += len(texts)
        data = [{"object": "embedding", "index": i, "embedding": fake_vector(t)} for i, t in enumerate(texts)]
        usage = sum(len(t) for t in texts)
        self._send(200, {"object": "list", "data": data, "model": body.get("model", "fake"),
                         "usage": {"prompt_tokens": usage, "total_tokens": usage}})

    def _control(self, action: str, body: dict[str, Any]) -> None:
        state = self.server.state
        with state.lock:
            if action == "down":
                state.down = bool(body.get("down", True))
            elif action == "latency":
                state.latency = float(body.get("seconds", 0))
        if action == "reset":
            state.reset()
        self._send(200, state.stats())

    def _send(self, status: int, payload: dict[str, Any]) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], state: FakeEmbeddingState) -> None:
        super().__init__(address, _Handler)
        self.state = state


class FakeEmbeddingServer:
    """The fake on loopback in a background thread; `url` is its base URL."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self.state = FakeEmbeddingState()
        self._server = _Server((host, port), self.state)
        self._thread = threading.Thread(target=self._server.serve_forever, name="fake-embeddings", daemon=True)

    @property
    def url(self) -> str:
        """Base URL, e.g. http://127.0.0.1:43123 (the client appends /v1/embeddings)."""
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()


def main(argv: list[str] | None = None) -> None:
    """Serve until interrupted."""
    parser = argparse.ArgumentParser(description="fake OpenAI-compatible embedding server (offline demo)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=9200)
    args = parser.parse_args(argv)
    server = _Server((args.host, args.port), FakeEmbeddingState())
    print(f"fake embeddings on http://{args.host}:{args.port}/v1/embeddings", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
