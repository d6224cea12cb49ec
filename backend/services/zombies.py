"""The zombie-organization (僵尸社会组织) screening and clean-up, policy item 12.

Item 12 names the organizations to list and clean up: 常年不开展活动、长期不发挥作用, unreachable
through the registered address, the recorded leaders and the 业务主管单位, 理事会无法按规定换届 —
名存实亡. The sweep scores every active organization on those signals from the data the system holds,
each with its evidence; an organization meeting at least `min_signals` of them is listed. Staff dismiss
an entry (with a reason) or open a clean-up case, which district staff close by deregistration
(撤销登记 or 注销). Unreachable at the registered address is also an 活动异常名录 ground
(民政部《社会组织信用信息管理办法》2018): the next issue reads these contact records.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from tortoise.transactions import in_transaction

from backend.errors import (
    CleanupCaseClosed,
    CleanupCaseNotFound,
    DistrictStaffOnly,
    OrgAlreadyDeregistered,
    ZombieEntryNotFound,
    ZombieEntryState,
    ZombieSweepNotFound,
    field_error,
)
from backend.models.activity import Activity, ActivityStatus
from backend.models.annual_report import (
    CaseStatus,
    CleanupCase,
    ContactAttempt,
    ContactMethod,
    ContactOutcome,
    CouncilElection,
    DeregistrationKind,
    EntryStatus,
    ReportYear,
    SweepStatus,
    ZombieEntry,
    ZombieSweep,
)
from backend.models.grant import ApplicationStatus, GrantApplication
from backend.models.incubation import AdmissionRequest, AdmissionStatus, IncubationBase
from backend.models.organization import Organization, OrgStatus
from backend.services import activities, annual_reports, audit, clock, credit, events
from backend.services.access import get_org_in_scope, in_scope
from backend.services.actor import Actor
from backend.services.party_building import refresh_coverage

DEFAULT_MIN_SIGNALS = 2
REPORT_YEARS = 2  # no accepted annual report for the last 2 report years
INACTIVE_MONTHS = 24  # no activity published or held for 24 months
FAILED_CONTACTS = 3  # 3 failed attempts …
FAILED_SPAN_DAYS = 30  # … over at least 30 days, with no success since
TERM_GRACE_MONTHS = 6  # council term expired more than 6 months ago without a recorded 换届
PROGRESS_EVERY = 20
SIGNAL_LABELS = {
    "no_annual_report": "连续两个年度未通过年报",
    "no_activity": "24 个月未开展活动",
    "unreachable": "登记住所及负责人均无法取得联系",
    "council_term_expired": "理事会到期未换届",
    "supervisor_unreachable": "业务主管单位无法取得联系",
}
METHOD_LABELS = {"phone": "电话", "visit": "上门走访", "letter": "寄信至登记住所", "supervisor": "业务主管单位反馈"}
DEREGISTRATION_LABELS = {DeregistrationKind.revoked: "撤销登记", DeregistrationKind.cancelled: "注销"}
ENTRY_LABELS = {EntryStatus.listed: "已列入清单", EntryStatus.dismissed: "已排除", EntryStatus.case_open: "清理中",
                EntryStatus.closed: "已注销/撤销登记", EntryStatus.cleared: "复查不再符合条件"}
OPEN_GRANT_STATUSES = [s for s in ApplicationStatus if s not in (ApplicationStatus.rejected, ApplicationStatus.closed)]


def months_before(day: date, months: int) -> date:
    """The same day `months` earlier (the month's last day when it has fewer days)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month + 1, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


# ---------------------------------------------------------------- contact attempts and 换届

async def record_contact(*, actor: Actor, org_id: int, method: ContactMethod, outcome: ContactOutcome,
                         attempted_on: date, note: str) -> ContactAttempt:
    """Record an attempt to reach the organization (or the 业务主管单位's report) and its outcome."""
    org = await get_org_in_scope(org_id=org_id, scope_town_id=actor.scope_region_id)
    if attempted_on > clock.today():
        raise field_error("attempted_on", "联系日期不能晚于今天")
    async with in_transaction() as conn:
        attempt = await ContactAttempt.create(org_id=org.id, method=method, outcome=outcome, attempted_on=attempted_on,
                                              note=note, recorded_by_id=actor.user_id, using_db=conn)
        await audit.record(actor=actor, action="org.contact_attempt", object_type="organization", object_id=org.id,
                           after={"attempt_id": attempt.id, "method": method.value, "outcome": outcome.value,
                                  "attempted_on": attempted_on.isoformat()}, reason=note)
        await _cure_if_reached(attempt, conn)
    return attempt


async def _cure_if_reached(attempt: ContactAttempt, conn: Any) -> int:
    """Contact restored: when this success is the latest attempt (the sweep's test), an included
    通过登记的住所无法取得联系 entry gets its removal proposed at once, in the caller's transaction."""
    if attempt.outcome != ContactOutcome.reached:
        return 0
    last = await ContactAttempt.filter(org_id=attempt.org_id).order_by("-attempted_on", "-id").using_db(conn).first()
    if last is None or last.id != attempt.id:
        return 0  # a back-dated success: a later failed attempt still stands
    return await credit.cure(org_id=attempt.org_id, ground="unreachable", conn=conn,
                             reason=f"{attempt.attempted_on} {METHOD_LABELS[attempt.method.value]}已恢复联系")


async def contacts(*, actor: Actor, org_id: int, page: int, page_size: int) -> tuple[list[ContactAttempt], int]:
    """One page of the organization's contact attempts, latest first (within the caller's town), and their total."""
    org = await get_org_in_scope(org_id=org_id, scope_town_id=actor.scope_region_id)
    qs = ContactAttempt.filter(org_id=org.id)
    rows = await qs.order_by("-attempted_on", "-id").offset((page - 1) * page_size).limit(page_size)
    return rows, await qs.count()


async def elections(*, actor: Actor, org_id: int, page: int, page_size: int) -> tuple[list[CouncilElection], int]:
    """One page of the organization's recorded 换届, latest first (within the caller's town), and their total."""
    org = await get_org_in_scope(org_id=org_id, scope_town_id=actor.scope_region_id)
    qs = CouncilElection.filter(org_id=org.id)
    rows = await qs.order_by("-held_on", "-id").offset((page - 1) * page_size).limit(page_size)
    return rows, await qs.count()


async def record_election(*, actor: Actor, org_id: int, held_on: date, term_end: date, note: str) -> CouncilElection:
    """Record a 换届: the council re-elected, its new term's end."""
    org = await get_org_in_scope(org_id=org_id, scope_town_id=actor.scope_region_id)
    if term_end <= held_on:
        raise field_error("term_end", "任期届满日期须晚于换届日期")
    async with in_transaction():
        election = await CouncilElection.create(org_id=org.id, held_on=held_on, term_end=term_end, note=note,
                                                recorded_by_id=actor.user_id)
        await audit.record(actor=actor, action="org.council_election", object_type="organization", object_id=org.id,
                           after={"held_on": held_on.isoformat(), "term_end": term_end.isoformat()}, reason=note)
    return election


# ---------------------------------------------------------------- signals

def _signal(key: str, evidence: str, **facts: Any) -> dict[str, Any]:
    return {"key": key, "label": SIGNAL_LABELS[key], "evidence": evidence, "facts": facts}


async def _no_annual_report(org: Organization, today: date) -> dict[str, Any] | None:
    closed = [y.year for y in await ReportYear.filter(window_closes__lt=today).order_by("-year").limit(REPORT_YEARS)]
    if len(closed) < REPORT_YEARS:
        return None
    accepted = await annual_reports.accepted_years(org_id=org.id)
    if accepted & set(closed):
        return None
    years = "、".join(str(y) for y in sorted(closed))
    return _signal("no_annual_report", f"{years} 年度均无审核通过的年度报告", years=sorted(closed))


async def _no_activity(org: Organization, today: date) -> dict[str, Any] | None:
    since = months_before(today, INACTIVE_MONTHS)
    if annual_reports.registered_on(org) > since:
        return None  # registered less than 24 months ago
    last = await Activity.filter(org_id=org.id, status__in=[ActivityStatus.published, ActivityStatus.cancelled],
                                 published_at__isnull=False).order_by("-starts_at").first()
    last_day = clock.local(last.starts_at).date() if last else None
    if last_day is not None and last_day >= since:
        return None
    evidence = f"最近一次活动在 {last_day}" if last_day else "在本系统从未发布活动"
    return _signal("no_activity", f"{evidence}，{since} 以来没有发布或开展活动",
                   last_activity=last_day.isoformat() if last_day else None)


async def _failed_since_success(org: Organization, methods: list[ContactMethod]) -> list[ContactAttempt]:
    rows = await ContactAttempt.filter(org_id=org.id, method__in=methods).order_by("attempted_on", "id")
    failed: list[ContactAttempt] = []
    for row in rows:
        failed = [] if row.outcome == ContactOutcome.reached else [*failed, row]
    return failed


async def _unreachable(org: Organization, today: date) -> dict[str, Any] | None:
    # A success by any means (a phone call answered after a failed visit) clears the signal.
    failed = await _failed_since_success(org, [ContactMethod.phone, ContactMethod.visit, ContactMethod.letter])
    if len(failed) < FAILED_CONTACTS or (failed[-1].attempted_on - failed[0].attempted_on).days < FAILED_SPAN_DAYS:
        return None
    tries = "；".join(f"{a.attempted_on} {METHOD_LABELS[a.method.value]}未联系上" for a in failed)
    return _signal("unreachable", f"{len(failed)} 次联系均失败（{tries}）", attempts=[a.id for a in failed])


async def _supervisor_unreachable(org: Organization, today: date) -> dict[str, Any] | None:
    failed = await _failed_since_success(org, list(ContactMethod))
    reports = [a for a in failed if a.method == ContactMethod.supervisor]
    if not reports:
        return None
    last = reports[-1]
    return _signal("supervisor_unreachable", f"{last.attempted_on} 业务主管单位反馈无法联系：{last.note}".rstrip("："),
                   attempts=[a.id for a in reports])


async def _council_term_expired(org: Organization, today: date) -> dict[str, Any] | None:
    term_end = await annual_reports.latest_council_term_end(org_id=org.id)
    election = await CouncilElection.filter(org_id=org.id).order_by("-term_end").first()
    if election is not None and (term_end is None or election.term_end > term_end):
        term_end = election.term_end
    if term_end is None or term_end >= months_before(today, TERM_GRACE_MONTHS):
        return None
    return _signal("council_term_expired", f"理事会任期已于 {term_end} 届满，超过 6 个月未备案换届",
                   term_end=term_end.isoformat())


CHECKS = (_no_annual_report, _no_activity, _unreachable, _council_term_expired, _supervisor_unreachable)


async def signals_for(org: Organization, *, today: date) -> list[dict[str, Any]]:
    """Every signal the organization meets today, each with its evidence."""
    found = [await check(org, today) for check in CHECKS]
    return [s for s in found if s is not None]


# ---------------------------------------------------------------- the sweep

async def start_sweep(*, actor: Actor) -> ZombieSweep:
    """Queue a screening of every active organization (district staff)."""
    if not actor.is_district_staff:
        raise DistrictStaffOnly()
    async with in_transaction():
        sweep = await ZombieSweep.create(started_by_id=actor.user_id)
        await audit.record(actor=actor, action="zombie.sweep_started", object_type="zombie_sweep", object_id=sweep.id)
    return sweep


async def get_sweep(*, sweep_id: int) -> ZombieSweep:
    sweep = await ZombieSweep.get_or_none(id=sweep_id)
    if sweep is None:
        raise ZombieSweepNotFound()
    return sweep


async def run_sweep(*, sweep_id: int, min_signals: int = DEFAULT_MIN_SIGNALS, today: date | None = None) -> int:
    """Score every active organization and update the list; re-running only refreshes the same entries."""
    today = today or clock.today()
    sweep = await get_sweep(sweep_id=sweep_id)
    orgs = await Organization.filter(status=OrgStatus.active).order_by("id")
    await ZombieSweep.filter(id=sweep.id).update(status=SweepStatus.running, total=len(orgs), processed=0, listed=0)
    listed = 0
    try:
        for i, org in enumerate(orgs, start=1):
            listed += int(await _score(org, await signals_for(org, today=today), sweep.id, min_signals))
            if i % PROGRESS_EVERY == 0:
                await ZombieSweep.filter(id=sweep.id).update(processed=i, listed=listed)
    except Exception as exc:
        await ZombieSweep.filter(id=sweep.id).update(status=SweepStatus.failed, error=str(exc)[:2000])
        raise
    await ZombieSweep.filter(id=sweep.id).update(status=SweepStatus.done, processed=len(orgs), listed=listed,
                                                 finished_at=clock.now())
    return listed


async def _score(org: Organization, signals: list[dict[str, Any]], sweep_id: int, min_signals: int) -> bool:
    """Create or refresh the organization's entry; True when it is on the list after this sweep."""
    keys = {s["key"] for s in signals}
    entry = await ZombieEntry.get_or_none(org_id=org.id)
    meets = len(signals) >= min_signals
    if entry is None:
        if not meets:
            return False
        await ZombieEntry.create(org_id=org.id, town_id=org.town_id, signals=signals, signal_count=len(signals),
                                 sweep_id=sweep_id)
        return True
    status = EntryStatus(entry.status)
    if status in (EntryStatus.listed, EntryStatus.cleared):
        status = EntryStatus.listed if meets else EntryStatus.cleared
    elif status == EntryStatus.dismissed and meets and not keys <= set(entry.dismissed_signals or []):
        status = EntryStatus.listed  # a signal the dismissal did not consider has appeared
    await ZombieEntry.filter(id=entry.id).update(signals=signals, signal_count=len(signals), status=status,
                                                 sweep_id=sweep_id, town_id=org.town_id)
    return status == EntryStatus.listed


# ---------------------------------------------------------------- the list and its cases

async def entries(*, actor: Actor, status: str | None, page: int, page_size: int) -> tuple[list[ZombieEntry], int]:
    """One page of the clean-up list in the caller's town (most signals first), and its total."""
    qs = ZombieEntry.all() if status == "all" else ZombieEntry.filter(status=status or EntryStatus.listed)
    if actor.scope_region_id is not None:
        qs = qs.filter(town_id=actor.scope_region_id)
    rows = await qs.order_by("-signal_count", "org_id").offset((page - 1) * page_size).limit(page_size)
    return rows, await qs.count()


async def entry_for_staff(*, actor: Actor, entry_id: int) -> ZombieEntry:
    entry = await ZombieEntry.get_or_none(id=entry_id)
    if entry is None or not in_scope(actor.scope_region_id, entry.town_id):
        raise ZombieEntryNotFound()
    return entry


async def _move_entry(entry: ZombieEntry, *, actor: Actor, to: EntryStatus, action: str, label: str, reason: str,
                      changes: dict[str, Any] | None = None) -> ZombieEntry:
    if not await ZombieEntry.filter(id=entry.id, status=EntryStatus.listed).update(status=to, **(changes or {})):
        await entry.refresh_from_db()
        raise ZombieEntryState(status=ENTRY_LABELS[EntryStatus(entry.status)], action=label)
    await audit.record(actor=actor, action=action, object_type="zombie_entry", object_id=entry.id,
                       before={"status": EntryStatus.listed.value}, after={"status": to.value}, reason=reason)
    await entry.refresh_from_db()
    return entry


async def dismiss(*, actor: Actor, entry_id: int, reason: str) -> ZombieEntry:
    """Take an organization off the list with a reason; it returns only if a new signal appears."""
    entry = await entry_for_staff(actor=actor, entry_id=entry_id)
    async with in_transaction():
        return await _move_entry(entry, actor=actor, to=EntryStatus.dismissed, action="zombie.dismissed",
                                 label="排除", reason=reason, changes={
                                     "dismissed_reason": reason,
                                     "dismissed_signals": [s["key"] for s in entry.signals]})


async def open_case(*, actor: Actor, entry_id: int, note: str) -> CleanupCase:
    entry = await entry_for_staff(actor=actor, entry_id=entry_id)
    async with in_transaction():
        await _move_entry(entry, actor=actor, to=EntryStatus.case_open, action="zombie.case_opened",
                          label="立案清理", reason=note)
        case = await CleanupCase.create(entry_id=entry.id, org_id=entry.org_id, note=note, opened_by_id=actor.user_id)
    return case


async def case_for_staff(*, actor: Actor, case_id: int) -> CleanupCase:
    case = await CleanupCase.get_or_none(id=case_id).prefetch_related("entry")
    if case is None or not in_scope(actor.scope_region_id, case.entry.town_id):
        raise CleanupCaseNotFound()
    return case


async def cases(*, actor: Actor, page: int, page_size: int) -> tuple[list[CleanupCase], int]:
    """One page of the clean-up cases opened on entries of the caller's town (newest first), and their
    total; each with its organization (for its name)."""
    qs = CleanupCase.all()
    if actor.scope_region_id is not None:
        qs = qs.filter(entry__town_id=actor.scope_region_id)
    rows = await qs.order_by("-id").offset((page - 1) * page_size).limit(page_size).prefetch_related("org")
    return rows, await qs.count()


async def case_view(case: CleanupCase) -> dict[str, Any]:
    """A case as CaseRead shows it: its fields and the organization's name."""
    await case.fetch_related("org")
    return {**{f: getattr(case, f) for f in CASE_FIELDS}, "org_name": case.org.name}


# ---------------------------------------------------------------- deregistration (a flow: crosses slices)

async def deregister(*, actor: Actor, case_id: int, kind: DeregistrationKind, reason: str,
                     effective_on: date) -> CleanupCase:
    """Close a case by 撤销登记 or 注销: the organization's status, its upcoming activities (residents
    told through `activity.cancelled`), incubation places and open grant applications (each withdrawn
    with the reason), the public directory and its joint-branch place. District staff only."""
    case = await case_for_staff(actor=actor, case_id=case_id)
    if not actor.is_district_staff:
        raise DistrictStaffOnly()
    label = DEREGISTRATION_LABELS[kind]
    why = f"{label}：{reason}"
    async with in_transaction() as conn:
        case = await CleanupCase.filter(id=case.id).select_for_update().using_db(conn).first()  # type: ignore[assignment]
        if case.status != CaseStatus.open:
            raise CleanupCaseClosed()
        org = await Organization.filter(id=case.org_id).select_for_update().using_db(conn).first()
        assert org is not None
        if org.status == OrgStatus.deregistered:
            raise OrgAlreadyDeregistered()
        before = {"status": str(org.status), "joint_branch_id": org.joint_branch_id,
                  "coverage_form": str(org.coverage_form)}
        org.status, org.status_reason, org.joint_branch_id, org.annual_report_due = (
            OrgStatus.deregistered, why, None, None)  # type: ignore[assignment]
        refresh_coverage(org)
        await org.save(using_db=conn)
        cancelled = await _cancel_upcoming_activities(conn, org, why)
        withdrawn = await _withdraw_incubation(conn, actor, org, why) + await _withdraw_grants(conn, actor, org, why)
        await CleanupCase.filter(id=case.id).using_db(conn).update(
            status=CaseStatus.closed, outcome=kind, outcome_reason=reason, outcome_date=effective_on,
            closed_at=clock.now())
        await ZombieEntry.filter(id=case.entry_id).using_db(conn).update(status=EntryStatus.closed)
        after = {"status": OrgStatus.deregistered.value, "kind": kind.value, "effective_on": effective_on.isoformat(),
                 "cancelled_activities": cancelled, "withdrawn": withdrawn, "case_id": case.id}
        await audit.record(actor=actor, action=f"org.deregistered.{kind.value}", object_type="organization",
                           object_id=org.id, before=before, after=after, reason=reason)
        await events.emit(kind="org.deregistered", using_db=conn, payload={"org_id": org.id, **after})
    await case.refresh_from_db()
    return case


async def _cancel_upcoming_activities(conn: Any, org: Organization, reason: str) -> list[int]:
    """Cancel every activity not yet started; published ones tell the residents signed up (the same
    `activity.cancelled` event a leader's cancellation emits, through the same function)."""
    rows = await Activity.filter(org_id=org.id, status__in=[ActivityStatus.draft, ActivityStatus.published],
                                 starts_at__gt=clock.db_now()).select_for_update().using_db(conn)
    for activity in rows:
        await activities.cancel_locked(conn, activity, reason[:200])
    return [a.id for a in rows]


async def _withdraw_incubation(conn: Any, actor: Actor, org: Organization, reason: str) -> list[dict[str, Any]]:
    """Pending requests are refused and admitted organizations leave (their place freed), with the reason."""
    done = []
    rows = await AdmissionRequest.filter(org_id=org.id, status__in=[AdmissionStatus.pending, AdmissionStatus.admitted]
                                         ).select_for_update().using_db(conn)
    for req in rows:
        to = AdmissionStatus.left if req.status == AdmissionStatus.admitted else AdmissionStatus.rejected
        if req.status == AdmissionStatus.admitted:
            base = await IncubationBase.filter(id=req.base_id).select_for_update().using_db(conn).first()
            assert base is not None
            await IncubationBase.filter(id=base.id).using_db(conn).update(occupied=max(base.occupied - 1, 0))
        await AdmissionRequest.filter(id=req.id).using_db(conn).update(status=to, reason=reason, decided_at=clock.now())
        await audit.record(actor=actor, action=f"incubation.{to.value}", object_type="incubation_admission",
                           object_id=req.id, before={"status": str(req.status)}, after={"status": to.value},
                           reason=reason)
        done.append({"type": "incubation_admission", "id": req.id, "status": to.value})
    return done


async def _withdraw_grants(conn: Any, actor: Actor, org: Organization, reason: str) -> list[dict[str, Any]]:
    """Open 公益创投 applications end as not funded, each with the reason. This bypasses the grants state
    machine on purpose: deregistration ends an application from any state, which no grants event does."""
    done = []
    rows = await GrantApplication.filter(org_id=org.id, status__in=OPEN_GRANT_STATUSES).select_for_update() \
        .using_db(conn)
    for app in rows:
        await GrantApplication.filter(id=app.id).using_db(conn).update(
            status=ApplicationStatus.rejected, decision_reason=reason, decided_at=clock.now())
        await audit.record(actor=actor, action="grant.withdrawn_deregistered", object_type="grant_application",
                           object_id=app.id, before={"status": str(app.status)},
                           after={"status": ApplicationStatus.rejected.value}, reason=reason)
        done.append({"type": "grant_application", "id": app.id, "status": ApplicationStatus.rejected.value})
    return done


CASE_FIELDS = ("id", "entry_id", "org_id", "status", "note", "outcome", "outcome_reason", "outcome_date",
               "created_at", "closed_at")


async def entry_view(entry: ZombieEntry) -> dict[str, Any]:
    org = await Organization.get(id=entry.org_id)
    return {"id": entry.id, "org_id": org.id, "org_name": org.name, "town_id": entry.town_id,
            "signals": entry.signals, "signal_count": entry.signal_count, "status": entry.status,
            "dismissed_reason": entry.dismissed_reason, "updated_at": entry.updated_at}
