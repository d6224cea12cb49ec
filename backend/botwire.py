"""Wiring of the policy bot into the app: one engine holder per worker, built off the event loop.

"Built once per knowledge version, shared by all workers": every worker builds the same index from
the same folder (`BOT_KB_DIR`, which all workers and hosts must share, e.g. a mounted volume). The
build is deterministic and the version is a content hash, so workers answer identically; after an
upload the uploading worker rebuilds at once and the others notice the change through a cheap
fingerprint check (file names, sizes, mtimes) within seconds, without a restart.
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
        holder = bot_service.make_holder(settings.bot_kb_dir, settings=settings)
        try:
            await bot_service.build(holder)
            log.info("policy bot ready: kb %s, %d units", holder.engine.version, len(holder.engine.kb.units))
        except (OSError, ValueError):
            # Serve the rest of the app; bot routes answer 503 until the folder is fixed.
            log.exception("policy bot: knowledge folder %s could not be loaded", settings.bot_kb_dir)
        app.ctx.bot = holder
