"""Signing up for an activity without overbooking, the waitlist, and cancelling with promotion.

Every change happens inside one transaction holding the activity row lock — taken by the conditional
UPDATE that claims a place when signing up, by SELECT … FOR UPDATE when cancelling (SQLite serialises
writers anyway) — so the confirmed count can never pass the capacity however many residents press the
button at once. The unique (activity, user) pair turns a double submit into the same signup.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tortoise import connections
from tortoise.exceptions import IntegrityError
from tortoise.expressions import F
from tortoise.transactions import in_transaction

from backend.errors import (
    ActivityCancelled,
    ActivityFull,
    ActivityNotFound,
    ActivityNotPublished,
    ActivityStarted,
    Conflict,
    OrgNotActive,
    SignupBusy,
    SignupClosed,
    SignupNotFound,
    WaitlistFull,
)
from backend.models.activity import Activity, ActivityStatus, Signup, SignupStatus
from backend.models.organization import OrgStatus
from backend.services import clock, events
from backend.services.sql import on_postgres

ACTIVE = (SignupStatus.confirmed, SignupStatus.waitlisted)
CLAIM_ATTEMPTS = 3  # places freed and retaken between our two UPDATEs; more would be a storm of cancels


@dataclass(frozen=True, slots=True)
class SignupResult:
    signup: Signup
    position: int | None  # 1-based place in the waitlist; None when confirmed
    created: bool


def _refuse_if_closed(activity: Activity | _Open, *, org_status: str) -> None:
    if activity.status == ActivityStatus.cancelled:
        raise ActivityCancelled(action="报名")
    if activity.status != ActivityStatus.published:
        raise ActivityNotPublished()
    if org_status != OrgStatus.active:
        raise OrgNotActive(action="报名其活动")
    now = clock.now()
    if activity.starts_at <= now:
        raise ActivityStarted(action="报名")
    if activity.signup_deadline < now:
        raise SignupClosed()


async def waitlist_position(*, signup: Signup, using_db: Any = None) -> int | None:
    """The signup's 1-based place among those still waiting, or None if not waiting."""
    if signup.status != SignupStatus.waitlisted:
        return None
    ahead = await Signup.filter(activity_id=signup.activity_id, status=SignupStatus.waitlisted,
                                queue_no__lt=signup.queue_no).using_db(using_db).count()
    return ahead + 1


async def my_place(*, activity_id: int, user_id: int) -> tuple[Signup | None, int | None]:
    """The user's signup for an activity, if any, and its place in the waitlist when waitlisted."""
    mine = await Signup.get_or_none(activity_id=activity_id, user_id=user_id)
    return mine, (await waitlist_position(signup=mine) if mine else None)


@dataclass(frozen=True, slots=True)
class _Open:
    """What deciding whether an activity takes signups needs of its row."""

    id: int
    status: str
    starts_at: datetime
    signup_deadline: datetime


_LOAD_SQL = ("SELECT a.id, a.status, a.starts_at, a.signup_deadline, o.status AS org_status "
             "FROM activity a JOIN organization o ON o.id = a.org_id WHERE a.id = $1")


async def _load(activity_id: int) -> tuple[_Open, str]:
    """The activity's state and its organization's status, in one query (written SQL on PostgreSQL,
    where this runs for every press of the button)."""
    if _one_statement_claims():
        rows = await connections.get("default").execute_query_dict(_LOAD_SQL, [activity_id])
        if not rows:
            raise ActivityNotFound()
        row = rows[0]
        return _Open(row["id"], row["status"], row["starts_at"], row["signup_deadline"]), row["org_status"]
    activity = await Activity.filter(id=activity_id).select_related("org").first()
    if activity is None:
        raise ActivityNotFound()
    return (_Open(activity.id, str(activity.status), activity.starts_at, activity.signup_deadline),
            str(activity.org.status))


async def sign_up(*, activity_id: int, user_id: int) -> SignupResult:
    """Confirm the resident if a place is free, else waitlist them; the same resident gets the same row.

    The common case (a first signup) costs one read and one short transaction: an existing row is
    only looked up when the INSERT says there is one (a double tap, or signing up again).
    """
    activity, org_status = await _load(activity_id)
    try:
        _refuse_if_closed(activity, org_status=org_status)
        if _one_statement_claims():
            taken = await _claim_and_insert(activity_id=activity.id, user_id=user_id)
            if taken is not None:
                return taken
        async with in_transaction() as conn:
            return await _take_place(conn, activity=activity, user_id=user_id, previous=None)
    except IntegrityError:
        pass  # the resident already has a row; the transaction (and our claimed place) rolled back
    except Conflict:
        existing = await Signup.get_or_none(activity_id=activity_id, user_id=user_id, status__in=ACTIVE)
        if existing is None:
            raise
        return SignupResult(existing, await waitlist_position(signup=existing), False)
    previous = await Signup.get(activity_id=activity_id, user_id=user_id)
    if previous.status in ACTIVE:  # a double tap gets the same signup back
        return SignupResult(previous, await waitlist_position(signup=previous), False)
    try:
        async with in_transaction() as conn:
            return await _take_place(conn, activity=activity, user_id=user_id, previous=previous)
    except IntegrityError:  # a concurrent submit by the same resident won
        signup = await Signup.get(activity_id=activity_id, user_id=user_id)
        return SignupResult(signup, await waitlist_position(signup=signup), False)


# PostgreSQL claims the place and writes the signup in one statement (no BEGIN/COMMIT around it): the
# row lock the UPDATE takes is held for that one round trip only, and a unique violation (a double
# tap) undoes the claim with the statement. SQLite, which serialises writers anyway, keeps the
# transaction below; so does PostgreSQL when neither claim succeeds, to say why.
_CLAIM_CONFIRMED_SQL = """
WITH claim AS (
  UPDATE activity SET confirmed_count = confirmed_count + 1
  WHERE id = $1 AND status = 'published' AND starts_at > $2 AND signup_deadline >= $2
    AND confirmed_count < capacity
  RETURNING id)
INSERT INTO activity_signup (activity_id, user_id, status, queue_no, created_at, updated_at, confirmed_at)
SELECT id, $3, 'confirmed', NULL, $2, $2, $2 FROM claim
RETURNING id"""
_CLAIM_WAITLIST_SQL = """
WITH claim AS (
  UPDATE activity SET waitlist_count = waitlist_count + 1, waitlist_seq = waitlist_seq + 1
  WHERE id = $1 AND status = 'published' AND starts_at > $2 AND signup_deadline >= $2
    AND confirmed_count >= capacity AND waitlist_count < waitlist_limit
  RETURNING id, waitlist_seq, waitlist_count),
ins AS (
  INSERT INTO activity_signup (activity_id, user_id, status, queue_no, created_at, updated_at)
  SELECT id, $3, 'waitlisted', waitlist_seq, $2, $2 FROM claim
  RETURNING id, queue_no)
SELECT ins.id, ins.queue_no, claim.waitlist_count FROM ins, claim"""


def _one_statement_claims() -> bool:
    return on_postgres()


async def _claim_and_insert(*, activity_id: int, user_id: int) -> SignupResult | None:
    """A confirmed place, else a waitlist slot, each claimed and written by one statement; None when
    neither is free (the caller's transaction finds out why). IntegrityError on a double tap."""
    conn = connections.get("default")
    now = clock.now()
    _, rows = await conn.execute_query(_CLAIM_CONFIRMED_SQL, [activity_id, now, user_id])
    if rows:
        signup = Signup(id=rows[0]["id"], activity_id=activity_id, user_id=user_id,
                        status=SignupStatus.confirmed, queue_no=None, confirmed_at=now)
        return SignupResult(signup, None, True)
    _, rows = await conn.execute_query(_CLAIM_WAITLIST_SQL, [activity_id, now, user_id])
    if rows:
        row = rows[0]
        signup = Signup(id=row["id"], activity_id=activity_id, user_id=user_id,
                        status=SignupStatus.waitlisted, queue_no=row["queue_no"])
        return SignupResult(signup, int(row["waitlist_count"]), True)
    return None


def _open_for_signup(activity_id: int, conn: Any) -> Any:
    """The activity row, only while it still takes signups (checked again inside the UPDATE)."""
    now = clock.db_time(clock.now())
    return Activity.filter(id=activity_id, status=ActivityStatus.published, starts_at__gt=now,
                           signup_deadline__gte=now).using_db(conn)


async def _claim_confirmed(conn: Any, activity_id: int) -> bool:
    """Take a free place, if any; the UPDATE re-checks the count under the row lock it takes."""
    return bool(await _open_for_signup(activity_id, conn).filter(
        confirmed_count__lt=F("capacity")).update(confirmed_count=F("confirmed_count") + 1))


async def _claim_waitlist(conn: Any, activity_id: int) -> bool:
    """Take a waitlist slot, but only while every place is taken: a place freed meanwhile is ours."""
    return bool(await _open_for_signup(activity_id, conn).filter(
        confirmed_count__gte=F("capacity"), waitlist_count__lt=F("waitlist_limit")).update(
        waitlist_count=F("waitlist_count") + 1, waitlist_seq=F("waitlist_seq") + 1))


async def _claim(conn: Any, activity_id: int) -> tuple[bool, int | None, int]:
    """A confirmed place or a waitlist slot: (confirmed, queue number, people waiting including us)."""
    for _ in range(CLAIM_ATTEMPTS):
        if await _claim_confirmed(conn, activity_id):
            return True, None, 0
        if await _claim_waitlist(conn, activity_id):
            queue_no, waiting = await Activity.filter(id=activity_id).using_db(conn).first().values_list(
                "waitlist_seq", "waitlist_count")
            return False, queue_no, waiting
        current = await Activity.filter(id=activity_id).using_db(conn).get()
        _refuse_if_closed(current, org_status=OrgStatus.active)
        if current.confirmed_count >= current.capacity:
            if current.waitlist_limit == 0:
                raise ActivityFull()
            raise WaitlistFull()
        # A place was freed between the two UPDATEs (a cancellation with nobody waiting): try again.
    raise SignupBusy()


async def _take_place(conn: Any, *, activity: Activity | _Open, user_id: int, previous: Signup | None
                      ) -> SignupResult:
    """Claim a confirmed place or a waitlist slot with one conditional UPDATE, then write the signup.

    The UPDATE both checks the counters and takes the row lock, so the lock is held only for the
    INSERT and the COMMIT that follow — the hot path for a popular activity is as short as it can be.
    """
    confirmed, queue_no, waiting = await _claim(conn, activity.id)
    status = SignupStatus.confirmed if confirmed else SignupStatus.waitlisted
    confirmed_at = clock.now() if confirmed else None
    if previous is None:
        signup = await Signup.create(activity_id=activity.id, user_id=user_id, status=status, queue_no=queue_no,
                                     confirmed_at=confirmed_at, using_db=conn)
    else:  # signing up again after cancelling: back of the line, like anyone new
        updated = await Signup.filter(id=previous.id).exclude(status__in=ACTIVE).using_db(conn).update(
            status=status, queue_no=queue_no, confirmed_at=confirmed_at, cancelled_at=None)
        if not updated:  # the same resident re-signed in a concurrent request: undo our claim
            raise IntegrityError("signup reactivated concurrently")
        signup = await Signup.filter(id=previous.id).using_db(conn).get()
    # Everyone waitlisted before us is still waiting (we hold the lock), so we are last in line.
    return SignupResult(signup, None if confirmed else waiting, True)


async def cancel_signup(*, activity_id: int, user_id: int) -> Signup | None:
    """Cancel the resident's signup; a freed place goes to the earliest waitlisted. Returns the promoted one."""
    async with in_transaction() as conn:
        activity = await Activity.select_for_update().using_db(conn).get_or_none(id=activity_id)
        if activity is None:
            raise ActivityNotFound()
        signup = await Signup.filter(activity_id=activity_id, user_id=user_id,
                                     status__in=ACTIVE).using_db(conn).get_or_none()
        if signup is None:
            raise SignupNotFound()
        if activity.starts_at <= clock.now() and activity.status == ActivityStatus.published:
            raise ActivityStarted(action="取消报名")
        was = signup.status
        signup.status, signup.cancelled_at, signup.queue_no = SignupStatus.cancelled, clock.now(), None  # type: ignore[assignment]
        await signup.save(using_db=conn)
        if was == SignupStatus.confirmed:
            activity.confirmed_count -= 1
        else:
            activity.waitlist_count -= 1
        await activity.save(update_fields=["confirmed_count", "waitlist_count"], using_db=conn)
        if activity.status != ActivityStatus.published:
            return None
        promoted = await promote_waitlisted(conn=conn, activity=activity, reason="place_freed")
        return promoted[0] if promoted else None


async def promote_waitlisted(*, conn: Any, activity: Activity, reason: str) -> list[Signup]:
    """Fill free places from the head of the waitlist; the caller holds the activity row lock."""
    free = activity.capacity - activity.confirmed_count
    if free <= 0 or activity.waitlist_count <= 0:
        return []
    queue = await Signup.filter(activity_id=activity.id, status=SignupStatus.waitlisted).using_db(conn) \
        .order_by("queue_no", "id").limit(free)
    now = clock.now()
    for signup in queue:
        signup.status, signup.queue_no, signup.confirmed_at = SignupStatus.confirmed, None, now  # type: ignore[assignment]
        await signup.save(update_fields=["status", "queue_no", "confirmed_at", "updated_at"], using_db=conn)
        await events.emit(kind="signup.promoted", using_db=conn, payload={
            "activity_id": activity.id, "user_id": signup.user_id, "reason": reason})
    activity.confirmed_count += len(queue)
    activity.waitlist_count -= len(queue)
    await activity.save(update_fields=["confirmed_count", "waitlist_count"], using_db=conn)
    return list(queue)


async def my_signups(*, user_id: int, limit: int = 50) -> list[dict[str, Any]]:
    """The resident's signups, newest activity first, with each activity's essentials."""
    return await Signup.filter(user_id=user_id).order_by("-activity__starts_at", "-id").limit(limit).values(
        "id", "status", "queue_no", "created_at", "checked_in_at", "checked_out_at", "activity_id",
        "activity__title", "activity__starts_at", "activity__ends_at", "activity__address",
        "activity__status", "activity__org__name")
