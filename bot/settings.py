"""Tunable knobs of the bot; the backend builds this from its own settings."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class BotSettings:
    """Thresholds, refusal contact and the optional LLM endpoint (off unless a URL is set)."""

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
