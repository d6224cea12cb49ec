"""Typed domain errors and the one place that renders every error as the envelope.

Services raise `DomainError` subclasses; handlers never build error responses themselves. The
envelope is always `{"code", "message", "details"}` with a Chinese message, plus the request id so a
person reporting a problem can quote it.
"""

from __future__ import annotations

import logging
from typing import Any, ClassVar

from pydantic import ValidationError as PydanticValidationError
from sanic import Request, Sanic
from sanic.exceptions import (
    BadRequest,
    MethodNotAllowed,
    NotFound,
    PayloadTooLarge,
    SanicException,
)
from sanic.response import HTTPResponse, json

log = logging.getLogger("backend.errors")


class DomainError(Exception):
    """A failure the caller can act on; subclasses fix status and default code/message."""

    status: ClassVar[int] = 400
    code: ClassVar[str] = "bad_request"
    default_message: ClassVar[str] = "请求有误"

    def __init__(self, message: str | None = None, *, code: str | None = None, details: Any = None):
        self.message = message or self.default_message
        self.error_code = code or self.code
        self.details = details if details is not None else {}
        super().__init__(self.message)


class BadInput(DomainError):
    status, code, default_message = 400, "bad_request", "请求格式有误"


class Unauthorized(DomainError):
    status, code, default_message = 401, "unauthorized", "请先登录"


class Forbidden(DomainError):
    status, code, default_message = 403, "forbidden", "没有权限执行此操作"


class NotFoundError(DomainError):
    status, code, default_message = 404, "not_found", "资源不存在"


class Conflict(DomainError):
    status, code, default_message = 409, "conflict", "操作与当前状态冲突"


class PayloadTooBig(DomainError):
    status, code, default_message = 413, "payload_too_large", "请求内容过大"


class Unprocessable(DomainError):
    status, code, default_message = 422, "validation_failed", "提交的内容有误"


class RateLimited(DomainError):
    status, code, default_message = 429, "rate_limited", "操作过于频繁，请稍后再试"


class UpstreamError(DomainError):
    status, code, default_message = 502, "upstream_error", "微信服务暂时不可用，请稍后再试"


class ServiceUnavailable(DomainError):
    status, code, default_message = 503, "unavailable", "服务暂时不可用"


def field_error(field: str, message: str) -> Unprocessable:
    """A 422 naming one field, in the same shape pydantic failures take."""
    return Unprocessable(f"{field}：{message}", details={"fields": [{"field": field, "message": message}]})


# Chinese messages for pydantic's error types; anything unlisted falls back to a generic line.
_PYDANTIC_MESSAGES = {
    "missing": "必填",
    "string_too_short": "长度不能少于 {min_length} 个字符",
    "string_too_long": "长度不能超过 {max_length} 个字符",
    "too_short": "至少需要 {min_length} 项",
    "too_long": "最多 {max_length} 项",
    "string_type": "应为文本",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "float_type": "应为数字",
    "float_parsing": "应为数字",
    "bool_type": "应为布尔值",
    "bool_parsing": "应为布尔值",
    "greater_than": "必须大于 {gt}",
    "greater_than_equal": "不能小于 {ge}",
    "less_than": "必须小于 {lt}",
    "less_than_equal": "不能大于 {le}",
    "literal_error": "取值无效，可选：{expected}",
    "enum": "取值无效，可选：{expected}",
    "string_pattern_mismatch": "格式不正确",
    "datetime_type": "应为日期时间",
    "datetime_parsing": "日期时间格式不正确",
    "datetime_from_date_parsing": "日期时间格式不正确",
    "date_type": "应为日期",
    "date_parsing": "日期格式不正确",
    "date_from_datetime_parsing": "日期格式不正确",
    "list_type": "应为列表",
    "dict_type": "应为对象",
    "model_type": "应为对象",
    "extra_forbidden": "不允许的字段",
    "json_invalid": "JSON 格式不正确",
    "uuid_parsing": "格式不正确",
}


def validation_details(exc: PydanticValidationError) -> list[dict[str, str]]:
    """Turn pydantic errors into `[{"field", "message"}]` with Chinese messages."""
    fields = []
    for err in exc.errors(include_url=False):
        loc = ".".join(str(p) for p in err.get("loc", ()) if p not in ("body", "query"))
        ctx = err.get("ctx") or {}
        template = _PYDANTIC_MESSAGES.get(err["type"])
        if err["type"] in ("value_error", "assertion_error"):
            message = str(ctx.get("error", err.get("msg", ""))).removeprefix("Value error, ")
        elif template:
            try:
                message = template.format(**ctx).replace(" or ", "、")
            except (KeyError, IndexError):
                message = template
        else:
            message = "取值无效"
        fields.append({"field": loc or "body", "message": message})
    return fields


def from_validation_error(exc: PydanticValidationError) -> Unprocessable:
    fields = validation_details(exc)
    summary = "；".join(f"{f['field']}：{f['message']}" for f in fields[:5])
    return Unprocessable(f"提交的内容有误：{summary}", details={"fields": fields})


def envelope(request: Request | None, status: int, code: str, message: str, details: Any = None) -> HTTPResponse:
    body = {"code": code, "message": message, "details": details if details is not None else {}}
    headers = {}
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


async def render_error(request: Request, exc: Exception) -> HTTPResponse:
    """The single error handler: domain errors, framework errors and crashes alike."""
    if isinstance(exc, DomainError):
        return envelope(request, exc.status, exc.error_code, exc.message, exc.details)
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
