"""Item 9 of issue 12: a second organization with the same name (spaces and full-width forms aside) is
refused, naming the first, unless the first was rejected or deregistered."""

from __future__ import annotations

import pytest

from backend.models.organization import Organization, name_key
from tests.factories import auth_headers, make_org, make_user, town
from tests.helpers import assert_envelope
from tests.orgs.support import PARTY_CHARTER, org_payload


def test_name_key_ignores_spaces_full_width_forms_and_case():
    key = name_key("临山社区爱心助老协会")
    for spaced in ("临山社区 爱心助老协会", "临山社区　爱心助老协会", " 临山社区爱心助老协会\t"):
        assert name_key(spaced) == key
    assert name_key("ＡＢＣ青年志愿者协会（临山）") == name_key("abc 青年志愿者协会(临山)")
    assert name_key("临山社区\u200b爱心助老协会") == name_key("临山社区爱心助老协会")
    assert name_key("临山社区爱心助老协会") != name_key("临山社区爱心助幼协会")


async def _register(client, headers, **overrides):
    return await client.post("/api/mp/v1/orgs", json=org_payload((await town(0)).id, **overrides), headers=headers)


@pytest.mark.parametrize("status", ["pending", "active", "returned"])
async def test_a_live_organization_holds_its_name(client, login, status):
    first = await make_org(name="临山社区爱心助老协会", status=status)
    body = assert_envelope(await _register(client, await login("resident"), name="临山社区　爱心 助老协会"),
                           409, "org_name_taken")
    assert "临山社区爱心助老协会" in body["message"] and "不能重复登记" in body["message"]
    assert await Organization.all().count() == 1
    assert (await Organization.get(id=first.id)).name_key == name_key("临山社区爱心助老协会")


@pytest.mark.parametrize("status", ["rejected", "deregistered"])
async def test_a_rejected_or_deregistered_name_may_be_used_again(client, login, status):
    await make_org(name="ＡＢＣ青年志愿者协会", status=status)
    resp = await _register(client, await login("resident"), name="ABC青年志愿者协会")
    assert resp.status_code == 201, resp.text


async def test_renaming_into_a_taken_name_is_refused_and_the_own_name_is_kept(client, login, app):
    await make_org(name="巨山街道儿童关爱服务社")
    leader = await make_user("leader")
    mine = await make_org(leader=leader, name="巨山街道邻里互助会", charter_text=PARTY_CHARTER,
                          charter_party_clause=True)
    headers = await auth_headers(app.ctx.redis, leader)
    body = assert_envelope(await client.patch(f"/api/mp/v1/orgs/{mine.id}", headers=headers,
                                              json={"name": "巨山街道 儿童关爱服务社"}), 409, "org_name_taken")
    assert "巨山街道儿童关爱服务社" in body["message"]
    assert (await Organization.get(id=mine.id)).change_status == "none"
    # Its own name, spaced differently, is not a duplicate of itself.
    resp = await client.patch(f"/api/mp/v1/orgs/{mine.id}", headers=headers, json={"name": "巨山街道 邻里互助会"})
    assert resp.status_code == 200, resp.text


async def test_a_change_whose_name_was_taken_meanwhile_is_not_approved(client, login, app):
    leader = await make_user("leader")
    mine = await make_org(leader=leader, name="陶庄镇老年协会", charter_text=PARTY_CHARTER, charter_party_clause=True)
    headers = await auth_headers(app.ctx.redis, leader)
    assert (await client.patch(f"/api/mp/v1/orgs/{mine.id}", headers=headers,
                               json={"name": "陶庄镇特困人员帮扶协会"})).status_code == 200
    town_staff = await login("staff", scope_region_id=(await town(0)).id)
    await client.post(f"/api/admin/v1/orgs/{mine.id}/town-review", headers=town_staff, json={"decision": "pass"})
    await make_org(name="陶庄镇特困人员帮扶协会")  # registered while the change waited
    assert_envelope(await client.post(f"/api/admin/v1/orgs/{mine.id}/review", headers=await login("staff"),
                                      json={"decision": "approve"}), 409, "org_name_taken")
    assert (await Organization.get(id=mine.id)).name == "陶庄镇老年协会"
