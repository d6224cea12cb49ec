"""Wiring of the policy bot into the app: one engine holder per worker, built off the event loop.

"Built once per knowledge version, shared by all workers": all workers read the same folder
(`BOT_KB_DIR`, default `<VAR_DIR>/knowledge`, which all workers and hosts must share, e.g. a mounted
volume; it starts as a copy of the shipped, read-only `knowledge/`, and staff uploads go there, never
into the code's tree) and keep the index in an
on-disk cache under `<VAR_DIR>/bot-index`, keyed by the version (a content hash). The first worker of
a host to need a version builds it under a file lock; the others wait and load it (its big arrays
memory-mapped, so the host's page cache holds them once). After an upload the uploading worker builds
the new version at once and the others notice the change through a cheap fingerprint check (file
names, sizes, mtimes) within seconds and load it, without a restart. A broken or unwritable cache
only costs time: the worker then builds in memory as before.
"""

from __future__ import annotations

import logging
from typing import Any

from sanic import Request

from backend.services import bot as bot_service
from bot import EngineHolder

log = logging.getLogger(__name__)


def _holder_of(request: Request) -> EngineHolder:
    return request.app.ctx.bot


def setup_bot(app: Any) -> None:
    """Build the engine before serving (in a thread) and let handlers declare `bot: EngineHolder`."""
    app.ctx.bot = None
    app.ext.add_dependency(EngineHolder, _holder_of)

    @app.before_server_start
    async def _build(app: Any) -> None:
        settings = app.ctx.settings
        holder = bot_service.make_holder(settings.knowledge_dir, settings=settings,
                                         cache_dir=settings.var_dir / "bot-index")
        try:
            copied = await bot_service.prepare_folder(settings.knowledge_dir, shipped_dir=settings.bot_kb_shipped_dir)
            if copied:
                log.info("policy bot: %d shipped document(s) copied into %s", len(copied), settings.knowledge_dir)
            await bot_service.build(holder)
            log.info("policy bot ready: kb %s, %d units (index %s, retrieval %s, embeddings %s)",
                     holder.engine.version, len(holder.engine.kb.units), holder.source,
                     holder.engine.retrieval, holder.status()["embedding"]["state"])
        except (OSError, ValueError):
            # Serve the rest of the app; bot routes answer 503 until the folder is fixed.
            log.exception("policy bot: knowledge folder %s could not be loaded", settings.knowledge_dir)
        app.ctx.bot = holder
