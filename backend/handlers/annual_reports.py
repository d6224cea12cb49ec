"""Annual reports and the zombie clean-up for staff (policy item 12).

Town staff check their town's reports first and see only their town; district staff open years,
decide on reports, start the zombie screening and deregister.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field
from redis.asyncio import Redis
from sanic import Blueprint, Request
from sanic.response import HTTPResponse
from sanic_ext import openapi

from backend import jobs
from backend.auth import STAFF_ROLES, allow
from backend.contract import returns
from backend.models.annual_report import (
    AnnualReport,
    ContactMethod,
    ContactOutcome,
    DeregistrationKind,
)
from backend.responses import download, respond
from backend.schemas import Items, Page
from backend.schemas.annual_reports import (
    AnnualReportRead,
    CaseRead,
    ContactRead,
    ElectionRead,
    OverdueSwept,
    ProgressRead,
    ReportPage,
    ReportSummaryRead,
    ReportYearRead,
    SweepRead,
    YearOpened,
    ZombieEntryRead,
)
from backend.services import annual_reports, exports, zombies
from backend.services.actor import Actor
from backend.settings import Settings
from backend.validation import DbId, json_body, query_args
from backend.wechat.client import WeChatGateway

bp = Blueprint("admin_annual_reports", url_prefix="/api/admin/v1")


class YearCreate(BaseModel):
    year: int = Field(ge=2000, le=2100, description="报告年度，如 2026")
    window_opens: date | None = Field(None, description="报送开始日期（默认次年 1 月 1 日）")
    window_closes: date | None = Field(None, description="报送截止日期（默认次年 5 月 31 日）")
    registered_before: date | None = Field(None, description="在该日之前登记的组织须报送（默认当年 7 月 1 日）")
    required_sections: dict[str, list[str]] | None = Field(
        None, description="按组织形式（social_group / foundation / social_service）指定须填报的部分")


class ReportQuery(BaseModel):
    status: Literal["not_started", "draft", "submitted", "town_checked", "returned", "accepted", "overdue",
                    "late"] | None = Field(None, description="按状态筛选；late 为逾期报送的")
    town_id: DbId | None = Field(None, description="按镇街筛选")
    page: int = Field(1, ge=1, le=10_000)
    page_size: int = Field(20, ge=1, le=100)


class TownCheck(BaseModel):
    passed: bool = Field(description="true 初审通过报区级审核；false 退回修改")
    note: str = Field("", max_length=2000, description="初审意见")
    reasons: dict[str, str] = Field(default_factory=dict,
                                    description="退回时按部分填写修改意见，如 {\"finances\": \"…\"}")


class Decision(BaseModel):
    accept: bool = Field(description="true 审核通过并公开；false 退回修改")
    reasons: dict[str, str] = Field(default_factory=dict, description="退回时按部分填写修改意见")


class ContactCreate(BaseModel):
    method: ContactMethod = Field(
        description="phone 电话 / visit 上门 / letter 寄信至登记住所 / supervisor 业务主管单位反馈")
    outcome: ContactOutcome = Field(description="reached 取得联系 / failed 无法联系")
    attempted_on: date = Field(description="联系日期")
    note: str = Field("", max_length=2000)


class ElectionCreate(BaseModel):
    held_on: date = Field(description="换届日期")
    term_end: date = Field(description="新一届任期届满日期")
    note: str = Field("", max_length=2000)


class PageArgs(BaseModel):
    page: int = Field(1, ge=1, le=10_000, description="页码")
    page_size: int = Field(20, ge=1, le=100, description="每页条数")


class EntryQuery(PageArgs):
    status: Literal["listed", "dismissed", "case_open", "closed", "cleared", "all"] | None = Field(
        None, description="listed（默认）/ dismissed / case_open / closed / cleared / all")


class ReasonBody(BaseModel):
    reason: str = Field(min_length=2, max_length=2000, description="理由")


class CaseCreate(BaseModel):
    note: str = Field("", max_length=2000, description="立案说明")


class DeregisterBody(BaseModel):
    kind: DeregistrationKind = Field(description="revoked 撤销登记 / cancelled 注销")
    reason: str = Field(min_length=2, max_length=2000, description="依据与理由")
    effective_on: date = Field(description="撤销/注销日期")


async def _report(report: AnnualReport) -> HTTPResponse:
    return respond(AnnualReportRead.model_validate(await annual_reports.report_view(report, staff=True)))


# ---------------------------------------------------------------- years, reports, review


@bp.post("/annual-report-years")
@openapi.summary("开启年报年度（为每个应报组织建立年度报告，仅区级）")
@returns(YearOpened, 201)
@allow(*STAFF_ROLES)
@json_body(YearCreate)
async def open_year(request: Request, body: YearCreate, actor: Actor) -> HTTPResponse:
    ry, obliged = await annual_reports.open_year(
        actor=actor, year=body.year, window_opens=body.window_opens, window_closes=body.window_closes,
        registered_before=body.registered_before, required_sections=body.required_sections)
    return respond(YearOpened.model_validate({**ReportYearRead.model_validate(ry).model_dump(), "obliged": obliged}),
                   201)


@bp.get("/annual-report-years")
@openapi.summary("年报年度列表")
@returns(Items[ReportYearRead])
@allow(*STAFF_ROLES)
async def list_years(request: Request) -> HTTPResponse:
    return respond(Items[ReportYearRead](items=[ReportYearRead.model_validate(y)
                                                for y in await annual_reports.list_years()]))


@bp.get("/annual-report-years/<year:int>/reports")
@openapi.summary("年度报告列表（镇街工作人员仅见本镇街）")
@returns(ReportPage)
@allow(*STAFF_ROLES)
@query_args(ReportQuery)
async def list_reports(request: Request, year: int, query: ReportQuery, actor: Actor) -> HTTPResponse:
    rows, total = await annual_reports.staff_reports(actor=actor, year=year, status=query.status,
                                                     town_id=query.town_id, page=query.page, page_size=query.page_size)
    items = [ReportSummaryRead.model_validate(await annual_reports.summary_view(r)) for r in rows]
    return respond(ReportPage(items=items, total=total, page=query.page, page_size=query.page_size))


@bp.get("/annual-report-years/<year:int>/progress")
@openapi.summary("年报进度：按镇街与全区统计")
@returns(ProgressRead)
@allow(*STAFF_ROLES)
async def progress(request: Request, year: int, actor: Actor) -> HTTPResponse:
    return respond(ProgressRead.model_validate(await annual_reports.progress(actor=actor, year=year)))


@bp.get("/annual-report-years/<year:int>/progress.xlsx")
@openapi.summary("导出年报进度（.xlsx）")
@returns(exports.CONTENT_TYPE)
@allow(*STAFF_ROLES)
async def progress_xlsx(request: Request, year: int, actor: Actor) -> HTTPResponse:
    content = await annual_reports.progress_xlsx(actor=actor, year=year)
    return download(content, content_type=exports.CONTENT_TYPE, filename=f"{year}年度报告进度.xlsx",
                    ascii_name=f"annual-report-progress-{year}.xlsx")


@bp.post("/annual-report-years/overdue-sweep")
@openapi.summary("立即执行逾期标记（截止后未提交的报告标为逾期，每个组织一条事件；仅区级）")
@returns(OverdueSwept)
@allow(*STAFF_ROLES)
async def overdue_sweep(request: Request, actor: Actor) -> HTTPResponse:
    marked = await annual_reports.sweep_overdue_now(actor=actor)
    return respond(OverdueSwept(marked=len(marked)))


@bp.get("/annual-reports/<report_id:int>")
@openapi.summary("年度报告详情（含第 10 项检查发现的问题）")
@returns(AnnualReportRead)
@allow(*STAFF_ROLES)
async def get_report(request: Request, report_id: int, actor: Actor) -> HTTPResponse:
    return await _report(await annual_reports.report_for_staff(actor=actor, report_id=report_id))


@bp.post("/annual-reports/<report_id:int>/town-check")
@openapi.summary("镇街初审：通过报区级，或按部分退回修改")
@returns(AnnualReportRead)
@allow(*STAFF_ROLES)
@json_body(TownCheck)
async def town_check(request: Request, report_id: int, body: TownCheck, actor: Actor) -> HTTPResponse:
    return await _report(await annual_reports.town_check(actor=actor, report_id=report_id, passed=body.passed,
                                                         note=body.note, reasons=body.reasons))


@bp.post("/annual-reports/<report_id:int>/decision")
@openapi.summary("区级审核：通过（公开）或按部分退回修改（5 个工作日内改正）")
@returns(AnnualReportRead)
@allow(*STAFF_ROLES)
@json_body(Decision)
async def decide(request: Request, report_id: int, body: Decision, actor: Actor) -> HTTPResponse:
    return await _report(await annual_reports.decide(actor=actor, report_id=report_id, accept=body.accept,
                                                     reasons=body.reasons))


# ---------------------------------------------------------------- zombie screening and clean-up


@bp.post("/orgs/<org_id:int>/contact-attempts")
@openapi.summary("登记联系记录（电话、上门、寄信、业务主管单位反馈）")
@returns(ContactRead, 201)
@allow(*STAFF_ROLES)
@json_body(ContactCreate)
async def record_contact(request: Request, org_id: int, body: ContactCreate, actor: Actor) -> HTTPResponse:
    attempt = await zombies.record_contact(actor=actor, org_id=org_id, method=body.method, outcome=body.outcome,
                                           attempted_on=body.attempted_on, note=body.note)
    return respond(ContactRead.model_validate(attempt), 201)


@bp.get("/orgs/<org_id:int>/contact-attempts")
@openapi.summary("组织的联系记录（最近在前，分页）")
@returns(Page[ContactRead])
@allow(*STAFF_ROLES)
@query_args(PageArgs)
async def list_contacts(request: Request, org_id: int, query: PageArgs, actor: Actor) -> HTTPResponse:
    rows, total = await zombies.contacts(actor=actor, org_id=org_id, page=query.page, page_size=query.page_size)
    return respond(Page[ContactRead](items=[ContactRead.model_validate(r) for r in rows], total=total,
                                     page=query.page, page_size=query.page_size))


@bp.post("/orgs/<org_id:int>/council-elections")
@openapi.summary("登记理事会换届")
@returns(ElectionRead, 201)
@allow(*STAFF_ROLES)
@json_body(ElectionCreate)
async def record_election(request: Request, org_id: int, body: ElectionCreate, actor: Actor) -> HTTPResponse:
    election = await zombies.record_election(actor=actor, org_id=org_id, held_on=body.held_on,
                                             term_end=body.term_end, note=body.note)
    return respond(ElectionRead.model_validate(election), 201)


@bp.get("/orgs/<org_id:int>/council-elections")
@openapi.summary("组织的理事会换届记录（最近在前，分页）")
@returns(Page[ElectionRead])
@allow(*STAFF_ROLES)
@query_args(PageArgs)
async def list_elections(request: Request, org_id: int, query: PageArgs, actor: Actor) -> HTTPResponse:
    rows, total = await zombies.elections(actor=actor, org_id=org_id, page=query.page, page_size=query.page_size)
    return respond(Page[ElectionRead](items=[ElectionRead.model_validate(r) for r in rows], total=total,
                                      page=query.page, page_size=query.page_size))


@bp.post("/zombie-sweeps")
@openapi.summary("开始僵尸社会组织筛查（排队执行，可重复运行；仅区级）")
@returns(SweepRead, 202)
@allow(*STAFF_ROLES)
async def start_sweep(request: Request, actor: Actor, settings: Settings, redis: Redis,
                      wechat: WeChatGateway) -> HTTPResponse:
    sweep = await zombies.start_sweep(actor=actor)
    await jobs.enqueue("zombie_sweep", sweep.id, settings=settings, redis=redis, wechat=wechat)
    return respond(SweepRead.model_validate(sweep), 202)


@bp.get("/zombie-sweeps/<sweep_id:int>")
@openapi.summary("筛查进度")
@returns(SweepRead)
@allow(*STAFF_ROLES)
async def get_sweep(request: Request, sweep_id: int) -> HTTPResponse:
    return respond(SweepRead.model_validate(await zombies.get_sweep(sweep_id=sweep_id)))


@bp.get("/zombie-entries")
@openapi.summary("僵尸社会组织清理清单（附各项信号及依据）")
@returns(Page[ZombieEntryRead])
@allow(*STAFF_ROLES)
@query_args(EntryQuery)
async def list_entries(request: Request, query: EntryQuery, actor: Actor) -> HTTPResponse:
    rows, total = await zombies.entries(actor=actor, status=query.status, page=query.page, page_size=query.page_size)
    return respond(Page[ZombieEntryRead](items=[ZombieEntryRead.model_validate(await zombies.entry_view(e))
                                                for e in rows], total=total, page=query.page,
                                         page_size=query.page_size))


@bp.post("/zombie-entries/<entry_id:int>/dismiss")
@openapi.summary("排除清单条目（须说明理由）")
@returns(ZombieEntryRead)
@allow(*STAFF_ROLES)
@json_body(ReasonBody)
async def dismiss(request: Request, entry_id: int, body: ReasonBody, actor: Actor) -> HTTPResponse:
    entry = await zombies.dismiss(actor=actor, entry_id=entry_id, reason=body.reason)
    return respond(ZombieEntryRead.model_validate(await zombies.entry_view(entry)))


@bp.post("/zombie-entries/<entry_id:int>/cases")
@openapi.summary("立案清理")
@returns(CaseRead, 201)
@allow(*STAFF_ROLES)
@json_body(CaseCreate)
async def open_case(request: Request, entry_id: int, body: CaseCreate, actor: Actor) -> HTTPResponse:
    case = await zombies.open_case(actor=actor, entry_id=entry_id, note=body.note)
    return respond(CaseRead.model_validate(await zombies.case_view(case)), 201)


@bp.get("/zombie-cases")
@openapi.summary("清理案件列表")
@returns(Page[CaseRead])
@allow(*STAFF_ROLES)
@query_args(PageArgs)
async def list_cases(request: Request, query: PageArgs, actor: Actor) -> HTTPResponse:
    rows, total = await zombies.cases(actor=actor, page=query.page, page_size=query.page_size)
    return respond(Page[CaseRead](items=[CaseRead.model_validate(await zombies.case_view(c)) for c in rows],
                                  total=total, page=query.page, page_size=query.page_size))


@bp.post("/zombie-cases/<case_id:int>/deregister")
@openapi.summary("结案：撤销登记或注销（取消后续活动并通知报名居民、退出孵化与公益创投、移出名录；仅区级）")
@returns(CaseRead)
@allow(*STAFF_ROLES)
@json_body(DeregisterBody)
async def deregister(request: Request, case_id: int, body: DeregisterBody, actor: Actor) -> HTTPResponse:
    case = await zombies.deregister(actor=actor, case_id=case_id, kind=body.kind, reason=body.reason,
                                    effective_on=body.effective_on)
    return respond(CaseRead.model_validate(await zombies.case_view(case)))
