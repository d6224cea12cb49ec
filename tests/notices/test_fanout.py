"""Fan-out at speed: senders per worker, one statement per batch for units and outcomes, the token
read once per batch, one HTTP pool sized to the threads, uvloop in the queue worker; and a batch
cut off between its sends and its outcome statement still never sends anything twice."""

from __future__ import annotations

import asyncio
import logging

import pytest
from tortoise import connections

from backend.jobs import worker
from backend.jobs.worker import fan_out_notice, send_delivery_batch
from backend.models.notice import Channel, Delivery, DeliveryStatus
from backend.services import notice_deliveries
from tests.notices.conftest import queued_notice, sends_by_openid, user_with_quota


def _fast(ctx, **settings):
    return {**ctx, "settings": ctx["settings"].model_copy(update={"notice_send_rate": 1000.0, **settings})}


class _Statements(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.sql: list[str] = []

    def emit(self, record):
        self.sql.append(str(record.msg))


async def test_a_batch_takes_units_and_records_outcomes_in_one_statement_each(ctx, fake_wechat, templates):
    if connections.get("default").capabilities.dialect != "postgres":
        pytest.skip("SQLite keeps a simple per-row path; the batched statements are PostgreSQL's")
    tmpl = templates["notice_general"]
    with_quota = [await user_with_quota(tmpl, 1) for _ in range(45)]
    without = [await user_with_quota(tmpl, 0) for _ in range(5)]
    notice = await queued_notice(with_quota + without, tmpl)
    fast = _fast(ctx)
    await fan_out_notice(fast, notice.id)
    await fast["wechat"].access_token()
    db_log = logging.getLogger("tortoise.db_client")
    counter, level = _Statements(), db_log.level
    db_log.addHandler(counter)
    db_log.setLevel(logging.DEBUG)
    try:
        settled = await notice_deliveries.send_batch(notice_id=notice.id, redis=fast["redis"], wechat=fast["wechat"],
                                                     settings=fast["settings"], worker_id="w", limit=50)
    finally:
        db_log.removeHandler(counter)
        db_log.setLevel(level)
    assert settled == 50
    # The notice, the claim (with openids), the units (with no_quota), the outcomes: not ~7 per send.
    assert len(counter.sql) <= 4, counter.sql
    statuses = dict(await Delivery.filter(notice_id=notice.id, channel=Channel.subscribe)
                    .values_list("user_id", "status"))
    assert {statuses[u.id] for u in with_quota} == {DeliveryStatus.sent}
    assert {statuses[u.id] for u in without} == {DeliveryStatus.no_quota}
    assert len(sends_by_openid(fake_wechat)) == 45


async def test_the_access_token_is_read_once_per_batch(ctx, fake_wechat, templates, monkeypatch):
    tmpl = templates["notice_general"]
    users = [await user_with_quota(tmpl, 1) for _ in range(20)]
    notice = await queued_notice(users, tmpl)
    fast = _fast(ctx)
    await fan_out_notice(fast, notice.id)
    gateway = fast["wechat"]
    reads = []
    real = gateway.access_token

    async def counted():
        reads.append(1)
        return await real()

    monkeypatch.setattr(gateway, "access_token", counted)
    await notice_deliveries.send_batch(notice_id=notice.id, redis=fast["redis"], wechat=gateway,
                                       settings=fast["settings"], worker_id="w", limit=50)
    assert len(sends_by_openid(fake_wechat)) == 20
    assert len(reads) == 1


async def test_one_http_pool_as_large_as_the_threads_never_discards_connections(ctx, fake_wechat, templates,
                                                                                 caplog):
    gateway = ctx["wechat"]
    adapter = gateway._client._http.get_adapter(fake_wechat.base_url)
    assert adapter._pool_maxsize == gateway.max_threads == 16
    tmpl = templates["notice_general"]
    users = [await user_with_quota(tmpl, 1) for _ in range(48)]
    notice = await queued_notice(users, tmpl)
    fast = _fast(ctx)
    await fan_out_notice(fast, notice.id)
    fake_wechat.state.latency_ms = 30  # every thread has a request in flight at once
    try:
        with caplog.at_level(logging.WARNING, logger="urllib3.connectionpool"):
            await send_delivery_batch(fast, notice.id)
    finally:
        fake_wechat.state.latency_ms = 0
    assert len(sends_by_openid(fake_wechat)) == 48
    assert not [r for r in caplog.records if "pool is full" in r.getMessage()]


async def test_every_worker_runs_its_own_senders_for_each_notice(ctx, fake_wechat, templates):
    tmpl = templates["notice_general"]
    users = [await user_with_quota(tmpl, 1) for _ in range(120)]
    notice = await queued_notice(users, tmpl)
    first = {**_fast(ctx, notice_senders_per_worker=3, notice_send_batch=5, notice_send_rate=100.0), "worker_id": "w1"}
    second = {**first, "worker_id": "w2"}
    await fan_out_notice(first, notice.id)  # announces the notice to every worker's sender loop
    await ctx["wechat"].access_token()
    fake_wechat.state.latency_ms = 20
    loops = [asyncio.create_task(worker._sender_loop(c)) for c in (first, second)]
    try:
        await asyncio.sleep(0.05)
        assert len(first["senders"]) == 3 and len(second["senders"]) == 3  # 2 workers × 3 senders
        open_rows = Delivery.filter(notice_id=notice.id, channel=Channel.subscribe,
                                    status__in=[DeliveryStatus.pending, DeliveryStatus.sending])
        for _ in range(200):
            if not await open_rows.exists():
                break
            await asyncio.sleep(0.05)
        await asyncio.sleep(0.6)  # the last sender finds nothing due and takes the notice off the list
    finally:
        fake_wechat.state.latency_ms = 0
        for task in loops:
            task.cancel()
        await asyncio.gather(*loops, return_exceptions=True)
        for c in (first, second):
            for task in c.get("senders", {}).values():
                task.cancel()
    sent = sends_by_openid(fake_wechat)
    assert len(sent) == 120 and max(sent.values()) == 1
    claimed_by = set(await Delivery.filter(notice_id=notice.id, channel=Channel.subscribe)
                     .values_list("claimed_by", flat=True))
    assert claimed_by == {"w1", "w2"}  # the second worker did half the work, not nothing
    assert not await ctx["redis"].sismember(worker.SENDING_KEY, str(notice.id))


async def test_a_batch_cut_off_before_its_outcomes_are_written_goes_to_review(ctx, fake_wechat, templates, app,
                                                                              monkeypatch):
    tmpl = templates["notice_general"]
    users = [await user_with_quota(tmpl, 1) for _ in range(8)]
    notice = await queued_notice(users, tmpl)
    fast = _fast(ctx, notice_send_batch=5)
    await fan_out_notice(fast, notice.id)

    async def killed(_outcomes):
        raise asyncio.CancelledError  # what a kill looks like from here: the statement never runs

    monkeypatch.setattr(notice_deliveries, "_record", killed)
    with pytest.raises(asyncio.CancelledError):
        await send_delivery_batch({**fast, "worker_id": "dead-worker"}, notice.id)
    monkeypatch.undo()
    assert len(sends_by_openid(fake_wechat)) == 5  # WeChat got them; our rows still say "sending"

    await worker.maintain_notices(fast)  # the dead worker has no heartbeat: its rows go to review
    await send_delivery_batch(fast, notice.id)
    sent = sends_by_openid(fake_wechat)
    assert len(sent) == 8 and max(sent.values()) == 1
    statuses = await Delivery.filter(notice_id=notice.id, channel=Channel.subscribe).values_list("status", flat=True)
    assert sorted(statuses) == [DeliveryStatus.review] * 5 + [DeliveryStatus.sent] * 3


def test_the_queue_worker_runs_on_uvloop(monkeypatch):
    uvloop = pytest.importorskip("uvloop")
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/9")
    before = asyncio.get_event_loop_policy()
    try:
        worker.WorkerSettings  # noqa: B018  # imported by this test: the policy stays as it was
        assert asyncio.get_event_loop_policy() is before
        monkeypatch.setattr("sys.argv", [".venv/bin/arq", "backend.jobs.worker.WorkerSettings"])
        worker.WorkerSettings  # noqa: B018  # resolved by the arq CLI, before it makes its loop
        assert isinstance(asyncio.get_event_loop_policy(), uvloop.EventLoopPolicy)
    finally:
        asyncio.set_event_loop_policy(before)


async def test_a_token_replaced_mid_batch_is_not_tried_again_by_the_rest_of_the_batch(ctx, fake_wechat, templates):
    tmpl = templates["notice_general"]
    users = [await user_with_quota(tmpl, 1) for _ in range(10)]
    notice = await queued_notice(users, tmpl)
    slow = {**ctx, "settings": ctx["settings"].model_copy(update={"notice_send_rate": 20.0})}
    await fan_out_notice(slow, notice.id)
    await ctx["wechat"].access_token()
    fetched = fake_wechat.state.count("/cgi-bin/stable_token")
    fake_wechat.state.expire_tokens()  # the batch starts with a token WeChat no longer takes
    await send_delivery_batch(slow, notice.id)
    sent = sends_by_openid(fake_wechat)  # every call, the refused ones too
    statuses = await Delivery.filter(notice_id=notice.id, channel=Channel.subscribe).values_list("status", flat=True)
    assert set(statuses) == {DeliveryStatus.sent}
    assert fake_wechat.state.count("/cgi-bin/stable_token") == fetched + 1  # one refresh for the batch
    # Only the calls already in flight when the first refusal came back are refused (one or two),
    # not every send of the batch (that would be 20 calls).
    assert sum(sent.values()) <= 15, sent
