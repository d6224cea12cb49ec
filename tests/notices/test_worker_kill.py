"""A real arq worker killed mid-run and restarted never sends a delivery twice (PostgreSQL + Redis)."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from backend import jobs
from backend.models.notice import Channel, Delivery, DeliveryStatus, Notice, NoticeStatus, Subscription
from backend.models.user import Role, User
from tests.notices.conftest import sends_by_openid

ROOT = Path(__file__).resolve().parents[2]
RECIPIENTS = 2000

pytestmark = pytest.mark.skipif(
    not (os.environ.get("REDIS_URL") and os.environ.get("DATABASE_URL")),
    reason="needs REDIS_URL and DATABASE_URL: a worker process cannot share the embedded fakeredis/SQLite "
           "queue with the test process (CI's PostgreSQL + Redis pass runs it)",
)


def start_worker(fake_base_url: str, log_path: Path) -> subprocess.Popen:
    env = {**os.environ, "WECHAT_API_BASE": fake_base_url, "APP_ENV": "test", "NOTICE_SEND_RATE": "250",
           "LOG_LEVEL": "WARNING", "PYTHONUNBUFFERED": "1"}
    with log_path.open("ab") as log:  # the child keeps its own copy of the descriptor
        return subprocess.Popen([sys.executable, "-m", "backend.jobs.worker"], cwd=ROOT, env=env,
                                stdout=log, stderr=subprocess.STDOUT)


async def wait_for(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if await predicate():
            return
        await asyncio.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


async def test_worker_killed_mid_run_and_restarted_sends_nothing_twice(app, fake_wechat, templates, tmp_path):
    tmpl = templates["notice_general"]
    await User.bulk_create([User(openid=f"o-kill-{i}", role=Role.resident, nickname=f"居民{i}")
                            for i in range(RECIPIENTS)])
    users = await User.filter(openid__startswith="o-kill-").values_list("id", flat=True)
    await Subscription.bulk_create([Subscription(user_id=u, template_id=tmpl.template_id, remaining=1,
                                                 last_result="accept") for u in users])
    data = {"thing1": "通知", "time2": "2025-10-01 09:00", "thing3": "请查看"}
    notice = await Notice.create(title="全区通知", body="正文", audience={"kind": "all"},
                                 channels=["inbox", "subscribe"], template=tmpl, template_data=data,
                                 status=NoticeStatus.queued)
    settings = app.ctx.settings
    await jobs.enqueue("fan_out_notice", notice.id, settings=settings, redis=app.ctx.redis, wechat=app.ctx.wechat)
    subscribe = Delivery.filter(notice_id=notice.id, channel=Channel.subscribe)
    log_path = tmp_path / "worker.log"
    # WeChat answers each call 150 ms after the fake server has recorded it, so the kill always lands
    # while some sends have reached WeChat but their outcome is not yet written: exactly the rows a
    # careless recovery would send again.
    fake_wechat.state.latency_ms = 150

    worker = start_worker(fake_wechat.base_url, log_path)
    try:
        await wait_for(lambda: _at_least(subscribe.filter(status=DeliveryStatus.sent), 300), 90, "first sends")
        worker.send_signal(signal.SIGKILL)
        worker.wait(10)
        killed_at = await subscribe.filter(status=DeliveryStatus.sent).count()
        assert killed_at < RECIPIENTS, "the run finished before the kill; nothing was tested"

        worker = start_worker(fake_wechat.base_url, log_path)
        open_rows = subscribe.filter(status__in=[DeliveryStatus.pending, DeliveryStatus.sending])
        await wait_for(lambda: _none(open_rows), 180, "every delivery to settle")
    finally:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(30)
        except subprocess.TimeoutExpired:
            worker.kill()
    sent = sends_by_openid(fake_wechat)
    assert max(sent.values()) == 1, [o for o, n in sent.items() if n > 1][:5]  # no (user, notice) twice
    statuses = await subscribe.values_list("status", flat=True)
    assert len(statuses) == RECIPIENTS
    assert set(statuses) <= {DeliveryStatus.sent, DeliveryStatus.review}, set(statuses)
    assert statuses.count(DeliveryStatus.sent) >= RECIPIENTS - 100
    assert statuses.count(DeliveryStatus.review) >= 1  # the kill really interrupted sends in flight
    assert await Delivery.filter(notice_id=notice.id, channel=Channel.inbox).count() == RECIPIENTS
    assert (await Notice.get(id=notice.id)).status in (NoticeStatus.sending, NoticeStatus.completed)


async def _at_least(query, n: int) -> bool:
    return await query.count() >= n


async def _none(query) -> bool:
    return not await query.exists()
