"""Sending: quota per send, inbox for everyone, 43101 final, retries with backoff, crash recovery, cancel."""

from __future__ import annotations

from datetime import timedelta

from backend.jobs.worker import fan_out_notice, maintain_notices, send_delivery_batch
from backend.models.notice import Channel, Delivery, DeliveryStatus, Notice, NoticeStatus, Subscription
from backend.services import clock, notice_deliveries
from tests.factories import town
from tests.helpers import assert_envelope
from tests.notices.conftest import (
    SEND_PATH,
    queued_notice,
    run_notice,
    sends_by_openid,
    subscribe_status,
    user_with_quota,
)


async def remaining(user, template) -> int:
    return (await Subscription.get(user_id=user.id, template_id=template.template_id)).remaining


async def test_quota_is_consumed_per_send_and_users_without_quota_get_only_the_inbox(ctx, fake_wechat, templates):
    tmpl = templates["notice_general"]
    rich, none, refusing = await user_with_quota(tmpl, 2), await user_with_quota(None), await user_with_quota(tmpl, 1)
    fake_wechat.state.refuse(refusing.openid)
    notice = await queued_notice([rich, none, refusing], tmpl)
    await run_notice(ctx, notice.id)

    assert (await subscribe_status(notice.id, rich)).status == DeliveryStatus.sent
    assert await remaining(rich, tmpl) == 1  # one unit per send
    assert (await subscribe_status(notice.id, none)).status == DeliveryStatus.no_quota
    refused = await subscribe_status(notice.id, refusing)
    assert refused.status == DeliveryStatus.refused and refused.errcode == 43101
    assert await remaining(refusing, tmpl) == 0
    assert sends_by_openid(fake_wechat) == {rich.openid: 1, refusing.openid: 1}  # nobody without quota
    inbox = await Delivery.filter(notice_id=notice.id, channel=Channel.inbox).values_list("status", flat=True)
    assert sorted(inbox) == ["sent"] * 3  # everyone gets the inbox copy whatever WeChat says
    assert (await Notice.get(id=notice.id)).status == NoticeStatus.completed

    # 43101 is final: running the sender (and the maintenance sweep) again calls WeChat no more.
    await Subscription.filter(user_id=refusing.id).update(remaining=5)
    await send_delivery_batch(ctx, notice.id)
    await maintain_notices(ctx)
    assert sends_by_openid(fake_wechat)[refusing.openid] == 1
    assert (await subscribe_status(notice.id, refusing)).status == DeliveryStatus.refused
    assert (await subscribe_status(notice.id, refusing)).attempts == 1


async def test_fan_out_is_idempotent(ctx, templates):
    tmpl = templates["notice_general"]
    users = [await user_with_quota(tmpl) for _ in range(3)]
    notice = await queued_notice(users, tmpl)
    await fan_out_notice(ctx, notice.id)
    await Notice.filter(id=notice.id).update(status=NoticeStatus.queued)
    await fan_out_notice(ctx, notice.id)
    assert await Delivery.filter(notice_id=notice.id).count() == 6


async def test_system_busy_is_retried_with_backoff_holding_one_unit(ctx, fake_wechat, templates):
    tmpl = templates["notice_general"]
    user = await user_with_quota(tmpl, 1)
    fake_wechat.state.inject_failure(SEND_PATH, [-1])
    notice = await queued_notice([user], tmpl)
    await run_notice(ctx, notice.id)
    row = await subscribe_status(notice.id, user)
    assert row.status == DeliveryStatus.failed and row.errcode == -1 and row.next_attempt_at > clock.db_now()
    assert row.quota_held and await remaining(user, tmpl) == 0
    assert (await Notice.get(id=notice.id)).status == NoticeStatus.sending  # still retrying

    await send_delivery_batch(ctx, notice.id)  # not due yet
    assert fake_wechat.state.count(SEND_PATH) == 1
    await Delivery.filter(id=row.id).update(next_attempt_at=clock.db_now() - timedelta(seconds=1))
    await send_delivery_batch(ctx, notice.id)
    row = await subscribe_status(notice.id, user)
    assert row.status == DeliveryStatus.sent and row.attempts == 2
    assert await remaining(user, tmpl) == 0  # the retry reused the unit it held
    assert (await Notice.get(id=notice.id)).status == NoticeStatus.completed


async def test_retry_limit_gives_the_unit_back(ctx, fake_wechat, templates):
    tmpl = templates["notice_general"]
    user = await user_with_quota(tmpl, 1)
    ctx["settings"] = ctx["settings"].model_copy(update={"notice_max_attempts": 2})
    fake_wechat.state.inject_failure(SEND_PATH, [45009, 45009, 45009])
    notice = await queued_notice([user], tmpl)
    await run_notice(ctx, notice.id)
    await Delivery.filter(notice_id=notice.id).update(next_attempt_at=clock.db_now() - timedelta(seconds=1))
    await send_delivery_batch(ctx, notice.id)
    row = await subscribe_status(notice.id, user)
    assert row.status == DeliveryStatus.failed and row.next_attempt_at is None and row.attempts == 2
    assert await remaining(user, tmpl) == 1
    assert fake_wechat.state.count(SEND_PATH) == 2


async def test_long_term_template_is_not_consumed(ctx, fake_wechat, templates):
    tmpl = templates["policy_long_term"]
    user = await user_with_quota(tmpl, 0)
    for _ in range(2):
        notice = await queued_notice([user], tmpl)
        await run_notice(ctx, notice.id)
        assert (await subscribe_status(notice.id, user)).status == DeliveryStatus.sent
    assert fake_wechat.state.count(SEND_PATH) == 2 and await remaining(user, tmpl) == 0


async def test_crash_mid_send_moves_rows_to_review_and_never_resends(ctx, fake_wechat, templates, app):
    tmpl = templates["notice_general"]
    users = [await user_with_quota(tmpl, 1) for _ in range(6)]
    notice = await queued_notice(users, tmpl)
    await fan_out_notice(ctx, notice.id)
    # A worker claims three rows and is killed before it records anything.
    dead = await notice_deliveries.claim(notice_id=notice.id, limit=3, worker_id="dead-worker")
    # A live worker (fresh heartbeat) holds one row: recovery must leave it alone.
    await notice_deliveries.mark_worker_alive(redis=app.ctx.redis, worker_id="live-worker", ttl_seconds=30)
    live = await notice_deliveries.claim(notice_id=notice.id, limit=1, worker_id="live-worker")

    await maintain_notices(ctx)  # what a restarted worker runs at start
    statuses = dict(await Delivery.filter(notice_id=notice.id, channel=Channel.subscribe).values_list("id", "status"))
    assert {statuses[c.id] for c in dead} == {DeliveryStatus.review}
    assert statuses[live[0].id] == DeliveryStatus.sending

    await send_delivery_batch(ctx, notice.id)
    sent = sends_by_openid(fake_wechat)
    assert max(sent.values()) == 1 and len(sent) == 2  # only the two never-claimed rows went out
    dead_users = {c.user_id for c in dead}
    assert not {u.openid for u in users if u.id in dead_users} & set(sent)

    # Past the lease even a live worker's row is taken out of its hands, into review.
    later = clock.db_now() + timedelta(seconds=ctx["settings"].notice_sending_lease_seconds + 1)
    assert await notice_deliveries.recover_stuck(redis=app.ctx.redis, settings=ctx["settings"], now=later) == 1
    assert await notice_deliveries.finish_if_done(notice_id=notice.id)


async def test_unknown_outcome_goes_to_review_not_retry(ctx, fake_wechat, templates):
    tmpl = templates["notice_general"]
    user = await user_with_quota(tmpl, 1)
    notice = await queued_notice([user], tmpl)
    await fan_out_notice(ctx, notice.id)

    class Silent:
        async def access_token(self):
            return "token"

        async def send_subscribe(self, **_kwargs):
            from backend.wechat.client import WeChatError

            raise WeChatError(None, "unreachable")

    await send_delivery_batch({**ctx, "wechat": Silent()}, notice.id)
    assert (await subscribe_status(notice.id, user)).status == DeliveryStatus.review


async def test_staff_cancel_stops_pending_sends_and_progress_counts(client, login, ctx, fake_wechat, templates):
    tmpl = templates["notice_general"]
    t0 = await town(0)
    users = [await user_with_quota(tmpl, 1) for _ in range(4)]
    notice = await queued_notice(users, tmpl, scope_region_id=t0.id)
    await fan_out_notice(ctx, notice.id)
    other_town = await login("staff", scope_region_id=(await town(1)).id)
    assert_envelope(await client.post(f"/api/admin/v1/notices/{notice.id}/cancel", headers=other_town), 404)
    assert_envelope(await client.post(f"/api/admin/v1/notices/{notice.id}/cancel",
                                      headers=await login("resident")), 403)
    staff = await login("staff", scope_region_id=t0.id)
    resp = await client.post(f"/api/admin/v1/notices/{notice.id}/cancel", headers=staff)
    assert resp.status_code == 200 and resp.json()["status"] == "cancelled"
    await send_delivery_batch(ctx, notice.id)
    assert fake_wechat.state.count(SEND_PATH) == 0
    progress = (await client.get(f"/api/admin/v1/notices/{notice.id}/progress", headers=staff)).json()
    assert progress["channels"]["subscribe"]["cancelled"] == 4
    assert progress["channels"]["inbox"]["sent"] == 4
    assert_envelope(await client.get(f"/api/admin/v1/notices/{notice.id}/progress", headers=other_town), 404)


async def test_review_rows_are_listed_and_resolved_by_staff(client, login, ctx, templates):
    tmpl = templates["notice_general"]
    users = [await user_with_quota(tmpl, 1) for _ in range(2)]
    notice = await queued_notice(users, tmpl)
    await fan_out_notice(ctx, notice.id)
    await notice_deliveries.claim(notice_id=notice.id, limit=1, worker_id="dead-worker")
    await maintain_notices(ctx)
    staff = await login("staff")
    listed = (await client.get(f"/api/admin/v1/notices/{notice.id}/deliveries?status=review", headers=staff)).json()
    assert listed["total"] == 1
    row_id = listed["items"][0]["id"]
    url = f"/api/admin/v1/notices/deliveries/{row_id}/resolve"
    assert_envelope(await client.post(url, json={"outcome": "sent"}, headers=await login("leader")), 403)
    resp = await client.post(url, json={"outcome": "sent"}, headers=staff)
    assert resp.status_code == 200 and resp.json()["status"] == "sent"
    assert_envelope(await client.post(url, json={"outcome": "sent"}, headers=staff), 409)
