"""Hybrid retrieval in the app: vectors computed off the event loop, lexical until ready or when down."""

from __future__ import annotations

import asyncio
import shutil
import time

from backend.services import bot as bot_service
from backend.settings import ROOT
from bot.fake_embeddings import FakeEmbeddingServer


async def test_the_app_answers_while_vectors_are_computed_and_when_the_server_is_down(app, tmp_path):
    folder = tmp_path / "knowledge"
    shutil.copytree(ROOT / "knowledge", folder)
    with FakeEmbeddingServer() as fake:
        fake.state.latency = 0.5  # every index batch waits: the loop must not
        settings = app.ctx.settings.model_copy(update={"bot_embedding_url": fake.url})
        holder = bot_service.make_holder(folder, settings=settings, cache_dir=tmp_path / "cache")
        started = time.monotonic()
        await bot_service.build(holder)
        ticks = 0
        while bot_service.status(holder)["retrieval"] != "hybrid" and time.monotonic() - started < 30:
            await asyncio.sleep(0.05)  # the loop keeps running while the vectors are computed
            ticks += 1
        assert bot_service.status(holder)["retrieval"] == "hybrid"
        assert ticks > 5
        fake.state.latency = 0.0
        fake.state.down = True
        engine = await bot_service.current_engine(holder)
        answer = await asyncio.to_thread(engine.ask, "联合党支部最多覆盖几个单位？")
        assert answer.answered
        state = bot_service.status(holder)
        assert state["retrieval"] == "lexical" and state["embedding"]["state"] == "unavailable"
