"""Messages about bad input name fields in Chinese (backend.field_labels) and never show what pydantic
checked them against: no `str-enum[OrgStatus]`, no `body：`, one separator in a list of choices."""

from __future__ import annotations

import re
from typing import Any

from backend import contract
from backend.errors import field_error
from backend.field_labels import FIELD_LABELS, label
from tests.factories import make_org, make_user
from tests.helpers import assert_envelope

INTERNALS = re.compile(r"str-enum|literal|function-|\[|\]|body：|Enum|\bNone\b|,")


def _request_fields(spec: dict[str, Any]) -> set[str]:
    """Every property of every request body (followed through $ref) and every query parameter."""
    schemas, seen, names = spec["components"]["schemas"], set(), set()

    def walk(node: Any) -> None:
        if isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            ref = node.get("$ref")
            if ref and ref not in seen:
                seen.add(ref)
                walk(schemas[ref.rsplit("/", 1)[-1]])
            names.update(node.get("properties", {}))
            for value in node.values():
                walk(value)

    for ops in spec["paths"].values():
        for op in ops.values():
            names.update(p["name"] for p in op.get("parameters", []) if p["in"] == "query")
            for content in op.get("requestBody", {}).get("content", {}).values():
                walk(content["schema"])
    return names


def test_every_request_field_has_a_chinese_label(app):
    fields = _request_fields(contract.build(app))
    assert len(fields) > 150
    assert sorted(fields - set(FIELD_LABELS)) == []
    assert all(re.search(r"[\u4e00-\u9fff]", text) for text in FIELD_LABELS.values())


def test_paths_read_as_chinese():
    assert label("title") == "标题"
    assert label("budget_lines[2].category") == "预算明细第 3 项的类别" == label("budget_lines.2.category")
    assert label("data.thing1") == "模板字段“thing1”"
    assert field_error("starts_at", "必须晚于现在").message == "开始时间：必须晚于现在"


def _clean(message: str) -> None:
    assert not INTERNALS.search(message), message
    # field names stay out (the values one may send, after 可选：, are what the client sends)
    named = re.sub(r"可选：[^；]*", "", message).replace("（override_charter_flag）", "")
    assert not re.search(r"\b[a-z]+_[a-z_]+\b", named), message


async def test_a_bad_choice_lists_the_choices_once_with_one_separator(client, login):
    body = assert_envelope(await client.get("/api/admin/v1/orgs/", params={"status": "nope"},
                                            headers=await login("staff")), 422, "validation_failed")
    _clean(body["message"])
    assert body["message"].startswith("提交的内容有误：状态：取值无效，可选：pending、active、")
    assert "change_pending" in body["message"] and body["details"]["fields"] == [
        {"field": "status", "message": body["details"]["fields"][0]["message"]}]


async def test_a_null_activity_title_names_the_field(client, app):
    from tests.factories import auth_headers

    leader = await make_user("leader")
    org = await make_org(leader=leader)
    headers = await auth_headers(app.ctx.redis, leader)
    resp = await client.post(f"/api/mp/v1/orgs/{org.id}/activities", headers=headers, json={"title": None})
    _clean(assert_envelope(resp, 422, "validation_failed")["message"])
    # the body is checked before the activity is looked up
    resp = await client.patch("/api/mp/v1/activities/999999", headers=headers, json={"title": None})
    body = assert_envelope(resp, 422, "validation_failed")
    assert body["message"] == "提交的内容有误：标题：不能为空", body
    assert body["details"]["fields"] == [{"field": "title", "message": "不能为空"}]


async def test_wrong_types_and_lengths_read_in_chinese(client, login):
    headers = await login("staff")
    resp = await client.post("/api/admin/v1/notices/", headers=headers, json={
        "title": "", "body": "正文", "audience": {"kind": "all"}, "channels": ["inbox"], "scheduled_at": 5})
    body = assert_envelope(resp, 422, "validation_failed")
    _clean(body["message"])
    assert "标题" in body["message"]


async def test_the_charter_override_is_named_as_the_console_shows_it(client, login):
    resp = await client.post("/api/admin/v1/orgs/1/review", headers=await login("staff"),
                             json={"decision": "approve", "override_charter_flag": "maybe"})
    body = assert_envelope(resp, 422, "validation_failed")
    _clean(body["message"])
    assert "“仍予核准”勾选项" in body["message"]
    from backend.errors import CharterPartyClauseMissing
    assert "勾选“仍予核准”（override_charter_flag）" in CharterPartyClauseMissing().message
