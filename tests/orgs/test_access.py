"""Who may do what: leaders only on their own organization, residents on no staff route, town staff
only within their town."""

from __future__ import annotations

import re

import pytest

from backend.models.audit import AuditLog
from backend.models.organization import Organization
from tests.factories import auth_headers, make_org, make_user, town
from tests.helpers import assert_envelope
from tests.orgs.support import make_credit_code

# Every route of this feature's staff blueprints, read from the router so a new route cannot be forgotten.
STAFF_BLUEPRINTS = ("admin_orgs", "admin_party_building", "admin_regions", "admin_org_credit")


def staff_routes(app, org_id: int) -> list[tuple[str, str]]:
    """(method, concrete path) for every staff route of the organization feature."""
    found = []
    for route in app.router.routes:
        if route.name.split(".")[1] not in STAFF_BLUEPRINTS:
            continue
        path = "/" + re.sub(r"<\w+:int>", str(org_id), route.path.lstrip("/"))
        found.extend((m.lower(), path) for m in route.methods if m not in ("HEAD", "OPTIONS"))
    return found


async def _call(client, method, path, payload, headers):
    kwargs = {"headers": headers}
    if payload is not None:
        kwargs["json"] = payload
    return await getattr(client, method)(path, **kwargs)


@pytest.mark.parametrize("role", ["resident", "leader"])
async def test_residents_and_leaders_get_403_on_every_staff_route(client, login, app, role):
    org = await make_org()
    routes = staff_routes(app, org.id)
    assert len(routes) >= 24 and ("put", f"/api/admin/v1/orgs/{org.id}/credit-status") in routes
    headers = await login(role)
    for method, path in routes:
        payload = None if method in ("get", "delete") else {"decision": "approve"}
        resp = await _call(client, method, path, payload, headers)
        assert_envelope(resp, 403, "forbidden")
    assert (await Organization.get(id=org.id)).status == "active"
    assert not await AuditLog.exists(action="org.phone.read")
    # The allowed path: staff reach the same routes (a read here; every write has its own test).
    assert (await client.get(f"/api/admin/v1/orgs/{org.id}", headers=await login("staff"))).status_code == 200


async def test_region_writes_are_admin_only(client, login):
    staff = await login("staff")
    assert_envelope(await client.patch("/api/admin/v1/regions/1", json={"active": False}, headers=staff), 403)
    assert (await client.get("/api/admin/v1/regions", headers=staff)).status_code == 200


async def test_leader_of_a_gets_404_on_every_write_to_b(client, login, app):
    leader_a, leader_b = await make_user("leader"), await make_user("leader")
    org_a = await make_org(leader=leader_a)
    org_b = await make_org(leader=leader_b, name="乙组织")
    headers = await auth_headers(app.ctx.redis, leader_a)
    writes = [
        ("patch", f"/api/mp/v1/orgs/{org_b.id}", {"name": "被篡改"}),
        ("put", f"/api/mp/v1/orgs/{org_b.id}/party", {"party_member_count": 9, "own_party_org": True}),
        ("post", f"/api/mp/v1/orgs/{org_b.id}/invites", None),
    ]
    # The list above is every write route on one organization in the mini-program API.
    org_writes = {(m.lower(), "/" + r.path.lstrip("/").replace("<org_id:int>", str(org_b.id)))
                  for r in app.router.routes if r.name.split(".")[1] == "mp_orgs" and "<org_id:int>" in r.path
                  for m in r.methods if m not in ("GET", "HEAD", "OPTIONS")}
    assert org_writes == {(m, p) for m, p, _ in writes}
    for method, path, payload in writes:
        resp = await _call(client, method, path, payload, headers)
        assert_envelope(resp, 404, "org_not_found")
    org = await Organization.get(id=org_b.id)
    assert org.name == "乙组织" and org.party_member_count == 0 and org.change_status == "none"
    # Reading B gives A's leader only the public card (and nothing of a B still under review).
    card = (await client.get(f"/api/mp/v1/orgs/{org_b.id}", headers=headers)).json()
    assert "contact_phone" not in card and "status" not in card
    pending_b = await make_org(leader=leader_b, status="pending", name="乙待审")
    assert_envelope(await client.get(f"/api/mp/v1/orgs/{pending_b.id}", headers=headers), 404)
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
                                       headers=member_headers), 404, "org_not_found")


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
        ("post", f"/api/admin/v1/orgs/{other.id}/town-review", {"decision": "pass"}),
        ("get", f"/api/admin/v1/orgs/{other.id}/contact-phone", None),
        ("put", f"/api/admin/v1/orgs/{other.id}/instructor", {"instructor_name": "李四"}),
        ("post", f"/api/admin/v1/orgs/{other.id}/supervision", {"level": "key", "reason": "严重违规"}),
        ("get", f"/api/admin/v1/orgs/{other.id}/supervision", None),
        ("put", f"/api/admin/v1/orgs/{other.id}/party", {"party_member_count": 3, "own_party_org": True}),
        ("put", f"/api/admin/v1/orgs/{other.id}/credit-status", {"credit_status": "abnormal", "reason": "未年报"}),
    ]:
        assert_envelope(await _call(client, method, path, payload, staff), 404, "org_not_found")
    # Searching by name does not reach across towns either, and nothing was changed or audited.
    assert (await client.get("/api/admin/v1/orgs", params={"q": "外镇"}, headers=staff)).json()["total"] == 0
    other_now = await Organization.get(id=other.id)
    assert (other_now.status, other_now.party_member_count, other_now.instructor_name) == ("pending", 0, "")
    assert (other_now.supervision_level, other_now.credit_status) == ("normal", "normal")
    assert not await AuditLog.filter(object_id=str(other.id)).exists()
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
