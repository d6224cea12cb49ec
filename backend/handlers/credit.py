"""Credit lists for staff: the proposal queue with evidence, district decisions on inclusion and removal.

Town staff see and propose within their town; only district staff decide (民政部《社会组织信用信息
管理办法》: the registration authority lists and removes).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field
from sanic import Blueprint, Request
from sanic.response import HTTPResponse
from sanic_ext import openapi

from backend.auth import STAFF_ROLES, allow
from backend.contract import returns
from backend.models.credit import CreditList
from backend.responses import download, respond
from backend.schemas import Items, Page
from backend.schemas.credit import (
    CommendationCandidateRead,
    CreditEntryPage,
    CreditEntryRead,
    CreditSweepRead,
    GroundRead,
    SupervisionFileRead,
)
from backend.services import clock, commendation, credit, exports, supervision
from backend.services.actor import Actor
from backend.settings import Settings
from backend.validation import DbId, json_body, query_args

bp = Blueprint("admin_credit", url_prefix="/api/admin/v1")


class EntryQuery(BaseModel):
    status: Literal["proposed", "included", "dropped", "removal_proposed", "removed"] | None = Field(
        None, description="按状态筛选；proposed 为待决定的拟列入")
    credit_list: CreditList | None = Field(None, description="abnormal 活动异常名录 / untrustworthy 严重违法失信名单")
    town_id: DbId | None = Field(None, description="按镇街筛选")
    page: int = Field(1, ge=1, le=10_000)
    page_size: int = Field(20, ge=1, le=100)


class CandidateQuery(BaseModel):
    town_id: DbId | None = Field(None, description="按镇街筛选（镇街工作人员只能是本镇街）")
    page: int = Field(1, ge=1, le=10_000)
    page_size: int = Field(20, ge=1, le=100)


class CandidateExportQuery(BaseModel):
    town_id: DbId | None = Field(None, description="按镇街筛选（镇街工作人员只能是本镇街）")


class ProposalCreate(BaseModel):
    credit_list: CreditList = Field(description="abnormal 活动异常名录 / untrustworthy 严重违法失信名单")
    ground: str = Field(min_length=1, max_length=32, description="列入事由代码（见 /credit-grounds）")
    note: str = Field("", max_length=2000, description="具体情形（事由为“其他”时必填，仅区级）")
    evidence: dict[str, Any] = Field(default_factory=dict, description="证据（文书编号、处罚决定等）")


class DecisionBody(BaseModel):
    include: bool = Field(description="true 决定列入；false 不予列入")
    reason: str = Field(min_length=2, max_length=2000, description="决定理由")


class RemovalDecision(BaseModel):
    remove: bool = Field(description="true 决定移出；false 继续保留")
    reason: str = Field(min_length=2, max_length=2000, description="决定理由")


class ReasonBody(BaseModel):
    reason: str = Field(min_length=2, max_length=2000, description="理由")


@bp.get("/credit-grounds")
@openapi.summary("信用名录列入事由（代码与中文名称）")
@returns(Items[GroundRead])
@allow(*STAFF_ROLES)
async def grounds(request: Request) -> HTTPResponse:
    items = [GroundRead(code=code, label=label, credit_list=lst)
             for lst, table in credit.GROUNDS.items() for code, label in table.items()]
    return respond(Items[GroundRead](items=items))


@bp.get("/credit-entries")
@openapi.summary("信用名录记录与拟列入队列（镇街工作人员仅见本镇街）")
@returns(CreditEntryPage)
@allow(*STAFF_ROLES)
@query_args(EntryQuery)
async def list_entries(request: Request, query: EntryQuery, actor: Actor) -> HTTPResponse:
    items, total = await credit.staff_entries(
        actor=actor, status=query.status, credit_list=query.credit_list, town_id=query.town_id, page=query.page,
        page_size=query.page_size)
    return respond(CreditEntryPage(items=[CreditEntryRead.of(e) for e in items], total=total))


@bp.post("/credit-sweep")
@openapi.summary("立即执行信用名录巡检（逾期年报、党组织未覆盖、无法联系、整改逾期、满2年升级、到期移出；仅区级）")
@returns(CreditSweepRead)
@allow(*STAFF_ROLES)
async def sweep(request: Request, actor: Actor, settings: Settings) -> HTTPResponse:
    proposed, removals = await credit.sweep_now(actor=actor, answer_days=settings.credit_answer_working_days,
                                                coverage_months=settings.credit_coverage_months)
    return respond(CreditSweepRead(proposed=proposed, removals=removals))


@bp.get("/credit-entries/<entry_id:int>")
@openapi.summary("信用名录记录详情（事由、证据、陈述申辩、决定）")
@returns(CreditEntryRead)
@allow(*STAFF_ROLES)
async def get_entry(request: Request, entry_id: int, actor: Actor) -> HTTPResponse:
    return respond(CreditEntryRead.of(await credit.entry_for_staff(actor=actor, entry_id=entry_id)))


@bp.post("/orgs/<org_id:int>/credit-entries")
@openapi.summary("提出列入信用名录（组织负责人可在陈述申辩期内陈述）")
@returns(CreditEntryRead, 201)
@allow(*STAFF_ROLES)
@json_body(ProposalCreate)
async def propose(request: Request, org_id: int, body: ProposalCreate, actor: Actor,
                  settings: Settings) -> HTTPResponse:
    entry = await credit.propose_by_staff(
        actor=actor, org_id=org_id, credit_list=body.credit_list, ground=body.ground, note=body.note,
        evidence=body.evidence, answer_days=settings.credit_answer_working_days)
    return respond(CreditEntryRead.of(await credit.entry_for_staff(actor=actor, entry_id=entry.id)), 201)


@bp.get("/orgs/<org_id:int>/credit-entries")
@openapi.summary("组织的信用名录历史")
@returns(Items[CreditEntryRead])
@allow(*STAFF_ROLES)
async def org_history(request: Request, org_id: int, actor: Actor) -> HTTPResponse:
    entries = await credit.org_history(actor=actor, org_id=org_id)
    return respond(Items[CreditEntryRead](items=[CreditEntryRead.of(e) for e in entries]))


@bp.post("/credit-entries/<entry_id:int>/decision")
@openapi.summary("决定列入或不予列入（仅区级；列入须待陈述申辩期届满或组织已陈述）")
@returns(CreditEntryRead)
@allow(*STAFF_ROLES)
@json_body(DecisionBody)
async def decide(request: Request, entry_id: int, body: DecisionBody, actor: Actor) -> HTTPResponse:
    entry = await credit.decide(actor=actor, entry_id=entry_id, include=body.include, reason=body.reason)
    return respond(CreditEntryRead.of(entry))


@bp.post("/credit-entries/<entry_id:int>/removal-request")
@openapi.summary("提出移出（原因已消除等）")
@returns(CreditEntryRead)
@allow(*STAFF_ROLES)
@json_body(ReasonBody)
async def request_removal(request: Request, entry_id: int, body: ReasonBody, actor: Actor) -> HTTPResponse:
    return respond(CreditEntryRead.of(await credit.request_removal(actor=actor, entry_id=entry_id,
                                                                  reason=body.reason)))


@bp.post("/credit-entries/<entry_id:int>/removal-decision")
@openapi.summary("决定移出或继续保留（仅区级）")
@returns(CreditEntryRead)
@allow(*STAFF_ROLES)
@json_body(RemovalDecision)
async def decide_removal(request: Request, entry_id: int, body: RemovalDecision, actor: Actor) -> HTTPResponse:
    entry = await credit.decide_removal(actor=actor, entry_id=entry_id, remove=body.remove, reason=body.reason)
    return respond(CreditEntryRead.of(entry))


@bp.get("/orgs/<org_id:int>/supervision-file")
@openapi.summary("监管档案：现监管等级、依据信用与抽查记录的建议等级、历次调整（含当时建议）、会费检查发现")
@returns(SupervisionFileRead)
@allow(*STAFF_ROLES)
async def supervision_file(request: Request, org_id: int, actor: Actor) -> HTTPResponse:
    return respond(SupervisionFileRead.of(await supervision.supervision_file(actor=actor, org_id=org_id)))


@bp.get("/orgs/commendation-candidates")
@openapi.summary("评优候选组织（已登记、不在活动异常名录或严重违法失信名单、最近应报年度年报已通过；含守信激励标记）")
@returns(Page[CommendationCandidateRead])
@allow(*STAFF_ROLES)
@query_args(CandidateQuery)
async def commendation_candidates(request: Request, query: CandidateQuery, actor: Actor) -> HTTPResponse:
    items, total = await commendation.candidates(actor=actor, town_id=query.town_id, page=query.page,
                                                 page_size=query.page_size)
    return respond(Page[CommendationCandidateRead](items=[CommendationCandidateRead.of(c) for c in items],
                                                   total=total, page=query.page, page_size=query.page_size))


@bp.get("/orgs/commendation-candidates.xlsx")
@openapi.summary("导出评优候选组织（.xlsx，每个组织一行）")
@returns(exports.CONTENT_TYPE)
@allow(*STAFF_ROLES)
@query_args(CandidateExportQuery)
async def commendation_export(request: Request, query: CandidateExportQuery, actor: Actor) -> HTTPResponse:
    content = await commendation.export_xlsx(actor=actor, town_id=query.town_id)
    return download(content, content_type=exports.CONTENT_TYPE,
                    filename=f"评优候选名单-{clock.today():%Y%m%d}.xlsx", ascii_name="commendation-candidates.xlsx")
