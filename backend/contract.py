"""The OpenAPI document, built from what each route really declares and really raises.

The mini-program and the staff console are generated from this document, so it is built from the
same objects the server enforces, never written by hand:

- the request body and query string from the pydantic models given to `json_body` / `query_args`,
  uploads from `form_body`, path parameters from the route pattern;
- the success responses from `returns(...)` (a Read schema, a list shape, or a file type);
- who may call from `allow(...)` / `public` (bearer security plus the roles, in Chinese);
- the error responses from the error classes the handler can raise: the handler's source and every
  project function it calls (transitively) are read, and each DomainError subclass they name becomes
  one code of the envelope under its HTTP status, plus the refusals the decorators themselves give.

Schemas come from pydantic's JSON Schema (enums as enums, Literal as enum, examples kept), hoisted
into `components/schemas`.
"""

from __future__ import annotations

import ast
import builtins
import inspect
import re
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from types import FunctionType, UnionType
from typing import Any, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel
from sanic import Sanic

from backend import errors
from backend.auth import PUBLIC, ROLE_LABELS, allowed_roles
from backend.body_limits import mark_body_kind
from backend.errors import DomainError
from backend.services import miniprogram_pages

H = TypeVar("H", bound=Callable[..., Any])
OUR_PACKAGES = ("backend", "miniprogram_api")
REF = "#/components/schemas/{model}"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True, slots=True)
class Returns:
    status: int
    body: Any  # a pydantic model class, a content type string (files), or None (no body)
    description: str


def returns(body: Any, status: int = 200, description: str = "") -> Callable[[H], H]:
    """Declare a success response: a Read schema class, a content type or a tuple of them (files, text),
    or None (no body)."""

    def decorator(handler: H) -> H:
        declared = list(getattr(handler, "__returns__", ()))
        declared.append(Returns(status, body, description))
        setattr(handler, "__returns__", declared)  # noqa: B010  (a function attribute read back by build)
        return handler

    return decorator


def form_body(properties: dict[str, dict[str, Any]], required: tuple[str, ...] = ("file",)) -> Callable[[H], H]:
    """Declare a multipart upload body (the handler reads `request.files` / `request.form`)."""

    def decorator(handler: H) -> H:
        setattr(handler, "__form_body__",  # noqa: B010
                {"type": "object", "properties": properties, "required": list(required)})
        mark_body_kind(handler, "upload")  # bounded by the upload limit, not the JSON one (body_limits)
        return handler

    return decorator


def _declared(handler: Callable[..., Any], name: str) -> Any:
    """An attribute set by a decorator anywhere on the wrapper chain (outermost wins)."""
    func: Any = handler
    while func is not None:
        if name in getattr(func, "__dict__", {}):
            return func.__dict__[name]
        func = getattr(func, "__wrapped__", None)
    return None


def _summary(handler: Callable[..., Any]) -> tuple[str, str]:
    """Summary and description given with sanic-ext's `openapi.summary` / `openapi.description`."""
    from sanic_ext.extensions.openapi.builders import OperationStore

    store = OperationStore()
    func: Any = handler
    summary = description = ""
    while func is not None:
        if func in store:
            op = store[func]
            summary = summary or (getattr(op, "summary", "") or "")
            description = description or (getattr(op, "description", "") or "")
        func = getattr(func, "__wrapped__", None)
    return summary, description


# --------------------------------------------------------------------------- errors a handler raises


def _ours(obj: Any) -> bool:
    module = getattr(obj, "__module__", "") or ""
    return module.split(".")[0] in OUR_PACKAGES


def _resolve(node: ast.expr, names: dict[str, Any]) -> Any:
    if isinstance(node, ast.Name):
        return names.get(node.id, getattr(builtins, node.id, None))
    if isinstance(node, ast.Attribute):
        base = _resolve(node.value, names)
        if base is None:
            return None
        try:
            return inspect.getattr_static(base, node.attr) if inspect.isclass(base) else getattr(base, node.attr)
        except AttributeError:
            return None
    return None


def _callable_target(obj: Any) -> Any:
    if isinstance(obj, (staticmethod, classmethod)):
        return obj.__func__
    if isinstance(obj, property):
        return obj.fget
    return obj


def _scope(func: FunctionType) -> dict[str, Any]:
    """Names visible in the function: its module, its parameters' annotated types, `self`/`cls`."""
    names: dict[str, Any] = dict(func.__globals__)
    try:
        hints = inspect.get_annotations(func, eval_str=True)
    except Exception:  # an annotation that cannot be evaluated here: go without the parameter types
        hints = {}
    for param, hint in hints.items():
        if inspect.isclass(hint) and _ours(hint):
            names[param] = hint
    owner_name = func.__qualname__.rsplit(".", 1)[0] if "." in func.__qualname__ else ""
    owner = func.__globals__.get(owner_name.split(".")[0]) if owner_name and "<locals>" not in owner_name else None
    if inspect.isclass(owner):
        names["self"] = names["cls"] = owner
    return names


@cache
def _direct(func: FunctionType) -> tuple[frozenset[type[DomainError]], tuple[FunctionType, ...]]:
    """The error classes a function names itself, and the project functions it names."""
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(func)))
    except (OSError, TypeError, SyntaxError):
        return frozenset(), ()
    names = _scope(func)
    found: set[type[DomainError]] = set()
    callees: list[FunctionType] = []
    for node in ast.walk(tree):
        if not isinstance(node, (ast.Name, ast.Attribute)):
            continue
        target = _callable_target(_resolve(node, names))
        if inspect.isclass(target) and issubclass(target, DomainError):
            found.add(target)
        elif inspect.isfunction(target) and _ours(target):
            callees.append(inspect.unwrap(target))
        elif inspect.isclass(target) and _ours(target) and not issubclass(target, BaseModel):
            init = target.__dict__.get("__init__")
            if inspect.isfunction(init):
                callees.append(init)
    return frozenset(found), tuple(callees)


def _raised_by(func: FunctionType) -> set[type[DomainError]]:
    """Error classes the function names, and those of the project functions it names, transitively."""
    found: set[type[DomainError]] = set()
    stack, seen = [func], set()
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        own, callees = _direct(current)
        found |= own
        stack.extend(callees)
    return found


# What the serving layer answers on any route: a body past the route's limit (backend/body_limits.py),
# Redis or the database unreachable (backend/outages.py), Sanic's response timeout (backend/http_errors.py),
# a request arriving while the worker stops (backend/shutdown.py).
EVERY_ROUTE: frozenset[type[DomainError]] = frozenset({
    errors.PayloadTooBig, errors.CacheUnavailable, errors.DatabaseUnavailable, errors.ResponseTimedOut,
    errors.ShuttingDown})


def errors_for(handler: Callable[..., Any], *, int_ids: bool = False) -> set[type[DomainError]]:
    """Every error class a route can answer with: its own, those of the decorators guarding it, and
    those of the request guards that apply to it (`int_ids`: it has `<x:int>` path ids)."""
    found = set(_raised_by(inspect.unwrap(handler))) | EVERY_ROUTE
    roles = allowed_roles(handler) or frozenset()
    if PUBLIC not in roles:
        found |= {errors.Unauthorized, errors.TokenInvalid, errors.TokenLoggedOut, errors.Forbidden}
        if roles & {"staff", "admin"} and not _declared(handler, "__password_pending_ok__"):
            found.add(errors.PasswordChangeRequired)  # allow(): a temporary password not yet changed
    if _declared(handler, "__body_model__") is not None:
        found |= {errors.MalformedJson, errors.Unprocessable, errors.JsonContentTypeRequired}
        if not _declared(handler, "__body_optional__"):
            found.add(errors.JsonBodyRequired)  # no bytes where the route needs fields
    if _declared(handler, "__form_body__") is not None:  # a form Sanic cannot read, a missing file
        found |= {errors.MalformedForm, errors.Unprocessable}
    if _declared(handler, "__query_model__") is not None:
        found.add(errors.Unprocessable)
    if int_ids:  # app.refuse_out_of_range_ids: an id past the columns' range cannot exist
        found.add(errors.NotFoundError)
    return found


# --------------------------------------------------------------------------- schemas


_NAME_CHARS = re.compile(r"[^A-Za-z0-9._-]+")


def _component_name(name: str) -> str:
    return _NAME_CHARS.sub("_", name).strip("_")


class Components:
    """Collects JSON Schemas of pydantic models under stable component names."""

    def __init__(self) -> None:
        self.schemas: dict[str, Any] = {}

    def ref(self, model: type[BaseModel], *, mode: str = "serialization") -> dict[str, Any]:
        schema = model.model_json_schema(ref_template=REF, mode=mode)  # type: ignore[arg-type]
        for name, definition in schema.pop("$defs", {}).items():
            self.schemas.setdefault(_component_name(name), _fix_refs(definition))
        name = _component_name(schema.get("title") or model.__name__)
        self.schemas.setdefault(name, _fix_refs(schema))
        return {"$ref": REF.format(model=name)}

    def inline(self, model: type[BaseModel], *, mode: str = "validation") -> dict[str, Any]:
        """The model's own schema (its nested models become components), e.g. for query parameters."""
        schema = model.model_json_schema(ref_template=REF, mode=mode)  # type: ignore[arg-type]
        for name, definition in schema.pop("$defs", {}).items():
            self.schemas.setdefault(_component_name(name), _fix_refs(definition))
        return _fix_refs(schema)


def _fix_refs(node: Any) -> Any:
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str) and value.startswith("#/components/schemas/"):
                out[key] = "#/components/schemas/" + _component_name(value.rsplit("/", 1)[1])
            else:
                out[key] = _fix_refs(value)
        return out
    if isinstance(node, list):
        return [_fix_refs(v) for v in node]
    return node


ERROR_SCHEMA = {
    "type": "object",
    "required": ["code", "message", "details", "request_id"],
    "properties": {
        "code": {"type": "string", "description": "错误码（见 README 的错误码表）"},
        "message": {"type": "string", "description": "给用户看的中文说明"},
        "details": {"type": "object", "description": "附加信息，如字段错误 fields[]", "additionalProperties": True},
        "request_id": {"type": "string", "description": "请求编号，反馈问题时提供"},
    },
}


def _error_responses(found: set[type[DomainError]]) -> dict[str, Any]:
    by_status: dict[int, dict[str, str]] = {}
    for cls in found:
        by_status.setdefault(cls.status, {})[cls.code] = cls.default_message
    responses: dict[str, Any] = {}
    for status in sorted(by_status):
        codes = by_status[status]
        lines = "\n".join(f"- `{code}`：{message}" for code, message in sorted(codes.items()))
        schema = {"allOf": [{"$ref": REF.format(model="Error")},
                            {"type": "object", "properties": {"code": {"type": "string", "enum": sorted(codes)}}}]}
        first = sorted(codes)[0]
        responses[str(status)] = {
            "description": f"错误（错误码之一）：\n{lines}",
            "content": {"application/json": {
                "schema": schema,
                "example": {"code": first, "message": codes[first], "details": {}, "request_id": "…"}}},
        }
    return responses


# --------------------------------------------------------------------------- operations


_PARAM = re.compile(r"<(\w+)(?::(\w+))?>")


def _openapi_path(path: str) -> tuple[str, list[tuple[str, str]]]:
    params = [(m.group(1), m.group(2) or "str") for m in _PARAM.finditer(path)]
    return "/" + _PARAM.sub(lambda m: "{" + m.group(1) + "}", path.lstrip("/")), params


def _path_parameter(name: str, kind: str) -> dict[str, Any]:
    from backend.models import MAX_DB_ID

    schema: dict[str, Any] = {"type": "string"}
    if kind == "int":
        # A row id starts at 1; any other number (a year) is whatever refuse_out_of_range_ids lets through.
        schema = {"type": "integer", "minimum": 1 if name.endswith("_id") else 0, "maximum": MAX_DB_ID}
    return {"name": name, "in": "path", "required": True, "schema": schema}


def _query_parameters(model: type[BaseModel], components: Components) -> list[dict[str, Any]]:
    schema = components.inline(model)
    required = set(schema.get("required", []))
    params = []
    for name, prop in schema.get("properties", {}).items():
        param: dict[str, Any] = {"name": name, "in": "query", "required": name in required, "schema": prop}
        if prop.get("description"):
            param["description"] = prop["description"]
        if name not in required:  # Sanic drops blank values: `?town_id=` is the same as leaving it out
            param["allowEmptyValue"] = True
        if prop.get("type") == "array":
            param.update(style="form", explode=True)
        params.append(param)
    return params


def _success_responses(declared: list[Returns], components: Components) -> dict[str, Any]:
    responses: dict[str, Any] = {}
    for item in declared:
        entry: dict[str, Any] = {"description": item.description or "成功"}
        if inspect.isclass(item.body) and issubclass(item.body, BaseModel):
            entry["content"] = {"application/json": {"schema": components.ref(item.body)}}
        elif _is_union(item.body):  # one of several Read schemas, e.g. the full or the public card
            entry["content"] = {"application/json": {
                "schema": {"anyOf": [components.ref(m) for m in get_args(item.body)]}}}
        elif isinstance(item.body, (str, tuple)):
            types = (item.body,) if isinstance(item.body, str) else item.body
            entry["content"] = {t: {"schema": {"type": "string"} if t.startswith("text/") or t.endswith("xml")
                                    else {"type": "string", "format": "binary"}} for t in types}
        responses[str(item.status)] = entry
    return responses


def _is_union(body: Any) -> bool:
    return get_origin(body) in (Union, UnionType) and all(
        inspect.isclass(m) and issubclass(m, BaseModel) for m in get_args(body))


def _roles_text(roles: frozenset[str]) -> str:
    return "允许调用：" + "、".join(ROLE_LABELS.get(r, str(r)) for r in sorted(roles))


def _operations(app: Sanic) -> Iterator[tuple[str, str, str, Callable[..., Any]]]:
    for route in app.router.routes:
        handler = route.handler
        if _declared(handler, "__openapi_exclude__"):
            continue
        methods = [m for m in sorted(route.methods) if m not in ("HEAD", "OPTIONS")]
        name = route.name.split(".", 1)[-1].replace(".", "_")
        for method in methods:
            yield route.path, method.lower(), name if len(methods) == 1 else f"{name}_{method.lower()}", handler


def build(app: Sanic) -> dict[str, Any]:
    """The whole OpenAPI 3.1 document for the app's routes."""
    components = Components()
    components.schemas["Error"] = ERROR_SCHEMA
    paths: dict[str, dict[str, Any]] = {}
    for raw_path, method, operation_id, handler in _operations(app):
        path, path_params = _openapi_path(raw_path)
        summary, description = _summary(handler)
        roles = allowed_roles(handler) or frozenset()
        op: dict[str, Any] = {
            "operationId": operation_id,
            "summary": summary or handler.__name__,
            "description": "\n\n".join(filter(None, [description, _roles_text(roles)])),
            "tags": [path.split("/")[2] if path.startswith("/api/") else path.split("/")[1]],
            "x-roles": sorted(str(r) for r in roles),
        }
        if PUBLIC not in roles:
            op["security"] = [{"token": []}]
        parameters = [_path_parameter(n, k) for n, k in path_params]
        query = _declared(handler, "__query_model__")
        if query is not None:
            parameters += _query_parameters(query, components)
        if parameters:
            op["parameters"] = parameters
        body = _declared(handler, "__body_model__")
        form = _declared(handler, "__form_body__")
        if body is not None:
            op["requestBody"] = {"required": not _declared(handler, "__body_optional__"),
                                 "content": {"application/json": {"schema": components.ref(body, mode="validation")}}}
        elif form is not None:
            op["requestBody"] = {"required": True, "content": {"multipart/form-data": {"schema": form}}}
        op["responses"] = {**_success_responses(list(_declared(handler, "__returns__") or []), components),
                           **_error_responses(errors_for(handler, int_ids=any(k == "int" for _, k in path_params)))}
        paths.setdefault(path, {})[method] = op
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "社组通 API",
            "version": "1.0.0",
            "description": (
                "社会组织服务小程序、工作人员工作台与政策问答机器人的后端接口。\n\n"
                "认证：在 `Authorization: Bearer <token>` 头中携带登录令牌；每个接口列出允许调用的角色"
                "（`x-roles`）。所有错误返回 `{code, message, details, request_id}`，"
                "每个接口列出它可能返回的错误码。\n\n"
                "时间：返回的时刻一律为 ISO 8601、北京时间（Asia/Shanghai）并带 +08:00 偏移，"
                "如 `2026-12-02T09:30:00+08:00`，从不返回 UTC（`Z`、`+00:00`）或不带偏移的时间；"
                "日期为 `2026-12-02`。提交不带偏移的时间按北京时间理解。\n\n"
                "查询参数：可选参数传空值（如 `?town_id=`）等同于不传；未列出的查询参数会被忽略。\n\n"
                "小程序页面：订阅消息、通知和小程序码打开的页面及其查询参数列在 `x-miniprogram-pages`。"
            ),
        },
        "x-miniprogram-pages": miniprogram_pages.openapi_extension(),
        "paths": dict(sorted(paths.items())),
        "components": {
            "schemas": dict(sorted(components.schemas.items())),
            "securitySchemes": {"token": {"type": "http", "scheme": "bearer", "bearerFormat": "opaque"}},
        },
    }


def exclude(handler: H) -> H:
    """Keep a route (the document itself, static files) out of the API description."""
    setattr(handler, "__openapi_exclude__", True)  # noqa: B010
    return handler

