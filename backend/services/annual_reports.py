"""Annual reports (年度工作报告, policy item 12): report years, filing section by section, review by
the town then the district, publication, reminders that know who filed, progress and the overdue sweep.

《山东省社会组织年度工作报告管理办法（试行）》 as the district guidance names it: organizations
registered before 1 July of a year and active on 31 December file for it between 1 January and
31 May of the next year; the report is filed online, reviewed and published. A late or missing report
is a ground for the 活动异常名录 (民政部《社会组织信用信息管理办法》2018) — that list is the next
issue's work, fed by the `annual_report.overdue` event emitted here.
"""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from tortoise.transactions import in_transaction

from backend.errors import (
    AnnualReportIncomplete,
    AnnualReportLocked,
    AnnualReportNotFound,
    DistrictStaffOnly,
    ReportYearExists,
    ReportYearNotFound,
    SectionNotRequired,
    field_error,
)
from backend.models.activity import Activity, ActivityStatus, ServiceHours, Signup, SignupStatus
from backend.models.annual_report import AnnualReport, AnnualReportStatus, ReportYear
from backend.models.audit import AuditLog
from backend.models.grant import TranchePayment
from backend.models.organization import JointBranch, Organization, OrgCategory, OrgStatus
from backend.models.region import Region, RegionLevel
from backend.services import annual_report_sections as sections
from backend.services import audit, clock, credit, events, exports, workdays
from backend.services.access import in_scope, led_org_ids, require_leader_of
from backend.services.actor import Actor
from backend.services.party_building import FORM_LABELS

S = AnnualReportStatus
SectionKey = sections.SectionKey
EDITABLE = (S.not_started, S.draft, S.returned, S.overdue)
UNSUBMITTED = (S.not_started, S.draft, S.overdue)
CORRECTION_WORKING_DAYS = 5
REMINDER_THRESHOLDS = (1, 7, 30)  # days before the window closes
STATUS_LABELS = {S.not_started: "未填报", S.draft: "填报中", S.submitted: "已提交（待镇街初审）",
                 S.town_checked: "镇街已初审（待区级审核）", S.returned: "退回修改", S.accepted: "审核通过",
                 S.overdue: "逾期未报"}
CHANGE_LABELS = {"name": "名称", "address": "住所", "supervisor_unit": "业务主管单位", "category": "类别",
                 "legal_form": "组织形式", "town_id": "所在镇街", "community_id": "所在社区",
                 "description": "业务范围", "charter_text": "章程", "contact_name": "联系人"}


def _audit(actor: Actor | None, action: str, report: AnnualReport | ReportYear, **kw: Any) -> Any:
    kind = "annual_report" if isinstance(report, AnnualReport) else "annual_report_year"
    return audit.record(actor=actor, action=action, object_type=kind, object_id=report.id, **kw)


def locked(report: AnnualReport, action: str) -> AnnualReportLocked:
    return AnnualReportLocked(status=STATUS_LABELS[S(report.status)], action=action,
                              details={"status": str(report.status)})


# ---------------------------------------------------------------- report years

def required_for(org: Organization, by_form: dict[str, list[str]]) -> list[str]:
    """The sections this organization files: its legal form's list, plus member fees for 行业协会商会."""
    keys = list(by_form.get(str(org.legal_form)) or sections.DEFAULT_REQUIRED[str(org.legal_form)])
    if org.category == OrgCategory.industry_association and SectionKey.member_fees.value not in keys:
        keys.append(SectionKey.member_fees.value)
    return keys


def registered_on(org: Organization) -> date:
    """The registration (approval) date in the district's zone; created_at for rows imported without one."""
    return clock.local(org.approved_at or org.created_at).date()


async def obliged_orgs(*, active_on: date, registered_before: date) -> list[Organization]:
    """Organizations that must file: active (on `active_on`, as far as the record knows) and registered
    before `registered_before`. The record keeps the current status only, so an organization
    deregistered since then is not asked to file."""
    orgs = await Organization.filter(status=OrgStatus.active).order_by("id")
    return [o for o in orgs if registered_on(o) < registered_before and registered_on(o) <= active_on]


async def open_year(*, actor: Actor, year: int, window_opens: date | None, window_closes: date | None,
                    registered_before: date | None, required_sections: dict[str, list[str]] | None
                    ) -> tuple[ReportYear, int]:
    """Open a report year; one `not_started` report per obliged organization. District staff only."""
    if not actor.is_district_staff:
        raise DistrictStaffOnly()
    opens, closes = window_opens or date(year + 1, 1, 1), window_closes or date(year + 1, 5, 31)
    if closes < opens:
        raise field_error("window_closes", "截止日期不能早于开始日期")
    by_form = {**sections.DEFAULT_REQUIRED, **(required_sections or {})}
    async with in_transaction():
        if await ReportYear.exists(year=year):
            raise ReportYearExists(year=year)
        ry = await ReportYear.create(year=year, window_opens=opens, window_closes=closes,
                                     active_on=date(year, 12, 31),
                                     registered_before=registered_before or date(year, 7, 1),
                                     required_sections=by_form, opened_by_id=actor.user_id)
        orgs = await obliged_orgs(active_on=ry.active_on, registered_before=ry.registered_before)
        await AnnualReport.bulk_create([
            AnnualReport(report_year_id=ry.id, year=year, org_id=o.id, town_id=o.town_id,
                         required_sections=required_for(o, by_form)) for o in orgs])
        # The organization's due date is now owned by this workflow (incubation eligibility reads it).
        await Organization.filter(id__in=[o.id for o in orgs]).update(annual_report_due=closes)
        await _audit(actor, "annual_report_year.open", ry, after={
            "year": year, "window_opens": opens.isoformat(), "window_closes": closes.isoformat(),
            "registered_before": ry.registered_before.isoformat(), "obliged": len(orgs)})
    return ry, len(orgs)


async def list_years() -> list[ReportYear]:
    return await ReportYear.all().order_by("-year")


async def get_year(year: int) -> ReportYear:
    ry = await ReportYear.get_or_none(year=year)
    if ry is None:
        raise ReportYearNotFound()
    return ry


# ---------------------------------------------------------------- what the system already knows

def _year_bounds(year: int) -> tuple[datetime, datetime]:
    start = datetime.combine(date(year, 1, 1), time(), tzinfo=clock.LOCAL_TZ)
    end = datetime.combine(date(year + 1, 1, 1), time(), tzinfo=clock.LOCAL_TZ)
    return clock.db_time(start), clock.db_time(end)


async def activity_figures(*, org_id: int, year: int) -> dict[str, Any]:
    """Activities this system holds for the year: published ones starting in it, their confirmed
    participants and the service hours recorded for them."""
    start, end = _year_bounds(year)
    ids = await Activity.filter(org_id=org_id, status=ActivityStatus.published, starts_at__gte=start,
                                starts_at__lt=end).values_list("id", flat=True)
    participants = await Signup.filter(activity_id__in=ids, status=SignupStatus.confirmed).count() if ids else 0
    minutes: list[Any] = list(await ServiceHours.filter(activity_id__in=ids).values_list("minutes", flat=True)) \
        if ids else []
    hours = (Decimal(sum(int(m) for m in minutes)) / 60).quantize(Decimal("0.1"))
    return {"count": len(ids), "participants": participants, "service_hours": str(hours)}


async def grant_income(*, org_id: int, year: int) -> str:
    """公益创投 money paid to the organization in the year (tranches by payment date), in yuan."""
    rows = await TranchePayment.filter(application__org_id=org_id, paid_on__gte=date(year, 1, 1),
                                       paid_on__lte=date(year, 12, 31)).values_list("amount", flat=True)
    return f"{sum((Decimal(r) for r in rows), Decimal(0)):.2f}"


async def approved_changes(*, org_id: int, year: int) -> list[dict[str, Any]]:
    """Changes of registered data approved during the year, from the review audit trail."""
    start, end = _year_bounds(year)
    rows = await AuditLog.filter(action="org.change_review.approve", object_type="organization",
                                 object_id=str(org_id), created_at__gte=start, created_at__lt=end).order_by("id")
    changes = []
    for row in rows:
        before = row.before or {}
        for key, value in (before.get("pending_change") or {}).items():
            if key in CHANGE_LABELS:
                changes.append({"item": CHANGE_LABELS[key], "before": str(before.get(key) or ""),
                                "after": str(value or ""),
                                "changed_on": clock.local(row.created_at).date().isoformat()})
    return changes


async def system_figures(org: Organization, year: int) -> dict[str, Any]:
    branch = await JointBranch.get_or_none(id=org.joint_branch_id) if org.joint_branch_id else None
    return {
        "activities": await activity_figures(org_id=org.id, year=year),
        "grant_income": await grant_income(org_id=org.id, year=year),
        "changes": await approved_changes(org_id=org.id, year=year),
        "party": {"formal_members": org.party_member_count, "coverage_form": str(org.coverage_form),
                  "joint_branch": branch.name if branch else "", "instructor": org.instructor_name},
    }


def prefill(org: Organization, figures: dict[str, Any]) -> dict[str, Any]:
    """What a section shows before the leader saves it: the organization record and system figures."""
    acts = figures["activities"]
    return {
        "basic": {"legal_representative": "", "address": org.address, "supervisor_unit": org.supervisor_unit or "",
                  "member_count": 0, "changes": figures["changes"]},
        "activities": {"count": acts["count"], "participants": acts["participants"],
                       "service_hours": acts["service_hours"], "summary": ""},
        "finances": {"income": [{"source": sections.IncomeSource.government.value,
                                 "amount": figures["grant_income"], "note": "本系统记录的公益创投拨付"}],
                     "income_total": figures["grant_income"], "expenses": [], "expense_total": "0.00",
                     "net_assets_end": "0.00"},
        "party": {**figures["party"], "activities_held": 0, "summary": ""},
    }


async def figures_of(report: AnnualReport) -> dict[str, Any]:
    """Frozen figures once submitted; live ones while the leader is still filling the report in."""
    if report.system_figures:
        return dict(report.system_figures)
    return await system_figures(await Organization.get(id=report.org_id), report.year)


# ---------------------------------------------------------------- access

async def report_for_leader(*, actor: Actor, report_id: int) -> AnnualReport:
    report = await AnnualReport.get_or_none(id=report_id)
    if report is None:
        raise AnnualReportNotFound()
    await require_leader_of(actor, report.org_id, AnnualReportNotFound)
    return report


async def report_for_staff(*, actor: Actor, report_id: int) -> AnnualReport:
    report = await AnnualReport.get_or_none(id=report_id)
    if report is None or not in_scope(actor.scope_region_id, report.town_id):
        raise AnnualReportNotFound()
    return report


async def leader_reports(*, actor: Actor) -> list[AnnualReport]:
    return await AnnualReport.filter(org_id__in=await led_org_ids(actor)).order_by("-year", "org_id")


async def staff_reports(*, actor: Actor, year: int, status: str | None, town_id: int | None,
                        page: int, page_size: int) -> tuple[list[AnnualReport], int]:
    qs = AnnualReport.filter(year=year)
    if actor.scope_region_id is not None:
        qs = qs.filter(town_id=actor.scope_region_id)
    if town_id is not None:
        qs = qs.filter(town_id=town_id)
    if status == "late":
        qs = qs.filter(late=True)
    elif status:
        qs = qs.filter(status=status)
    total = await qs.count()
    return await qs.order_by("id").offset((page - 1) * page_size).limit(page_size), total


# ---------------------------------------------------------------- filling in

async def _locked_row(conn: Any, report_id: int) -> AnnualReport:
    row = await AnnualReport.filter(id=report_id).select_for_update().using_db(conn).first()
    assert row is not None
    return row


async def save_section(*, actor: Actor, report_id: int, section: sections.SectionKey,
                       parsed: sections.Section) -> AnnualReport:
    """Save one validated section as a draft; a submitted or accepted report is a 409 naming its state."""
    report = await report_for_leader(actor=actor, report_id=report_id)
    if section.value not in report.required_sections:
        raise SectionNotRequired(section=sections.SECTION_LABELS[section])
    async with in_transaction() as conn:
        report = await _locked_row(conn, report.id)
        if report.status not in EDITABLE:
            raise locked(report, "修改")
        report.sections = {**(report.sections or {}), section.value: sections.dump(parsed)}
        if report.status == S.not_started:
            report.status = S.draft
        await report.save(using_db=conn, update_fields=["sections", "status", "updated_at"])
        await _audit(actor, "annual_report.section_saved", report, after={"section": section.value})
    return report


async def submit(*, actor: Actor, report_id: int, signer_name: str) -> AnnualReport:
    """Submit with the signed credit commitment (信用承诺); after the window it is accepted but marked late."""
    report = await report_for_leader(actor=actor, report_id=report_id)
    ry = await ReportYear.get(id=report.report_year_id)
    org = await Organization.get(id=report.org_id)
    async with in_transaction() as conn:
        report = await _locked_row(conn, report.id)
        if report.status not in EDITABLE:
            raise locked(report, "提交")
        missing = [k for k in report.required_sections if k not in (report.sections or {})]
        if missing:
            labels = "、".join(sections.SECTION_LABELS[SectionKey(k)] for k in missing)
            raise AnnualReportIncomplete(sections=labels, details={"fields": [
                {"field": f"sections.{k}", "message": "未填写"} for k in missing]})
        resubmission = report.status == S.returned
        today = clock.today()
        before = {"status": str(report.status)}
        report.status = S.submitted
        report.system_figures = await system_figures(org, report.year)
        report.findings = sections.findings(report.sections)
        report.late = report.late or (not resubmission and today > ry.window_closes)
        report.submitted_at, report.submit_count = clock.now(), report.submit_count + 1
        report.commitment_name, report.commitment_user_id = signer_name, actor.user_id
        report.commitment_at = clock.now()
        people = (report.sections or {}).get(SectionKey.people.value) or {}
        report.council_term_end = date.fromisoformat(people["council_term_end"]) \
            if people.get("council_term_end") else None  # type: ignore[assignment]
        await report.save(using_db=conn)
        await Organization.filter(id=org.id).using_db(conn).update(annual_report_due=None)
        after = {"status": S.submitted.value, "late": report.late, "commitment_name": signer_name,
                 "findings": [f["code"] for f in report.findings],
                 "correction_late": bool(resubmission and report.correction_due and today > report.correction_due)}
        await _audit(actor, "annual_report.submitted", report, before=before, after=after)
        await events.emit(kind="annual_report.submitted", using_db=conn, payload=_event(report, org, **after))
    return report


def _event(report: AnnualReport, org: Organization, **extra: Any) -> dict[str, Any]:
    return {"report_id": report.id, "org_id": org.id, "org_name": org.name, "year": report.year, **extra}


# ---------------------------------------------------------------- review

def _reasons(report: AnnualReport, reasons: dict[str, str]) -> dict[str, str]:
    """Return reasons, one per section of this report; at least one."""
    if not reasons:
        raise field_error("reasons", "退回时须至少说明一个部分的修改意见")
    for key, text in reasons.items():
        if key not in report.required_sections:
            raise field_error(f"reasons.{key}", "本报告不包含该部分")
        if not text.strip():
            raise field_error(f"reasons.{key}", "修改意见不能为空")
    return {k: v.strip() for k, v in reasons.items()}


async def _transition(report: AnnualReport, *, actor: Actor, frm: tuple[AnnualReportStatus, ...],
                      to: AnnualReportStatus, action: str, changes: dict[str, Any], reason: str = "",
                      event: str | None = None) -> AnnualReport:
    async with in_transaction() as conn:
        row = await _locked_row(conn, report.id)
        if row.status not in frm:
            raise locked(row, "执行该审核操作")
        before = {"status": str(row.status)}
        row.status = to
        for key, value in changes.items():
            setattr(row, key, value)
        await row.save(using_db=conn)
        after = {"status": to.value, **{k: (v.isoformat() if isinstance(v, date | datetime) else v)
                                        for k, v in changes.items()}}
        await _audit(actor, action, row, before=before, after=after, reason=reason)
        if event:
            org = await Organization.get(id=row.org_id, using_db=conn)
            await events.emit(kind=event, using_db=conn, payload=_event(row, org, **after))
    return row


async def _return(report: AnnualReport, *, actor: Actor, frm: AnnualReportStatus,
                  reasons: dict[str, str]) -> AnnualReport:
    clean = _reasons(report, reasons)
    due = workdays.add_working_days(clock.today(), CORRECTION_WORKING_DAYS)
    return await _transition(report, actor=actor, frm=(frm,), to=S.returned, action="annual_report.returned",
                             changes={"return_reasons": clean, "correction_due": due, "returned_at": clock.now()},
                             reason="；".join(f"{sections.SECTION_LABELS[SectionKey(k)]}：{v}"
                                             for k, v in clean.items()),
                             event="annual_report.returned")


async def town_check(*, actor: Actor, report_id: int, passed: bool, note: str,
                     reasons: dict[str, str]) -> AnnualReport:
    """The town's first check: pass it on to the district, or return it with a reason per section."""
    report = await report_for_staff(actor=actor, report_id=report_id)
    if not passed:
        return await _return(report, actor=actor, frm=S.submitted, reasons=reasons)
    return await _transition(report, actor=actor, frm=(S.submitted,), to=S.town_checked,
                             action="annual_report.town_checked", reason=note,
                             changes={"town_note": note, "town_checked_at": clock.now()})


async def decide(*, actor: Actor, report_id: int, accept: bool, reasons: dict[str, str]) -> AnnualReport:
    """The district's decision after the town's check: accept (published), or return per section."""
    report = await report_for_staff(actor=actor, report_id=report_id)
    if not actor.is_district_staff:
        raise DistrictStaffOnly()
    if not accept:
        return await _return(report, actor=actor, frm=S.town_checked, reasons=reasons)
    accepted = await _transition(report, actor=actor, frm=(S.town_checked,), to=S.accepted,
                                 action="annual_report.accepted", changes={"accepted_at": clock.now()},
                                 event="annual_report.accepted")
    # The late report is in: the 异常名录 ground is cured, so its removal is proposed at once.
    if not await AnnualReport.filter(org_id=accepted.org_id, status=S.overdue).exists():
        await credit.cure(org_id=accepted.org_id, ground="annual_report", reason=f"{accepted.year} 年度报告已审核通过")
    return accepted


# ---------------------------------------------------------------- publication

async def public_reports(*, year: int | None, q: str | None, page: int, page_size: int
                         ) -> tuple[list[AnnualReport], int]:
    qs = AnnualReport.filter(status=S.accepted)
    if year is not None:
        qs = qs.filter(year=year)
    if q:
        qs = qs.filter(org__name__icontains=q.strip())
    total = await qs.count()
    rows = await qs.order_by("-year", "org_id").offset((page - 1) * page_size).limit(page_size)
    return rows, total


async def public_report(*, report_id: int) -> AnnualReport:
    report = await AnnualReport.get_or_none(id=report_id, status=S.accepted)
    if report is None:
        raise AnnualReportNotFound()
    return report


async def public_view(report: AnnualReport) -> dict[str, Any]:
    """The published part: basic data, activities, a finances summary and the party-building form.
    Never phones, never a person below the legal representative (as the national platform publishes 年报)."""
    org = await Organization.get(id=report.org_id).prefetch_related("town")
    data = report.sections or {}
    basic, acts = data.get("basic") or {}, data.get("activities") or {}
    fin, party = data.get("finances") or {}, data.get("party") or {}
    by_source: dict[str, Decimal] = {}
    for line in fin.get("income") or []:
        by_source[line["source"]] = by_source.get(line["source"], Decimal(0)) + Decimal(str(line["amount"]))
    return {
        "id": report.id, "year": report.year, "org_id": org.id, "org_name": org.name,
        "credit_code": org.credit_code, "legal_form": str(org.legal_form), "category": str(org.category),
        "town_name": org.town.name, "legal_representative": basic.get("legal_representative", ""),
        "address": basic.get("address", ""), "supervisor_unit": basic.get("supervisor_unit", ""),
        "changes": [{"item": c["item"], "changed_on": c.get("changed_on")} for c in basic.get("changes") or []],
        "activities": {"count": acts.get("count", 0), "participants": acts.get("participants", 0),
                       "service_hours": str(acts.get("service_hours", "0"))},
        "finances": {"income_total": str(fin.get("income_total", "0.00")),
                     "expense_total": str(fin.get("expense_total", "0.00")),
                     "net_assets_end": str(fin.get("net_assets_end", "0.00")),
                     "income_by_source": [{"source": k, "amount": f"{v:.2f}"} for k, v in by_source.items()]},
        "party_coverage_form": str(party.get("coverage_form", "none")),
        "party_coverage_label": FORM_LABELS.get(str(party.get("coverage_form", "none")), "未覆盖"),
        "accepted_at": report.accepted_at,
    }


# ---------------------------------------------------------------- views

async def report_view(report: AnnualReport, *, staff: bool) -> dict[str, Any]:
    """The whole report for its leader or a reviewer: each section saved or prefilled, system figures beside."""
    org = await Organization.get(id=report.org_id)
    ry = await ReportYear.get(id=report.report_year_id)
    figures = await figures_of(report)
    defaults = prefill(org, figures)
    saved = report.sections or {}
    return {
        "id": report.id, "year": report.year, "org_id": org.id, "org_name": org.name, "town_id": report.town_id,
        "status": str(report.status), "status_label": STATUS_LABELS[S(report.status)],
        "window_opens": ry.window_opens, "window_closes": ry.window_closes,
        "editable": report.status in EDITABLE, "late": report.late,
        "sections": [{"key": k, "label": sections.SECTION_LABELS[SectionKey(k)], "saved": k in saved,
                      "data": saved.get(k, defaults.get(k)),
                      "return_reason": (report.return_reasons or {}).get(k)} for k in report.required_sections],
        "system_figures": figures, "return_reasons": report.return_reasons or {},
        "correction_due": report.correction_due, "submitted_at": report.submitted_at,
        "commitment_name": report.commitment_name or None, "commitment_at": report.commitment_at,
        "accepted_at": report.accepted_at,
        "findings": (report.findings or sections.findings(saved)) if staff else [],
        "town_note": report.town_note if staff else "",
    }


async def summary_view(report: AnnualReport) -> dict[str, Any]:
    org = await Organization.get(id=report.org_id)
    return {"id": report.id, "year": report.year, "org_id": org.id, "org_name": org.name,
            "town_id": report.town_id, "status": str(report.status),
            "status_label": STATUS_LABELS[S(report.status)], "late": report.late,
            "findings": len(report.findings or []), "submitted_at": report.submitted_at,
            "correction_due": report.correction_due}


# ---------------------------------------------------------------- progress

PROGRESS_KEYS = ("obliged", "not_started", "draft", "submitted", "returned", "accepted", "overdue", "late")


async def progress(*, actor: Actor, year: int) -> dict[str, Any]:
    """Per town and for the district: obliged, not started, draft, submitted (incl. town-checked),
    returned, accepted, overdue and late — what the dashboard and the spreadsheet show."""
    ry = await get_year(year)
    towns = await Region.filter(level=RegionLevel.town).order_by("id")
    towns = [t for t in towns if in_scope(actor.scope_region_id, t.id)]
    rows = await AnnualReport.filter(year=year, town_id__in=[t.id for t in towns]).values_list(
        "town_id", "status", "late")
    per_town = {t.id: dict.fromkeys(PROGRESS_KEYS, 0) for t in towns}
    for town_id, status, late in rows:
        counts = per_town[town_id]
        counts["obliged"] += 1
        key = "submitted" if status in (S.submitted, S.town_checked) else str(status)
        counts[key] += 1
        counts["late"] += int(bool(late))
    total = dict.fromkeys(PROGRESS_KEYS, 0)
    for counts in per_town.values():
        for key in PROGRESS_KEYS:
            total[key] += counts[key]
    return {"year": year, "window_closes": ry.window_closes,
            "towns": [{"town_id": t.id, "town_name": t.name, **per_town[t.id]} for t in towns],
            "total": {"town_id": None, "town_name": "合计" if actor.scope_region_id else "全区", **total}}


PROGRESS_HEADERS = ("镇街", "应报", "未填报", "填报中", "已提交", "退回修改", "审核通过", "逾期未报", "逾期报送")


async def progress_xlsx(*, actor: Actor, year: int) -> bytes:
    data = await progress(actor=actor, year=year)
    rows = [[r["town_name"], *(r[k] for k in PROGRESS_KEYS)] for r in [*data["towns"], data["total"]]]
    return await exports.build(exports.Sheet(title=f"{year}年度报告进度", rows=[list(PROGRESS_HEADERS), *rows],
                                             widths=(18, *([10] * len(PROGRESS_KEYS))), freeze_first_row=True))


# ---------------------------------------------------------------- reminders and the overdue sweep

async def due_reminders(*, today: date) -> list[tuple[AnnualReport, Organization, str, str]]:
    """(report, organization, source key, due date) for each reminder due today: 30, 7 and 1 days before
    the window closes, to reports not yet submitted; and the day before a correction deadline."""
    found = []
    years = await ReportYear.filter(window_closes__gte=today, window_opens__lte=today)
    for ry in years:
        days_left = (ry.window_closes - today).days
        if days_left > max(REMINDER_THRESHOLDS):
            continue
        threshold = min(t for t in REMINDER_THRESHOLDS if days_left <= t)
        for report in await AnnualReport.filter(report_year_id=ry.id, status__in=UNSUBMITTED).order_by("id"):
            org = await Organization.get(id=report.org_id)
            found.append((report, org, f"annual_report:{report.id}:{threshold}", ry.window_closes.isoformat()))
    for report in await AnnualReport.filter(status=S.returned, correction_due__gte=today).order_by("id"):
        assert report.correction_due is not None
        if (report.correction_due - today).days <= 1:
            org = await Organization.get(id=report.org_id)
            found.append((report, org, f"annual_report:{report.id}:correction:{report.correction_due}",
                          report.correction_due.isoformat()))
    return found


async def sweep_overdue(*, today: date | None = None) -> list[int]:
    """Mark every unsubmitted report of a closed window `overdue`, one `annual_report.overdue` event
    each; a report already overdue is left alone, so running twice emits nothing more."""
    today = today or clock.today()
    marked = []
    for ry in await ReportYear.filter(window_closes__lt=today):
        for report in await AnnualReport.filter(report_year_id=ry.id, status__in=(S.not_started, S.draft)):
            async with in_transaction() as conn:
                taken = await AnnualReport.filter(id=report.id, status__in=(S.not_started, S.draft)).using_db(
                    conn).update(status=S.overdue)
                if not taken:
                    continue
                org = await Organization.get(id=report.org_id, using_db=conn)
                await _audit(None, "annual_report.overdue", report, before={"status": str(report.status)},
                             after={"status": S.overdue.value})
                await events.emit(kind="annual_report.overdue", using_db=conn, payload=_event(
                    report, org, window_closes=ry.window_closes.isoformat()))
            marked.append(report.id)
        await ReportYear.filter(id=ry.id).update(overdue_swept_at=clock.now())
    return marked


async def sweep_overdue_now(*, actor: Actor) -> list[int]:
    """District staff run the overdue sweep at once (the worker runs it daily)."""
    if not actor.is_district_staff:
        raise DistrictStaffOnly()
    marked = await sweep_overdue()
    await audit.record(actor=actor, action="annual_report.overdue_sweep", object_type="annual_report_year",
                       object_id="-", after={"marked": len(marked)})
    return marked


# ---------------------------------------------------------------- for the zombie screening

async def accepted_years(*, org_id: int) -> set[int]:
    years: list[Any] = list(await AnnualReport.filter(org_id=org_id, status=S.accepted).values_list("year", flat=True))
    return {int(y) for y in years}


async def latest_council_term_end(*, org_id: int) -> date | None:
    report = await AnnualReport.filter(org_id=org_id, council_term_end__isnull=False).exclude(
        status__in=UNSUBMITTED).order_by("-year").first()
    return report.council_term_end if report else None
