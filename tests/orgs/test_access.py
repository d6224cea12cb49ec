"""Who may do what: leaders only on their own organization, residents on no staff route, town staff
only within their town."""

from __future__ import annotations

import pytest

from backend.models.organization import Organization
from tests.factories import auth_headers, make_org, make_user, town
from tests.helpers import assert_envelope
from tests.orgs.support import make_credit_code

STAFF_ROUTES = [
    ("get", "/api/admin/v1/orgs", None),
    ("get", "/api/admin/v1/orgs/{b}", None),
    ("post", "/api/admin/v1/orgs/{b}/review", {"decision": "approve"}),
    ("get", "/api/admin/v1/orgs/{b}/contact-phone", None),
    ("put", "/api/admin/v1/orgs/{b}/party", {"party_member_count": 1}),
    ("put", "/api/admin/v1/orgs/{b}/instructor", {"instructor_name": "张三"}),
    ("post", "/api/admin/v1/orgs/{b}/supervision", {"level": "talk", "reason": "轻微违规"}),
    ("get", "/api/admin/v1/orgs/{b}/supervision", None),
    ("get", "/api/admin/v1/orgs/claims", None),
    ("post", "/api/admin/v1/orgs/claims/1/decision", {"decision": "confirm"}),
    ("get", "/api/admin/v1/party-building/coverage", None),
    ("get", "/api/admin/v1/party-building/coverage.xlsx", None),
    ("get", "/api/admin/v1/party-building/joint-branch-suggestions", None),
    ("get", "/api/admin/v1/party-building/joint-branches", None),
    ("post", "/api/admin/v1/party-building/joint-branches", {"name": "联合支部", "town_id": 1}),
    ("get", "/api/admin/v1/party-building/joint-branches/1", None),
    ("patch", "/api/admin/v1/party-building/joint-branches/1", {"name": "新名称"}),
    ("delete", "/api/admin/v1/party-building/joint-branches/1", None),
    ("post", "/api/admin/v1/party-building/joint-branches/1/members", {"org_id": 1}),
    ("delete", "/api/admin/v1/party-building/joint-branches/1/members/1", None),
    ("get", "/api/admin/v1/regions", None),
    ("post", "/api/admin/v1/regions", {"name": "新街道", "level": "town", "code": "370403999"}),
    ("patch", "/api/admin/v1/regions/1", {"active": False}),
]


async def _call(client, method, path, payload, headers):
    kwargs = {"headers": headers}
    if payload is not None:
        kwargs["json"] = payload
    return await getattr(client, method)(path, **kwargs)


@pytest.mark.parametrize("role", ["resident", "leader"])
async def test_residents_and_leaders_get_403_on_every_staff_route(client, login, role):
    org = await make_org()
    headers = await login(role)
    for method, path, payload in STAFF_ROUTES:
        resp = await _call(client, method, path.format(b=org.id), payload, headers)
        assert_envelope(resp, 403, "forbidden")


async def test_region_writes_are_admin_only(client, login):
    staff = await login("staff")
    assert_envelope(await client.patch("/api/admin/v1/regions/1", json={"active": False}, headers=staff), 403)
    assert (await client.get("/api/admin/v1/regions", headers=staff)).status_code == 200


async def test_leader_of_a_gets_403_or_404_on_every_write_to_b(client, login, app):
    leader_a, leader_b = await make_user("leader"), await make_user("leader")
    org_a = await make_org(leader=leader_a)
    org_b = await make_org(leader=leader_b, name="乙组织")
    headers = await auth_headers(app.ctx.redis, leader_a)
    writes = [
        ("patch", f"/api/mp/v1/orgs/{org_b.id}", {"name": "被篡改"}),
        ("put", f"/api/mp/v1/orgs/{org_b.id}/party", {"party_member_count": 9, "own_party_org": True}),
        ("post", f"/api/mp/v1/orgs/{org_b.id}/invites", None),
    ]
    for method, path, payload in writes:
        resp = await _call(client, method, path, payload, headers)
        assert resp.status_code in (403, 404), (path, resp.text)
    org = await Organization.get(id=org_b.id)
    assert org.name == "乙组织" and org.party_member_count == 0
    # The same writes on A are allowed.
    assert (await client.patch(f"/api/mp/v1/orgs/{org_a.id}", json={"address": "新地址 1 号",
                               "charter_text": "坚持党的全面领导"}, headers=headers)).status_code == 200
    assert (await client.put(f"/api/mp/v1/orgs/{org_a.id}/party", json={"party_member_count": 2},
                             headers=headers)).status_code == 200
    assert (await client.post(f"/api/mp/v1/orgs/{org_a.id}/invites", headers=headers)).status_code == 201
    # A missing organization is a 404, not a 500.
    assert_envelope(await client.patch("/api/mp/v1/orgs/999999", json={"name": "无此组织"}, headers=headers), 404)


async def test_member_who_is_not_leader_cannot_write(client, login, app):
    leader = await make_user("leader")
    org = await make_org(leader=leader)
    code = (await client.post(f"/api/mp/v1/orgs/{org.id}/invites",
                              headers=await auth_headers(app.ctx.redis, leader))).json()["code"]
    member_headers = await login("leader")
    assert (await client.post("/api/mp/v1/orgs/join", json={"code": code}, headers=member_headers)).status_code == 201
    assert_envelope(await client.patch(f"/api/mp/v1/orgs/{org.id}", json={"name": "成员改名"},
                                       headers=member_headers), 403, "not_org_leader")


async def test_town_staff_cannot_read_other_towns_pending_registrations(client, login):
    t0, t1 = await town(0), await town(1)
    mine = await make_org(town=t0, status="pending", name="本镇待审")
    other = await make_org(town=t1, status="pending", name="外镇待审")
    staff = await login("staff", scope_region_id=t0.id)
    listing = (await client.get("/api/admin/v1/orgs", params={"status": "pending"}, headers=staff)).json()
    assert [o["id"] for o in listing["items"]] == [mine.id]
    assert_envelope(await client.get("/api/admin/v1/orgs", params={"town_id": t1.id}, headers=staff), 403)
    for method, path, payload in [
        ("get", f"/api/admin/v1/orgs/{other.id}", None),
        ("post", f"/api/admin/v1/orgs/{other.id}/review", {"decision": "approve"}),
        ("get", f"/api/admin/v1/orgs/{other.id}/contact-phone", None),
        ("put", f"/api/admin/v1/orgs/{other.id}/instructor", {"instructor_name": "李四"}),
        ("post", f"/api/admin/v1/orgs/{other.id}/supervision", {"level": "key", "reason": "严重违规"}),
    ]:
        assert_envelope(await _call(client, method, path, payload, staff), 404, "org_not_found")
    assert (await Organization.get(id=other.id)).status == "pending"
    assert (await client.get(f"/api/admin/v1/orgs/{mine.id}", headers=staff)).status_code == 200
    district = await login("staff")
    assert (await client.get("/api/admin/v1/orgs", params={"status": "pending"},
                             headers=district)).json()["total"] == 2


async def test_town_staff_cannot_confirm_other_towns_claims(client, login):
    t1 = await town(1)
    org = await make_org(town=t1, credit_code=make_credit_code(5))
    claimant = await login("resident")
    claim = (await client.post("/api/mp/v1/orgs/claims", json={"credit_code": org.credit_code},
                               headers=claimant)).json()
    staff = await login("staff", scope_region_id=(await town(0)).id)
    assert (await client.get("/api/admin/v1/orgs/claims", headers=staff)).json()["items"] == []
    assert_envelope(await client.post(f"/api/admin/v1/orgs/claims/{claim['claim_id']}/decision",
                                      json={"decision": "confirm"}, headers=staff), 404)
