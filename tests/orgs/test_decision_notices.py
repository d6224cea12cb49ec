"""The leader hears about review and claim decisions: an inbox item and a subscribe message with the reason,
through the outbox and the notice worker like an activity-cancelled notice."""

from __future__ import annotations

from typing import Any

import pytest

from backend.jobs import event_notices
from backend.models.notice import Channel, Delivery, Notice, SubscribeTemplate, Subscription
from backend.models.organization import OrgMember
from backend.models.user import User
from backend.services.subscriptions import seed_templates
from tests.factories import auth_headers, make_org, make_user, town
from tests.notices.conftest import run_notice
from tests.orgs.support import PARTY_CHARTER, make_credit_code, org_payload

SEND = "/cgi-bin/message/subscribe/send"


@pytest.fixture
async def template(app) -> SubscribeTemplate:
    await seed_templates()
    return await SubscribeTemplate.get(key="application_status")


@pytest.fixture
def ctx(app) -> dict[str, Any]:
    return {"redis": app.ctx.redis, "wechat": app.ctx.wechat, "settings": app.ctx.settings,
            "worker_id": "test-worker", "send_budget_seconds": 120}


async def _subscribe(user: User, template: SubscribeTemplate) -> None:
    await Subscription.create(user=user, template_id=template.template_id, remaining=5, last_result="accept")


async def _registered(client, login, template) -> tuple[int, dict[str, str], User]:
    headers = await login("resident")
    resp = await client.post("/api/mp/v1/orgs", json=org_payload((await town(0)).id), headers=headers)
    assert resp.status_code == 201, resp.text
    org_id = resp.json()["id"]
    leader = await User.get(id=(await OrgMember.get(org_id=org_id)).user_id)
    await _subscribe(leader, template)
    return org_id, headers, leader


async def _told(ctx) -> list[Notice]:
    created = await event_notices.consume_outbox()
    for notice_id in created:
        await run_notice(ctx, notice_id)
    return [await Notice.get(id=i) for i in created]


async def _inbox(client, headers) -> list[dict[str, Any]]:
    resp = await client.get("/api/mp/v1/inbox", headers=headers)
    assert resp.status_code == 200, resp.text
    return resp.json()["items"]


async def test_registration_returned_by_the_town_then_approved_reaches_the_leader(
        client, login, ctx, template, fake_wechat):
    org_id, leader_headers, leader = await _registered(client, login, template)
    town_staff = await login("staff", scope_region_id=(await town(0)).id)
    resp = await client.post(f"/api/admin/v1/orgs/{org_id}/town-review", headers=town_staff,
                             json={"decision": "return", "reason": "请补充住所证明"})
    assert resp.status_code == 200, resp.text
    [returned] = await _told(ctx)
    assert returned.audience == {"kind": "orgs", "org_ids": [org_id]}
    assert "退回修改" in returned.body and "请补充住所证明" in returned.body and "镇街初审" in returned.body
    assert returned.page == f"pages/org/detail?id={org_id}"
    assert (returned.template_data["phrase2"], returned.template_data["thing3"]) == ("退回修改", "请补充住所证明")
    inbox = await _inbox(client, leader_headers)
    assert len(inbox) == 1 and "请补充住所证明" in str(inbox[0])
    sent = [c["json"] for c in fake_wechat.state.calls(SEND)]
    assert [s["touser"] for s in sent] == [leader.openid] and sent[0]["page"] == f"pages/org/detail?id={org_id}"

    # A town pass tells nobody yet; the district's approval does.
    await client.patch(f"/api/mp/v1/orgs/{org_id}", headers=leader_headers, json={"address": "临山路 9 号"})
    await client.post(f"/api/admin/v1/orgs/{org_id}/town-review", headers=town_staff, json={"decision": "pass"})
    assert await _told(ctx) == []
    resp = await client.post(f"/api/admin/v1/orgs/{org_id}/review", headers=await login("staff"),
                             json={"decision": "approve", "reason": "准予登记"})
    assert resp.status_code == 200, resp.text
    [approved] = await _told(ctx)
    assert "已经区级审核核准" in approved.body and "准予登记" in approved.body
    assert approved.template_data["phrase2"] == "已核准"
    assert len(await _inbox(client, leader_headers)) == 2
    assert fake_wechat.state.count(SEND) == 2


async def test_registration_rejected_by_the_district_names_the_reason(client, login, ctx, template):
    org_id, leader_headers, _ = await _registered(client, login, template)
    town_staff = await login("staff", scope_region_id=(await town(0)).id)
    await client.post(f"/api/admin/v1/orgs/{org_id}/town-review", headers=town_staff, json={"decision": "pass"})
    await client.post(f"/api/admin/v1/orgs/{org_id}/review", headers=await login("staff"),
                      json={"decision": "reject", "reason": "发起人不符合条件"})
    [rejected] = await _told(ctx)
    assert "不予登记" in rejected.body and "发起人不符合条件" in rejected.body
    assert rejected.template_data["phrase2"] == "不予登记"
    assert "发起人不符合条件" in str(await _inbox(client, leader_headers))


async def test_change_approved_and_returned_reach_the_leader(client, login, app, ctx, template):
    leader = await make_user("leader", openid="o-change-leader")
    org = await make_org(leader=leader, name="变更通知协会", charter_text=PARTY_CHARTER, charter_party_clause=True)
    await _subscribe(leader, template)
    headers = await auth_headers(app.ctx.redis, leader)
    town_staff = await login("staff", scope_region_id=(await town(0)).id)
    district = await login("staff")
    await client.patch(f"/api/mp/v1/orgs/{org.id}", headers=headers, json={"address": "新址 1 号"})
    await client.post(f"/api/admin/v1/orgs/{org.id}/town-review", headers=town_staff, json={"decision": "pass"})
    await client.post(f"/api/admin/v1/orgs/{org.id}/review", headers=district,
                      json={"decision": "return", "reason": "新址租赁合同缺页"})
    [returned] = await _told(ctx)
    assert "登记信息变更" in returned.body and "新址租赁合同缺页" in returned.body and "区级审核" in returned.body
    await client.patch(f"/api/mp/v1/orgs/{org.id}", headers=headers, json={"address": "新址 2 号"})
    await client.post(f"/api/admin/v1/orgs/{org.id}/town-review", headers=town_staff, json={"decision": "pass"})
    await client.post(f"/api/admin/v1/orgs/{org.id}/review", headers=district, json={"decision": "approve"})
    [approved] = await _told(ctx)
    assert approved.template_data["phrase2"] == "变更已核准" and approved.page == f"pages/org/detail?id={org.id}"
    assert await Delivery.filter(user_id=leader.id, channel=Channel.inbox).count() == 2


async def test_claim_confirmed_and_rejected_reach_the_claimant(client, login, ctx, template):
    org = await make_org(credit_code=make_credit_code(31), name="认领通知协会")
    staff = await login("staff")
    outcomes = []
    for openid, decision, reason in (("o-claim-no", "reject", "无法核实身份"), ("o-claim-yes", "confirm", "")):
        claimant = await login("resident", openid=openid)
        claim = (await client.post("/api/mp/v1/orgs/claims", json={"credit_code": org.credit_code},
                                   headers=claimant)).json()
        resp = await client.post(f"/api/admin/v1/orgs/claims/{claim['claim_id']}/decision", headers=staff,
                                 json={"decision": decision, "reason": reason})
        assert resp.status_code == 200, resp.text
        [notice] = await _told(ctx)
        user = await User.get(openid=openid)
        assert notice.audience == {"kind": "users", "user_ids": [user.id]}
        assert notice.page == f"pages/org/detail?id={org.id}"
        assert len(await _inbox(client, claimant)) == 1
        outcomes.append((notice.template_data["phrase2"], notice.body))
    (no_phrase, no_body), (yes_phrase, yes_body) = outcomes
    assert no_phrase == "已驳回" and "无法核实身份" in no_body and "认领通知协会" in no_body
    assert yes_phrase == "已确认" and "已确认" in yes_body
