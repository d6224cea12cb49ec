"""Claiming a registered organization by credit code (staff confirm) and one-time invite codes."""

from __future__ import annotations

from backend.models.audit import AuditLog
from backend.models.organization import OrgMember
from backend.models.user import User
from tests.factories import auth_headers, make_org, make_user, town
from tests.helpers import assert_envelope
from tests.orgs.support import make_credit_code

S = "/api/admin/v1/orgs"


async def test_claim_confirmed_by_staff_makes_a_leader(client, login):
    org = await make_org(credit_code=make_credit_code(11))
    claimant = await login("resident", openid="o-claimant")
    resp = await client.post("/api/mp/v1/orgs/claims", json={"credit_code": org.credit_code.lower()},
                             headers=claimant)
    assert resp.status_code == 201, resp.text
    assert_envelope(await client.post("/api/mp/v1/orgs/claims", json={"credit_code": org.credit_code},
                                      headers=claimant), 409, "claim_exists")
    # Not yet a leader: writes are refused until staff confirm.
    assert_envelope(await client.post(f"/api/mp/v1/orgs/{org.id}/invites", headers=claimant), 403)
    staff = await login("staff")
    claims = (await client.get("/api/admin/v1/orgs/claims", headers=staff)).json()["items"]
    assert [c["org"]["id"] for c in claims] == [org.id]
    resp = await client.post(f"/api/admin/v1/orgs/claims/{claims[0]['id']}/decision", headers=staff,
                             json={"decision": "confirm"})
    assert resp.status_code == 200
    user = await User.get(openid="o-claimant")
    assert user.role == "leader"
    assert (await OrgMember.get(org_id=org.id, user_id=user.id)).confirmed
    assert await AuditLog.exists(action="org.claim.confirm", object_id=str(org.id))
    assert (await client.post(f"/api/mp/v1/orgs/{org.id}/invites", headers=claimant)).status_code == 201


async def test_claim_rejection_needs_reason_and_unknown_codes_are_refused(client, login):
    org = await make_org(credit_code=make_credit_code(12))
    claimant = await login("resident")
    body = assert_envelope(await client.post("/api/mp/v1/orgs/claims", json={"credit_code": make_credit_code(13)},
                                             headers=claimant), 422)
    assert body["details"]["fields"][0]["field"] == "credit_code"
    claim_id = (await client.post("/api/mp/v1/orgs/claims", json={"credit_code": org.credit_code},
                                  headers=claimant)).json()["claim_id"]
    staff = await login("staff")
    assert_envelope(await client.post(f"/api/admin/v1/orgs/claims/{claim_id}/decision", headers=staff,
                                      json={"decision": "reject"}), 422)
    resp = await client.post(f"/api/admin/v1/orgs/claims/{claim_id}/decision", headers=staff,
                             json={"decision": "reject", "reason": "非该组织负责人"})
    assert resp.status_code == 200
    assert not await OrgMember.exists(id=claim_id)
    assert (await AuditLog.get(action="org.claim.reject")).reason == "非该组织负责人"


async def test_pending_claims_are_paged_by_the_api_within_the_town(client, login):
    t0, t1 = await town(0), await town(1)
    own = [await make_org(credit_code=make_credit_code(20 + n), town=t0) for n in range(3)]
    other = await make_org(credit_code=make_credit_code(29), town=t1)
    for n, org in enumerate([*own, other]):
        claimant = await login("resident", openid=f"o-paged-claimant-{n}")
        resp = await client.post("/api/mp/v1/orgs/claims", json={"credit_code": org.credit_code}, headers=claimant)
        assert resp.status_code == 201, resp.text
    town_staff = await login("staff", scope_region_id=t0.id)
    first = (await client.get(f"{S}/claims", headers=town_staff, params={"page": 1, "page_size": 2})).json()
    second = (await client.get(f"{S}/claims", headers=town_staff, params={"page": 2, "page_size": 2})).json()
    assert (first["total"], first["page"], first["page_size"]) == (3, 1, 2)
    assert [c["org"]["id"] for c in first["items"] + second["items"]] == [o.id for o in own]
    assert (await client.get(f"{S}/claims", headers=await login("staff"))).json()["total"] == 4
    body = assert_envelope(await client.get(f"{S}/claims", headers=town_staff, params={"page_size": "500"}), 422)
    assert body["details"]["fields"][0]["field"] == "page_size" and "每页条数" in body["message"]
    assert_envelope(await client.get(f"{S}/claims", headers=town_staff, params={"page": "0"}), 422)


async def test_invite_code_is_single_use(client, login, app):
    leader = await make_user("leader")
    org = await make_org(leader=leader)
    resp = await client.post(f"/api/mp/v1/orgs/{org.id}/invites", headers=await auth_headers(app.ctx.redis, leader))
    code = resp.json()["code"]
    ttl = await app.ctx.redis.ttl(f"org:invite:{code}")
    assert 0 < ttl <= 7 * 24 * 3600
    first, second = await login("resident"), await login("resident")
    resp = await client.post("/api/mp/v1/orgs/join", json={"code": code.lower()}, headers=first)
    assert resp.status_code == 201 and resp.json() == {"org_id": org.id, "role": "member"}
    body = assert_envelope(await client.post("/api/mp/v1/orgs/join", json={"code": code}, headers=second), 422)
    assert body["details"]["fields"][0]["field"] == "code"
    assert await OrgMember.filter(org_id=org.id, role="member").count() == 1


async def test_existing_member_does_not_burn_the_code(client, login, app):
    leader = await make_user("leader")
    org = await make_org(leader=leader)
    code = (await client.post(f"/api/mp/v1/orgs/{org.id}/invites",
                              headers=await auth_headers(app.ctx.redis, leader))).json()["code"]
    assert_envelope(await client.post("/api/mp/v1/orgs/join", json={"code": code},
                                      headers=await auth_headers(app.ctx.redis, leader)), 409, "already_member")
    assert (await client.post("/api/mp/v1/orgs/join", json={"code": code},
                              headers=await login("resident"))).status_code == 201
