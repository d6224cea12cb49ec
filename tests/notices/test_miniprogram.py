"""The mini-program side: subscription results (single and batch) and the inbox."""

from __future__ import annotations

from backend.models.notice import Subscription
from backend.models.user import User
from tests.helpers import assert_envelope
from tests.notices.conftest import queued_notice, run_notice

SUBS = "/api/mp/v1/subscriptions"


async def _me(client, headers) -> User:
    return await User.get(id=(await client.get("/api/mp/v1/auth/me", headers=headers)).json()["id"])


async def test_subscription_results_single_and_batch(client, login, templates):
    general, cancelled = templates["notice_general"].template_id, templates["activity_cancelled"].template_id
    headers = await login("resident")
    assert_envelope(await client.post(SUBS, json={"template_id": general, "result": "accept"}), 401)
    for _ in range(2):
        resp = await client.post(SUBS, json={"template_id": general, "result": "accept"}, headers=headers)
        assert resp.status_code == 200, resp.text
    # wx.requestSubscribeMessage's success object, as the mini-program gets it.
    raw = {"errMsg": "requestSubscribeMessage:ok", general: "accept", cancelled: "reject"}
    assert (await client.post(SUBS, json=raw, headers=headers)).status_code == 200
    assert (await client.post(SUBS, json={"results": {cancelled: "accept"}}, headers=headers)).status_code == 200
    me = await _me(client, headers)
    subs = {s.template_id: s for s in await Subscription.filter(user_id=me.id)}
    assert subs[general].remaining == 3 and subs[cancelled].remaining == 1
    listed = (await client.get(SUBS, headers=headers)).json()["items"]
    assert {i["template_id"]: i["remaining"] for i in listed}[general] == 3

    bad = await client.post(SUBS, json={"template_id": "nope", "result": "accept"}, headers=headers)
    assert assert_envelope(bad, 422)["details"]["fields"][0]["field"] == "template_id"
    assert_envelope(await client.post(SUBS, json={"template_id": general, "result": "maybe"}, headers=headers), 422)
    assert_envelope(await client.post(SUBS, json={"results": {general: "maybe"}}, headers=headers), 422)
    assert_envelope(await client.post(SUBS, json={"errMsg": "requestSubscribeMessage:ok"}, headers=headers), 422)
    assert (await Subscription.get(user_id=me.id, template_id=general)).remaining == 3  # bad input changed nothing


async def test_inbox_list_unread_and_mark_read(client, login, ctx, templates):
    headers, other = await login("resident"), await login("resident")
    me = await _me(client, headers)
    notice = await queued_notice([me], templates["notice_general"], title="重要通知", body="请查看")
    await run_notice(ctx, notice.id)
    assert (await client.get("/api/mp/v1/inbox/unread-count", headers=headers)).json() == {"unread": 1}
    page = (await client.get("/api/mp/v1/inbox", headers=headers)).json()
    assert page["total"] == 1 and page["items"][0]["title"] == "重要通知" and page["items"][0]["read"] is False
    item_id = page["items"][0]["id"]
    assert_envelope(await client.post(f"/api/mp/v1/inbox/{item_id}/read", headers=other), 404)
    assert (await client.get("/api/mp/v1/inbox", headers=other)).json()["total"] == 0
    resp = await client.post(f"/api/mp/v1/inbox/{item_id}/read", headers=headers)
    assert resp.status_code == 200 and resp.json()["read"] is True
    assert (await client.get("/api/mp/v1/inbox/unread-count", headers=headers)).json() == {"unread": 0}
    assert (await client.get("/api/mp/v1/inbox?unread_only=true", headers=headers)).json()["total"] == 0
    assert (await client.post("/api/mp/v1/inbox/read-all", headers=headers)).json() == {"marked": 0}
    assert_envelope(await client.get("/api/mp/v1/inbox"), 401)
