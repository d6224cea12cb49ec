"""公益创投 grants (policy item 8): programs, applications and their one state machine.

Every status change goes through `transition()`: it looks the event up in TRANSITIONS, moves the row
with a conditional update on the state it read (so two concurrent submits produce one submission),
writes an audit row and, for the changes an applicant hears about, an outbox event. Expert review
lives in grant_review.py; both call `transition()`. Files are stored by `attachments`, sheets written
by `exports`; what the API shows of these rows is declared in `backend.schemas.grants`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from tortoise.transactions import in_transaction

from backend.errors import (
    AllTranchesPaid,
    ApplicationLimit,
    ApplicationNotFound,
    Conflict,
    DistrictStaffOnly,
    FinalReportMissing,
    IllegalTransition,
    InfoDeadlinePassed,
    MidtermNotAccepted,
    NoticeEnded,
    NoticeNotFinished,
    NotInNotice,
    ObjectionNotFound,
    ObjectionResolved,
    ObjectionsOpen,
    ObjectionUpheld,
    OrgNotActive,
    ProgramClosed,
    ProgramNotFound,
    ProgramNotOpen,
    ReportExists,
    ReportNotFound,
    ReportReviewed,
    TranchesOutstanding,
    field_error,
)
from backend.models.audit import AuditLog
from backend.models.grant import (
    ApplicationStatus,
    Attachment,
    GrantApplication,
    GrantObjection,
    GrantProgram,
    GrantReport,
    ObjectionStatus,
    ReportKind,
    ReportStatus,
    TranchePayment,
)
from backend.models.organization import Organization
from backend.services import attachments, audit, clock, credit, events, exports, workdays
from backend.services.access import leader_org, led_org_ids, require_leader_of
from backend.services.actor import Actor

S = ApplicationStatus
OWNER = "grant_application"  # Attachment.owner_type of an application's files
CENT = Decimal("0.01")
DEFAULT_FORBIDDEN_CATEGORIES = ["人员奖金", "罚款", "招待费"]
DEFAULT_FOCUS_AREAS = ["脱贫攻坚", "新动能转换", "基层社会治理", "公益慈善"]

STATUS_LABELS = {
    S.draft: "草稿",
    S.submitted: "已提交",
    S.returned_for_info: "退回补充材料",
    S.resubmitted: "已重新提交",
    S.formal_passed: "形式审查通过",
    S.expert_review: "专家评审中",
    S.scored: "专家评审完成",
    S.site_visit: "已实地考察",
    S.approved: "已批准立项",
    S.rejected: "未获资助",
    S.public_notice: "公示中",
    S.agreement_signed: "已签订协议",
    S.in_progress: "项目实施中",
    S.closed: "已结项",
}

# The application's whole life: state → {event: next state}. Nothing else changes `status`.
TRANSITIONS: dict[ApplicationStatus, dict[str, ApplicationStatus]] = {
    S.draft: {"submit": S.submitted},
    S.submitted: {"pass_formal": S.formal_passed, "return_for_info": S.returned_for_info},
    S.returned_for_info: {"resubmit": S.resubmitted},
    S.resubmitted: {"pass_formal": S.formal_passed, "return_for_info": S.returned_for_info},
    S.formal_passed: {"start_review": S.expert_review},
    S.expert_review: {"complete_review": S.scored},
    S.scored: {"record_site_visit": S.site_visit, "approve": S.approved, "reject": S.rejected},
    S.site_visit: {"approve": S.approved, "reject": S.rejected},
    S.approved: {"publish_notice": S.public_notice},
    S.public_notice: {"sign_agreement": S.agreement_signed, "revoke": S.rejected},
    S.agreement_signed: {"pay_tranche": S.in_progress},
    S.in_progress: {"pay_tranche": S.in_progress, "close": S.closed},
    S.rejected: {},
    S.closed: {},
}
# Transitions the applying organization is told about (through the notices work via the outbox).
APPLICANT_EVENTS = {"submit", "resubmit", "pass_formal", "return_for_info", "start_review", "complete_review",
                    "approve", "reject", "publish_notice", "revoke", "sign_agreement", "pay_tranche", "close"}
EDITABLE = {S.draft, S.returned_for_info}


# ---------------------------------------------------------------- state machine

def label(status: str) -> str:
    return STATUS_LABELS.get(ApplicationStatus(status), str(status))


def illegal(status: str, event: str) -> Conflict:
    """The 409 for an event the current state does not allow, naming that state in Chinese."""
    return IllegalTransition(status=label(status), action="执行该操作", details={'status': str(status), 'event': event})


def require_event(app: GrantApplication, event: str) -> ApplicationStatus:
    """The target state of `event` from the application's state, or the illegal-transition 409."""
    target = TRANSITIONS[ApplicationStatus(app.status)].get(event)
    if target is None:
        raise illegal(app.status, event)
    return target


def money(value: Decimal | None) -> str | None:
    """Yuan with two places, as a string (JSON numbers would lose the cents' exactness)."""
    return None if value is None else f"{Decimal(value):.2f}"


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date | datetime):
        return clock.iso(value)
    return value


async def transition(app: GrantApplication, *, event: str, actor: Actor, reason: str = "",
                     changes: dict[str, Any] | None = None) -> GrantApplication:
    """Apply one event (call inside a transaction): conditional update, audit row, applicant event."""
    current = ApplicationStatus(app.status)
    target = require_event(app, event)
    values: dict[str, Any] = {"status": target, **(changes or {})}
    if not await GrantApplication.filter(id=app.id, status=current).update(**values):
        fresh = await GrantApplication.get(id=app.id)
        raise illegal(fresh.status, event)
    await audit.record(actor=actor, action=f"grant.{event}",
                       object_type="grant_application", object_id=app.id, before={"status": current.value},
                       after={k: _jsonable(v) for k, v in values.items()}, reason=reason)
    if event in APPLICANT_EVENTS:
        await events.emit(kind=f"grant.{event}", payload={
            "application_id": app.id, "org_id": app.org_id, "project_name": app.project_name,
            "status": target.value, "status_label": STATUS_LABELS[target], "reason": reason})
    for key, value in values.items():
        setattr(app, key, value)
    return app


async def history(application_id: int) -> list[AuditLog]:
    """The audit trail of one application, oldest first."""
    return await AuditLog.filter(object_type=OWNER, object_id=str(application_id)).order_by("id")


# ---------------------------------------------------------------- programs

def _require_district(actor: Actor) -> None:
    if not actor.is_district_staff:
        raise DistrictStaffOnly()


async def create_program(*, actor: Actor, data: dict[str, Any]) -> GrantProgram:
    """Create a 公益创投 program (district staff; the fund is the district's)."""
    _require_district(actor)
    if data["closes_at"] <= data["opens_at"]:
        raise field_error("closes_at", "截止时间须晚于开始时间")
    if data["per_project_cap"] > data["total_budget"]:
        raise field_error("per_project_cap", "单个项目上限不能超过总预算")
    async with in_transaction():
        program = await GrantProgram.create(**data, created_by_id=actor.user_id)
        await audit.record(actor=actor, action="grant_program.create",
                           object_type="grant_program", object_id=program.id,
                           after={k: _jsonable(v) for k, v in data.items()})
    return program


async def list_programs() -> list[GrantProgram]:
    """Every program, newest year first."""
    return await GrantProgram.all().order_by("-year", "-id")


async def staff_programs(*, state: str | None, page: int, page_size: int) -> tuple[list[GrantProgram], int]:
    """One page of the programs, newest year first, and their total; `state` keeps only the programs
    whose application period has closed, is open now, or is still to come."""
    now = workdays.local(clock.now())  # stored instants are in this zone (SQLite compares text)
    qs = GrantProgram.all()
    if state == "closed":
        qs = qs.filter(closes_at__lt=now)
    elif state == "open":
        qs = qs.filter(opens_at__lte=now, closes_at__gte=now)
    elif state == "upcoming":
        qs = qs.filter(opens_at__gt=now)
    return await qs.order_by("-year", "-id").offset((page - 1) * page_size).limit(page_size), await qs.count()


async def get_program(program_id: int) -> GrantProgram:
    program = await GrantProgram.get_or_none(id=program_id)
    if program is None:
        raise ProgramNotFound()
    return program



# ---------------------------------------------------------------- access

async def app_for_leader(*, actor: Actor, application_id: int) -> GrantApplication:
    """The application when the caller leads its organization; 404 otherwise (existence is not leaked)."""
    app = await GrantApplication.get_or_none(id=application_id)
    if app is None:
        raise ApplicationNotFound()
    await require_leader_of(actor, app.org_id, ApplicationNotFound)
    return app


async def app_for_staff(*, actor: Actor, application_id: int) -> GrantApplication:
    """The application when it lies in the staff member's scope; 404 otherwise."""
    app = await GrantApplication.get_or_none(id=application_id).prefetch_related("org")
    if app is None or (actor.scope_region_id is not None and app.org.town_id != actor.scope_region_id):
        raise ApplicationNotFound()
    return app


# ---------------------------------------------------------------- drafting

def check_budget(program: GrantProgram, lines: list[dict[str, Any]]) -> Decimal:
    """Refuse forbidden categories and totals over the cap, naming the field; returns the total."""
    forbidden = [c for c in (program.forbidden_categories or []) if c]
    for i, line in enumerate(lines):
        hit = next((c for c in forbidden if c in line["category"]), None)
        if hit:
            raise field_error(f"budget_lines[{i}].category", f"「{hit}」属于本项目不予资助的支出类别")
    total = sum((Decimal(str(line["amount"])) for line in lines), Decimal(0))
    if total > program.per_project_cap:
        raise field_error("budget_lines",
                          f"预算合计 {total:.2f} 元，超过单个项目资助上限 {program.per_project_cap:.2f} 元")
    return total


def _clean_fields(program: GrantProgram, data: dict[str, Any]) -> dict[str, Any]:
    """Validate a draft's content against the program; money is stored as strings with two places."""
    if "focus_area" in data and data["focus_area"] not in program.focus_areas:
        raise field_error("focus_area", "可选领域：" + "、".join(program.focus_areas))
    out = dict(data)
    if "budget_lines" in data:
        lines = [{**line, "amount": str(Decimal(str(line["amount"])).quantize(CENT))} for line in data["budget_lines"]]
        out["requested_amount"] = check_budget(program, lines)
        out["budget_lines"] = lines
    if "timeline" in data:
        out["timeline"] = [{k: _jsonable(v) for k, v in m.items()} for m in data["timeline"]]
    return out


async def create_application(*, actor: Actor, program_id: int, org_id: int | None,
                             data: dict[str, Any]) -> GrantApplication:
    """Start a draft for the leader's organization while the program is open."""
    program = await get_program(program_id)
    org_id = await leader_org(actor=actor, org_id=org_id)
    if not program.opens_at <= clock.now() <= program.closes_at:
        raise ProgramNotOpen()
    org = await Organization.get(id=org_id)
    if org.status != "active":
        raise OrgNotActive(action="申报")
    await credit.require_not_listed(org_id=org_id, action="申报公益创投")
    values = _clean_fields(program, data)
    async with in_transaction():
        if await GrantApplication.filter(program_id=program_id, org_id=org_id).count() \
                >= program.max_applications_per_org:
            raise ApplicationLimit(max_applications_per_org=program.max_applications_per_org)
        app = await GrantApplication.create(program_id=program_id, org_id=org_id, created_by_id=actor.user_id,
                                            **values)
        await audit.record(actor=actor, action="grant.create",
                           object_type="grant_application", object_id=app.id, after={"status": S.draft.value})
    return app


async def update_application(*, actor: Actor, application_id: int, data: dict[str, Any]) -> GrantApplication:
    """Edit a draft, or an application returned for more information."""
    app = await app_for_leader(actor=actor, application_id=application_id)
    if app.status not in EDITABLE:
        raise illegal(app.status, "edit")
    values = _clean_fields(await get_program(app.program_id), data)
    async with in_transaction():
        if not await GrantApplication.filter(id=app.id, status=app.status).update(**values):
            raise illegal((await GrantApplication.get(id=app.id)).status, "edit")
        await audit.record(actor=actor, action="grant.edit",
                           object_type="grant_application", object_id=app.id,
                           after={k: _jsonable(v) for k, v in values.items() if k != "budget_lines"})
    return await GrantApplication.get(id=app.id)


async def submit_application(*, actor: Actor, application_id: int) -> GrantApplication:
    """Submit a draft before the deadline, or resubmit after a return for information."""
    app = await app_for_leader(actor=actor, application_id=application_id)
    event = "resubmit" if app.status == S.returned_for_info else "submit"
    require_event(app, event)
    program = await get_program(app.program_id)
    if event == "submit" and clock.now() > program.closes_at:
        raise ProgramClosed()
    if event == "resubmit" and app.info_deadline and clock.today() > app.info_deadline:
        raise InfoDeadlinePassed(info_deadline=app.info_deadline)
    await _check_complete(app, program)
    await credit.require_not_listed(org_id=app.org_id, action="提交公益创投申请")
    async with in_transaction():
        return await transition(app, event=event, actor=actor, changes={"submitted_at": clock.now()})


async def _check_complete(app: GrantApplication, program: GrantProgram) -> None:
    if not app.budget_lines:
        raise field_error("budget_lines", "至少填写一项预算")
    check_budget(program, app.budget_lines)
    kinds = {a.kind for a in await attachments.of(OWNER, app.id)}
    missing = [k for k in program.required_attachments if k not in kinds]
    if missing:
        raise field_error("attachments", "缺少必需附件：" + "、".join(missing))


async def add_attachment(*, actor: Actor, application_id: int, var_dir: Path, max_bytes: int, kind: str,
                         filename: str, data: bytes) -> Attachment:
    """Store a file for an editable application; a refused or failed upload leaves no file and no row."""
    app = await app_for_leader(actor=actor, application_id=application_id)
    if app.status not in EDITABLE:
        raise illegal(app.status, "edit")
    program = await get_program(app.program_id)
    if program.required_attachments and kind and kind not in program.required_attachments and kind != "其他":
        raise field_error("kind", "可选：" + "、".join([*program.required_attachments, "其他"]))
    return await attachments.add(actor=actor, org_id=app.org_id, owner_type=OWNER, owner_id=app.id,
                                 var_dir=var_dir, max_bytes=max_bytes, kind=kind or "其他",
                                 filename=filename, data=data)


async def delete_attachment(*, actor: Actor, application_id: int, attachment_id: int, var_dir: Path) -> None:
    app = await app_for_leader(actor=actor, application_id=application_id)
    if app.status not in EDITABLE:
        raise illegal(app.status, "edit")
    await attachments.remove(actor=actor, owner_type=OWNER, owner_id=app.id, attachment_id=attachment_id,
                             var_dir=var_dir)


# ---------------------------------------------------------------- staff stages

async def formal_check(*, actor: Actor, application_id: int, passed: bool, reason: str,
                       info_deadline: date | None) -> GrantApplication:
    """形式审查: pass, or return for more information with a reason and a deadline."""
    app = await app_for_staff(actor=actor, application_id=application_id)
    if passed:
        async with in_transaction():
            return await transition(app, event="pass_formal", actor=actor, reason=reason)
    require_event(app, "return_for_info")
    if not reason.strip():
        raise field_error("reason", "退回时须说明需要补充的内容")
    deadline = info_deadline or workdays.add_working_days(clock.today(), 5)
    if deadline < clock.today():
        raise field_error("info_deadline", "补充期限不能早于今天")
    async with in_transaction():
        return await transition(app, event="return_for_info", actor=actor, reason=reason,
                                changes={"return_reason": reason, "info_deadline": deadline})


async def record_site_visit(*, actor: Actor, application_id: int, notes: str, visited_on: date) -> GrantApplication:
    app = await app_for_staff(actor=actor, application_id=application_id)
    async with in_transaction():
        return await transition(app, event="record_site_visit", actor=actor,
                                changes={"site_visit_notes": notes, "site_visited_on": visited_on})


async def decide(*, actor: Actor, application_id: int, approve: bool, approved_amount: Decimal | None,
                 reason: str) -> GrantApplication:
    """Approve with an amount no more than requested (and within the program budget), or reject."""
    _require_district(actor)
    app = await app_for_staff(actor=actor, application_id=application_id)
    event = "approve" if approve else "reject"
    require_event(app, event)
    if not approve:
        if not reason.strip():
            raise field_error("reason", "不予资助须说明理由")
        async with in_transaction():
            return await transition(app, event="reject", actor=actor, reason=reason,
                                    changes={"decision_reason": reason, "decided_at": clock.now()})
    amount = _check_amount(app, approved_amount)
    async with in_transaction():
        program = await GrantProgram.filter(id=app.program_id).select_for_update().first()
        assert program is not None
        amounts = await GrantApplication.filter(program_id=program.id, approved_amount__not_isnull=True).exclude(
            status=S.rejected).values_list("approved_amount", flat=True)
        committed = sum((Decimal(str(a)) for a in amounts), Decimal(0))
        if committed + amount > program.total_budget:
            raise field_error("approved_amount", f"超出项目总预算，剩余可批 {program.total_budget - committed:.2f} 元")
        return await transition(app, event="approve", actor=actor, reason=reason,
                                changes={"approved_amount": amount, "decision_reason": reason,
                                         "decided_at": clock.now()})


def _check_amount(app: GrantApplication, amount: Decimal | None) -> Decimal:
    if amount is None:
        raise field_error("approved_amount", "批准立项须填写资助金额")
    amount = amount.quantize(CENT, rounding=ROUND_HALF_UP)
    if amount <= 0:
        raise field_error("approved_amount", "资助金额须大于 0")
    if amount > app.requested_amount:
        raise field_error("approved_amount", f"资助金额不能超过申请金额 {app.requested_amount:.2f} 元")
    return amount


async def publish_notice(*, actor: Actor, application_id: int) -> GrantApplication:
    """Start the 公示: it ends after the program's number of official working days."""
    _require_district(actor)
    app = await app_for_staff(actor=actor, application_id=application_id)
    program = await get_program(app.program_id)
    start = clock.today()
    end = workdays.add_working_days(start, program.notice_working_days)
    async with in_transaction():
        return await transition(app, event="publish_notice", actor=actor,
                                changes={"notice_start": start, "notice_end": end})


async def raise_objection(*, actor: Actor, application_id: int, content: str, source: str) -> GrantObjection:
    """Record an objection during the 公示 period (from the public, or entered by staff)."""
    app = await GrantApplication.get_or_none(id=application_id)
    if app is None or (not actor.is_staff and app.status != S.public_notice):
        raise ApplicationNotFound()
    if actor.is_staff:
        app = await app_for_staff(actor=actor, application_id=application_id)
    if app.status != S.public_notice:
        raise NotInNotice(status=label(app.status))
    if app.notice_end and clock.today() > app.notice_end:
        raise NoticeEnded(notice_end=app.notice_end)
    async with in_transaction():
        obj = await GrantObjection.create(application_id=app.id, raised_by_id=actor.user_id, content=content,
                                          source=source)
        await audit.record(actor=actor, action="grant.objection",
                           object_type="grant_application", object_id=app.id,
                           after={"objection_id": obj.id, "source": source})
    return obj


async def resolve_objection(*, actor: Actor, application_id: int, objection_id: int, upheld: bool,
                            resolution: str) -> GrantObjection:
    app = await app_for_staff(actor=actor, application_id=application_id)
    obj = await GrantObjection.get_or_none(id=objection_id, application_id=app.id)
    if obj is None:
        raise ObjectionNotFound()
    if obj.status != ObjectionStatus.open:
        raise ObjectionResolved()
    async with in_transaction():
        obj.status = ObjectionStatus.upheld if upheld else ObjectionStatus.dismissed
        obj.resolution, obj.resolved_at = resolution, clock.now()
        await obj.save(update_fields=["status", "resolution", "resolved_at"])
        await audit.record(actor=actor, action="grant.objection_resolved",
                           object_type="grant_application", object_id=app.id,
                           after={"objection_id": obj.id, "status": obj.status.value}, reason=resolution)
    return obj


async def revoke(*, actor: Actor, application_id: int, reason: str) -> GrantApplication:
    """Withdraw an approval during 公示 (an objection was upheld)."""
    _require_district(actor)
    app = await app_for_staff(actor=actor, application_id=application_id)
    require_event(app, "revoke")
    if not reason.strip():
        raise field_error("reason", "撤销立项须说明理由")
    async with in_transaction():
        return await transition(app, event="revoke", actor=actor, reason=reason,
                                changes={"decision_reason": reason})


async def sign_agreement(*, actor: Actor, application_id: int, agreement_no: str,
                         signed_on: date | None) -> GrantApplication:
    """Sign once the 公示 has ended without an open or upheld objection."""
    app = await app_for_staff(actor=actor, application_id=application_id)
    require_event(app, "sign_agreement")
    if app.notice_end and clock.today() <= app.notice_end:
        raise NoticeNotFinished(notice_end=app.notice_end)
    statuses = set(await GrantObjection.filter(application_id=app.id).values_list("status", flat=True))
    if ObjectionStatus.open in statuses:
        raise ObjectionsOpen()
    if ObjectionStatus.upheld in statuses:
        raise ObjectionUpheld()
    async with in_transaction():
        return await transition(app, event="sign_agreement", actor=actor, changes={
            "agreement_no": agreement_no, "agreement_signed_on": signed_on or clock.today()})


async def pay_tranche(*, actor: Actor, application_id: int, paid_on: date | None,
                      voucher_no: str) -> TranchePayment:
    """Record the next tranche; tranches after the first wait for an accepted mid-term report."""
    app = await app_for_staff(actor=actor, application_id=application_id)
    require_event(app, "pay_tranche")
    program = await get_program(app.program_id)
    async with in_transaction():
        await GrantApplication.filter(id=app.id).select_for_update().first()
        paid = await TranchePayment.filter(application_id=app.id).order_by("index")
        index = len(paid)
        if index >= len(program.tranches):
            raise AllTranchesPaid()
        if index >= 1 and not await GrantReport.exists(application_id=app.id, kind=ReportKind.midterm,
                                                       status=ReportStatus.accepted):
            raise MidtermNotAccepted(action="拨付后续资金")
        percent = int(program.tranches[index])
        approved = app.approved_amount or Decimal(0)
        amount = (approved - sum((p.amount for p in paid), Decimal(0)) if index == len(program.tranches) - 1
                  else (approved * percent / 100).quantize(CENT, rounding=ROUND_HALF_UP))
        payment = await TranchePayment.create(application_id=app.id, index=index, percent=percent, amount=amount,
                                              paid_on=paid_on or clock.today(), voucher_no=voucher_no)
        await transition(app, event="pay_tranche", actor=actor, reason=f"第 {index + 1} 期 {percent}%",
                         changes={})
        await audit.record(actor=actor, action="grant.tranche_paid",
                           object_type="grant_application", object_id=app.id,
                           after={"index": index, "percent": percent, "amount": money(amount)})
    return payment


async def submit_report(*, actor: Actor, application_id: int, kind: ReportKind, summary: str,
                        spending: list[dict[str, Any]]) -> GrantReport:
    """A leader's mid-term or final report with spending against each budget line."""
    app = await app_for_leader(actor=actor, application_id=application_id)
    if app.status != S.in_progress:
        raise illegal(app.status, f"report_{kind.value}")
    if kind == ReportKind.final and not await GrantReport.exists(
            application_id=app.id, kind=ReportKind.midterm, status=ReportStatus.accepted):
        raise MidtermNotAccepted(action="提交结项报告")
    lines = _spending_lines(app, spending, final=kind == ReportKind.final)
    async with in_transaction():
        report = await GrantReport.get_or_none(application_id=app.id, kind=kind)
        if report is not None and report.status != ReportStatus.returned:
            raise ReportExists()
        if report is None:
            report = await GrantReport.create(application_id=app.id, kind=kind, summary=summary, spending=lines)
        else:
            report.summary, report.spending, report.status = summary, lines, ReportStatus.submitted
            await report.save(update_fields=["summary", "spending", "status"])
        await audit.record(actor=actor, action=f"grant.report_{kind.value}",
                           object_type="grant_application", object_id=app.id,
                           after={"report_id": report.id, "spent": str(sum(Decimal(x["spent"]) for x in lines))})
    return report


def _spending_lines(app: GrantApplication, spending: list[dict[str, Any]], *, final: bool) -> list[dict[str, Any]]:
    budget = app.budget_lines or []
    out = []
    for i, item in enumerate(spending):
        line = item["line"]
        if not 0 <= line < len(budget):
            raise field_error(f"spending[{i}].line", f"预算行序号应在 0–{len(budget) - 1} 之间")
        spent = Decimal(str(item["spent"])).quantize(CENT)
        out.append({"line": line, "category": budget[line]["category"], "budget": budget[line]["amount"],
                    "spent": money(spent), "variance": money(Decimal(budget[line]["amount"]) - spent),
                    "note": item.get("note", "")})
    if len({x["line"] for x in out}) != len(out):
        raise field_error("spending", "同一预算行只能填写一次")
    total = sum((Decimal(x["spent"]) for x in out), Decimal(0))
    if final and total > (app.approved_amount or Decimal(0)):
        raise field_error("spending", f"支出合计 {total:.2f} 元超过资助金额 {app.approved_amount:.2f} 元")
    return out


async def review_report(*, actor: Actor, application_id: int, report_id: int, accepted: bool,
                        note: str) -> GrantReport:
    app = await app_for_staff(actor=actor, application_id=application_id)
    report = await GrantReport.get_or_none(id=report_id, application_id=app.id)
    if report is None:
        raise ReportNotFound()
    if report.status != ReportStatus.submitted:
        raise ReportReviewed()
    if not accepted and not note.strip():
        raise field_error("note", "退回报告须说明原因")
    async with in_transaction():
        report.status = ReportStatus.accepted if accepted else ReportStatus.returned
        report.review_note, report.reviewed_at = note, clock.now()
        await report.save(update_fields=["status", "review_note", "reviewed_at"])
        await audit.record(actor=actor, action="grant.report_reviewed",
                           object_type="grant_application", object_id=app.id,
                           after={"report_id": report.id, "kind": report.kind.value, "status": report.status.value},
                           reason=note)
        await events.emit(kind="grant.report_reviewed", payload={
            "application_id": app.id, "org_id": app.org_id, "report_kind": report.kind.value,
            "status": report.status.value, "note": note})
    return report


async def close_application(*, actor: Actor, application_id: int, reason: str) -> GrantApplication:
    """结项: every tranche paid and the final report accepted."""
    app = await app_for_staff(actor=actor, application_id=application_id)
    require_event(app, "close")
    program = await get_program(app.program_id)
    if await TranchePayment.filter(application_id=app.id).count() < len(program.tranches):
        raise TranchesOutstanding()
    if not await GrantReport.exists(application_id=app.id, kind=ReportKind.final, status=ReportStatus.accepted):
        raise FinalReportMissing()
    async with in_transaction():
        return await transition(app, event="close", actor=actor, reason=reason, changes={"closed_at": clock.now()})


# ---------------------------------------------------------------- reads

@dataclass(frozen=True, slots=True)
class ApplicationDetail:
    """One application with what its detail view shows: organization, files, payments, reports."""

    app: GrantApplication
    org: Organization
    attachments: list[Attachment]
    tranches: list[TranchePayment]
    reports: list[GrantReport]


async def detail(app: GrantApplication) -> ApplicationDetail:
    return ApplicationDetail(
        app=app, org=await Organization.get(id=app.org_id), attachments=await attachments.of(OWNER, app.id),
        tranches=await TranchePayment.filter(application_id=app.id).order_by("index"),
        reports=await GrantReport.filter(application_id=app.id).order_by("id"))


async def objections(application_id: int) -> list[GrantObjection]:
    return await GrantObjection.filter(application_id=application_id).order_by("id")


async def leader_applications(*, actor: Actor) -> list[GrantApplication]:
    """The applications of the organizations the caller leads, newest first (organization prefetched)."""
    return await GrantApplication.filter(org_id__in=await led_org_ids(actor)).prefetch_related("org").order_by("-id")


async def staff_applications(*, actor: Actor, program_id: int, statuses: list[str], page: int,
                             page_size: int) -> tuple[list[GrantApplication], int]:
    """One page of a program's applications in the caller's scope (organization prefetched), in any of
    `statuses` (all when empty), and their total."""
    await get_program(program_id)
    qs = GrantApplication.filter(program_id=program_id)
    if actor.scope_region_id is not None:
        qs = qs.filter(org__town_id=actor.scope_region_id)
    if statuses:
        qs = qs.filter(status__in=statuses)
    items = await qs.order_by("id").offset((page - 1) * page_size).limit(page_size).prefetch_related("org")
    return items, await qs.count()


async def current_notices(program_id: int | None) -> list[GrantApplication]:
    """Applications now in 公示, for the public list (organization prefetched)."""
    qs = GrantApplication.filter(status=S.public_notice).prefetch_related("org")
    if program_id is not None:
        qs = qs.filter(program_id=program_id)
    return await qs.order_by("program_id", "-aggregate_score", "id")


async def attachment_download(*, app: GrantApplication, attachment_id: int, var_dir: Path) -> tuple[Attachment, bytes]:
    """A file of an application the caller has already been allowed to see, with its bytes."""
    att = await attachments.get(owner_type=OWNER, owner_id=app.id, attachment_id=attachment_id)
    return att, await attachments.read(var_dir=var_dir, stored_name=att.stored_name)


# ---------------------------------------------------------------- exports

NOTICE_HEADER = ["序号", "申报组织", "项目名称", "领域", "拟资助金额（元）", "专家评分", "公示开始", "公示截止", "状态"]


async def notice_sheet(*, actor: Actor, program_id: int) -> bytes:
    """The 公示 list of a program as .xlsx."""
    program = await get_program(program_id)
    apps = await GrantApplication.filter(program_id=program_id, notice_start__not_isnull=True).prefetch_related(
        "org").order_by("-aggregate_score", "id")
    rows = [[i + 1, a.org.name, a.project_name, a.focus_area, float(a.approved_amount or 0),
             float(a.aggregate_score or 0), clock.iso(a.notice_start), clock.iso(a.notice_end), label(a.status)]
            for i, a in enumerate(apps)]
    return await exports.build(exports.Sheet(f"{program.year}公示名单", [NOTICE_HEADER, *rows]))
