"""Staff work on organizations: the review queue, review decisions, claims, full phone reads (audited),
party data, instructors and supervision levels. Town staff act only within their town."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field
from sanic import Blueprint, Request
from sanic.response import HTTPResponse
from sanic_ext import openapi

from backend.auth import STAFF_ROLES, allow
from backend.contract import returns
from backend.crypto import PersonalData
from backend.models.organization import OrgStatus, ReviewStage, SupervisionLevel
from backend.responses import download, respond
from backend.schemas import Page
from backend.schemas.orgs import ClaimDecisionRead, ClaimRead, ContactPhoneRead, OrgFullRead, SupervisionRead
from backend.services import access, charters, orgs, party_building
from backend.services.actor import Actor
from backend.services.credit_code import CreditCode
from backend.settings import Settings
from backend.validation import DbId, SingleLine, json_body, query_args

bp = Blueprint("admin_orgs", url_prefix="/api/admin/v1/orgs")


class PageArgs(BaseModel):
    page: int = Field(1, ge=1, le=10_000, description="页码")
    page_size: int = Field(20, ge=1, le=100, description="每页条数")


class StaffOrgQuery(BaseModel):
    status: OrgStatus | Literal["change_pending"] | None = Field(
        None, description="状态筛选；change_pending 为有待审核变更的已登记组织")
    town_id: DbId | None = Field(None, description="镇街 id（镇街工作人员只能是本镇街）")
    stage: ReviewStage | None = Field(None, description="审核阶段筛选：town 待镇街初审 / district 待区级审核")
    q: str | None = Field(None, max_length=64, description="名称关键字或信用代码")
    page: int = Field(1, ge=1, le=10000)
    page_size: int = Field(20, ge=1, le=100)


class TownReview(BaseModel):
    decision: Literal["pass", "return"] = Field(description="pass 初审通过（报区级审核） / return 退回修改")
    reason: str = Field("", max_length=1000, description="初审意见：通过时为备注（可空），退回时为理由（必填）")


class ReviewDecision(BaseModel):
    decision: Literal["approve", "return", "reject"] = Field(
        description="approve 核准 / return 退回修改 / reject 不予登记（区级，镇街初审通过后）")
    reason: str = Field("", max_length=1000, description="理由（退回、不予登记时必填）")
    credit_code: CreditCode | None = Field(None, description="核准时补录统一社会信用代码（组织尚无代码时）")
    override_charter_flag: bool = Field(False, description="章程未载明党的领导表述时，确认仍予核准（须填理由）")


class ClaimDecision(BaseModel):
    decision: Literal["confirm", "reject"] = Field(description="confirm 确认 / reject 驳回")
    reason: str = Field("", max_length=500, description="理由（驳回时必填）")


class PartyData(BaseModel):
    party_member_count: int = Field(ge=0, le=100000, description="正式党员人数")
    own_party_org: bool = Field(False, description="是否已单独成立党组织")


class InstructorAssign(BaseModel):
    instructor_name: SingleLine = Field(max_length=32, description="党建工作指导员姓名；留空为撤回")


class SupervisionSet(BaseModel):
    level: SupervisionLevel = Field(description="normal 正常 / guidance 加强指导 / talk 约谈 / key 重点监管")
    reason: str = Field(min_length=2, max_length=1000, description="理由")


async def _full(org_id: int, pd: PersonalData) -> OrgFullRead:
    return OrgFullRead.of_full(await orgs.load_for_view(org_id), pd)


@bp.get("/")
@openapi.summary("社会组织列表（含待审核登记，按管辖范围）")
@returns(Page[OrgFullRead])
@allow(*STAFF_ROLES)
@query_args(StaffOrgQuery)
async def list_orgs(request: Request, query: StaffOrgQuery, actor: Actor, pd: PersonalData) -> HTTPResponse:
    items, total = await orgs.list_for_staff(scope_town_id=actor.scope_region_id, status=query.status,
                                             town_id=query.town_id, q=query.q, page=query.page,
                                             page_size=query.page_size, stage=query.stage)
    return respond(Page[OrgFullRead](items=[OrgFullRead.of_full(o, pd) for o in items], total=total,
                                     page=query.page, page_size=query.page_size))


@bp.get("/<org_id:int>")
@openapi.summary("社会组织完整信息（审核视图：章程标记、登记方式、党建负责组织）")
@returns(OrgFullRead)
@allow(*STAFF_ROLES)
async def detail(request: Request, org_id: int, actor: Actor, pd: PersonalData) -> HTTPResponse:
    await access.get_org_in_scope(org_id=org_id, scope_town_id=actor.scope_region_id)
    return respond(await _full(org_id, pd))


@bp.post("/<org_id:int>/town-review")
@openapi.summary("镇街初审登记或变更：初审通过（报区级审核）或退回修改（仅组织所在镇街的工作人员）")
@returns(OrgFullRead)
@allow(*STAFF_ROLES)
@json_body(TownReview)
async def town_review(request: Request, org_id: int, body: TownReview, actor: Actor,
                      pd: PersonalData) -> HTTPResponse:
    await orgs.town_review(actor=actor, org_id=org_id, decision=body.decision, reason=body.reason)
    return respond(await _full(org_id, pd))


@bp.post("/<org_id:int>/review")
@openapi.summary("区级审核登记或变更（镇街初审通过后）：核准、退回修改或不予登记")
@returns(OrgFullRead)
@allow(*STAFF_ROLES)
@json_body(ReviewDecision)
async def review(request: Request, org_id: int, body: ReviewDecision, actor: Actor,
                 pd: PersonalData) -> HTTPResponse:
    await orgs.review_org(actor=actor, org_id=org_id, decision=body.decision, reason=body.reason,
                          credit_code=body.credit_code, override_charter_flag=body.override_charter_flag)
    return respond(await _full(org_id, pd))


@bp.get("/<org_id:int>/charter-files/<file_id:int>")
@openapi.summary("下载组织的章程文件（当前章程或待审核变更中的章程）")
@returns("application/octet-stream", description="章程文件（PDF 或 DOCX，类型按上传时识别的内容）")
@allow(*STAFF_ROLES)
async def charter_file(request: Request, org_id: int, file_id: int, actor: Actor, settings: Settings) -> HTTPResponse:
    org = await access.get_org_in_scope(org_id=org_id, scope_town_id=actor.scope_region_id)
    row = await charters.named_by(org=org, file_id=file_id)
    data = await charters.content(var_dir=settings.var_dir, row=row)
    return download(data, content_type=row.content_type, filename=row.original_name)


@bp.get("/<org_id:int>/contact-phone")
@openapi.summary("查看联系人完整手机号（每次查看均记入审计日志）")
@returns(ContactPhoneRead)
@allow(*STAFF_ROLES)
async def contact_phone(request: Request, org_id: int, actor: Actor, pd: PersonalData) -> HTTPResponse:
    phone = await orgs.read_contact_phone(actor=actor, org_id=org_id, pd=pd)
    return respond(ContactPhoneRead(contact_phone=phone))


@bp.put("/<org_id:int>/party")
@openapi.summary("更新组织党建信息（正式党员数、是否单独建立党组织）")
@returns(OrgFullRead)
@allow(*STAFF_ROLES)
@json_body(PartyData)
async def update_party(request: Request, org_id: int, body: PartyData, actor: Actor,
                       pd: PersonalData) -> HTTPResponse:
    org = await access.get_org_in_scope(org_id=org_id, scope_town_id=actor.scope_region_id)
    await party_building.update_party_data(actor=actor, org=org,
                                           party_member_count=body.party_member_count,
                                           own_party_org=body.own_party_org)
    return respond(await _full(org_id, pd))


@bp.put("/<org_id:int>/instructor")
@openapi.summary("选派或撤回党建工作指导员")
@returns(OrgFullRead)
@allow(*STAFF_ROLES)
@json_body(InstructorAssign)
async def assign_instructor(request: Request, org_id: int, body: InstructorAssign, actor: Actor,
                            pd: PersonalData) -> HTTPResponse:
    await party_building.assign_instructor(actor=actor, org_id=org_id, instructor_name=body.instructor_name)
    return respond(await _full(org_id, pd))


@bp.post("/<org_id:int>/supervision")
@openapi.summary("设置分类监管等级（须填写理由，保留历史）")
@returns(SupervisionRead, 201)
@allow(*STAFF_ROLES)
@json_body(SupervisionSet)
async def set_supervision(request: Request, org_id: int, body: SupervisionSet, actor: Actor) -> HTTPResponse:
    record = await orgs.set_supervision(actor=actor, org_id=org_id, level=body.level, reason=body.reason)
    return respond(SupervisionRead.of(record), 201)


@bp.get("/<org_id:int>/supervision")
@openapi.summary("分类监管等级历史（最新在前，分页）")
@returns(Page[SupervisionRead])
@allow(*STAFF_ROLES)
@query_args(PageArgs)
async def supervision_history(request: Request, org_id: int, query: PageArgs, actor: Actor) -> HTTPResponse:
    records, total = await orgs.supervision_history(actor=actor, org_id=org_id, page=query.page,
                                                    page_size=query.page_size)
    return respond(Page[SupervisionRead](items=[SupervisionRead.of(r) for r in records], total=total,
                                         page=query.page, page_size=query.page_size))


@bp.get("/claims")
@openapi.summary("待确认的负责人认领申请（按管辖范围）")
@returns(Page[ClaimRead])
@allow(*STAFF_ROLES)
@query_args(PageArgs)
async def list_claims(request: Request, query: PageArgs, actor: Actor) -> HTTPResponse:
    claims, total = await orgs.list_claims(scope_town_id=actor.scope_region_id, page=query.page,
                                           page_size=query.page_size)
    return respond(Page[ClaimRead](items=[ClaimRead.of(c) for c in claims], total=total, page=query.page,
                                   page_size=query.page_size))


@bp.post("/claims/<claim_id:int>/decision")
@openapi.summary("确认或驳回负责人认领")
@returns(ClaimDecisionRead)
@allow(*STAFF_ROLES)
@json_body(ClaimDecision)
async def decide_claim(request: Request, claim_id: int, body: ClaimDecision, actor: Actor) -> HTTPResponse:
    claim = await orgs.decide_claim(actor=actor, claim_id=claim_id, decision=body.decision, reason=body.reason)
    return respond(ClaimDecisionRead(claim_id=claim_id, org_id=claim.org.id, decision=body.decision))
