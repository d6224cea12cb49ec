"""Success responses: one helper for every handler (errors go through backend.http_errors).

`respond` takes a Read schema (see backend.schemas), a list of them, or plain JSON data, and writes
UTF-8 JSON with Chinese kept readable. Pydantic serialises the schemas, so their field serialisers
(instants in Asia/Shanghai with the offset) apply.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from pydantic_core import to_json
from sanic.response import HTTPResponse

JSON = "application/json"


def respond(body: Any, status: int = 200, *, headers: Mapping[str, str] | None = None) -> HTTPResponse:
    """Answer with `body` as JSON: a pydantic model, a list or dict (which may hold models), or a scalar."""
    return HTTPResponse(to_json(body), status=status, headers=dict(headers) if headers else None,
                        content_type=JSON)


def download(data: bytes, *, content_type: str, filename: str, ascii_name: str | None = None) -> HTTPResponse:
    """A file the browser saves rather than renders (uploads, .xlsx exports), under `filename`.

    RFC 6266: `filename*` carries the name in UTF-8 (Chinese names); `filename` an ASCII stand-in for
    old clients (`ascii_name`, or the name itself when it is plain ASCII). `nosniff` keeps browsers
    from second-guessing the content type (uploads' types were sniffed when they were stored).
    """
    plain = filename.isascii() and filename.isprintable() and not set(filename) & set('"\\')
    suffix = "".join(c for c in PurePath(filename).suffix if c.isascii() and c.isalnum())
    fallback = ascii_name or (filename if plain else "download" + (f".{suffix}" if suffix else ""))
    return HTTPResponse(data, content_type=content_type, headers={
        "Content-Disposition": f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename)}",
        "X-Content-Type-Options": "nosniff"})
