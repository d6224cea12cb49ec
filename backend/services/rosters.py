"""An activity's roster for its organizer and for staff in scope, on screen and as .xlsx."""

from __future__ import annotations

import asyncio
import io
from datetime import datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter

from backend.crypto import PersonalData, mask_phone
from backend.errors import ActivityNotFound
from backend.models.activity import Activity, ServiceHours, Signup, SignupStatus
from backend.services import clock
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


def _cells(ws: Any, values: list[Any]) -> list[Any]:
    """Values as cells; text typed by residents such as "=HYPERLINK(…)" stays text, never a live formula."""
    cells = []
    for value in values:
        cell = WriteOnlyCell(ws, value=value)
        if cell.data_type == "f":
            cell.data_type = "s"
        cells.append(cell)
    return cells


def build_xlsx(*, title: str, rows: list[dict[str, Any]]) -> bytes:
    """The roster as an .xlsx workbook (blocking: run it off the event loop)."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("报名名单")
    for i, width in enumerate((6, 14, 16, 10, 18, 18, 18, 16), start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.append(_cells(ws, [title]))
    ws.append(list(HEADERS))
    for n, r in enumerate(rows, start=1):
        hours = round(r["minutes"] / 60, 2) if r["minutes"] is not None else ""
        ws.append(_cells(ws, [n, r["name"], r["phone"], r["status_label"], _local(r["signed_up_at"]),
                              _local(r["checked_in_at"]), _local(r["checked_out_at"]), hours]))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


async def roster_xlsx(*, activity: Activity, rows: list[dict[str, Any]]) -> bytes:
    """The workbook built in a worker thread so the event loop keeps serving."""
    return await asyncio.to_thread(build_xlsx, title=activity.title, rows=rows)
