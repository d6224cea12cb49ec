"""Hand-written SQL on the hot paths, for both dialects.

The ORM builds every statement anew (pypika), which costs more CPU per request than the database
spends answering; the few statements every request runs (the caller's role, the page of
activities, the signup claim) are written here by hand. The statements are PostgreSQL's, with
`$1, $2, …` placeholders used once each and in order; on SQLite they become `?`.
"""

from __future__ import annotations

import re
from typing import Any

from tortoise import connections

_PLACEHOLDER = re.compile(r"\$\d+")


def on_postgres() -> bool:
    """Whether the default connection is PostgreSQL (known only once Tortoise is initialised)."""
    return bool(connections.get("default").capabilities.dialect == "postgres")


def for_dialect(sql: str) -> str:
    """`sql` with SQLite's `?` placeholders when the database is SQLite."""
    return sql if on_postgres() else _PLACEHOLDER.sub("?", sql)


async def select(sql: str, params: list[Any]) -> list[dict[str, Any]]:
    """The rows of one SELECT (PostgreSQL placeholders) as dicts, on either dialect."""
    return list(await connections.get("default").execute_query_dict(for_dialect(sql), params))
