"""On the embedded defaults the web process itself turns domain events into delivered notices."""

from __future__ import annotations

from datetime import timedelta

from backend.jobs import embedded
from backend.models.notice import Channel, Delivery, DeliveryStatus
from backend.services.events import emit
from tests.notices.conftest import user_with_quota
from tests.notices.test_events import _activity


async def test_a_tick_delivers_a_cancelled_activity_to_the_inbox(ctx, templates, client, login):
    resident = await user_with_quota(templates["activity_cancelled"], 1)
    activity = await _activity(timedelta(days=2))
    await emit(kind="activity.cancelled", payload={"activity_id": activity.id, "title": activity.title,
                                                   "starts_at": activity.starts_at.isoformat(), "reason": "天气原因",
                                                   "user_ids": [resident.id]})
    assert await embedded.tick(ctx) == 1
    inbox = await Delivery.get(user_id=resident.id, channel=Channel.inbox)
    assert inbox.status == DeliveryStatus.sent
    wechat = await Delivery.get(user_id=resident.id, channel=Channel.subscribe)
    assert wechat.status == DeliveryStatus.sent
    assert await embedded.tick(ctx) == 0  # the event was consumed once


def test_the_scheduler_runs_only_in_dev_on_the_embedded_cache(settings):
    from backend.app import create_app

    cases = (("dev", "", True), ("test", "", False), ("dev", "redis://127.0.0.1:6379/3", False))
    for env, redis_url, expected in cases:
        app = create_app(settings.model_copy(update={"app_env": env, "redis_url": redis_url}),
                         name=f"embedded-{env}-{bool(redis_url)}")
        names = [future.listener.__name__ for future in app._future_listeners]
        assert ("_start" in names and "_stop" in names) is expected, (env, redis_url)
