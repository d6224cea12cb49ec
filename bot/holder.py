"""One engine per process, rebuilt when the knowledge folder changes (no restart needed)."""

from __future__ import annotations

import threading
import time
from datetime import date
from pathlib import Path

from bot.engine import Engine
from bot.kb import DEFAULT_KB_DIR, KnowledgeBase, fingerprint
from bot.settings import BotSettings


class EngineHolder:
    """Thread-safe holder: readers get the current engine; a reload swaps it atomically."""

    def __init__(
        self,
        kb_dir: Path | str | None = None,
        *,
        settings: BotSettings | None = None,
        check_interval: float = 2.0,
    ) -> None:
        self.kb_dir = Path(kb_dir) if kb_dir is not None else DEFAULT_KB_DIR
        self.settings = settings or BotSettings()
        self.check_interval = check_interval
        self._lock = threading.Lock()
        self._engine: Engine | None = None
        self._fingerprint = ""
        self._checked_at = 0.0

    @property
    def engine(self) -> Engine:
        """The current engine, building it on first use and after knowledge changes."""
        self.reload_if_changed()
        assert self._engine is not None
        return self._engine

    def reload_if_changed(self, *, force: bool = False, today: date | None = None) -> bool:
        """Rebuild when files, sidecars or today's in-force set changed; True if rebuilt."""
        now = time.monotonic()
        if not force and self._engine is not None and now - self._checked_at < self.check_interval:
            return False
        with self._lock:
            self._checked_at = now
            current = fingerprint(self.kb_dir, today=today)
            if not force and self._engine is not None and current == self._fingerprint:
                return False
            kb = KnowledgeBase.load(self.kb_dir, today=today)
            if self._engine is None or kb.version != self._engine.version or force:
                # Build fully before swapping, so concurrent askers never see a half-built index.
                self._engine = Engine(kb, settings=self.settings)
            self._fingerprint = current
            return True
