"""What the API returns: pydantic Read schemas, one per resource, built by the web layer.

Services return ORM rows and plain values; handlers turn them into these schemas and answer with
`backend.responses.respond`, so the shape a client sees is declared once, typed, and documented in
OpenAPI from the same class. Instants always leave as ISO 8601 in Asia/Shanghai with the offset.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer

from backend.services import clock

T = TypeVar("T")

# An instant in a response: `2026-12-02T09:30:00+08:00` (see clock.iso), never naive, never UTC "Z".
Instant = Annotated[datetime, PlainSerializer(clock.iso, return_type=str, when_used="json")]
Day = Annotated[date, PlainSerializer(clock.iso, return_type=str, when_used="json")]


class ReadModel(BaseModel):
    """Base of every Read schema: built from ORM rows by attribute, closed to unknown fields."""

    model_config = ConfigDict(from_attributes=True, extra="forbid")


class Items(ReadModel, Generic[T]):
    """A plain list answer: `{"items": [...]}`."""

    items: list[T]


class Page(ReadModel, Generic[T]):
    """A paginated answer: the page's items and the total across all pages."""

    items: list[T]
    total: int = Field(ge=0, description="总条数")
    page: int = Field(ge=1, description="页码（从 1 开始）")
    page_size: int = Field(ge=1, description="每页条数")


class CursorPage(ReadModel, Generic[T]):
    """A cursor-paginated answer: pass `next_cursor` back to get the next page (null at the end)."""

    items: list[T]
    next_cursor: str | None = Field(None, description="下一页游标；为空表示没有更多")


class OkRead(ReadModel):
    """An acknowledgement with nothing else to say (signing out, removing)."""

    ok: bool = Field(True, description="总为 true")
