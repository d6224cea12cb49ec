"""Check-in by scanning the organizer's rotating code, check-out, and the service-hours ledger.

The code is the `scene` of a mini-program code (wxacode.getUnlimited), which WeChat limits to 32
characters, so the payload is compact: `<activity id>.<expiry>.<mac>` with both numbers in base 36
and the HMAC-SHA256 (keyed by SECRET_KEY) cut to 16 base64url characters (96 bits — plenty for a code
that lives about a minute and a half).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from backend.errors import (
    ActivityEnded,
    ActivityNotFound,
    ActivityNotOpen,
    ActivityNotStarted,
    CheckinCodeExpired,
    CheckinCodeInvalid,
    CheckinCodeWrongActivity,
    CheckinNotOpen,
    CheckinOutOfRange,
    CheckoutBeforeStart,
    NotCheckedIn,
    NotConfirmed,
    SignupNotFound,
    field_error,
)
from backend.models.activity import Activity, ActivityStatus, ServiceHours, Signup, SignupStatus
from backend.services import audit, clock, geo, miniprogram_pages
from backend.services.activities import get_for_leader
from backend.services.actor import Actor
from backend.wechat.client import WeChatGateway

CHECKIN_PAGE = miniprogram_pages.CHECKIN.path
# Doors open a little before the start; people check out up to a while after the end.
OPENS_BEFORE = timedelta(minutes=30)
CHECKOUT_GRACE = timedelta(hours=2)
MAC_CHARS = 16


def _b36(n: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = digits[r] + out
        if n == 0:
            return out


def _mac(secret: str, payload: str) -> str:
    digest = hmac.new(secret.encode(), b"checkin:" + payload.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode()[:MAC_CHARS]


@dataclass(frozen=True, slots=True)
class CheckinSigner:
    """Signs and verifies check-in codes with the deployment's secret (injected into handlers)."""

    secret: str

    def sign(self, *, activity_id: int, expires_at: datetime) -> str:
        """A signed scene string (≤ 32 characters) for this activity, valid until `expires_at`."""
        payload = f"{_b36(activity_id)}.{_b36(int(expires_at.timestamp()))}"
        return f"{payload}.{_mac(self.secret, payload)}"

    def verify(self, *, code: str, activity_id: int, now: datetime) -> None:
        """Raise unless the code is untampered, for this activity, and not expired."""
        try:
            aid, exp, mac = code.split(".")
            payload_ok = hmac.compare_digest(_mac(self.secret, f"{aid}.{exp}"), mac)
            code_activity, expires = int(aid, 36), int(exp, 36)
        except ValueError:
            payload_ok = False
        if not payload_ok:
            raise CheckinCodeInvalid()
        if code_activity != activity_id:
            raise CheckinCodeWrongActivity()
        if expires < now.timestamp():
            raise CheckinCodeExpired()


def _window_open(activity: Activity, now: datetime) -> None:
    if activity.status != ActivityStatus.published:
        raise ActivityNotOpen()
    if now < activity.starts_at - OPENS_BEFORE:
        raise CheckinNotOpen()
    if now > activity.ends_at + CHECKOUT_GRACE:
        raise ActivityEnded(action="签到")


async def issue_code(*, activity_id: int, actor: Actor, wechat: WeChatGateway, signer: CheckinSigner,
                     ttl_seconds: int) -> dict[str, Any]:
    """The organizer's current check-in code: scene, expiry, and the mini-program code image."""
    activity = await get_for_leader(activity_id=activity_id, actor=actor)
    now = clock.now()
    _window_open(activity, now)
    expires_at = now.replace(microsecond=0) + timedelta(seconds=ttl_seconds)
    scene = signer.sign(activity_id=activity.id, expires_at=expires_at)
    image = await wechat.unlimited_code(scene=scene, page=CHECKIN_PAGE)
    return {"scene": scene, "expires_at": expires_at, "ttl_seconds": ttl_seconds,
            "page": CHECKIN_PAGE, "image_base64": base64.b64encode(image).decode(), "image_type": "image/png"}


@dataclass(frozen=True, slots=True)
class Position:
    lat: float | None
    lng: float | None


def _check_radius(activity: Activity, where: Position) -> None:
    if not activity.checkin_radius_m or activity.lat is None or activity.lng is None:
        return
    if where.lat is None or where.lng is None:
        raise field_error("lat", "本活动需要在现场签到，请允许获取位置后重试")
    distance = geo.haversine_m(activity.lat, activity.lng, where.lat, where.lng)
    if distance > activity.checkin_radius_m:
        raise CheckinOutOfRange(distance=round(distance), checkin_radius_m=activity.checkin_radius_m,
                                details={"distance_m": round(distance), "radius_m": activity.checkin_radius_m})


async def _confirmed_signup(activity_id: int, user_id: int) -> tuple[Activity, Signup]:
    activity = await Activity.get_or_none(id=activity_id)
    if activity is None:
        raise ActivityNotFound()
    signup = await Signup.get_or_none(activity_id=activity_id, user_id=user_id)
    if signup is None or signup.status != SignupStatus.confirmed:
        raise NotConfirmed()
    return activity, signup


async def check_in(*, activity_id: int, user_id: int, code: str, where: Position, signer: CheckinSigner) -> Signup:
    """Check the resident in; scanning again later keeps the first check-in time."""
    activity, signup = await _confirmed_signup(activity_id, user_id)
    now = clock.now()
    signer.verify(code=code, activity_id=activity_id, now=now)
    _window_open(activity, now)
    if now > activity.ends_at:
        raise ActivityEnded(action="签到")
    _check_radius(activity, where)
    if signup.checked_in_at is None:
        await Signup.filter(id=signup.id, checked_in_at=None).update(checked_in_at=now)
        await signup.refresh_from_db()
    return signup


def service_minutes(*, checked_in_at: datetime, checked_out_at: datetime, starts_at: datetime,
                    ends_at: datetime) -> int:
    """Whole minutes present inside [start, end]: early arrival and late stay do not count."""
    begin, end = max(checked_in_at, starts_at), min(checked_out_at, ends_at)
    return max(0, int((end - begin).total_seconds() // 60))


async def check_out(*, activity_id: int, user_id: int, code: str, where: Position,
                    signer: CheckinSigner) -> tuple[Signup, ServiceHours]:
    """Check the resident out and write their ledger row; checking out twice changes nothing."""
    activity, signup = await _confirmed_signup(activity_id, user_id)
    existing = await ServiceHours.get_or_none(signup_id=signup.id)
    if signup.checked_out_at is not None and existing is not None:
        return signup, existing
    now = clock.now()
    signer.verify(code=code, activity_id=activity_id, now=now)
    _window_open(activity, now)
    if signup.checked_in_at is None:
        raise NotCheckedIn()
    if now < activity.starts_at:  # a check-out is final: one now would record 0 minutes for good
        raise CheckoutBeforeStart(starts_at=clock.local(activity.starts_at).strftime("%Y-%m-%d %H:%M"),
                                  details={"starts_at": clock.iso(activity.starts_at)})
    _check_radius(activity, where)
    minutes = service_minutes(checked_in_at=signup.checked_in_at, checked_out_at=now,
                              starts_at=activity.starts_at, ends_at=activity.ends_at)
    try:
        async with in_transaction() as conn:
            signup.checked_out_at = now
            await signup.save(update_fields=["checked_out_at", "updated_at"], using_db=conn)
            hours = await ServiceHours.create(signup_id=signup.id, user_id=user_id, activity_id=activity_id,
                                              minutes=minutes, using_db=conn)
    except IntegrityError:  # a concurrent second tap wrote it first
        hours = await ServiceHours.get(signup_id=signup.id)
        await signup.refresh_from_db()
    return signup, hours


async def correct_hours(*, activity_id: int, user_id: int, actor: Actor, minutes: int, reason: str) -> ServiceHours:
    """An organizer sets a participant's minutes (e.g. forgot to check out); audited with before/after."""
    activity = await get_for_leader(activity_id=activity_id, actor=actor)
    if activity.status != ActivityStatus.published or activity.starts_at > clock.now():
        raise ActivityNotStarted()
    limit = int((activity.ends_at - activity.starts_at).total_seconds() // 60)
    if minutes > limit:
        raise field_error("minutes", f"服务时长不能超过活动时长（{limit} 分钟）")
    signup = await Signup.get_or_none(activity_id=activity_id, user_id=user_id, status=SignupStatus.confirmed)
    if signup is None:
        raise SignupNotFound()
    async with in_transaction() as conn:
        hours = await ServiceHours.select_for_update().using_db(conn).get_or_none(signup_id=signup.id)
        before = {"minutes": hours.minutes, "corrected": hours.corrected} if hours else None
        if hours is None:
            hours = await ServiceHours.create(signup_id=signup.id, user_id=user_id, activity_id=activity_id,
                                              minutes=minutes, corrected=True, note=reason, using_db=conn)
        else:
            hours.minutes, hours.corrected, hours.note = minutes, True, reason
            await hours.save(using_db=conn)
        await audit.record(actor=actor, action="service_hours.correct",
                           object_type="service_hours", object_id=hours.id, before=before,
                           after={"minutes": minutes, "corrected": True, "activity_id": activity_id,
                                  "user_id": user_id}, reason=reason)
    return hours


async def my_service_hours(*, user_id: int, limit: int = 100) -> tuple[list[dict[str, Any]], int, int]:
    """The resident's per-activity history (newest first, at most `limit`), total minutes and count."""
    rows = await ServiceHours.filter(user_id=user_id).order_by("-activity__starts_at", "-id").values(
        "minutes", "corrected", "activity_id", "activity__title", "activity__starts_at",
        "activity__org__name", "signup__checked_in_at", "signup__checked_out_at")
    return rows[:limit], sum(r["minutes"] for r in rows), len(rows)
