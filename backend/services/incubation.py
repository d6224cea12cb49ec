"""Incubation (孵化培育, policy item 7): bases at three tiers, recruitment windows, admission with an
explained eligibility check (reading the credit status derived by `services.credit`), quota,
milestones, graduation. Materials are stored by `attachments`;
what the API shows of these rows is declared in `backend.schemas.incubation`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

from tortoise.transactions import in_transaction

from backend.errors import (
    AdmissionExists,
    AdmissionNotFound,
    BaseFull,
    BaseNotFound,
    DistrictStaffOnly,
    IllegalTransition,
    MilestoneDone,
    MilestoneNotFound,
    MilestonesOpen,
    NotEligible,
    OrgNotFound,
    OutOfScope,
    RecruitmentClosed,
    field_error,
)
from backend.models.grant import Attachment
from backend.models.incubation import (
    AdmissionRequest,
    AdmissionStatus,
    BaseTier,
    IncubationBase,
    IncubationMilestone,
    RecruitmentWindow,
)
from backend.models.organization import CreditStatus, Organization, OrgStatus
from backend.models.region import Region, RegionLevel
from backend.services import attachments, audit, clock, credit, events, workdays
from backend.services.access import in_scope, leader_org, led_org_ids, require_leader_of
from backend.services.actor import Actor

T = TypeVar("T")

OWNER = "admission_request"  # Attachment.owner_type of an admission's materials
BASE_FIELDS = ("name", "tier", "region_id", "support_types", "quota", "occupied", "address", "description", "active")

STATUS_LABELS = {
    AdmissionStatus.pending: "待审核",
    AdmissionStatus.admitted: "孵化中",
    AdmissionStatus.rejected: "未通过",
    AdmissionStatus.graduated: "已出壳",
    AdmissionStatus.left: "已退出",
}


def _audit(actor: Actor, action: str, object_type: str, object_id: Any, **kw: Any) -> Any:
    return audit.record(actor=actor, action=action, object_type=object_type,
                        object_id=object_id, **kw)


# ---------------------------------------------------------------- eligibility

async def eligibility_reasons(org: Organization) -> list[str]:
    """Why the organization may not be incubated now; empty when it may."""
    reasons = []
    if org.status != OrgStatus.active:
        reasons.append("组织尚未登记或已注销（状态须为已登记）")
    status = await credit.derived_status(org.id)  # the same derived status grants read
    if status == CreditStatus.abnormal:
        reasons.append("组织被列入活动异常名录，移出后方可申请")
    if status == CreditStatus.untrustworthy:
        reasons.append("组织被列入严重违法失信名单，不得享受扶持政策")
    if org.annual_report_due is not None and org.annual_report_due < clock.today():
        reasons.append(f"年度报告已逾期（应于 {org.annual_report_due} 前报送）")
    return reasons


@dataclass(frozen=True, slots=True)
class Eligibility:
    org: Organization
    reasons: list[str]  # empty when the organization may be incubated


async def check_eligibility(*, actor: Actor, org_id: int | None) -> Eligibility:
    """The self-check a leader runs before applying, for one organization they lead."""
    org = await Organization.get(id=await leader_org(actor=actor, org_id=org_id))
    return Eligibility(org=org, reasons=await eligibility_reasons(org))


async def set_report_due(*, actor: Actor, org_id: int, annual_report_due: date | None, reason: str) -> Organization:
    """Staff set the annual-report due date the eligibility check reads (credit status is derived)."""
    org = await Organization.get_or_none(id=org_id)
    if org is None or (actor.scope_region_id is not None and org.town_id != actor.scope_region_id):
        raise OrgNotFound()
    if org.annual_report_due != annual_report_due:
        async with in_transaction():
            await Organization.filter(id=org.id).update(annual_report_due=annual_report_due)
            await _audit(actor, "org.annual_report_due", "organization", org.id, reason=reason,
                         before={"annual_report_due": clock.iso(org.annual_report_due)},
                         after={"annual_report_due": clock.iso(annual_report_due)})
    await org.refresh_from_db()
    return org


# ---------------------------------------------------------------- bases and windows

async def _check_base_region(actor: Actor, tier: BaseTier, region_id: int | None) -> None:
    """The region must match the tier, and town staff manage only bases in their own town."""
    if tier == BaseTier.district:
        if region_id is not None:
            raise field_error("region_id", "区级孵化基地不设镇街/社区")
        if not actor.is_district_staff:
            raise DistrictStaffOnly()
        return
    level = RegionLevel.town if tier == BaseTier.town else RegionLevel.community
    region = await Region.get_or_none(id=region_id, level=level) if region_id else None
    if region is None:
        raise field_error("region_id", "镇街级基地须选择镇街，社区级基地须选择社区/村")
    town_id = region.id if level == RegionLevel.town else region.parent_id
    if actor.scope_region_id is not None and town_id != actor.scope_region_id:
        raise OutOfScope(what="孵化基地")


async def create_base(*, actor: Actor, data: dict[str, Any]) -> IncubationBase:
    """A new base, loaded with its region as the list loads it (its read shows the region's name)."""
    await _check_base_region(actor, data["tier"], data.get("region_id"))
    async with in_transaction():
        base = await IncubationBase.create(**data)
        await _audit(actor, "incubation_base.create", "incubation_base", base.id, after=_snapshot(base))
    await base.fetch_related("region")
    return base


async def base_for_staff(*, actor: Actor, base_id: int) -> IncubationBase:
    base = await IncubationBase.get_or_none(id=base_id).prefetch_related("region")
    if base is None or not _in_scope(actor, base):
        raise BaseNotFound()
    return base


def _in_scope(actor: Actor, base: IncubationBase) -> bool:
    """Town scope (access.in_scope) applied to a base: a town or community base belongs to its town;
    the district base (no region) is district staff's only."""
    region = base.region
    if region is None:
        return actor.scope_region_id is None
    return in_scope(actor.scope_region_id, region.id if region.level == RegionLevel.town else region.parent_id)


async def update_base(*, actor: Actor, base_id: int, data: dict[str, Any]) -> IncubationBase:
    base = await base_for_staff(actor=actor, base_id=base_id)
    before = _snapshot(base)
    async with in_transaction():
        locked = await IncubationBase.filter(id=base.id).select_for_update().first()
        assert locked is not None
        if "quota" in data and data["quota"] < locked.occupied:
            raise field_error("quota", f"名额不能少于在孵组织数（{locked.occupied}）")
        await IncubationBase.filter(id=base.id).update(**data)
        await base.refresh_from_db()
        await _audit(actor, "incubation_base.update", "incubation_base", base.id, before=before, after=_snapshot(base))
    return base


async def list_bases(*, actor: Actor | None = None, active_only: bool = False) -> list[IncubationBase]:
    qs = IncubationBase.all().prefetch_related("region")
    if active_only:
        qs = qs.filter(active=True)
    bases = await qs.order_by("tier", "id")
    return [b for b in bases if actor is None or _in_scope(actor, b)]


def _page(rows: list[T], page: int, page_size: int) -> tuple[list[T], int]:
    """One page of rows already filtered to the caller's scope, and the total across pages.

    Base scope (town or community base -> its town) is decided per row by `_in_scope`, so the few
    hundred bases and their requests are filtered here rather than in SQL."""
    start = (page - 1) * page_size
    return rows[start:start + page_size], len(rows)


async def staff_bases(*, actor: Actor, page: int, page_size: int) -> tuple[list[IncubationBase], int]:
    """The bases in the caller's scope, one page of them."""
    return _page(await list_bases(actor=actor), page, page_size)


async def open_window(*, actor: Actor, base_id: int, opens_at: datetime, closes_at: datetime,
                      note: str) -> RecruitmentWindow:
    base = await base_for_staff(actor=actor, base_id=base_id)
    if closes_at <= opens_at:
        raise field_error("closes_at", "截止时间须晚于开始时间")
    async with in_transaction():
        window = await RecruitmentWindow.create(base_id=base.id, opens_at=opens_at, closes_at=closes_at, note=note)
        await _audit(actor, "incubation_window.open", "incubation_base", base.id,
                     after={"window_id": window.id, "opens_at": clock.iso(opens_at),
                            "closes_at": clock.iso(closes_at)})
    return window


async def open_window_of(base_id: int) -> RecruitmentWindow | None:
    now = workdays.local(clock.now())  # stored instants are in this zone (SQLite compares text)
    return await RecruitmentWindow.filter(base_id=base_id, opens_at__lte=now, closes_at__gte=now).order_by(
        "closes_at").first()


@dataclass(frozen=True, slots=True)
class WindowHistory:
    """A recruitment window with its base (region loaded) and what it brought in."""
    window: RecruitmentWindow
    base: IncubationBase
    requests: int  # admission requests made during the window
    admitted: int  # of which admitted (still incubating, graduated or left since)


async def staff_windows(*, actor: Actor, state: str, base_id: int | None, page: int,
                        page_size: int) -> tuple[list[WindowHistory], int]:
    """One page of the recruitment windows of the bases in the caller's scope, and their total.

    `state` is closed (ended: newest first), open (running now) or upcoming (not yet open)."""
    bases = {b.id: b for b in await list_bases(actor=actor) if base_id is None or b.id == base_id}
    now = workdays.local(clock.now())  # stored instants are in this zone (SQLite compares text)
    qs = RecruitmentWindow.filter(base_id__in=list(bases) or [0])
    if state == "closed":
        qs, order = qs.filter(closes_at__lt=now), ("-closes_at", "-id")
    elif state == "open":
        qs, order = qs.filter(opens_at__lte=now, closes_at__gte=now), ("closes_at", "id")
    else:
        qs, order = qs.filter(opens_at__gt=now), ("opens_at", "id")
    windows = await qs.order_by(*order).offset((page - 1) * page_size).limit(page_size)
    requests: dict[int, int] = {}
    admitted: dict[int, int] = {}
    taken = {AdmissionStatus.admitted.value, AdmissionStatus.graduated.value, AdmissionStatus.left.value}
    rows = await AdmissionRequest.filter(window_id__in=[w.id for w in windows] or [0]).values("window_id", "status")
    for row in rows:
        requests[row["window_id"]] = requests.get(row["window_id"], 0) + 1
        if str(row["status"]) in taken:
            admitted[row["window_id"]] = admitted.get(row["window_id"], 0) + 1
    items = [WindowHistory(w, bases[w.base_id], requests.get(w.id, 0), admitted.get(w.id, 0)) for w in windows]
    return items, await qs.count()


async def public_bases() -> list[tuple[IncubationBase, RecruitmentWindow | None]]:
    """Active bases (region loaded) with the recruitment window open now, if any."""
    return [(b, await open_window_of(b.id)) for b in await list_bases(active_only=True)]


def _snapshot(b: IncubationBase) -> dict[str, Any]:
    return {"id": b.id, **{name: getattr(b, name) for name in BASE_FIELDS}}


# ---------------------------------------------------------------- admission

async def request_admission(*, actor: Actor, base_id: int, org_id: int | None,
                            data: dict[str, Any]) -> AdmissionRequest:
    """A leader asks to be incubated during an open window; ineligible organizations are told why."""
    org_id = await leader_org(actor=actor, org_id=org_id)
    base = await IncubationBase.get_or_none(id=base_id, active=True)
    if base is None:
        raise BaseNotFound()
    offered = set(base.support_types)
    for i, kind in enumerate(data["support_types"]):
        if kind not in offered:
            raise field_error(f"support_types[{i}]", "该基地提供：" + "、".join(base.support_types))
    window = await open_window_of(base.id)
    if window is None:
        raise RecruitmentClosed()
    reasons = await eligibility_reasons(await Organization.get(id=org_id))
    if reasons:
        raise NotEligible(reasons='；'.join(reasons), details={'reasons': reasons})
    if await AdmissionRequest.exists(org_id=org_id, status__in=[AdmissionStatus.pending, AdmissionStatus.admitted]):
        raise AdmissionExists()
    async with in_transaction():
        req = await AdmissionRequest.create(base_id=base.id, window_id=window.id, org_id=org_id,
                                            requested_by_id=actor.user_id, **data)
        await _audit(actor, "incubation.request", "incubation_admission", req.id,
                     after={"base_id": base.id, "org_id": org_id, "support_types": data["support_types"]})
        await events.emit(kind="incubation.requested", payload={"admission_id": req.id, "org_id": org_id,
                                                                "base_id": base.id})
    return req


async def admission_for_leader(*, actor: Actor, admission_id: int) -> AdmissionRequest:
    req = await AdmissionRequest.get_or_none(id=admission_id)
    if req is None:
        raise AdmissionNotFound()
    await require_leader_of(actor, req.org_id, AdmissionNotFound)
    return req


async def admission_for_staff(*, actor: Actor, admission_id: int) -> AdmissionRequest:
    req = await AdmissionRequest.get_or_none(id=admission_id).prefetch_related("base__region", "org")
    if req is None or not _in_scope(actor, req.base):
        raise AdmissionNotFound()
    return req


async def add_material(*, actor: Actor, admission_id: int, var_dir: Path, max_bytes: int, kind: str,
                       filename: str, data: bytes) -> Attachment:
    req = await admission_for_leader(actor=actor, admission_id=admission_id)
    if req.status != AdmissionStatus.pending:
        raise IllegalTransition(status=STATUS_LABELS[req.status], action="补充材料")
    return await attachments.add(actor=actor, org_id=req.org_id, owner_type=OWNER, owner_id=req.id,
                                 var_dir=var_dir, max_bytes=max_bytes, kind=kind or "其他",
                                 filename=filename, data=data)


async def _move(req: AdmissionRequest, *, actor: Actor, frm: AdmissionStatus, to: AdmissionStatus, action: str,
                reason: str = "", changes: dict[str, Any] | None = None) -> AdmissionRequest:
    """Conditional status change with its audit row and the organization's event."""
    if req.status != frm or not await AdmissionRequest.filter(id=req.id, status=frm).update(
            status=to, **(changes or {})):
        current = AdmissionStatus((await AdmissionRequest.get(id=req.id)).status)
        raise IllegalTransition(status=STATUS_LABELS[current], action="执行该操作", details={'status': current.value})
    await _audit(actor, action, "incubation_admission", req.id, before={"status": frm.value},
                 after={"status": to.value, **{k: clock.iso(v) if isinstance(v, date) else v
                                               for k, v in (changes or {}).items()}}, reason=reason)
    await events.emit(kind=action, payload={"admission_id": req.id, "org_id": req.org_id,
                                            "status": to.value, "reason": reason})
    await req.refresh_from_db()
    return req


async def admit(*, actor: Actor, admission_id: int, period_end: date,
                milestones: list[dict[str, Any]]) -> AdmissionRequest:
    """Admit, consuming one place of the base's quota (locked, so the last place goes once)."""
    req = await admission_for_staff(actor=actor, admission_id=admission_id)
    if period_end <= clock.today():
        raise field_error("period_end", "孵化期结束日期须晚于今天")
    reasons = await eligibility_reasons(req.org)
    if reasons:
        raise NotEligible(reasons='；'.join(reasons), details={'reasons': reasons})
    async with in_transaction():
        base = await IncubationBase.filter(id=req.base.id).select_for_update().first()
        assert base is not None
        if base.occupied >= base.quota:
            raise BaseFull(name=base.name, quota=base.quota)
        await IncubationBase.filter(id=base.id).update(occupied=base.occupied + 1)
        req = await _move(req, actor=actor, frm=AdmissionStatus.pending, to=AdmissionStatus.admitted,
                          action="incubation.admitted", changes={
                              "period_start": clock.today(), "period_end": period_end,
                              "decided_at": clock.now()})
        for m in milestones:
            await IncubationMilestone.create(admission_id=req.id, **m)
    return req


async def reject(*, actor: Actor, admission_id: int, reason: str) -> AdmissionRequest:
    req = await admission_for_staff(actor=actor, admission_id=admission_id)
    async with in_transaction():
        return await _move(req, actor=actor, frm=AdmissionStatus.pending, to=AdmissionStatus.rejected,
                           action="incubation.rejected", reason=reason,
                           changes={"reason": reason, "decided_at": clock.now()})


async def finish(*, actor: Actor, admission_id: int, graduated: bool, reason: str) -> AdmissionRequest:
    """Graduate (出壳) or leave; either frees the place."""
    req = await admission_for_staff(actor=actor, admission_id=admission_id)
    to = AdmissionStatus.graduated if graduated else AdmissionStatus.left
    if graduated and await IncubationMilestone.filter(admission_id=req.id, done_on__isnull=True).exists():
        raise MilestonesOpen()
    async with in_transaction():
        base = await IncubationBase.filter(id=req.base.id).select_for_update().first()
        assert base is not None
        req = await _move(req, actor=actor, frm=AdmissionStatus.admitted, to=to,
                          action=f"incubation.{to.value}", reason=reason,
                          changes={"reason": reason, "ended_at": clock.now()})
        await IncubationBase.filter(id=base.id).update(occupied=max(base.occupied - 1, 0))
    return req


async def add_milestone(*, actor: Actor, admission_id: int, title: str, due_date: date) -> IncubationMilestone:
    req = await admission_for_staff(actor=actor, admission_id=admission_id)
    if req.status != AdmissionStatus.admitted:
        raise IllegalTransition(status=STATUS_LABELS[req.status], action="执行该操作")
    async with in_transaction():
        milestone = await IncubationMilestone.create(admission_id=req.id, title=title, due_date=due_date)
        await _audit(actor, "incubation.milestone_added", "incubation_admission", req.id,
                     after={"milestone_id": milestone.id, "title": title})
    return milestone


async def complete_milestone(*, actor: Actor, admission_id: int, milestone_id: int, note: str) -> IncubationMilestone:
    req = await admission_for_staff(actor=actor, admission_id=admission_id)
    milestone = await IncubationMilestone.get_or_none(id=milestone_id, admission_id=req.id)
    if milestone is None:
        raise MilestoneNotFound()
    if milestone.done_on is not None:
        raise MilestoneDone()
    async with in_transaction():
        milestone.done_on, milestone.note = clock.today(), note
        await milestone.save(update_fields=["done_on", "note"])
        await _audit(actor, "incubation.milestone_done", "incubation_admission", req.id,
                     after={"milestone_id": milestone.id})
    return milestone


@dataclass(frozen=True, slots=True)
class AdmissionDetail:
    """One admission request with its base, organization, milestones and uploaded materials."""

    req: AdmissionRequest
    base: IncubationBase
    org: Organization
    milestones: list[IncubationMilestone]
    attachments: list[Attachment]


async def detail(req: AdmissionRequest) -> AdmissionDetail:
    return AdmissionDetail(
        req=req, base=await IncubationBase.get(id=req.base_id), org=await Organization.get(id=req.org_id),
        milestones=await IncubationMilestone.filter(admission_id=req.id).order_by("due_date", "id"),
        attachments=await attachments.of(OWNER, req.id))


async def leader_admissions(*, actor: Actor) -> list[AdmissionRequest]:
    return await AdmissionRequest.filter(org_id__in=await led_org_ids(actor)).order_by("-id")


async def staff_admissions(*, actor: Actor, base_id: int | None, status: str | None, page: int,
                           page_size: int) -> tuple[list[AdmissionRequest], int]:
    """One page of the admission requests to the bases in the caller's scope, and their total."""
    qs = AdmissionRequest.all().prefetch_related("base__region")
    if base_id is not None:
        qs = qs.filter(base_id=base_id)
    if status:
        qs = qs.filter(status=status)
    rows = await qs.order_by("id")
    return _page([r for r in rows if _in_scope(actor, r.base)], page, page_size)
