"""An activity's roster for its organizer and for staff in scope, on screen and as .xlsx."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from backend.crypto import PersonalData, mask_phone
from backend.errors import ActivityNotFound
from backend.models.activity import Activity, ServiceHours, Signup, SignupStatus
from backend.services import clock, exports
from backend.services.access import is_insider
from backend.services.actor import Actor

STATUS_LABELS = {SignupStatus.confirmed: "报名成功", SignupStatus.waitlisted: "候补中",
                 SignupStatus.cancelled: "已取消"}
_ORDER = {SignupStatus.confirmed: 0, SignupStatus.waitlisted: 1, SignupStatus.cancelled: 2}


async def roster_activity(*, activity_id: int, actor: Actor) -> Activity:
    """The activity when the caller leads its organization or is staff covering its town."""
    activity = await Activity.get_or_none(id=activity_id).select_related("org")
    if activity is None:
        raise ActivityNotFound()
    if not await is_insider(actor, org_id=activity.org_id, town_id=activity.town_id):
        raise ActivityNotFound()
    return activity


def _phone(pd: PersonalData, encrypted: str | None) -> str:
    if not encrypted:
        return ""
    try:
        return mask_phone(pd.decrypt(encrypted))
    except ValueError:  # undecryptable (rotated key): show nothing rather than fail the page
        return ""


async def roster_rows(*, activity: Activity, data_key: str) -> list[dict[str, Any]]:
    """Everyone who signed up: name, masked phone, status, queue place, check-in/out, minutes."""
    signups = await Signup.filter(activity_id=activity.id).values(
        "id", "user_id", "status", "queue_no", "created_at", "checked_in_at", "checked_out_at",
        "user__real_name", "user__nickname", "user__phone_encrypted")
    minutes = dict(await ServiceHours.filter(activity_id=activity.id).values_list("signup_id", "minutes"))
    pd = PersonalData(data_key)
    signups.sort(key=lambda s: (_ORDER[SignupStatus(s["status"])], s["queue_no"] or 0, s["id"]))
    return [{
        "signup_id": s["id"], "user_id": s["user_id"],
        "name": s["user__real_name"] or s["user__nickname"] or f"居民{s['user_id']}",
        "phone": _phone(pd, s["user__phone_encrypted"]), "status": str(s["status"]),
        "status_label": STATUS_LABELS[SignupStatus(s["status"])],
        "signed_up_at": s["created_at"], "checked_in_at": s["checked_in_at"],
        "checked_out_at": s["checked_out_at"], "minutes": minutes.get(s["id"]),
    } for s in signups]


def _local(value: datetime | None) -> str:
    return clock.local(value).strftime("%Y-%m-%d %H:%M") if value else ""


HEADERS = ("序号", "姓名", "手机号", "状态", "报名时间", "签到时间", "签退时间", "服务时长（小时）")
WIDTHS = (6, 14, 16, 10, 18, 18, 18, 16)


def _xlsx_row(n: int, r: dict[str, Any]) -> list[Any]:
    hours = round(r["minutes"] / 60, 2) if r["minutes"] is not None else ""
    return [n, r["name"], r["phone"], r["status_label"], _local(r["signed_up_at"]), _local(r["checked_in_at"]),
            _local(r["checked_out_at"]), hours]


async def roster_xlsx(*, activity: Activity, rows: list[dict[str, Any]]) -> bytes:
    """The roster as .xlsx: the activity's title, the header, one row per person (built off the event loop)."""
    table = [[activity.title], HEADERS, *(_xlsx_row(n, r) for n, r in enumerate(rows, start=1))]
    return await exports.build(exports.Sheet("报名名单", table, widths=WIDTHS))
