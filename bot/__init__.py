"""Policy QA engine of 社组通: offline, extractive, with citations. Imports nothing from backend/."""

from bot.engine import Answer, Citation, Engine, Hit, OrgFacts, Topic
from bot.holder import EngineHolder
from bot.kb import (
    DEFAULT_KB_DIR,
    DocumentStatus,
    KnowledgeBase,
    add_document,
    list_documents,
    retire_document,
    seed_folder,
)
from bot.llm import OpenAIRephraser, Rephraser
from bot.settings import BotSettings

__all__ = [
    "DEFAULT_KB_DIR",
    "Answer",
    "BotSettings",
    "Citation",
    "DocumentStatus",
    "Engine",
    "EngineHolder",
    "Hit",
    "KnowledgeBase",
    "OpenAIRephraser",
    "OrgFacts",
    "Rephraser",
    "Topic",
    "add_document",
    "list_documents",
    "retire_document",
    "seed_folder",
]
