"""Fixtures for the bot tests: they need nothing from the backend or tests/conftest.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot import Engine, KnowledgeBase

REPO = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
DEV_QUESTIONS = REPO.parent / "shared" / "bot-dev-questions.jsonl"
OWN_QUESTIONS = REPO / "evals" / "regression" / "own.jsonl"
HELDOUT_QUESTIONS = REPO / "evals" / "regression" / "heldout.jsonl"
BLIND_QUESTIONS = REPO / "evals" / "regression" / "blind.jsonl"


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    """The shipped knowledge base, parsed once."""
    return KnowledgeBase.load()


@pytest.fixture(scope="session")
def engine(kb: KnowledgeBase) -> Engine:
    """An engine on the shipped knowledge base, built once per test session."""
    return Engine(kb)


@pytest.fixture(scope="session")
def articles_engine() -> Engine:
    """An engine on the 第X条-style fixture folder."""
    return Engine(KnowledgeBase.load(FIXTURES / "articles_kb"))
