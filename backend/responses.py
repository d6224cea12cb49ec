"""Success responses: one helper for every handler (errors go through backend.http_errors).

`respond` takes a Read schema (see backend.schemas), a list of them, or plain JSON data, and writes
UTF-8 JSON with Chinese kept readable. Pydantic serialises the schemas, so their field serialisers
(instants in Asia/Shanghai with the offset) apply.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic_core import to_json
from sanic.response import HTTPResponse

JSON = "application/json"


def respond(body: Any, status: int = 200, *, headers: Mapping[str, str] | None = None) -> HTTPResponse:
    """Answer with `body` as JSON: a pydantic model, a list or dict (which may hold models), or a scalar."""
    return HTTPResponse(to_json(body), status=status, headers=dict(headers) if headers else None,
                        content_type=JSON)

