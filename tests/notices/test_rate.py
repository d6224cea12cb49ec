"""The configured send rate holds across concurrent senders, measured from the fake server's clock."""

from __future__ import annotations

import asyncio

from backend.jobs.worker import fan_out_notice, send_delivery_batch
from tests.notices.conftest import SEND_PATH, queued_notice, user_with_quota

RATE = 10.0
TOLERANCE = 0.10


async def test_configured_rate_is_honoured_across_senders(ctx, fake_wechat, templates):
    tmpl = templates["notice_general"]
    users = [await user_with_quota(tmpl, 1) for _ in range(40)]
    notice = await queued_notice(users, tmpl)
    settings = ctx["settings"].model_copy(update={"notice_send_rate": RATE})
    await fan_out_notice({**ctx, "settings": settings}, notice.id)
    await ctx["wechat"].access_token()  # fetch the token first so it does not delay only the first send
    # Two senders as two workers would run them: they share one Redis timeline of send slots.
    await asyncio.gather(
        send_delivery_batch({**ctx, "settings": settings, "worker_id": "w1"}, notice.id, 0),
        send_delivery_batch({**ctx, "settings": settings, "worker_id": "w2"}, notice.id, 1),
    )
    times = sorted(c["t"] for c in fake_wechat.state.calls(SEND_PATH))
    assert len(times) == 40
    observed = (len(times) - 1) / (times[-1] - times[0])
    assert observed <= RATE * (1 + TOLERANCE), observed
    assert observed >= RATE * 0.5, observed  # and it is not needlessly slow
    # No one-second window holds a burst: at most the rate, plus the edges' few-ms scheduling jitter.
    assert max(sum(1 for t in times if start <= t < start + 1) for start in times) <= RATE + 2
