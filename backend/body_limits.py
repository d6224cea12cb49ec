"""Request bodies are bounded by what the route accepts, before a byte of them is read.

Sanic reads the whole body (up to REQUEST_MAX_SIZE, the upload limit) before middleware runs, and
the JSON parser reads any body, so a limit keyed on the Content-Type header let a 4.5 M-element
array sent as `text/plain` freeze a worker. Here the route decides, right after routing:

- a JSON route (`validation.json_body`) takes `application/json` (or `+json`) up to the JSON limit;
  any other declared type is refused with 415, unread;
- an upload route (`contract.form_body`) takes up to the upload limit;
- every other route takes up to the JSON limit (none of them reads a body larger than that).

The limit is checked against Content-Length and also set as the connection's read limit, so a
chunked body is cut off at the same size (HTTP/1). Transports without that read limit (ASGI, in
tests) are checked again once the body is in.
"""

from __future__ import annotations

from typing import Any, Literal

from sanic import Request, Sanic

from backend.errors import JsonContentTypeRequired, PayloadTooBig
from backend.settings import Settings

BodyKind = Literal["json", "upload", "none"]
_KIND_ATTR = "__body_kind__"


def mark_body_kind(handler: Any, kind: BodyKind) -> None:
    """Record what body a handler reads; `functools.wraps` carries it to the decorators outside."""
    setattr(handler, _KIND_ATTR, kind)


def body_kind(handler: Any) -> BodyKind:
    """What body the route reads, as `json_body` / `contract.form_body` marked it; else none."""
    kind = getattr(handler, _KIND_ATTR, None)
    if kind in ("json", "upload", "none"):
        return kind
    return "none"


def _is_json(content_type: str) -> bool:
    media = content_type.split(";", 1)[0].strip().lower()
    return media == "application/json" or (media.startswith("application/") and media.endswith("+json"))


def _has_body(request: Request) -> bool:
    length = request.headers.get("content-length")
    if length is not None:
        return length.strip() not in ("", "0")
    return "chunked" in request.headers.get("transfer-encoding", "").lower()


def _too_big(limit: int, kind: BodyKind) -> PayloadTooBig:
    what = "上传" if kind == "upload" else "JSON"
    size = f"{limit // (1024 * 1024)} MiB" if limit >= 1024 * 1024 else f"{limit // 1024} KiB"
    return PayloadTooBig(f"请求内容过大（{what}上限 {size}）", details={"limit_bytes": limit})


def setup_body_limits(app: Sanic, settings: Settings) -> None:
    """Bound every request body by its route's kind; a JSON route refuses other content types (415)."""
    limits: dict[BodyKind, int] = {"json": settings.json_body_limit, "upload": settings.upload_body_limit,
                                   "none": settings.json_body_limit}
    kinds: dict[int, BodyKind] = {}  # per handler, decided once

    @app.signal("http.routing.after")
    async def bound_body(request: Request, route: Any, kwargs: Any, handler: Any) -> None:
        kind = kinds.get(id(handler))
        if kind is None:
            kind = kinds[id(handler)] = body_kind(handler)
        limit = limits[kind]
        request.ctx.body_limit = (kind, limit)
        stream = request.stream
        if stream is not None and hasattr(stream, "request_max_size"):
            stream.request_max_size = min(stream.request_max_size, limit)  # also cuts chunked bodies off
        if not _has_body(request):
            return
        declared = request.headers.get("content-length", "").strip()
        if declared.isdigit() and int(declared) > limit:
            raise _too_big(limit, kind)
        if kind == "json" and not _is_json(request.headers.get("content-type", "")):
            raise JsonContentTypeRequired()

    @app.on_request(priority=100)  # type: ignore[call-arg]
    async def bound_read_body(request: Request) -> None:
        kind: BodyKind
        kind, limit = getattr(request.ctx, "body_limit", ("none", limits["none"]))
        if len(request.body or b"") > limit:
            raise _too_big(limit, kind)
