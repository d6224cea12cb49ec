"""The served OpenAPI document is the contract the mini-program and the console are generated from.

It must be valid OpenAPI, and for every operation it must describe what the route really uses: the
JSON body its `json_body` model validates, the query its `query_args` model validates, the upload
form, each path parameter, a success response with its schema, and the error codes the route can
raise. A route the document does not describe is a bug.
"""

from __future__ import annotations

import re

from openapi_spec_validator import validate

from backend import contract
from backend.auth import PUBLIC, allowed_roles
from backend.errors import (
    ActivityNotFound,
    CheckinCodeInvalid,
    JointBranchFull,
    NotConfirmed,
    NotExpert,
    RateLimited,
    SelfApproval,
    UsernameTaken,
    error_classes,
)


def _operations(app):
    for route in app.router.routes:
        if contract._declared(route.handler, "__openapi_exclude__"):
            continue
        path = "/" + re.sub(r"<(\w+)(?::[^>]*)?>", r"{\1}", route.path.lstrip("/"))
        for method in route.methods - {"HEAD", "OPTIONS"}:
            yield path, method.lower(), route.handler


async def _spec(client):
    resp = await client.get("/docs/openapi.json")
    assert resp.status_code == 200
    return resp.json()


async def test_the_served_document_is_valid_openapi(client):
    spec = await _spec(client)
    validate(spec)
    assert spec["components"]["securitySchemes"]["token"]["scheme"] == "bearer"


async def test_every_operation_documents_what_its_route_uses(app, client):
    spec = await _spec(client)
    missing: list[str] = []
    for path, method, handler in _operations(app):
        op = spec["paths"][path][method]
        name = f"{method.upper()} {path}"
        params = {(p["in"], p["name"]) for p in op.get("parameters", [])}
        for segment in re.findall(r"{(\w+)}", path):
            if ("path", segment) not in params:
                missing.append(f"{name}: path parameter {segment}")
        query = contract._declared(handler, "__query_model__")
        if query is not None:
            for field in query.model_fields:
                if ("query", field) not in params:
                    missing.append(f"{name}: query parameter {field}")
        if contract._declared(handler, "__body_model__") is not None:
            if "application/json" not in op.get("requestBody", {}).get("content", {}):
                missing.append(f"{name}: JSON body")
        if contract._declared(handler, "__form_body__") is not None:
            if "multipart/form-data" not in op.get("requestBody", {}).get("content", {}):
                missing.append(f"{name}: upload form")
        success = {k: v for k, v in op["responses"].items() if k.startswith("2")}
        if not success:
            missing.append(f"{name}: success response")
        for status, response in success.items():
            if status != "204" and not response.get("content"):
                missing.append(f"{name}: {status} response schema")
        if PUBLIC not in (allowed_roles(handler) or ()):
            if "401" not in op["responses"] or op.get("security") != [{"token": []}]:
                missing.append(f"{name}: bearer security and 401")
    assert missing == [], f"{len(missing)} gaps:\n" + "\n".join(sorted(missing))


async def test_each_json_body_documents_its_own_model(app, client):
    """Two body models with one class name would share one component: the document would describe one
    route's body with the other's fields (the grants decision once showed the annual report's)."""
    spec = await _spec(client)
    schemas = spec["components"]["schemas"]
    wrong: list[str] = []
    for path, method, handler in _operations(app):
        model = contract._declared(handler, "__body_model__")
        if model is None:
            continue
        schema = spec["paths"][path][method]["requestBody"]["content"]["application/json"]["schema"]
        if "$ref" in schema:
            schema = schemas[schema["$ref"].rsplit("/", 1)[1]]
        documented = set(schema.get("properties", {}))
        fields = {f.alias or name for name, f in model.model_fields.items()}
        if documented != fields:
            wrong.append(f"{method.upper()} {path}: documents {sorted(documented)}, validates {sorted(fields)}")
    assert wrong == [], "\n".join(wrong)


def _codes(op: dict, status: int | str) -> set[str]:
    response = op["responses"].get(str(status))
    if response is None:
        return set()
    return set(response["content"]["application/json"]["schema"]["allOf"][1]["properties"]["code"]["enum"])


async def test_documented_error_codes_come_from_the_error_table_under_their_own_status(client):
    spec = await _spec(client)
    table = {c.code: c.status for c in error_classes()}
    wrong = []
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            for status in op["responses"]:
                if status.startswith("2"):
                    continue
                for code in _codes(op, status):
                    if table.get(code) != int(status):
                        wrong.append(f"{method.upper()} {path}: {status} {code} (table: {table.get(code)})")
    assert wrong == []


async def test_the_guards_refusals_are_documented_where_they_apply(app, client):
    """What the decorators and request guards answer (not the handler) is in the document too."""
    spec = await _spec(client)
    gaps = []
    for path, method, handler in _operations(app):
        op, name = spec["paths"][path][method], f"{method.upper()} {path}"
        expected: dict[int, set[str]] = {
            413: {"payload_too_large"},
            503: {"cache_unavailable", "database_unavailable", "response_timeout", "shutting_down"},
        }
        if "{" in path and any(p["in"] == "path" and p["schema"].get("type") == "integer"
                               for p in op.get("parameters", [])):
            expected.setdefault(404, set()).add("not_found")  # refuse_out_of_range_ids
        if contract._declared(handler, "__body_model__") is not None:
            expected.setdefault(400, set()).add("malformed_json")
            expected.setdefault(415, set()).add("json_content_type_required")
            expected.setdefault(422, set()).add("validation_failed")
        if contract._declared(handler, "__form_body__") is not None:
            expected.setdefault(400, set()).add("malformed_form")
            expected.setdefault(422, set()).add("validation_failed")
        if PUBLIC not in (allowed_roles(handler) or ()):
            expected.setdefault(401, set()).update({"unauthorized", "token_invalid"})
            expected.setdefault(403, set()).add("forbidden")
        for status, codes in expected.items():
            if not codes <= _codes(op, status):
                gaps.append(f"{name}: {status} lacks {sorted(codes - _codes(op, status))}")
    assert gaps == []


async def test_codes_raised_deep_in_services_reach_their_routes(client):
    spec = await _spec(client)
    cases = [
        ("/api/admin/v1/party-building/joint-branches/{branch_id}/members", "post", JointBranchFull),
        ("/api/admin/v1/notices/{notice_id}/approve", "post", SelfApproval),
        ("/api/admin/v1/staff", "post", UsernameTaken),
        ("/api/mp/v1/bot/ask", "post", RateLimited),
    ]
    for path, method, cls in cases:
        assert cls.code in _codes(spec["paths"][path][method], cls.status), (path, cls.code)


async def test_success_bodies_are_closed_read_schemas(client):
    """Every JSON success body is a Read schema closed to unknown fields, so response_schema_conformance
    really checks the shape (a schema open to anything would pass any answer)."""
    spec = await _spec(client)
    components = spec["components"]["schemas"]
    open_ = []
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            for status, response in op["responses"].items():
                schema = response.get("content", {}).get("application/json", {}).get("schema")
                if not status.startswith("2") or schema is None:
                    continue
                refs = [schema] if "$ref" in schema else schema.get("anyOf", [])
                for ref in refs:
                    name = ref["$ref"].rsplit("/", 1)[1]
                    if components[name].get("additionalProperties") is not False:
                        open_.append(f"{method.upper()} {path} {status}: {name}")
    assert open_ == []


async def test_blank_optional_query_values_are_documented_as_allowed(app, client):
    spec = await _spec(client)
    op = spec["paths"]["/api/mp/v1/activities"]["get"]
    params = {p["name"]: p for p in op["parameters"]}
    assert params["date_to"]["allowEmptyValue"] is True and params["town_id"]["allowEmptyValue"] is True
    resp = await client.get("/api/mp/v1/activities", params={"date_to": "", "town_id": ""})
    assert resp.status_code == 200, resp.text


async def test_error_codes_a_route_raises_are_listed_under_their_status(client):
    spec = await _spec(client)
    checkin = spec["paths"]["/api/mp/v1/activities/{activity_id}/checkins"]["post"]["responses"]

    def codes(status: int) -> set[str]:
        schema = checkin[str(status)]["content"]["application/json"]["schema"]
        return set(schema["allOf"][1]["properties"]["code"]["enum"])

    # Raised three calls deep (handler -> checkins.check_in -> CheckinSigner.verify / _confirmed_signup).
    assert CheckinCodeInvalid.code in codes(422)
    assert NotConfirmed.code in codes(403)
    assert ActivityNotFound.code in codes(404)
    assert {"unauthorized", "token_invalid"} <= codes(401)


# An error class of the table, not one of the test's own: a DomainError subclass defined here would join
# error_classes() and make the README's error table look stale (tests/test_contract.py).
_Probe = NotExpert


def _service(flag: bool) -> None:
    if flag:
        raise _Probe()


def _passes_a_class(check):  # an error class handed over, as access.require_leader_of takes one
    return check(ActivityNotFound)


async def _probe_handler(request):
    _service(True)
    return _passes_a_class(lambda cls: cls)


def test_the_error_finder_reads_through_calls_and_error_arguments():
    for func in (_service, _passes_a_class, _probe_handler):
        func.__module__ = "backend.probe"  # the finder follows only the project's own functions
    found = contract._raised_by(_probe_handler)
    assert _Probe in found and ActivityNotFound in found
    _service.__module__ = "somewhere.else"
    contract._direct.cache_clear()
    assert _Probe not in contract._raised_by(_probe_handler)


async def test_enums_and_literals_are_enums_not_objects(client):
    spec = await _spec(client)
    bad = []

    def walk(node, where):
        if isinstance(node, dict):
            if "enum" in node and node.get("type") == "object":
                bad.append(where)
            for key, value in node.items():
                walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, f"{where}/{i}")

    walk(spec, "")
    assert bad == []
