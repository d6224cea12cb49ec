"""Request parsing: JSON bodies and query strings validated by pydantic, failures as 400/422.

`json_body(Model)` and `query_args(Model)` both validate and document the route in OpenAPI, so the
schema a client sees is the one the server enforces.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from datetime import date, datetime
from functools import wraps
from types import UnionType
from typing import Annotated, Any, TypeVar, Union, cast, get_args, get_origin

import orjson
from pydantic import AfterValidator, BaseModel, Field, ValidationError
from sanic import Request

from backend.body_limits import mark_body_kind
from backend.errors import JsonBodyRequired, MalformedJson, field_error, from_validation_error
from backend.models import MAX_DB_ID
from backend.services.text import unsafe_in_line

DbId = Annotated[int, Field(ge=1, le=MAX_DB_ID)]

M = TypeVar("M", bound=BaseModel)
H = TypeVar("H", bound=Callable[..., Awaitable[Any]])


def parse_json(request: Request, *, optional: bool = False) -> Any:
    """The request's JSON document, or a 400 that says it is malformed; an empty body is `{}` when the
    route's body is `optional`, else a 400 that says a body is needed."""
    if not request.body:
        if optional:
            return {}
        raise JsonBodyRequired()
    try:
        return orjson.loads(request.body)
    except orjson.JSONDecodeError:
        raise MalformedJson() from None


def _nul_field(data: Any) -> str | None:
    """The first field whose text holds a NUL character (PostgreSQL refuses to store it), else None."""
    stack: list[tuple[str, Any]] = [("", data)]  # iterative: deeply nested JSON must not hit the recursion limit
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            if "\x00" in value:
                return path or "body"
        elif isinstance(value, dict):
            for key, item in value.items():
                if isinstance(key, str) and "\x00" in key:
                    return path or "body"
                stack.append((f"{path}.{key}" if path else str(key), item))
        elif isinstance(value, list):
            stack.extend((f"{path}.{i}" if path else str(i), item) for i, item in enumerate(value))
    return None


def not_blank(value: str) -> str:
    """A text without surrounding spaces; blank text (spaces, full-width spaces) is refused."""
    stripped = value.strip()
    if not stripped:
        raise ValueError("不能为空白")
    return stripped


def single_line(value: str) -> str:
    """A name, title or file name shown on one line: control and bidi-override characters are refused."""
    problem = unsafe_in_line(value)
    if problem:
        raise ValueError(problem)
    return value


# Names, titles and file names: a 422 naming the field when they hold \n, \u202e and the like.
SingleLine = Annotated[str, AfterValidator(single_line)]


def validate_model(model: type[M], data: Any, *, raw_json: bytes | None = None) -> M:
    """`data` validated by `model`; with `raw_json` (the document `data` was parsed from) strictly, as JSON:
    a JSON body's `0` is no boolean and its `"1"` no number, just as its OpenAPI schema says."""
    bad = _nul_field(data)
    if bad:
        raise field_error(bad, "不能包含空字符")
    try:
        return model.model_validate(data) if raw_json is None else model.model_validate_json(raw_json, strict=True)
    except ValidationError as exc:
        raise from_validation_error(exc) from None


def accepts_no_fields(model: type[BaseModel]) -> bool:
    """Whether `{}` is a valid `model`: then the body is optional and an empty one means "no fields"."""
    try:
        model.model_validate_json(b"{}", strict=True)
    except ValidationError:
        return False
    return True


def json_body(model: type[BaseModel]) -> Callable[[H], H]:
    """Validate the JSON body against `model` and pass it to the handler as `body`. A model every field
    of which has a default makes the body optional: no bytes (with or without a JSON content type)
    are read as `{}`, and the OpenAPI document says `requestBody.required: false`."""
    optional = accepts_no_fields(model)

    def decorator(handler: H) -> H:
        @wraps(handler)
        async def wrapper(request: Request, *args: Any, **kwargs: Any) -> Any:
            data = parse_json(request, optional=optional)
            kwargs["body"] = validate_model(model, data, raw_json=request.body or b"{}")
            return await handler(request, *args, **kwargs)

        mark_body_kind(wrapper, "json")  # bounds the body and requires a JSON content type (body_limits)
        setattr(wrapper, "__body_model__", model)  # noqa: B010  (read by backend.contract)
        setattr(wrapper, "__body_optional__", optional)  # noqa: B010  (read by backend.contract)
        return cast(H, wrapper)

    return decorator


def _is_list(annotation: Any) -> bool:
    """A `list[...]` field, optional or not (read by type, not by name: a Literal of "listed" is no list)."""
    if get_origin(annotation) is list:
        return True
    return get_origin(annotation) in (Union, UnionType) and any(get_origin(a) is list for a in get_args(annotation))


def _temporal(annotation: Any) -> type | None:
    """`date` or `datetime` when the field holds one (optional or not), else None."""
    if annotation in (date, datetime):
        return cast(type, annotation)
    for arg in get_args(annotation):
        found = _temporal(arg)
        if found is not None:
            return found
    return None


_NUMERIC = re.compile(r"^\s*[+-]?\d+(\.\d*)?\s*$")


def _refuse_timestamps(model: type[BaseModel], raw: dict[str, Any]) -> None:
    """pydantic reads `0` or `-58800` as a Unix time; a query's dates and times are ISO 8601 text only."""
    for key, value in raw.items():
        field = model.model_fields.get(key)
        kind = _temporal(field.annotation) if field is not None else None
        if kind is not None and isinstance(value, str) and _NUMERIC.match(value):
            raise field_error(key, "日期格式应为 YYYY-MM-DD" if kind is date else
                              "时间格式应为 ISO 8601，如 2026-12-03T09:00:00+08:00")


def query_args(model: type[BaseModel]) -> Callable[[H], H]:
    """Validate the query string against `model` and pass it to the handler as `query`."""

    def decorator(handler: H) -> H:
        @wraps(handler)
        async def wrapper(request: Request, *args: Any, **kwargs: Any) -> Any:
            raw: dict[str, Any] = {}
            for key, values in request.args.items():
                field = model.model_fields.get(key)
                is_list = field is not None and _is_list(field.annotation)
                raw[key] = values if is_list else values[-1]
            _refuse_timestamps(model, raw)
            kwargs["query"] = validate_model(model, raw)
            return await handler(request, *args, **kwargs)

        setattr(wrapper, "__query_model__", model)  # noqa: B010  (read by backend.contract)
        return cast(H, wrapper)

    return decorator
