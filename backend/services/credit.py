"""Credit lists with due process (活动异常名录 / 严重违法失信名单; policy items 10–12).

Grounds follow 民政部《社会组织信用信息管理办法》(2018): 第十条 for the 活动异常名录 (annual report
not filed on time, no party organization as required, rectification not finished on time,
unreachable at the registered address, a warning or a fine under 50,000 yuan) and 第十三条 for the
严重违法失信名单 (two years on the 异常名录, forged change registration revoked, ordered to stop
activities, a fine of 50,000 yuan or more, two lesser penalties in three years, 失信被执行人).

Every inclusion starts as a proposal: the leaders are told, may state their case within
`credit_answer_working_days` working days (the official calendar of `workdays`), then district staff
include or drop it. A cured ground proposes removal at once; district staff decide that too. The
organization's `credit_status` column is a cache of its open entries, rewritten in the transaction
of every change (`refresh_status`), so the directory, incubation and grants all read the same value.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from backend.errors import (
    CreditAnswerClosed,
    CreditAnswerPeriodOpen,
    CreditEntryExists,
    CreditEntryNotFound,
    CreditEntryState,
    DistrictStaffOnly,
    OrgCreditListed,
    field_error,
)
from backend.models.annual_report import AnnualReport, AnnualReportStatus
from backend.models.credit import OPEN_STATUSES, PENDING_STATUSES, CreditEntry, CreditList
from backend.models.credit import CreditEntryStatus as EntryStatus
from backend.models.organization import CreditStatus, Organization, OrgStatus
from backend.services import audit, clock, events, workdays
from backend.services.access import get_org_in_scope, in_scope, led_org_ids, scoped_to_towns
from backend.services.actor import Actor
from backend.services.credit_code import LENGTH as CREDIT_CODE_LENGTH

AUTHORITY = "区民政局（社会组织登记管理机关）"
DEFAULT_ANSWER_WORKING_DAYS = 10

ABNORMAL_GROUNDS = {
    "annual_report": "未按规定报送年度工作报告",
    "party_coverage": "未按规定设立党组织",
    "rectification": "抽查发现问题未按期完成整改",
    "unreachable": "通过登记的住所无法取得联系",
    "minor_penalty": "受到警告或不满5万元罚款处罚",
    "abnormal_other": "其他",
}
UNTRUSTWORTHY_GROUNDS = {
    "abnormal_two_years": "列入活动异常名录满2年",
    "forged_change": "弄虚作假办理变更登记被撤销",
    "ordered_stop": "受到限期停止活动处罚",
    "major_fine": "受到5万元以上罚款处罚",
    "repeated_penalties": "三年内两次以上受到警告或不满5万元罚款处罚",
    "judgment_debtor": "被司法机关纳入失信被执行人名单",
    "untrustworthy_other": "其他",
}
GROUNDS = {CreditList.abnormal: ABNORMAL_GROUNDS, CreditList.untrustworthy: UNTRUSTWORTHY_GROUNDS}
GROUND_LABELS = {**ABNORMAL_GROUNDS, **UNTRUSTWORTHY_GROUNDS}
OTHER_GROUNDS = frozenset({"abnormal_other", "untrustworthy_other"})  # free text, district staff only
# Grounds whose 异常名录 entry may leave after 6 months (a penalty served); the others leave when cured.
TIME_REMOVABLE = frozenset({"minor_penalty", "abnormal_other"})
LIST_LABELS = {"abnormal": "活动异常名录", "untrustworthy": "严重违法失信名单"}
STATUS_LABELS = {"proposed": "拟列入", "included": "已列入", "dropped": "不予列入", "removal_proposed": "拟移出",
                 "removed": "已移出"}


def _audit(actor: Actor | None, action: str, entry: CreditEntry, conn: Any, **kw: Any) -> Any:
    return audit.record(actor=actor, action=action, object_type="credit_entry", object_id=entry.id, **kw)


def _payload(entry: CreditEntry, org: Organization, **extra: Any) -> dict[str, Any]:
    return {"entry_id": entry.id, "org_id": org.id, "org_name": org.name, "list": entry.credit_list.value,
            "ground": entry.ground, "ground_label": GROUND_LABELS.get(entry.ground, entry.ground),
            "answer_due": clock.iso(entry.answer_due), **extra}


def check_ground(credit_list: CreditList, ground: str, actor: Actor | None) -> None:
    """The ground must belong to the list; "other" grounds are for district staff only."""
    if ground not in GROUNDS[credit_list]:
        raise field_error("ground", f"{LIST_LABELS[credit_list]}没有该事由")
    if ground in OTHER_GROUNDS and actor is not None and not actor.is_district_staff:
        raise DistrictStaffOnly()


# ---------------------------------------------------------------- derived status

async def derived_status(org_id: int, conn: Any = None) -> CreditStatus:
    """The status the open entries give: 严重违法失信 over 异常名录 over normal."""
    lists = set(await CreditEntry.filter(org_id=org_id, status__in=OPEN_STATUSES).using_db(conn)
                .values_list("credit_list", flat=True))
    if CreditList.untrustworthy in lists:
        return CreditStatus.untrustworthy
    return CreditStatus.abnormal if CreditList.abnormal in lists else CreditStatus.normal


async def listed_org_ids() -> set[int]:
    """Every organization on either list: the set form of `derived_status(...) != normal`."""
    ids: list[Any] = list(await CreditEntry.filter(status__in=OPEN_STATUSES).values_list("org_id", flat=True))
    return {int(i) for i in ids}


async def refresh_status(org_id: int, conn: Any = None) -> CreditStatus:
    """Rewrite the organization's cached `credit_status` from its open entries."""
    status = await derived_status(org_id, conn)
    await Organization.filter(id=org_id).using_db(conn).update(credit_status=status)
    return status


async def require_not_listed(*, org_id: int, action: str) -> None:
    """Refuse support (公益创投, incubation) to an organization on either list."""
    status = await derived_status(org_id)
    if status != CreditStatus.normal:
        raise OrgCreditListed(list_label=LIST_LABELS[status.value], action=action)


async def credit_good(org_ids: list[int]) -> set[int]:
    """守信激励: no list entry in three years and annual reports accepted, none overdue."""
    if not org_ids:
        return set()
    since = clock.now() - timedelta(days=3 * 365)
    listed = set(await CreditEntry.filter(org_id__in=org_ids).filter(
        Q(created_at__gte=since) | Q(status__in=PENDING_STATUSES)).exclude(status=EntryStatus.dropped)
        .values_list("org_id", flat=True))
    accepted = set(await AnnualReport.filter(org_id__in=org_ids, status=AnnualReportStatus.accepted)
                   .values_list("org_id", flat=True))
    overdue = set(await AnnualReport.filter(org_id__in=org_ids, status=AnnualReportStatus.overdue)
                  .values_list("org_id", flat=True))
    return {i for i in org_ids if i in accepted and i not in listed and i not in overdue}


# ---------------------------------------------------------------- proposals and decisions

async def propose(*, actor: Actor | None, org: Organization, credit_list: CreditList, ground: str,
                  note: str = "", evidence: dict[str, Any] | None = None, source_key: str | None = None,
                  answer_days: int = DEFAULT_ANSWER_WORKING_DAYS, conn: Any = None) -> CreditEntry | None:
    """Propose an inclusion; None when this fact (source key) or this ground is already pending."""
    if source_key and await CreditEntry.filter(source_key=source_key).using_db(conn).exists():
        return None
    if await CreditEntry.filter(org_id=org.id, ground=ground, status__in=PENDING_STATUSES).using_db(conn).exists():
        if actor is not None:
            raise CreditEntryExists()
        return None
    entry = await CreditEntry.create(
        org_id=org.id, credit_list=credit_list, ground=ground, ground_note=note, evidence=evidence or {},
        source_key=source_key, proposed_by_id=actor.user_id if actor else None,
        answer_due=workdays.add_working_days(clock.today(), answer_days), using_db=conn)
    await _audit(actor, "credit.proposed", entry, conn, after={"list": credit_list.value, "ground": ground,
                                                               "answer_due": clock.iso(entry.answer_due)},
                 reason=note)
    await events.emit(kind="credit.proposed", payload=_payload(entry, org), using_db=conn)
    return entry


async def propose_by_staff(*, actor: Actor, org_id: int, credit_list: CreditList, ground: str, note: str,
                           evidence: dict[str, Any], answer_days: int) -> CreditEntry:
    """Staff propose an inclusion for an organization in their scope."""
    check_ground(credit_list, ground, actor)
    if ground in OTHER_GROUNDS and len(note.strip()) < 2:
        raise field_error("note", "事由为“其他”时须写明具体情形")
    org = await get_org_in_scope(org_id=org_id, scope_town_id=actor.scope_region_id)
    async with in_transaction() as conn:
        entry = await propose(actor=actor, org=org, credit_list=credit_list, ground=ground, note=note,
                              evidence=evidence, answer_days=answer_days, conn=conn)
    assert entry is not None  # a staff proposal raises instead of skipping
    return entry


async def _locked(conn: Any, entry_id: int) -> CreditEntry:
    entry = await CreditEntry.select_for_update().using_db(conn).get_or_none(id=entry_id)
    if entry is None:
        raise CreditEntryNotFound()
    return entry


def _state(entry: CreditEntry, action: str) -> CreditEntryState:
    return CreditEntryState(status=STATUS_LABELS[entry.status.value], action=action)


async def entry_for_staff(*, actor: Actor, entry_id: int) -> CreditEntry:
    entry = await CreditEntry.get_or_none(id=entry_id).select_related("org")
    if entry is None or not in_scope(actor.scope_region_id, entry.org.town_id):
        raise CreditEntryNotFound()
    return entry


async def entry_for_leader(*, actor: Actor, entry_id: int) -> CreditEntry:
    entry = await CreditEntry.get_or_none(id=entry_id).select_related("org")
    if entry is None or entry.org_id not in await led_org_ids(actor):
        raise CreditEntryNotFound()
    return entry


async def answer(*, actor: Actor, entry_id: int, text: str) -> CreditEntry:
    """The leader states the organization's case (陈述申辩) within the answer period."""
    entry = await entry_for_leader(actor=actor, entry_id=entry_id)
    async with in_transaction() as conn:
        entry = await _locked(conn, entry.id)
        if entry.status != EntryStatus.proposed:
            raise _state(entry, "陈述申辩")
        if clock.today() > entry.answer_due:
            raise CreditAnswerClosed(answer_due=entry.answer_due)
        entry.answer_text, entry.answered_at = text, clock.now()
        await entry.save(update_fields=["answer_text", "answered_at"], using_db=conn)
        await _audit(actor, "credit.answered", entry, conn, after={"answer_text": text})
    return await entry_for_leader(actor=actor, entry_id=entry_id)


async def decide(*, actor: Actor, entry_id: int, include: bool, reason: str) -> CreditEntry:
    """District staff include or drop a proposal; inclusion waits for the answer period (or the answer)."""
    entry = await entry_for_staff(actor=actor, entry_id=entry_id)
    if not actor.is_district_staff:
        raise DistrictStaffOnly()
    async with in_transaction() as conn:
        entry = await _locked(conn, entry.id)
        if entry.status != EntryStatus.proposed:
            raise _state(entry, "决定列入" if include else "决定不予列入")
        if include and entry.answered_at is None and clock.today() <= entry.answer_due:
            raise CreditAnswerPeriodOpen(answer_due=entry.answer_due)
        entry.status = EntryStatus.included if include else EntryStatus.dropped
        entry.decided_by_id, entry.decided_at, entry.decision_reason = actor.user_id, clock.now(), reason
        entry.authority = AUTHORITY
        await entry.save(update_fields=["status", "decided_by_id", "decided_at", "decision_reason", "authority"],
                         using_db=conn)
        await refresh_status(entry.org_id, conn)
        await _audit(actor, "credit.included" if include else "credit.dropped", entry, conn,
                     before={"status": "proposed"}, after={"status": entry.status.value}, reason=reason)
        org = await Organization.get(id=entry.org_id, using_db=conn)
        await events.emit(kind="credit.included" if include else "credit.dropped", using_db=conn,
                          payload=_payload(entry, org, reason=reason))
    return await entry_for_staff(actor=actor, entry_id=entry_id)


async def propose_removal_of(entry: CreditEntry, *, actor: Actor | None, reason: str, conn: Any) -> bool:
    """An open entry moves to removal_proposed (still listed until district staff decide)."""
    moved = await CreditEntry.filter(id=entry.id, status=EntryStatus.included).using_db(conn).update(
        status=EntryStatus.removal_proposed, removal_reason=reason, removal_proposed_at=clock.now())
    if not moved:
        return False
    await _audit(actor, "credit.removal_proposed", entry, conn, before={"status": "included"},
                 after={"status": "removal_proposed"}, reason=reason)
    org = await Organization.get(id=entry.org_id, using_db=conn)
    await events.emit(kind="credit.removal_proposed", using_db=conn, payload=_payload(entry, org, reason=reason))
    return True


async def request_removal(*, actor: Actor, entry_id: int, reason: str) -> CreditEntry:
    """Staff propose removing an included entry (the cause was fixed outside the system)."""
    entry = await entry_for_staff(actor=actor, entry_id=entry_id)
    async with in_transaction() as conn:
        entry = await _locked(conn, entry.id)
        if not await propose_removal_of(entry, actor=actor, reason=reason, conn=conn):
            raise _state(entry, "提出移出")
    return await entry_for_staff(actor=actor, entry_id=entry_id)


async def decide_removal(*, actor: Actor, entry_id: int, remove: bool, reason: str) -> CreditEntry:
    """District staff remove the entry (status derived anew) or keep it listed."""
    entry = await entry_for_staff(actor=actor, entry_id=entry_id)
    if not actor.is_district_staff:
        raise DistrictStaffOnly()
    async with in_transaction() as conn:
        entry = await _locked(conn, entry.id)
        if entry.status != EntryStatus.removal_proposed:
            raise _state(entry, "决定移出" if remove else "决定保留")
        entry.status = EntryStatus.removed if remove else EntryStatus.included
        entry.removal_reason = reason
        if remove:
            entry.removed_at = clock.now()
        await entry.save(update_fields=["status", "removed_at", "removal_reason"], using_db=conn)
        await refresh_status(entry.org_id, conn)
        await _audit(actor, "credit.removed" if remove else "credit.kept", entry, conn,
                     before={"status": "removal_proposed"}, after={"status": entry.status.value}, reason=reason)
        org = await Organization.get(id=entry.org_id, using_db=conn)
        await events.emit(kind="credit.removed" if remove else "credit.kept", using_db=conn,
                          payload=_payload(entry, org, reason=reason))
    return await entry_for_staff(actor=actor, entry_id=entry_id)


async def cure(*, org_id: int, ground: str, reason: str, conn: Any = None) -> int:
    """The ground is cured (report accepted, coverage recorded, …): propose removal of its entries at once."""
    entries = await CreditEntry.filter(org_id=org_id, ground=ground, status=EntryStatus.included).using_db(conn)
    moved = 0
    for entry in entries:
        moved += await propose_removal_of(entry, actor=None, reason=reason, conn=conn)
    # A proposal whose ground is already cured shows it, so staff can drop it.
    for pending in await CreditEntry.filter(org_id=org_id, ground=ground, status=EntryStatus.proposed).using_db(conn):
        await CreditEntry.filter(id=pending.id).using_db(conn).update(
            evidence={**(pending.evidence or {}), "cured": reason, "cured_at": clock.iso(clock.now())})
    return moved


async def sweep_now(*, actor: Actor, answer_days: int, coverage_months: int) -> tuple[int, int]:
    """District staff run the daily credit sweep at once; (proposals, removal proposals)."""
    from backend.services import credit_sweep  # the sweep reads this module; imported late to avoid a cycle

    if not actor.is_district_staff:
        raise DistrictStaffOnly()
    out = await credit_sweep.run(answer_days=answer_days, coverage_months=coverage_months)
    await audit.record(actor=actor, action="credit.sweep", object_type="credit_entry", object_id="sweep",
                       after={"proposed": out.proposed, "removals": out.removals})
    return len(out.proposed), len(out.removals)


# ---------------------------------------------------------------- the old hand-set route

async def set_by_hand(*, actor: Actor, org_id: int, credit_status: CreditStatus, reason: str,
                      answer_days: int) -> Organization:
    """The retired hand-set route: a listed status becomes a proposal ("other"), normal proposes removal."""
    org = await get_org_in_scope(org_id=org_id, scope_town_id=actor.scope_region_id)
    if credit_status == CreditStatus.normal:
        async with in_transaction() as conn:
            for entry in await CreditEntry.filter(org_id=org.id, status=EntryStatus.included).using_db(conn):
                await propose_removal_of(entry, actor=actor, reason=reason, conn=conn)
    else:
        listed = CreditList(credit_status.value)
        await propose_by_staff(actor=actor, org_id=org.id, credit_list=listed, ground=f"{listed.value}_other",
                               note=reason, evidence={}, answer_days=answer_days)
    return await Organization.get(id=org.id)


# ---------------------------------------------------------------- queues and reading

async def staff_entries(*, actor: Actor, status: str | None, credit_list: str | None, town_id: int | None,
                        page: int, page_size: int) -> tuple[list[CreditEntry], int]:
    """The staff queue (proposals first by default), within the caller's town scope."""
    query = scoped_to_towns(CreditEntry.all(), field="org__town_id", scope_town_id=actor.scope_region_id,
                            town_id=town_id, what="镇街")
    if status:
        query = query.filter(status=status)
    if credit_list:
        query = query.filter(credit_list=credit_list)
    total = await query.count()
    items = await query.order_by("answer_due", "id").offset((page - 1) * page_size).limit(page_size) \
        .select_related("org")
    return list(items), total


async def leader_entries(*, actor: Actor) -> list[CreditEntry]:
    return list(await CreditEntry.filter(org_id__in=await led_org_ids(actor) or [0]).order_by("-id")
                .select_related("org"))


async def org_history(*, actor: Actor, org_id: int) -> list[CreditEntry]:
    org = await get_org_in_scope(org_id=org_id, scope_town_id=actor.scope_region_id)
    return list(await CreditEntry.filter(org_id=org.id).order_by("-id").select_related("org"))


@dataclass(frozen=True, slots=True)
class PublicOrg:
    org: Organization
    entries: list[CreditEntry]


async def _public(orgs: list[Organization]) -> list[PublicOrg]:
    open_entries = await CreditEntry.filter(org_id__in=[o.id for o in orgs] or [0], status__in=OPEN_STATUSES) \
        .order_by("decided_at", "id")
    by_org: dict[int, list[CreditEntry]] = {}
    for entry in open_entries:
        by_org.setdefault(entry.org_id, []).append(entry)
    return [PublicOrg(org=o, entries=by_org.get(o.id, [])) for o in orgs]


async def lookup(*, q: str) -> list[PublicOrg]:
    """Anyone looks up registered organizations by 统一社会信用代码 (exact) or by name."""
    text = q.strip()
    if len(text) < 2:
        raise field_error("q", "请至少输入 2 个字符")
    query = Organization.filter(status__in=(OrgStatus.active, OrgStatus.deregistered))
    match = Q(name__icontains=text)
    if len(text) == CREDIT_CODE_LENGTH:  # only an 18-character text can be a code; the column refuses longer
        match |= Q(credit_code=text.upper())
    orgs = await query.filter(match).order_by("id").limit(20).select_related("town")
    return await _public(list(orgs))


async def published_list(*, credit_list: CreditList, town_id: int | None, page: int,
                         page_size: int) -> tuple[list[PublicOrg], int]:
    """The published list: organizations with an open entry on it, optionally in one town."""
    org_ids = set(await CreditEntry.filter(credit_list=credit_list, status__in=OPEN_STATUSES)
                  .values_list("org_id", flat=True))
    query = Organization.filter(id__in=list(org_ids) or [0])
    if town_id is not None:
        query = query.filter(town_id=town_id)
    total = await query.count()
    orgs = await query.order_by("id").offset((page - 1) * page_size).limit(page_size).select_related("town")
    rows = await _public(list(orgs))
    return [PublicOrg(org=r.org, entries=[e for e in r.entries if e.credit_list == credit_list]) for r in rows], total


def removable_after(entry: CreditEntry) -> date | None:
    """When time alone allows removal: 6 months (异常名录, grounds that allow it) or 2 years (失信)."""
    if entry.decided_at is None:
        return None
    decided = clock.local(entry.decided_at).date()
    if entry.credit_list == CreditList.untrustworthy:
        return decided + timedelta(days=730)
    return decided + timedelta(days=183) if entry.ground in TIME_REMOVABLE else None
