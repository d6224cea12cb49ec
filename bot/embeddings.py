"""Optional dense retrieval: unit embeddings from an OpenAI-compatible `/v1/embeddings` endpoint.

Off unless `BotSettings.embedding_url` is set (a bureau may run bge-m3 or similar on its own server).
Unit vectors are computed when an index is built and kept in an `EmbeddingStore` keyed by a hash of
(vector space, embedded text), so a restart, another worker or a new knowledge version with mostly
the same articles asks the server only for what it has not seen. Questions are embedded at ask time
with a short timeout. Every failure (down, slow, malformed answer) means lexical retrieval: the
channel reports its state for the status display, logs once per outage and retries after a pause, so
a dead server costs one timeout per pause, not one per question.

All calls here block (httpx, sqlite3); the engine is only ever called from a thread (see
backend/services/bot.py), never on an event loop.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
import threading
import time
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Protocol

import numpy as np

from bot.model import Unit

log = logging.getLogger(__name__)

# Characters of a unit sent to the server: long articles are cut (bge-m3 takes 8k tokens, smaller
# models 512), and the opening of an article says what it is about.
MAX_EMBED_CHARS = 1200
QUERY_CACHE_SIZE = 512

State = Literal["off", "pending", "ready", "unavailable"]


class EmbeddingUnavailable(Exception):
    """The endpoint could not embed: unreachable, slow, an error status or a malformed answer."""


class Embedder(Protocol):
    """Turns texts into vectors; `space` names the vector space (endpoint and model) for caching."""

    space: str

    def embed(self, texts: Sequence[str], *, timeout: float) -> np.ndarray:
        """One row per text (float32); raises EmbeddingUnavailable."""
        ...


def endpoint_url(url: str) -> str:
    """The embeddings endpoint of a base URL: `…/v1/embeddings` given as is, `…/v1` or a bare host."""
    url = url.rstrip("/")
    if url.endswith("/embeddings"):
        return url
    return url + ("/embeddings" if url.endswith("/v1") else "/v1/embeddings")


class HttpEmbedder:
    """POST {"model", "input": [...]} to an OpenAI-compatible embeddings endpoint."""

    def __init__(self, *, url: str, model: str, api_key: str | None = None) -> None:
        self.url = endpoint_url(url)
        self.model = model
        self.space = f"{self.url}#{model}"
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        # Imported only when an endpoint is configured: httpx pulls its CLI's rich and pygments in,
        # some 6 MB in every worker that never calls it.
        import httpx

        self._client = httpx.Client(headers=headers)

    def embed(self, texts: Sequence[str], *, timeout: float) -> np.ndarray:
        """The vectors of `texts`, in order."""
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        import httpx

        try:
            response = self._client.post(
                self.url,
                json={"model": self.model, "input": list(texts)},
                timeout=httpx.Timeout(timeout, connect=min(timeout, 2.0)),
            )
            response.raise_for_status()
            rows = sorted(response.json()["data"], key=lambda row: int(row["index"]))
            matrix = np.asarray([row["embedding"] for row in rows], dtype=np.float32)
        except (httpx.HTTPError, ValueError, KeyError, TypeError) as exc:
            raise EmbeddingUnavailable(f"{type(exc).__name__}: {exc}"[:200]) from None
        if matrix.ndim != 2 or matrix.shape[0] != len(texts) or matrix.shape[1] == 0:
            raise EmbeddingUnavailable(f"expected {len(texts)} vectors, got shape {matrix.shape}")
        if not np.isfinite(matrix).all():
            raise EmbeddingUnavailable("non-finite values in the embeddings")
        return matrix


class EmbeddingStore:
    """Vectors by content key, in SQLite on disk (shared by a host's processes) or in memory.

    A broken store (unwritable folder, corrupt file) only costs recomputation: it is logged and the
    store carries on in memory.
    """

    def __init__(self, path: Path | str | None = None) -> None:
        self.path = Path(path) if path is not None else None
        self._memory: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()
        if self.path is not None:
            try:
                with self._connect() as db:
                    db.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, dim INTEGER, data BLOB)")
            except (sqlite3.Error, OSError) as exc:
                log.warning("bot embeddings: store %s unusable (%s); keeping vectors in memory", self.path, exc)
                self.path = None

    def _connect(self) -> sqlite3.Connection:
        assert self.path is not None
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, timeout=10)
        db.execute("PRAGMA journal_mode=WAL")
        return db

    def get_many(self, keys: Sequence[str]) -> dict[str, np.ndarray]:
        """The stored vectors among `keys`."""
        with self._lock:
            found = {k: self._memory[k] for k in keys if k in self._memory}
        missing = [k for k in keys if k not in found]
        if self.path is None or not missing:
            return found
        try:
            with self._connect() as db:
                for start in range(0, len(missing), 500):
                    chunk = missing[start : start + 500]
                    marks = ",".join("?" * len(chunk))
                    for key, dim, data in db.execute(
                        f"SELECT key, dim, data FROM vectors WHERE key IN ({marks})", chunk  # noqa: S608
                    ):
                        vector = np.frombuffer(data, dtype=np.float32)
                        if vector.shape == (dim,):
                            found[key] = vector
        except sqlite3.Error as exc:
            log.warning("bot embeddings: could not read %s (%s)", self.path, exc)
        return found

    def put_many(self, items: dict[str, np.ndarray]) -> None:
        """Store vectors (best effort on disk, always in memory)."""
        with self._lock:
            self._memory.update(items)
        if self.path is None or not items:
            return
        try:
            with self._connect() as db:
                db.executemany(
                    "INSERT OR REPLACE INTO vectors (key, dim, data) VALUES (?, ?, ?)",
                    [(k, int(v.shape[0]), np.asarray(v, dtype=np.float32).tobytes()) for k, v in items.items()],
                )
        except sqlite3.Error as exc:
            log.warning("bot embeddings: could not write %s (%s); vectors kept in memory", self.path, exc)


def unit_text(unit: Unit) -> str:
    """What is embedded for a unit: its document, heading and text."""
    return f"{unit.doc_title} {unit.heading}\n{unit.text}"[:MAX_EMBED_CHARS]


def content_key(space: str, text: str) -> str:
    """The store key of a text in a vector space."""
    return hashlib.sha256(f"{space}\0{text}".encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class DenseIndex:
    """Unit vectors (rows L2-normalised, in knowledge-base order) and how they were obtained."""

    matrix: np.ndarray
    computed: int  # vectors the server computed for this index
    reused: int  # vectors found in the store

    def similarities(self, vector: np.ndarray) -> np.ndarray | None:
        """Cosine similarity of every unit to a query vector (None for a zero or mismatched vector)."""
        norm = float(np.linalg.norm(vector))
        if norm == 0 or vector.shape[0] != self.matrix.shape[1]:
            return None
        return np.asarray(self.matrix @ (vector / norm), dtype=np.float32)


def build_dense_index(
    units: Sequence[Unit], *, embedder: Embedder, store: EmbeddingStore, timeout: float, batch_size: int = 32
) -> DenseIndex:
    """Embed every unit, asking the server only for texts the store lacks; raises EmbeddingUnavailable."""
    if not units:
        return DenseIndex(matrix=np.zeros((0, 0), dtype=np.float32), computed=0, reused=0)
    texts = [unit_text(unit) for unit in units]
    keys = [content_key(embedder.space, text) for text in texts]
    known = store.get_many(list(dict.fromkeys(keys)))
    missing = list(dict.fromkeys(k for k in keys if k not in known))
    text_of = dict(zip(keys, texts, strict=True))
    for start in range(0, len(missing), max(batch_size, 1)):
        chunk = missing[start : start + batch_size]
        vectors = embedder.embed([text_of[k] for k in chunk], timeout=timeout)
        fresh = dict(zip(chunk, vectors, strict=True))
        store.put_many(fresh)
        known.update(fresh)
    dims = {known[k].shape[0] for k in keys}
    if len(dims) > 1:  # the server changed models under the same name: start over
        raise EmbeddingUnavailable(f"stored vectors of different sizes {sorted(dims)}")
    matrix = np.asarray([known[k] for k in keys], dtype=np.float32).reshape(len(keys), -1)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    matrix = np.asarray(matrix / np.where(norms == 0, 1.0, norms), dtype=np.float32)
    return DenseIndex(matrix=matrix, computed=len(missing), reused=len(set(keys)) - len(missing))


class DenseChannel:
    """The ask-time side: question vectors with a short timeout, a pause after failures, a status."""

    def __init__(self, embedder: Embedder, *, timeout: float, retry_seconds: float) -> None:
        self.embedder = embedder
        self.timeout = timeout
        self.retry_seconds = retry_seconds
        self.index: DenseIndex | None = None
        self._lock = threading.Lock()
        self._state: State = "pending"
        self._detail = ""
        self._paused_until = 0.0
        self._queries: OrderedDict[str, np.ndarray] = OrderedDict()

    def attach(self, index: DenseIndex) -> None:
        """Use these unit vectors from now on."""
        with self._lock:
            self.index = index
            self._mark("ready", "")

    def failed(self, detail: str) -> None:
        """Record a failure (index or query time): lexical only until the pause is over."""
        with self._lock:
            self._paused_until = time.monotonic() + self.retry_seconds
            self._mark("unavailable", detail)

    def due(self) -> bool:
        """Whether the pause after a failure is over (a new attempt may be made)."""
        return time.monotonic() >= self._paused_until

    def similarities(self, question: str) -> np.ndarray | None:
        """Cosine similarity of each unit to the question, or None (lexical retrieval only)."""
        index = self.index
        if index is None:
            return None
        with self._lock:
            cached = self._queries.get(question)
            if cached is not None:
                self._queries.move_to_end(question)
        if cached is None:
            if not self.due():
                return None
            try:
                cached = self.embedder.embed([question], timeout=self.timeout)[0]
            except EmbeddingUnavailable as exc:
                self.failed(str(exc))
                return None
            with self._lock:
                self._queries[question] = cached
                if len(self._queries) > QUERY_CACHE_SIZE:
                    self._queries.popitem(last=False)
                if self._state != "ready":
                    self._mark("ready", "")
        return index.similarities(cached)

    def status(self) -> dict[str, Any]:
        """State for the status display: ready, pending (first index) or unavailable, with the reason."""
        index = self.index
        return {
            "state": self._state,
            "detail": self._detail,
            "endpoint": self.embedder.space,
            "units": int(index.matrix.shape[0]) if index is not None else 0,
            "computed": index.computed if index is not None else 0,
            "reused": index.reused if index is not None else 0,
        }

    def _mark(self, state: State, detail: str) -> None:
        """Change state (under the lock), logging transitions only: once per outage, once per recovery."""
        if state == "unavailable" and self._state != "unavailable":
            log.warning("bot embeddings: %s unavailable (%s); answering with lexical retrieval only",
                        self.embedder.space, detail)
        elif state == "ready" and self._state == "unavailable":
            log.info("bot embeddings: %s reachable again; hybrid retrieval resumed", self.embedder.space)
        self._state, self._detail = state, detail


def reciprocal_rank_fusion(
    lexical: np.ndarray, dense: np.ndarray, *, k: int = 60, dense_weight: float = 1.0
) -> np.ndarray:
    """Lexical scores re-dealt in the order of RRF(lexical ranking, dense ranking).

    Each unit earns 1 / (k + rank) from each channel (lexical only for units it scores above zero;
    ties go to the lexical score). The unit fused into position p then takes the p-th best lexical
    score: the answerability decision was fitted on lexical scores and margins, so it keeps seeing
    numbers distributed as it was fitted on, while the dense channel decides who holds them. As
    many units score above zero as before.
    """
    n = lexical.shape[0]
    if n == 0:
        return lexical
    lexical_rank = np.empty(n, dtype=np.float64)
    lexical_rank[np.argsort(-lexical, kind="stable")] = np.arange(1, n + 1)
    dense_rank = np.empty(n, dtype=np.float64)
    dense_rank[np.argsort(-dense, kind="stable")] = np.arange(1, n + 1)
    fused = np.where(lexical > 0, 1.0 / (k + lexical_rank), 0.0) + dense_weight / (k + dense_rank)
    order = np.lexsort((-lexical, -fused))
    out = np.zeros(n, dtype=np.float32)
    out[order] = np.sort(lexical)[::-1]
    return out
