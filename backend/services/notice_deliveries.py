"""Notice deliveries: fan-out to recipients, the send loop, retries, recovery of interrupted sends.

Delivery is at most once per (notice, user, channel). A subscribe-message send is claimed
(pending → sending) by exactly one worker, then a subscription unit is taken, then WeChat is called,
then the outcome is recorded. A row found still "sending" after its worker died is never sent again:
it goes to "review" for a person, because WeChat may or may not have delivered it.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from redis.asyncio import Redis
from tortoise import connections
from tortoise.expressions import F, Q
from tortoise.transactions import in_transaction

from backend import ratelimit
from backend.models.notice import Channel, Delivery, DeliveryStatus, Notice, NoticeStatus, SubscribeTemplate
from backend.models.user import User
from backend.services import audiences, clock, subscriptions
from backend.services.audiences import Audience
from backend.services.sql import on_postgres
from backend.settings import Settings
from backend.wechat.client import WeChatError, WeChatGateway

log = logging.getLogger(__name__)

REFUSED = 43101
# Errors a retry cannot fix: bad openid, template, page or data. Anything else (-1 system busy,
# 45009/45011 quota, token trouble) is retried with backoff.
PERMANENT_ERRORS = {40003, 40037, 41030, 47001, 47003}
RETRY_BASE_SECONDS = 30
RATE_KEY = "notice-send"
WORKER_KEY = "notice:worker:"
# Refreshed by every worker's heartbeat: /readyz's one-key answer to "is any queue worker running?".
ANY_WORKER_KEY = "notice:workers:alive"
OPEN_STATUSES = (NoticeStatus.queued, NoticeStatus.sending)


async def cancel_open(notice_id: int) -> None:
    """Cancel the notice and every delivery not yet under way; give back units held for retries."""
    now = clock.db_now()
    retrying = Delivery.filter(notice_id=notice_id, status=DeliveryStatus.failed, next_attempt_at__isnull=False)
    held: list[Any] = await retrying.filter(quota_held=True).values_list("user_id", flat=True)
    async with in_transaction():
        await Notice.filter(id=notice_id).exclude(status=NoticeStatus.completed).update(
            status=NoticeStatus.cancelled, cancelled_at=now)
        await Delivery.filter(notice_id=notice_id, status=DeliveryStatus.pending).update(
            status=DeliveryStatus.cancelled, updated_at=now)
        await retrying.update(status=DeliveryStatus.cancelled, next_attempt_at=None, quota_held=False, updated_at=now)
    notice = await Notice.get(id=notice_id)
    if held and notice.template_id:
        template = await SubscribeTemplate.get(id=notice.template_id)
        for user_id in held:
            await subscriptions.give_back(user_id=user_id, template=template)



async def fan_out(*, notice_id: int) -> int:
    """Create every recipient's deliveries (idempotent); the inbox copy is delivered at once."""
    notice = await Notice.get_or_none(id=notice_id)
    if notice is None or notice.status not in OPEN_STATUSES:
        return 0
    user_ids = await audiences.resolve(Audience.from_dict(notice.audience))
    now = clock.db_now()
    subscribe = Channel.subscribe in notice.channels
    for start in range(0, len(user_ids), 1000):
        rows = []
        for user_id in user_ids[start:start + 1000]:
            rows.append(Delivery(notice_id=notice_id, user_id=user_id, channel=Channel.inbox,
                                 status=DeliveryStatus.sent, sent_at=now))
            if subscribe:
                rows.append(Delivery(notice_id=notice_id, user_id=user_id, channel=Channel.subscribe))
        await Delivery.bulk_create(rows, ignore_conflicts=True)
    await Notice.filter(id=notice_id, status__in=OPEN_STATUSES).update(
        status=NoticeStatus.sending, recipient_count=len(user_ids), fanned_out_at=now)
    if (await Notice.get(id=notice_id)).status == NoticeStatus.cancelled:
        await cancel_open(notice_id)  # cancelled while we were fanning out: nothing may stay pending
    return len(user_ids)


@dataclass(frozen=True, slots=True)
class Claimed:
    id: int
    user_id: int
    quota_held: bool
    attempts: int
    openid: str | None = None


# One statement claims the batch and returns each recipient's openid with it.
_CLAIM_PG = """
UPDATE notice_delivery SET status = 'sending', claimed_at = $1, claimed_by = $2, attempts = attempts + 1,
       updated_at = $1
WHERE id IN (
    SELECT id FROM notice_delivery
    WHERE notice_id = $3 AND channel = 'subscribe'
      AND (status = 'pending' OR (status = 'failed' AND next_attempt_at <= $1))
    ORDER BY id LIMIT $4
    FOR UPDATE SKIP LOCKED)
RETURNING id, user_id, quota_held, attempts, (SELECT openid FROM app_user u WHERE u.id = user_id) AS openid
"""


def _claimable(now: datetime) -> Q:
    return Q(status=DeliveryStatus.pending) | Q(status=DeliveryStatus.failed, next_attempt_at__lte=now)


def _postgres() -> bool:
    return on_postgres()


async def claim(*, notice_id: int, limit: int, worker_id: str, now: datetime | None = None) -> list[Claimed]:
    """Atomically move up to `limit` due subscribe deliveries to "sending" for this worker."""
    now = now or clock.db_now()
    conn = connections.get("default")
    if conn.capabilities.dialect == "postgres":
        _, rows = await conn.execute_query(_CLAIM_PG, [now, worker_id, notice_id, limit])
        return sorted((Claimed(r["id"], r["user_id"], r["quota_held"], r["attempts"], r["openid"]) for r in rows),
                      key=lambda c: c.id)
    # SQLite has one writer at a time; a conditional update per row still refuses a row taken meanwhile,
    # and rows another sender took in between are replaced by the next ones (they are no longer due).
    claimed: list[Claimed] = []
    while len(claimed) < limit:
        candidates = await Delivery.filter(_claimable(now), notice_id=notice_id, channel=Channel.subscribe) \
            .order_by("id").limit(limit - len(claimed)).values("id", "user_id", "quota_held", "attempts")
        if not candidates:
            break
        openids = dict(await User.filter(id__in=[r["user_id"] for r in candidates]).values_list("id", "openid"))
        for row in candidates:
            taken = await Delivery.filter(_claimable(now), id=row["id"]).update(
                status=DeliveryStatus.sending, claimed_at=now, claimed_by=worker_id,
                attempts=F("attempts") + 1, updated_at=now)
            if taken:
                claimed.append(Claimed(row["id"], row["user_id"], row["quota_held"], row["attempts"] + 1,
                                       openids.get(row["user_id"])))
    return claimed


NO_QUOTA_ERROR = "用户没有可用的订阅次数"

# Take one unit per recipient that holds none yet, mark those rows as holding it, and settle the
# rest as no_quota: one statement (one round trip, atomic) for the whole batch.
_HOLD_PG = """
WITH taken AS (
    UPDATE notice_subscription SET remaining = remaining - 1, updated_at = $4
    WHERE template_id = $1 AND user_id = ANY($2::int[]) AND remaining > 0
    RETURNING user_id),
held AS (
    UPDATE notice_delivery SET quota_held = true
    WHERE id = ANY($3::bigint[]) AND user_id IN (SELECT user_id FROM taken)
    RETURNING id),
refused AS (
    UPDATE notice_delivery SET status = 'no_quota', error = $5, updated_at = $4
    WHERE id = ANY($3::bigint[]) AND status = 'sending' AND user_id NOT IN (SELECT user_id FROM taken)
    RETURNING id)
SELECT id, true AS held FROM held UNION ALL SELECT id, false FROM refused
"""
_HOLD_LONG_TERM_PG = """
WITH accepted AS (
    SELECT user_id FROM notice_subscription
    WHERE template_id = $1 AND user_id = ANY($2::int[]) AND last_result = 'accept'),
refused AS (
    UPDATE notice_delivery SET status = 'no_quota', error = $5, updated_at = $4
    WHERE id = ANY($3::bigint[]) AND status = 'sending' AND user_id NOT IN (SELECT user_id FROM accepted)
    RETURNING id)
SELECT d.id, true AS held FROM unnest($3::bigint[], $2::int[]) AS d(id, user_id)
WHERE d.user_id IN (SELECT user_id FROM accepted)
UNION ALL SELECT id, false FROM refused
"""


async def _hold_units(rows: list[Claimed], template: SubscribeTemplate) -> list[Claimed]:
    """The rows that hold a subscription unit (taken now, or kept from an earlier try); the others
    are recorded as no_quota in the same statement."""
    ready = [r for r in rows if r.quota_held]
    needing = [r for r in rows if not r.quota_held]
    if not needing:
        return ready
    now = clock.db_now()
    if _postgres():
        sql = _HOLD_LONG_TERM_PG if template.long_term else _HOLD_PG
        _, result = await connections.get("default").execute_query(
            sql, [template.template_id, [r.user_id for r in needing], [r.id for r in needing], now, NO_QUOTA_ERROR])
        held = {r["id"] for r in result if r["held"]}
        return sorted(ready + [replace(r, quota_held=not template.long_term) for r in needing if r.id in held],
                      key=lambda c: c.id)
    for row in needing:  # SQLite: one small transaction per row
        async with in_transaction() as conn:
            taken = await subscriptions.take_unit(user_id=row.user_id, template=template, using_db=conn)
            if taken and not template.long_term:
                await Delivery.filter(id=row.id).using_db(conn).update(quota_held=True)
        if taken:
            ready.append(replace(row, quota_held=not template.long_term))
        else:
            await Delivery.filter(id=row.id, status=DeliveryStatus.sending).update(
                status=DeliveryStatus.no_quota, error=NO_QUOTA_ERROR, updated_at=now)
    return sorted(ready, key=lambda c: c.id)


@dataclass(slots=True)
class Outcome:
    """What a send came to, written for the whole batch at once (see `_record`)."""

    row: Claimed
    status: DeliveryStatus
    error: str = ""
    errcode: int | None = None
    keep_errcode: bool = False  # review: leave the last attempt's errcode in place
    msgid: str = ""
    sent_at: datetime | None = None
    next_attempt_at: datetime | None = None
    quota_held: bool | None = None  # None: unchanged
    then: str = ""  # "give_back" / "forget" once recorded


_RECORD_PG = """
UPDATE notice_delivery AS d
SET status = v.status, error = v.error, errcode = CASE WHEN v.keep_errcode THEN d.errcode ELSE v.errcode END,
    msgid = v.msgid, sent_at = v.sent_at, next_attempt_at = v.next_attempt_at, quota_held = v.quota_held,
    updated_at = $1
FROM unnest($2::bigint[], $3::varchar[], $4::varchar[], $5::int[], $6::bool[], $7::varchar[], $8::timestamptz[],
            $9::timestamptz[], $10::bool[])
     AS v(id, status, error, errcode, keep_errcode, msgid, sent_at, next_attempt_at, quota_held)
WHERE d.id = v.id AND d.status = 'sending'
RETURNING d.id
"""


async def _record(outcomes: list[Outcome]) -> set[int]:
    """Write every outcome of a batch in one statement; returns the ids still ours ("sending")."""
    if not outcomes:
        return set()
    now = clock.db_now()
    if _postgres():
        columns: list[list[Any]] = [
            [o.row.id for o in outcomes], [o.status.value for o in outcomes], [o.error for o in outcomes],
            [o.errcode for o in outcomes], [o.keep_errcode for o in outcomes], [o.msgid for o in outcomes],
            [o.sent_at for o in outcomes], [o.next_attempt_at for o in outcomes],
            [o.row.quota_held if o.quota_held is None else o.quota_held for o in outcomes]]
        _, rows = await connections.get("default").execute_query(_RECORD_PG, [now, *columns])
        recorded = {r["id"] for r in rows}
    else:
        recorded = set()
        for o in outcomes:
            values: dict[str, Any] = {"error": o.error, "msgid": o.msgid, "sent_at": o.sent_at,
                                      "next_attempt_at": o.next_attempt_at}
            if not o.keep_errcode:
                values["errcode"] = o.errcode
            if o.quota_held is not None:
                values["quota_held"] = o.quota_held
            if await Delivery.filter(id=o.row.id, status=DeliveryStatus.sending).update(
                    status=o.status, updated_at=now, **values):
                recorded.add(o.row.id)
    for o in outcomes:
        if o.row.id not in recorded:
            log.warning("delivery %s was no longer 'sending' when its outcome (%s) arrived", o.row.id, o.status)
    return recorded


@dataclass(frozen=True, slots=True)
class _SendContext:
    notice: Notice
    template: SubscribeTemplate
    wechat: WeChatGateway
    settings: Settings
    data: dict[str, dict[str, str]]
    token: str


async def send_batch(*, notice_id: int, redis: Redis, wechat: WeChatGateway, settings: Settings,
                     worker_id: str, limit: int = 50) -> int:
    """Claim and send one batch at the shared rate; returns how many deliveries it settled.

    Round trips per batch, not per send: the claim (with openids), the units (one statement), the
    token (one Redis GET), the rate slots (one Redis call), then the outcomes (one statement). A kill
    after a send and before that last statement leaves the row "sending": recovery sends it to review.
    """
    notice = await Notice.get_or_none(id=notice_id).select_related("template")
    if notice is None or notice.status != NoticeStatus.sending or notice.template is None:
        return 0
    rows = await claim(notice_id=notice_id, limit=limit, worker_id=worker_id)
    if not rows:
        return 0
    sendable = await _hold_units(rows, notice.template)
    if sendable:
        ctx = _SendContext(notice, notice.template, wechat, settings,
                           {k: {"value": v} for k, v in notice.template_data.items()}, await wechat.access_token())
        delay, interval = await ratelimit.reserve_slots(redis, key=RATE_KEY, rate=settings.notice_send_rate,
                                                        n=len(sendable))
        results = await asyncio.gather(*(
            _send_at(ctx, row, delay + i * interval) for i, row in enumerate(sendable)
        ), return_exceptions=True)
        outcomes = []
        for result in results:
            if isinstance(result, BaseException):
                log.error("a send failed unexpectedly; its row stays for recovery (review)", exc_info=result)
            else:
                outcomes.append(result)
        recorded = await _record(outcomes)
        for o in outcomes:
            if o.then == "forget":
                await subscriptions.forget(user_id=o.row.user_id, template=ctx.template)
            elif o.then == "give_back" and o.row.id in recorded:
                await subscriptions.give_back(user_id=o.row.user_id, template=ctx.template)
    return len(rows)


async def _send_at(ctx: _SendContext, row: Claimed, wait: float) -> Outcome:
    if wait > 0:
        await asyncio.sleep(wait)
    if not row.openid:
        return Outcome(row, DeliveryStatus.failed, error="用户没有微信 openid", quota_held=False, then="give_back")
    try:
        result = await ctx.wechat.send_subscribe(openid=row.openid, template_id=ctx.template.template_id,
                                                 data=ctx.data, page=ctx.notice.page, token=ctx.token)
    except WeChatError as exc:
        return _on_error(ctx, row, exc.errcode, str(exc.errmsg))
    return Outcome(row, DeliveryStatus.sent, sent_at=clock.db_now(), msgid=str(result.get("msgid", ""))[:32])


def _on_error(ctx: _SendContext, row: Claimed, errcode: int | None, errmsg: str) -> Outcome:
    """Refused is final; unknown outcome goes to review; permanent errors fail; the rest retry."""
    error = f"{errcode}: {errmsg}"[:200]
    if errcode == REFUSED:
        return Outcome(row, DeliveryStatus.refused, errcode=errcode, error=error, then="forget")
    if errcode is None:
        # A timeout may have reached WeChat: resending could deliver twice, so a person decides.
        return Outcome(row, DeliveryStatus.review, error="微信无应答，结果不明，请人工核查", keep_errcode=True)
    if errcode in PERMANENT_ERRORS or row.attempts >= ctx.settings.notice_max_attempts:
        return Outcome(row, DeliveryStatus.failed, errcode=errcode, error=error, quota_held=False, then="give_back")
    retry_at = clock.db_now() + timedelta(seconds=RETRY_BASE_SECONDS * 2 ** (row.attempts - 1))
    return Outcome(row, DeliveryStatus.failed, errcode=errcode, error=error, next_attempt_at=retry_at)


async def has_due_work(*, notice_id: int, now: datetime | None = None) -> bool:
    return await Delivery.filter(_claimable(now or clock.db_now()), notice_id=notice_id,
                                 channel=Channel.subscribe).exists()


async def finish_if_done(*, notice_id: int) -> bool:
    """Mark a sending notice completed once nothing is pending, sending or waiting to retry."""
    open_rows = await Delivery.filter(
        Q(status__in=[DeliveryStatus.pending, DeliveryStatus.sending])
        | Q(status=DeliveryStatus.failed, next_attempt_at__isnull=False),
        notice_id=notice_id).exists()
    if open_rows:
        return False
    return bool(await Notice.filter(id=notice_id, status=NoticeStatus.sending).update(
        status=NoticeStatus.completed, completed_at=clock.db_now()))


async def recover_stuck(*, redis: Redis, settings: Settings, now: datetime | None = None) -> int:
    """Move "sending" rows whose worker is gone (or past the lease) to review; never resend them."""
    now = now or clock.db_now()
    rows = await Delivery.filter(status=DeliveryStatus.sending).values("id", "claimed_by", "claimed_at")
    if not rows:
        return 0
    workers = {r["claimed_by"] for r in rows}
    alive = {w for w in workers if w and await redis.exists(WORKER_KEY + w)}
    lease = now - timedelta(seconds=settings.notice_sending_lease_seconds)
    stuck = [r["id"] for r in rows
             if r["claimed_by"] not in alive or r["claimed_at"] is None or r["claimed_at"] < lease]
    if not stuck:
        return 0
    moved = await Delivery.filter(id__in=stuck, status=DeliveryStatus.sending).update(
        status=DeliveryStatus.review, error="发送过程中断，结果不明，请人工核查（不会自动重发）", updated_at=now)
    log.warning("moved %s interrupted deliveries to review", moved)
    return moved


async def mark_worker_alive(*, redis: Redis, worker_id: str, ttl_seconds: int) -> None:
    await redis.set(WORKER_KEY + worker_id, "1", ex=ttl_seconds)
    await redis.set(ANY_WORKER_KEY, worker_id, ex=ttl_seconds)


async def mark_worker_gone(*, redis: Redis, worker_id: str) -> None:
    """A worker stopping for good: its sends are recoverable at once; the last one out clears ANY_WORKER_KEY."""
    await redis.delete(WORKER_KEY + worker_id)
    async for _ in redis.scan_iter(match=WORKER_KEY + "*", count=1000):
        return  # another worker still beats (and keeps ANY_WORKER_KEY fresh)
    await redis.delete(ANY_WORKER_KEY)


async def any_worker_alive(*, redis: Redis) -> bool:
    """Whether some queue worker's heartbeat is fresh (within its TTL)."""
    return bool(await redis.exists(ANY_WORKER_KEY))


async def due_work(*, now: datetime | None = None) -> tuple[list[int], list[int]]:
    """(notices to fan out, notices with sends due): scheduled ones whose time came, stalled queues."""
    now = now or clock.db_now()
    scheduled: list[Any] = await Notice.filter(status=NoticeStatus.scheduled, scheduled_at__lte=now).values_list(
        "id", flat=True)
    for notice_id in scheduled:
        await Notice.filter(id=notice_id, status=NoticeStatus.scheduled).update(status=NoticeStatus.queued)
    # A queued notice whose fan-out job was lost (Redis restarted) is picked up again; fan-out is idempotent.
    stalled: list[Any] = await Notice.filter(status=NoticeStatus.queued, queued_at__lte=now - timedelta(seconds=60)) \
        .values_list("id", flat=True)
    to_send: list[int] = []
    sending: list[Any] = await Notice.filter(status=NoticeStatus.sending).values_list("id", flat=True)
    for notice_id in sending:
        if await has_due_work(notice_id=notice_id, now=now):
            to_send.append(notice_id)
        else:
            await finish_if_done(notice_id=notice_id)
    return sorted(set(scheduled) | set(stalled)), to_send
