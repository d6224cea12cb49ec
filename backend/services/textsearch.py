"""Free-text filters ("关键词") that PostgreSQL answers from trigram indexes.

Tortoise's `icontains` sends the pattern as a bind parameter. asyncpg keeps prepared statements, and
after five runs PostgreSQL may switch to a generic plan that cannot see the pattern: it then walks the
start-time index and evaluates LIKE on every row (0.8 s at 100,000 activities for a rare term). So on
PostgreSQL the pattern goes into the statement as a quoted literal, in the very expression the GIN
indexes of migration 4 are built on, UPPER(CAST(column AS VARCHAR)) LIKE UPPER('%…%'); every plan,
generic or not, then knows the pattern and picks the index. SQLite keeps `icontains` (a LIKE scan).
"""

from __future__ import annotations

import functools
import operator
from typing import Any

from tortoise.expressions import Q, RawSQL


def on_postgres(model: Any) -> bool:
    """Whether `model` lives on PostgreSQL (decided at call time: the connection exists only after init)."""
    return bool(model._meta.db.capabilities.dialect == "postgres")


def pg_literal(text: str) -> str:
    """`text` as a PostgreSQL string constant, whatever standard_conforming_strings says (E'' form)."""
    if "\x00" in text:
        raise ValueError("NUL in a string constant")
    return "E'" + text.replace("\\", "\\\\").replace("'", "''") + "'"


def like_sql(column_sql: str, q: str) -> str:
    """UPPER(CAST(column AS VARCHAR)) LIKE UPPER('%q%'), q's wildcards escaped, as literal SQL."""
    pattern = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return f"UPPER(CAST({column_sql} AS VARCHAR)) LIKE UPPER({pg_literal(pattern)}) ESCAPE {pg_literal(chr(92))}"


def related_like_sql(fk_sql: str, table: str, column: str, q: str) -> str:
    """`fk_sql` names a row of `table` whose `column` contains q: an IN over that table's own trigram index."""
    # Table and column are identifiers from code; q is only ever inside like_sql's quoted literal.
    return f'{fk_sql} IN (SELECT "id" FROM "{table}" WHERE {like_sql(chr(34) + column + chr(34), q)})'  # noqa: S608


def contains_any(qs: Any, q: str, *, paths: tuple[str, ...], pg_conditions: tuple[str, ...]) -> Any:
    """`qs` narrowed to rows matching `q` case-insensitively: on SQLite any of the Tortoise `paths` contains
    it; on PostgreSQL any of `pg_conditions` holds (SQL built with `like_sql`, one per path)."""
    if not on_postgres(qs.model):
        return qs.filter(functools.reduce(operator.or_, (Q(**{f"{path}__icontains": q}) for path in paths)))
    return qs.annotate(text_match=RawSQL("(" + " OR ".join(pg_conditions) + ")")).filter(text_match=RawSQL("TRUE"))
