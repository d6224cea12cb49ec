"""Tunable knobs of the bot; the backend builds this from its own settings."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class BotSettings:
    """Thresholds, refusal contact and the optional LLM and embedding endpoints (off unless a URL is set)."""

    contact: str = "区民政局社会组织管理科（工作日 9:00–17:00）"
    # Share of the question's information (idf mass) the best unit must contain.
    min_coverage: float = 0.55
    # Absolute idf mass the best unit must match, so vague questions ("谁负责？") are refused.
    min_evidence: float = 1.2
    heading_weight: float = 0.6
    max_citations: int = 3
    # Extra citations must score at least this share of the best one.
    extra_citation_ratio: float = 0.8
    llm_base_url: str | None = None
    llm_api_key: str | None = None
    llm_model: str = "gpt-4o-mini"
    llm_timeout: float = 8.0
    # Optional hybrid retrieval (bot/embeddings.py): an OpenAI-compatible embeddings endpoint.
    embedding_url: str | None = None
    embedding_model: str = "bge-m3"
    embedding_api_key: str | None = None
    # A question waits at most this long for its vector, then is answered lexically.
    embedding_timeout: float = 1.0
    # Per batch of unit texts at index time (in a background thread in the web app).
    embedding_index_timeout: float = 30.0
    embedding_batch_size: int = 32
    # After a failure, lexical only for this long before the endpoint is tried again.
    embedding_retry_seconds: float = 30.0
    # Reciprocal rank fusion: 1 / (k + rank) per channel; the dense channel's share of the vote.
    rrf_k: int = 60
    dense_weight: float = 1.0
