"""One engine per process, rebuilt when the knowledge folder changes (no restart needed).

With a `cache_dir`, the index of each knowledge version is built by one process only and loaded by
all the others from the on-disk cache (see bot/index_cache.py); without one, each holder builds its
own index in memory (the command line, tests).

With an embedding endpoint (`BotSettings.embedding_url`), each new engine also gets a dense channel
whose unit vectors are computed after the lexical index is up: in a background thread in the web app
(`dense_in_background=True`: the first questions are answered lexically rather than wait on a slow
server), inline on the command line. Vectors live in `<cache_dir>/embeddings.sqlite3`, keyed by
content hash, so a restart recomputes nothing. A failure is retried after
`embedding_retry_seconds`; meanwhile the engine answers lexically and `status()` says why.
"""

from __future__ import annotations

import logging
import threading
import time
from datetime import date
from pathlib import Path
from typing import Any

from bot.embeddings import (
    DenseChannel,
    Embedder,
    EmbeddingStore,
    EmbeddingUnavailable,
    HttpEmbedder,
    build_dense_index,
)
from bot.engine import Engine
from bot.index_cache import IndexCache, Source
from bot.kb import DEFAULT_KB_DIR, KnowledgeBase, content_version, fingerprint
from bot.settings import BotSettings
from bot.text import init_jieba

log = logging.getLogger(__name__)
EMBEDDING_STORE = "embeddings.sqlite3"


class EngineHolder:
    """Thread-safe holder: readers get the current engine; a reload swaps it atomically."""

    def __init__(
        self,
        kb_dir: Path | str | None = None,
        *,
        settings: BotSettings | None = None,
        check_interval: float = 2.0,
        cache_dir: Path | str | None = None,
        embedder: Embedder | None = None,
        dense_in_background: bool = False,
    ) -> None:
        self.kb_dir = Path(kb_dir) if kb_dir is not None else DEFAULT_KB_DIR
        self.settings = settings or BotSettings()
        self.check_interval = check_interval
        self.cache = IndexCache(cache_dir) if cache_dir is not None else None
        # Where the current index came from: "built", "loaded" (cache), "memory" (no or broken cache).
        self.source: Source | None = None
        self._lock = threading.Lock()
        self._engine: Engine | None = None
        self._fingerprint = ""
        self._checked_at = 0.0
        self.embedder = embedder or embedder_from_settings(self.settings)
        self.dense_in_background = dense_in_background
        self.embeddings = EmbeddingStore(Path(cache_dir) / EMBEDDING_STORE if cache_dir is not None else None)
        self._embedding = threading.Lock()  # held while unit vectors are being computed

    @property
    def engine(self) -> Engine:
        """The current engine, building it on first use and after knowledge changes."""
        self.reload_if_changed()
        assert self._engine is not None
        return self._engine

    def fresh_engine(self) -> Engine | None:
        """The current engine when nothing is due (no folder check, no missing vectors), else None:
        the common case of a question costs no file I/O, so a caller on an event loop needs no thread."""
        engine = self._engine
        if engine is None or time.monotonic() - self._checked_at >= self.check_interval:
            return None
        channel = engine.dense
        if channel is not None and channel.index is None and channel.due():
            return None
        return engine

    def reload_if_changed(self, *, force: bool = False, today: date | None = None) -> bool:
        """Rebuild when files, sidecars or today's in-force set changed; True if rebuilt."""
        now = time.monotonic()
        if not force and self._engine is not None and now - self._checked_at < self.check_interval:
            self._ensure_dense()
            return False
        with self._lock:
            self._checked_at = now
            current = fingerprint(self.kb_dir, today=today)
            if not force and self._engine is not None and current == self._fingerprint:
                rebuilt = False
            else:
                rebuilt = self._rebuild(force=force, today=today)
                self._fingerprint = current
        self._ensure_dense()
        return rebuilt

    def _rebuild(self, *, force: bool, today: date | None) -> bool:
        """Under the lock: build (or load) the engine of the folder's current version; always True."""
        # Build fully before swapping, so concurrent askers never see a half-built index.
        if self.cache is None:
            kb = KnowledgeBase.load(self.kb_dir, today=today)
            if self._engine is None or kb.version != self._engine.version or force:
                self._engine = self._with_dense(Engine(kb, settings=self.settings))
                self.source = "memory"
        elif self._engine is None or force or content_version(self.kb_dir, today=today) != self._engine.version:
            # Hashing the files is cheap; parsing and segmenting them is what the cache saves.
            index = self.cache.get(
                self.kb_dir, today=today or date.today(), heading_weight=self.settings.heading_weight
            )
            self._engine = self._with_dense(Engine(index.kb, settings=self.settings, retriever=index.retriever))
            self.source = index.source
        # A cached index needs no segmentation, but every question does: load the lexicon now, in
        # this (background) thread, rather than on the first asker's request.
        init_jieba()
        return True

    def _with_dense(self, engine: Engine) -> Engine:
        """Give a new engine its own dense channel (its vectors follow in `_ensure_dense`)."""
        if self.embedder is not None:
            engine.dense = DenseChannel(
                self.embedder, timeout=self.settings.embedding_timeout,
                retry_seconds=self.settings.embedding_retry_seconds,
            )
        return engine

    def _ensure_dense(self) -> None:
        """Compute the current engine's unit vectors if they are missing and an attempt is due."""
        engine = self._engine
        channel = engine.dense if engine is not None else None
        if engine is None or channel is None or channel.index is not None or not channel.due():
            return
        if not self._embedding.acquire(blocking=False):
            return  # another thread is computing them
        if self.dense_in_background:
            threading.Thread(target=self._embed_units, args=(engine, channel), name="bot-embeddings",
                             daemon=True).start()
        else:
            self._embed_units(engine, channel)

    def _embed_units(self, engine: Engine, channel: DenseChannel) -> None:
        """Embed the engine's units (store first, then the server) and attach them; releases the lock."""
        try:
            index = build_dense_index(
                [indexed.unit for indexed in engine.retriever.units], embedder=channel.embedder,
                store=self.embeddings, timeout=self.settings.embedding_index_timeout,
                batch_size=self.settings.embedding_batch_size,
            )
        except EmbeddingUnavailable as exc:
            channel.failed(str(exc))
        except Exception as exc:  # a background thread must never die silently; lexical still works
            log.exception("bot embeddings: unexpected failure while embedding units")
            channel.failed(f"{type(exc).__name__}: {exc}")
        else:
            channel.attach(index)
            log.info("bot embeddings: %d unit vectors ready for kb %s (%d computed, %d from the store)",
                     index.matrix.shape[0], engine.version, index.computed, index.reused)
        finally:
            self._embedding.release()

    def status(self) -> dict[str, Any]:
        """What staff and health checks show: knowledge version, index source, retrieval mode."""
        engine = self._engine
        if engine is None:
            return {"kb_version": None, "index": None, "retrieval": "lexical", "embedding": {"state": "off"}}
        dense = engine.dense
        return {
            "kb_version": engine.version,
            "index": self.source,
            "retrieval": engine.retrieval,
            "embedding": dense.status() if dense is not None else {"state": "off"},
        }


def embedder_from_settings(settings: BotSettings) -> Embedder | None:
    """The configured embedding endpoint, or None when no URL is set (the default)."""
    if not settings.embedding_url:
        return None
    return HttpEmbedder(url=settings.embedding_url, model=settings.embedding_model, api_key=settings.embedding_api_key)
