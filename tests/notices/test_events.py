"""Domain events become notices exactly once: outbox events, 24-hour reminders, annual reports."""

from __future__ import annotations

from datetime import timedelta

from backend.jobs import event_notices
from backend.jobs.worker import maintain_notices
from backend.models.activity import Activity, ActivityCategory, ActivityStatus, Signup, SignupStatus
from backend.models.notice import Channel, Delivery, Notice
from backend.models.outbox import OutboxEvent
from backend.services.clock import db_now
from backend.services.events import emit
from tests.factories import make_org, make_user, town
from tests.notices.conftest import run_notice, user_with_quota


async def _activity(starts_in: timedelta, **overrides) -> Activity:
    org = await make_org()
    start = db_now() + starts_in
    fields = {"org": org, "title": "社区义诊活动：老年人健康体检与慢病咨询专场", "category": ActivityCategory.health,
              "town": await town(0), "starts_at": start, "ends_at": start + timedelta(hours=2),
              "signup_deadline": start - timedelta(hours=1), "capacity": 20, "status": ActivityStatus.published,
              "address": "临山社区服务中心"}
    fields.update(overrides)
    return await Activity.create(**fields)


async def test_activity_cancelled_event_notifies_signed_up_users_once(ctx, fake_wechat, templates):
    tmpl = templates["activity_cancelled"]
    a, b = await user_with_quota(tmpl, 1), await user_with_quota(None)
    activity = await _activity(timedelta(days=2))
    await emit(kind="activity.cancelled", payload={"activity_id": activity.id, "title": activity.title,
                                                   "starts_at": activity.starts_at.isoformat(), "reason": "天气原因",
                                                   "user_ids": [a.id, b.id]})
    await emit(kind="something.else", payload={})
    created = await event_notices.consume_outbox()
    assert len(created) == 1
    assert await OutboxEvent.filter(processed_at__isnull=True).count() == 0
    assert await event_notices.consume_outbox() == []  # handled once
    await maintain_notices(ctx)
    assert await Notice.all().count() == 1

    notice = await Notice.get(id=created[0])
    assert len(notice.template_data["thing1"]) <= 20  # the long title was shortened to fit, not refused
    await run_notice(ctx, notice.id)
    assert await Delivery.filter(notice_id=notice.id, channel=Channel.inbox).count() == 2
    assert fake_wechat.state.count("/cgi-bin/message/subscribe/send") == 1  # only `a` had a subscription


async def test_activity_changed_and_application_status_events(ctx, templates):
    user = await make_user()
    activity = await _activity(timedelta(days=2))
    await emit(kind="activity.changed", payload={"activity_id": activity.id, "title": activity.title,
                                                 "changes": {"address": ["旧", "新"]}, "user_ids": [user.id]})
    leader = await make_user()
    org = await make_org(leader=leader)
    # The payload shape the grants service emits on each applicant-facing transition.
    await emit(kind="grant.approve", payload={"application_id": 999, "org_id": org.id, "project_name": "助老食堂",
                                              "status": "approved", "status_label": "已立项", "reason": ""})
    await emit(kind="incubation.rejected", payload={"admission_id": 1, "org_id": org.id, "status": "rejected",
                                                    "reason": "名额已满"})
    created = await event_notices.consume_outbox()
    assert len(created) == 3
    changed, grant, incubation = [await Notice.get(id=i) for i in created]
    assert changed.audience == {"kind": "users", "user_ids": [user.id]} and "地点" in changed.body
    assert grant.audience == {"kind": "orgs", "org_ids": [org.id]} and grant.template_data["phrase2"] == "已立项"
    assert incubation.template_data["phrase2"] == "未通过" and "名额已满" in incubation.body


async def test_every_applicant_facing_grant_transition_has_a_notice_handler():
    from backend.services.grants import APPLICANT_EVENTS

    assert {f"grant.{e}" for e in APPLICANT_EVENTS} <= set(event_notices.HANDLERS)


async def test_reminder_24_hours_before_start_once(ctx, templates):
    soon, later = await _activity(timedelta(hours=20)), await _activity(timedelta(hours=30))
    participant = await make_user()
    await Signup.create(activity=soon, user=participant, status=SignupStatus.confirmed)
    created = await event_notices.activity_reminders()
    assert len(created) == 1
    assert await event_notices.activity_reminders() == []
    notice = await Notice.get(id=created[0])
    assert notice.source_key == f"reminder:activity:{soon.id}" and later.id != soon.id
    await run_notice(ctx, notice.id)
    assert await Delivery.filter(notice_id=notice.id, user_id=participant.id, channel=Channel.inbox).exists()
