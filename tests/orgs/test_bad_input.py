"""Malformed input on the organization routes: a clear Chinese envelope naming the field, never a 500, and
nothing written."""

from __future__ import annotations

import pytest

from backend.models.organization import JointBranch, Organization
from tests.factories import auth_headers, make_org, make_user, town
from tests.helpers import assert_envelope
from tests.orgs.support import org_payload

HUGE = 10**20  # past every INTEGER column: the driver would raise if it reached the database
INT32_PLUS_ONE = 2**31


def _field(body: dict) -> str:
    return body["details"]["fields"][0]["field"]


@pytest.mark.parametrize("bad_id", [HUGE, INT32_PLUS_ONE])
async def test_out_of_range_path_ids_are_not_found(client, login, app, bad_id):
    staff, resident = await login("staff"), await login("resident")
    leader = await make_user("leader")
    headers = await auth_headers(app.ctx.redis, leader)
    for method, path, who, payload in [
        ("get", f"/api/admin/v1/orgs/{bad_id}", staff, None),
        ("get", f"/api/admin/v1/orgs/{bad_id}/contact-phone", staff, None),
        ("post", f"/api/admin/v1/orgs/{bad_id}/review", staff, {"decision": "approve"}),
        ("post", f"/api/admin/v1/orgs/{bad_id}/town-review", staff, {"decision": "pass"}),
        ("put", f"/api/admin/v1/orgs/{bad_id}/party", staff, {"party_member_count": 1}),
        ("post", f"/api/admin/v1/orgs/claims/{bad_id}/decision", staff, {"decision": "confirm"}),
        ("delete", f"/api/admin/v1/party-building/joint-branches/{bad_id}/members/{bad_id}", staff, None),
        ("get", f"/api/mp/v1/orgs/{bad_id}", resident, None),
        ("patch", f"/api/mp/v1/orgs/{bad_id}", headers, {"name": "不存在的组织"}),
        ("post", f"/api/mp/v1/orgs/{bad_id}/invites", headers, None),
    ]:
        kwargs = {"headers": who, **({"json": payload} if payload is not None else {})}
        assert_envelope(await getattr(client, method)(path, **kwargs), 404)


async def test_out_of_range_ids_in_bodies_and_queries_name_the_field(client, login):
    staff, resident = await login("staff"), await login("resident")
    t0 = await town(0)
    body = assert_envelope(await client.post("/api/mp/v1/orgs", json=org_payload(HUGE), headers=resident), 422)
    assert _field(body) == "town_id"
    body = assert_envelope(await client.post("/api/mp/v1/orgs", json=org_payload(t0.id, community_id=HUGE),
                                             headers=resident), 422)
    assert _field(body) == "community_id"
    for path in ("/api/mp/v1/orgs", "/api/admin/v1/orgs", "/api/admin/v1/party-building/coverage",
                 "/api/admin/v1/party-building/coverage.xlsx", "/api/admin/v1/party-building/joint-branch-suggestions"):
        body = assert_envelope(await client.get(path, params={"town_id": HUGE}, headers=staff), 422)
        assert _field(body) == "town_id"
    body = assert_envelope(await client.post("/api/admin/v1/party-building/joint-branches", headers=staff,
                                             json={"name": "联合党支部", "town_id": t0.id, "org_ids": [HUGE]}), 422)
    assert _field(body) == "org_ids.0"
    assert await Organization.all().count() == 0 and await JointBranch.all().count() == 0


async def test_nul_characters_are_refused_naming_the_field(client, login):
    # PostgreSQL cannot store U+0000 in text; without the check this was a 500 there.
    resident, staff = await login("resident"), await login("staff")
    t0 = await town(0)
    body = assert_envelope(await client.post("/api/mp/v1/orgs", json=org_payload(t0.id, name="爱心\x00协会"),
                                             headers=resident), 422, "validation_failed")
    assert _field(body) == "name" and "空字符" in body["message"]
    body = assert_envelope(await client.get("/api/mp/v1/orgs", params={"q": "爱心\x00"}), 422)
    assert _field(body) == "q"
    org = await make_org()
    body = assert_envelope(await client.post(f"/api/admin/v1/orgs/{org.id}/supervision", headers=staff,
                                             json={"level": "talk", "reason": "轻微\x00违规"}), 422)
    assert _field(body) == "reason"
    assert await Organization.all().count() == 1 and (await Organization.get(id=org.id)).supervision_level == "normal"


async def test_emoji_and_rare_characters_round_trip(client, login):
    resident = await login("resident")
    name = "𠀀爱心😀助老协会"
    resp = await client.post("/api/mp/v1/orgs", json=org_payload((await town(0)).id, name=name,
                                                                  description="服务🧓老人"), headers=resident)
    assert resp.status_code == 201, resp.text
    assert resp.json()["name"] == name and (await Organization.get(id=resp.json()["id"])).name == name
    assert (await client.get("/api/mp/v1/orgs", params={"q": "😀"})).status_code == 200


@pytest.mark.parametrize(("override", "field"), [
    ({"town_id": "甲镇"}, "town_id"),
    ({"town_id": None}, "town_id"),
    ({"served_groups": "孤寡老人"}, "served_groups"),
    ({"served_groups": ["外星人"]}, "served_groups.0"),
    ({"party_member_count": -1}, "party_member_count"),
    ({"party_member_count": HUGE}, "party_member_count"),
    ({"contact_phone": "１３８１２３４５６７８"}, "contact_phone"),
    ({"contact_phone": "12345"}, "contact_phone"),
    ({"legal_form": "company"}, "legal_form"),
    ({"name": "x" * 129}, "name"),
    ({"credit_code": 914403001922038216}, "credit_code"),
])
async def test_wrong_types_and_values_on_registration(client, login, override, field):
    payload = {**org_payload((await town(0)).id), **override}
    body = assert_envelope(await client.post("/api/mp/v1/orgs", json=payload, headers=await login("resident")), 422)
    assert _field(body) == field
    assert await Organization.all().count() == 0


async def test_malformed_bodies(client, login):
    resident = await login("resident")
    headers = {**resident, "content-type": "application/json"}
    assert_envelope(await client.post("/api/mp/v1/orgs", content=b"\xff\xfe{", headers=headers), 400, "malformed_json")
    assert_envelope(await client.post("/api/mp/v1/orgs", content=b"", headers=headers), 400, "json_body_required")
    assert_envelope(await client.post("/api/mp/v1/orgs", json=[1, 2], headers=resident), 422)
    deep = b"[" * 1000 + b'"\\u0000"' + b"]" * 1000  # as deep as the JSON parser allows
    resp = await client.post("/api/mp/v1/orgs", content=deep, headers=headers)
    assert_envelope(resp, 422, "validation_failed")
    staff = await login("staff")
    org = await make_org(status="pending")
    body = assert_envelope(await client.post(f"/api/admin/v1/orgs/{org.id}/review", headers=staff,
                                             json={"decision": "maybe"}), 422)
    assert _field(body) == "decision"
    assert (await Organization.get(id=org.id)).status == "pending"


async def test_joint_branch_with_an_unknown_unit_writes_nothing(client, login):
    a = await town(0)
    good = await make_org(town=a, party_member_count=1)
    resp = await client.post("/api/admin/v1/party-building/joint-branches", headers=await login("staff"),
                             json={"name": "临城联合党支部", "town_id": a.id, "org_ids": [good.id, 999999]})
    assert_envelope(resp, 404, "org_not_found")
    assert await JointBranch.all().count() == 0
    assert (await Organization.get(id=good.id)).joint_branch_id is None


async def test_a_long_search_text_on_the_staff_list_is_a_name_search(client, login):
    # Found by the fuzz profile: a `q` longer than a credit code reached the credit_code column's length
    # check and answered 500.
    staff = await login("staff")
    org = await make_org(name="临山社区爱心助老协会" + "0" * 40)
    for q in ("0" * 64, "0" * 19, "爱心助老协会" + "0" * 40):
        resp = await client.get("/api/admin/v1/orgs", params={"q": q}, headers=staff)
        assert resp.status_code == 200, resp.text
    resp = await client.get("/api/admin/v1/orgs", params={"q": "0" * 40}, headers=staff)
    assert [o["id"] for o in resp.json()["items"]] == [org.id]
