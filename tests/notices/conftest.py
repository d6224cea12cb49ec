"""Notice fixtures: seeded templates, a job ctx like the worker's, and small builders."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from sanic import Sanic

from backend.jobs.worker import fan_out_notice, send_delivery_batch
from backend.models.notice import Channel, Delivery, Notice, NoticeStatus, SubscribeTemplate, Subscription
from backend.models.user import User
from backend.services.subscriptions import seed_templates
from tests.factories import make_user

SEND_PATH = "/cgi-bin/message/subscribe/send"


@pytest.fixture
async def templates(app: Sanic) -> dict[str, SubscribeTemplate]:
    await seed_templates()
    return {t.key: t for t in await SubscribeTemplate.all()}


@pytest.fixture
def ctx(app: Sanic) -> dict[str, Any]:
    """What the arq worker passes its jobs, minus arq itself (follow-up jobs are run by the test)."""
    return {"redis": app.ctx.redis, "wechat": app.ctx.wechat, "settings": app.ctx.settings,
            "worker_id": "test-worker", "send_budget_seconds": 120}


async def user_with_quota(template: SubscribeTemplate | None, remaining: int = 1, **overrides: Any) -> User:
    user = await make_user(**overrides)
    if template is not None:
        await Subscription.create(user=user, template_id=template.template_id, remaining=remaining,
                                  last_result="accept")
    return user


async def queued_notice(users: list[User], template: SubscribeTemplate | None, **overrides: Any) -> Notice:
    """A notice ready for fan-out, addressed to exactly these users."""
    fields: dict[str, Any] = {
        "title": "测试通知", "body": "正文", "audience": {"kind": "users", "user_ids": [u.id for u in users]},
        "channels": ["inbox", "subscribe"] if template else ["inbox"], "template": template,
        "template_data": {kw["key"]: "2025-10-01 09:00" if kw["key"].startswith(("time", "date")) else "测试"
                          for kw in (template.keywords if template else [])},
        "status": NoticeStatus.queued,
    }
    fields.update(overrides)
    return await Notice.create(**fields)


async def run_notice(ctx: dict[str, Any], notice_id: int) -> None:
    await fan_out_notice(ctx, notice_id)
    await send_delivery_batch(ctx, notice_id)


async def subscribe_status(notice_id: int, user: User) -> Delivery:
    return await Delivery.get(notice_id=notice_id, user_id=user.id, channel=Channel.subscribe)


def sends_by_openid(fake: Any) -> Counter:
    return Counter(c["json"]["touser"] for c in fake.state.calls(SEND_PATH))
