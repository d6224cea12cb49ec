"""The web layer's half of errors: every exception becomes the one envelope, rendered here and only here.

Domain errors carry their own status, code and message (`backend.errors`); pydantic failures become a
422 naming each field; Sanic's own errors map to codes of ours; anything else is logged and answered
with a 500 that leaks nothing.
"""

from __future__ import annotations

import logging
from typing import Any

from pydantic import ValidationError as PydanticValidationError
from sanic import Request, Sanic
from sanic.exceptions import (
    BadRequest,
    MethodNotAllowed,
    NotFound,
    PayloadTooLarge,
    SanicException,
)
from sanic.exceptions import ServiceUnavailable as SanicServiceUnavailable
from sanic.response import HTTPResponse, json

from backend.errors import DomainError, ResponseTimedOut, from_validation_error
from backend.outages import OUTAGES, unavailable

log = logging.getLogger("backend.errors")


def envelope(request: Request | None, status: int, code: str, message: str, details: Any = None,
             retry_after: int | None = None) -> HTTPResponse:
    body = {"code": code, "message": message, "details": details if details is not None else {}}
    headers = {}
    if retry_after is not None:
        headers["Retry-After"] = str(max(int(retry_after), 1))
    if request is not None:
        body["request_id"] = str(request.id)
        headers["X-Request-ID"] = str(request.id)
    return json(body, status=status, headers=headers, ensure_ascii=False)


_SANIC_MAP: list[tuple[type[SanicException], str, str]] = [
    (NotFound, "not_found", "接口不存在"),
    (MethodNotAllowed, "method_not_allowed", "不支持的请求方法"),
    (PayloadTooLarge, "payload_too_large", "请求内容过大"),
    (BadRequest, "bad_request", "请求格式有误"),
]


def _retry_after(exc: DomainError) -> int | None:
    if isinstance(exc.details, dict) and isinstance(exc.details.get("retry_after"), int):
        return int(exc.details["retry_after"])
    return getattr(exc, "retry_after", None)


def _domain(request: Request, exc: DomainError) -> HTTPResponse:
    return envelope(request, exc.status, exc.error_code, exc.message, exc.details, retry_after=_retry_after(exc))


async def render_error(request: Request, exc: Exception) -> HTTPResponse:
    """The single error handler: domain errors, framework errors and crashes alike."""
    if isinstance(exc, DomainError):
        return _domain(request, exc)
    if isinstance(exc, SanicServiceUnavailable):  # Sanic's response timeout (and any other 503 of its own)
        OUTAGES.report("response_timeout", exc)
        return _domain(request, ResponseTimedOut())
    refused = unavailable(exc)  # Redis or the database unreachable: a 503, logged once per outage
    if refused is not None:
        return _domain(request, refused)
    if isinstance(exc, PydanticValidationError):
        err = from_validation_error(exc)
        return envelope(request, err.status, err.error_code, err.message, err.details)
    if isinstance(exc, SanicException):
        for cls, code, message in _SANIC_MAP:
            if isinstance(exc, cls):
                return envelope(request, exc.status_code, code, message)
        status = exc.status_code or 500
        if status < 500:
            return envelope(request, status, "http_error", "请求无法处理")
    log.exception("unhandled error request_id=%s path=%s", request.id, request.path, exc_info=exc)
    return envelope(request, 500, "internal_error", "服务器内部错误，请稍后再试或联系管理员")


def setup_errors(app: Sanic) -> None:
    app.error_handler.add(Exception, render_error)
