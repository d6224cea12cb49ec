"""Hybrid retrieval (issue 14): dense vectors fused with BM25 by reciprocal rank, lexical fallback, cache."""

from __future__ import annotations

import logging
import shutil
import time
from collections.abc import Iterator, Sequence

import httpx
import numpy as np
import pytest

from bot import BotSettings, Engine, EngineHolder, KnowledgeBase
from bot.embeddings import (
    EmbeddingStore,
    EmbeddingUnavailable,
    HttpEmbedder,
    endpoint_url,
    reciprocal_rank_fusion,
    unit_text,
)
from bot.fake_embeddings import FakeEmbeddingServer, fake_vector
from bot.text import normalize
from tests.bot.conftest import FIXTURES

ARTICLES = FIXTURES / "articles_kb"
# Lexically 第8条 (退会) wins, 第7条 (权利: 入会自愿、退会自由) is a close second with full coverage.
QUESTION = "会员退会怎么办"


class StubEmbedder:
    """Unit i is the basis vector e_i; chosen questions point at a chosen unit, away from another."""

    space = "stub"

    def __init__(self, units: Sequence, *, question: str, towards: int, away_from: int) -> None:
        self.rows = {unit_text(unit): i for i, unit in enumerate(units)}
        self.n = len(units)
        self.question, self.towards, self.away_from = normalize(question), towards, away_from
        self.calls: list[list[str]] = []

    def embed(self, texts: Sequence[str], *, timeout: float) -> np.ndarray:
        self.calls.append(list(texts))
        out = np.zeros((len(texts), self.n), dtype=np.float32)
        for row, text in enumerate(texts):
            if text in self.rows:
                out[row, self.rows[text]] = 1.0
            elif text == self.question:
                out[row] = 0.01
                out[row, self.away_from] = 0.0
                out[row, self.towards] = 1.0
        return out


def _position(engine: Engine, number: int) -> int:
    return next(i for i, iu in enumerate(engine.retriever.units) if iu.unit.number == number)


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeEmbeddingServer]:
    with FakeEmbeddingServer() as server:
        yield server


@pytest.fixture(autouse=True)
def _reset(fake: FakeEmbeddingServer) -> None:
    fake.state.reset()


def test_fusion_keeps_the_lexical_scale_and_follows_both_rankings():
    lexical = np.array([9.0, 5.0, 1.0, 0.0], dtype=np.float32)
    agree = reciprocal_rank_fusion(lexical, np.array([0.9, 0.5, 0.1, 0.0]))
    assert agree.tolist() == lexical.tolist()
    # The dense channel puts unit 1 first and unit 0 last: unit 1 now holds the best lexical score.
    fused = reciprocal_rank_fusion(lexical, np.array([0.0, 0.9, 0.5, 0.1]))
    assert fused.tolist() == [5.0, 9.0, 1.0, 0.0]
    assert sorted(fused.tolist()) == sorted(lexical.tolist())
    # A weight of zero is lexical retrieval exactly.
    assert reciprocal_rank_fusion(lexical, np.array([0.0, 0.9, 0.5, 0.1]), dense_weight=0.0).tolist() == [9, 5, 1, 0]


def test_fusion_changes_the_answer_when_the_dense_channel_disagrees():
    kb = KnowledgeBase.load(ARTICLES)
    lexical = Engine(kb)
    assert lexical.ask(QUESTION).citations[0].number == 8
    units = [iu.unit for iu in lexical.retriever.units]
    stub = StubEmbedder(units, question=QUESTION, towards=_position(lexical, 7), away_from=_position(lexical, 8))
    holder = EngineHolder(ARTICLES, embedder=stub)
    hybrid = holder.engine
    assert hybrid.retrieval == "hybrid"
    answer = hybrid.ask(QUESTION)
    assert answer.answered and answer.citations[0].number == 7
    # The hit test ranks the same way, and agrees with the answer about answerability.
    first = hybrid.hit_test(QUESTION, k=3)[0]
    assert first.number == 7 and first.answerable
    # A question the dense channel has no opinion on (a zero vector) keeps its lexical ranking exactly.
    other = "会员代表大会每届几年"
    assert [h.to_dict() for h in hybrid.hit_test(other)] == [h.to_dict() for h in lexical.hit_test(other)]


def test_fake_server_vectors_are_deterministic_and_lexically_similar(fake):
    embedder = HttpEmbedder(url=fake.url, model="fake")
    vectors = embedder.embed(["社会团体登记", "社会团体登记", "基金会年度报告"], timeout=2)
    assert vectors.shape == (3, 256)
    assert np.allclose(vectors[0], vectors[1]) and np.allclose(vectors[0], fake_vector("社会团体登记"))
    near = float(vectors[0] @ np.asarray(fake_vector("社会团体的登记")))
    far = float(vectors[0] @ vectors[2])
    assert near > far
    assert fake.state.stats()["texts"] == 3


def test_endpoint_url_accepts_base_v1_or_full_path():
    assert endpoint_url("http://h:1") == "http://h:1/v1/embeddings"
    assert endpoint_url("http://h:1/v1/") == "http://h:1/v1/embeddings"
    assert endpoint_url("http://h:1/v1/embeddings") == "http://h:1/v1/embeddings"


def test_hybrid_through_the_fake_server(fake):
    holder = EngineHolder(ARTICLES, settings=BotSettings(embedding_url=fake.url))
    engine = holder.engine
    status = holder.status()
    assert status["retrieval"] == "hybrid" and status["embedding"]["state"] == "ready"
    units = len(engine.retriever.units)
    assert status["embedding"]["computed"] == units
    answer = engine.ask("理事会每年至少开几次会")
    assert answer.answered
    assert fake.state.stats()["texts"] == units + 1  # the units once, then the question


def test_unreachable_server_means_lexical_answers_and_a_status_that_says_so(caplog):
    lexical = Engine(KnowledgeBase.load(ARTICLES))
    caplog.set_level(logging.WARNING, logger="bot.embeddings")
    started = time.monotonic()
    holder = EngineHolder(ARTICLES, settings=BotSettings(embedding_url="http://127.0.0.1:9"))  # nothing listens
    engine = holder.engine
    for _ in range(3):
        answer = engine.ask(QUESTION)
    assert time.monotonic() - started < 5
    assert answer.to_dict() | {"session_id": ""} == lexical.ask(QUESTION).to_dict() | {"session_id": ""}
    status = holder.status()
    assert status["retrieval"] == "lexical"
    assert status["embedding"]["state"] == "unavailable" and status["embedding"]["detail"]
    assert len([r for r in caplog.records if "unavailable" in r.getMessage()]) == 1  # logged once


def test_server_going_down_after_indexing_falls_back_per_question_then_recovers(fake):
    settings = BotSettings(embedding_url=fake.url, embedding_retry_seconds=0.2, embedding_timeout=0.5)
    holder = EngineHolder(ARTICLES, settings=settings)
    engine = holder.engine
    assert engine.retrieval == "hybrid"
    fake.state.down = True
    answer = engine.ask("会员有哪些权利")
    assert answer.answered and engine.retrieval == "lexical"
    requests = fake.state.stats()["requests"]
    engine.ask("会员怎样退会")  # within the pause: the dead server is not asked again
    assert fake.state.stats()["requests"] == requests
    fake.state.down = False
    time.sleep(0.25)
    assert engine.ask("本会的业务范围是什么").answered
    assert engine.retrieval == "hybrid"


def test_a_slow_server_costs_at_most_the_short_timeout(fake):
    holder = EngineHolder(ARTICLES, settings=BotSettings(embedding_url=fake.url, embedding_timeout=0.3))
    engine = holder.engine
    fake.state.latency = 2.0
    started = time.monotonic()
    assert engine.ask("会员代表大会每届几年").answered
    assert time.monotonic() - started < 1.5
    assert holder.status()["embedding"]["state"] == "unavailable"


def test_unit_vectors_are_cached_by_content_across_restarts(fake, tmp_path):
    folder = tmp_path / "kb"
    shutil.copytree(ARTICLES, folder)
    settings = BotSettings(embedding_url=fake.url)
    first = EngineHolder(folder, settings=settings, cache_dir=tmp_path / "cache")
    units = len(first.engine.retriever.units)
    assert fake.state.stats()["texts"] == units
    # A restart (a new holder, same cache folder) asks the server for nothing.
    second = EngineHolder(folder, settings=settings, cache_dir=tmp_path / "cache")
    assert second.engine.retrieval == "hybrid"
    assert fake.state.stats()["texts"] == units
    assert second.status()["embedding"]["reused"] == units and second.status()["embedding"]["computed"] == 0
    # A new document: only its units (two articles and its document-information unit) are embedded.
    (folder / "extra.txt").write_text("补充规定\n第一条 会员每年应当参加一次培训。\n第二条 培训由秘书处组织。\n",
                                      encoding="utf-8")
    second.reload_if_changed(force=True)
    assert second.status()["embedding"]["computed"] == 3
    assert second.status()["embedding"]["reused"] == units
    assert fake.state.stats()["texts"] == units + 3


def test_index_build_failure_is_retried_in_the_background(fake):
    fake.state.down = True
    settings = BotSettings(embedding_url=fake.url, embedding_retry_seconds=0.1)
    holder = EngineHolder(ARTICLES, settings=settings, dense_in_background=True)
    engine = holder.engine
    assert engine.ask(QUESTION).answered  # lexical meanwhile
    deadline = time.monotonic() + 3
    while holder.status()["embedding"]["state"] != "unavailable" and time.monotonic() < deadline:
        time.sleep(0.02)
    fake.state.down = False
    while engine.retrieval != "hybrid" and time.monotonic() < deadline:
        holder.reload_if_changed()
        time.sleep(0.05)
    assert engine.retrieval == "hybrid"


def test_malformed_answers_are_unavailable_not_crashes():
    def reply(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"data": [{"index": 0, "embedding": [1.0, 2.0]}]})

    embedder = HttpEmbedder(url="http://embed.test", model="m")
    embedder._client = httpx.Client(transport=httpx.MockTransport(reply))
    with pytest.raises(EmbeddingUnavailable):
        embedder.embed(["a", "b"], timeout=1)  # two texts, one vector


def test_a_broken_store_only_costs_recomputation(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    store = EmbeddingStore(blocker / "embeddings.sqlite3")  # its folder cannot be created
    store.put_many({"k": np.ones(3, dtype=np.float32)})
    assert store.get_many(["k"])["k"].tolist() == [1.0, 1.0, 1.0]
