"""Party-building coverage for staff: the dashboard (JSON and .xlsx), joint branches and suggestions."""

from __future__ import annotations

from pydantic import BaseModel, Field
from sanic import Blueprint, Request
from sanic.response import HTTPResponse
from sanic_ext import openapi

from backend.auth import STAFF_ROLES, allow
from backend.contract import returns
from backend.responses import download, respond
from backend.schemas import Items, OkRead, Page
from backend.schemas.party_building import BlankSpot, BranchRead, BranchSuggestion, CoverageDashboard
from backend.services import clock, exports, party_building
from backend.services.actor import Actor
from backend.validation import DbId, SingleLine, json_body, query_args

bp = Blueprint("admin_party_building", url_prefix="/api/admin/v1/party-building")


class TownQuery(BaseModel):
    town_id: DbId | None = Field(None, description="镇街 id；区级工作人员可选，镇街工作人员只能是本镇街")


class TownPageQuery(TownQuery):
    page: int = Field(1, ge=1, le=10_000, description="页码")
    page_size: int = Field(20, ge=1, le=100, description="每页条数")


class BranchCreate(BaseModel):
    name: SingleLine = Field(min_length=2, max_length=128, description="联合党支部名称")
    town_id: DbId = Field(description="所在镇街 id（联合党支部不跨镇街）")
    org_ids: list[DbId] = Field(default_factory=list, max_length=20, description="首批覆盖单位（不超过 5 个）")


class BranchRename(BaseModel):
    name: SingleLine = Field(min_length=2, max_length=128, description="联合党支部名称")


class BranchMemberAdd(BaseModel):
    org_id: DbId = Field(description="要加入的社会组织 id")


async def _branch(actor: Actor, branch_id: int) -> BranchRead:
    return BranchRead.model_validate(await party_building.get_branch(actor=actor, branch_id=branch_id))


@bp.get("/coverage")
@openapi.summary("党建覆盖情况（按镇街与全区；比率以已登记组织数为分母）")
@returns(CoverageDashboard)
@allow(*STAFF_ROLES)
@query_args(TownQuery)
async def coverage(request: Request, query: TownQuery, actor: Actor) -> HTTPResponse:
    dashboard = await party_building.dashboard(scope_town_id=actor.scope_region_id, town_id=query.town_id)
    return respond(CoverageDashboard.model_validate(dashboard))


@bp.get("/coverage.xlsx")
@openapi.summary("导出党建覆盖明细（.xlsx，每个组织一行）")
@returns(exports.CONTENT_TYPE)
@allow(*STAFF_ROLES)
@query_args(TownQuery)
async def coverage_export(request: Request, query: TownQuery, actor: Actor) -> HTTPResponse:
    content = await party_building.export_xlsx(scope_town_id=actor.scope_region_id, town_id=query.town_id)
    return download(content, content_type=exports.CONTENT_TYPE, filename=f"党建覆盖情况-{clock.today():%Y%m%d}.xlsx",
                    ascii_name="coverage.xlsx")


@bp.get("/blank-spots")
@openapi.summary("“三同步”空白点（已登记、无党员、未选派指导员；按镇街分页）")
@returns(Page[BlankSpot])
@allow(*STAFF_ROLES)
@query_args(TownPageQuery)
async def blank_spots(request: Request, query: TownPageQuery, actor: Actor) -> HTTPResponse:
    items, total = await party_building.blank_spots(scope_town_id=actor.scope_region_id, town_id=query.town_id,
                                                    page=query.page, page_size=query.page_size)
    return respond(Page[BlankSpot](items=[BlankSpot.model_validate(i) for i in items], total=total,
                                   page=query.page, page_size=query.page_size))


@bp.get("/joint-branch-suggestions")
@openapi.summary("联合党支部组建建议（同镇街、相近类别，每组不超过 5 个单位；分页）")
@returns(Page[BranchSuggestion])
@allow(*STAFF_ROLES)
@query_args(TownPageQuery)
async def suggestions(request: Request, query: TownPageQuery, actor: Actor) -> HTTPResponse:
    items, total = await party_building.suggestions_page(scope_town_id=actor.scope_region_id, town_id=query.town_id,
                                                         page=query.page, page_size=query.page_size)
    return respond(Page[BranchSuggestion](items=[BranchSuggestion.model_validate(i) for i in items], total=total,
                                          page=query.page, page_size=query.page_size))


@bp.get("/joint-branches")
@openapi.summary("联合党支部列表")
@returns(Items[BranchRead])
@allow(*STAFF_ROLES)
@query_args(TownQuery)
async def list_branches(request: Request, query: TownQuery, actor: Actor) -> HTTPResponse:
    items = await party_building.list_branches(scope_town_id=actor.scope_region_id, town_id=query.town_id)
    return respond(Items[BranchRead](items=[BranchRead.model_validate(i) for i in items]))


@bp.post("/joint-branches")
@openapi.summary("组建联合党支部（覆盖单位不超过 5 个）")
@returns(BranchRead, 201)
@allow(*STAFF_ROLES)
@json_body(BranchCreate)
async def create_branch(request: Request, body: BranchCreate, actor: Actor) -> HTTPResponse:
    branch = await party_building.create_branch(actor=actor, name=body.name, town_id=body.town_id,
                                                org_ids=body.org_ids)
    return respond(await _branch(actor, branch.id), 201)


@bp.get("/joint-branches/<branch_id:int>")
@openapi.summary("联合党支部详情")
@returns(BranchRead)
@allow(*STAFF_ROLES)
async def get_branch(request: Request, branch_id: int, actor: Actor) -> HTTPResponse:
    return respond(await _branch(actor, branch_id))


@bp.patch("/joint-branches/<branch_id:int>")
@openapi.summary("修改联合党支部名称")
@returns(BranchRead)
@allow(*STAFF_ROLES)
@json_body(BranchRename)
async def rename_branch(request: Request, branch_id: int, body: BranchRename, actor: Actor) -> HTTPResponse:
    await party_building.rename_branch(actor=actor, branch_id=branch_id, name=body.name)
    return respond(await _branch(actor, branch_id))


@bp.delete("/joint-branches/<branch_id:int>")
@openapi.summary("撤销联合党支部（成员单位恢复为其他覆盖方式）")
@returns(OkRead)
@allow(*STAFF_ROLES)
async def delete_branch(request: Request, branch_id: int, actor: Actor) -> HTTPResponse:
    await party_building.delete_branch(actor=actor, branch_id=branch_id)
    return respond(OkRead())


@bp.post("/joint-branches/<branch_id:int>/members")
@openapi.summary("将社会组织加入联合党支部（满 5 个单位时拒绝）")
@returns(BranchRead, 201)
@allow(*STAFF_ROLES)
@json_body(BranchMemberAdd)
async def add_member(request: Request, branch_id: int, body: BranchMemberAdd, actor: Actor) -> HTTPResponse:
    await party_building.add_member(actor=actor, branch_id=branch_id, org_id=body.org_id)
    return respond(await _branch(actor, branch_id), 201)


@bp.delete("/joint-branches/<branch_id:int>/members/<org_id:int>")
@openapi.summary("将社会组织移出联合党支部")
@returns(BranchRead)
@allow(*STAFF_ROLES)
async def remove_member(request: Request, branch_id: int, org_id: int, actor: Actor) -> HTTPResponse:
    await party_building.remove_member(actor=actor, branch_id=branch_id, org_id=org_id)
    return respond(await _branch(actor, branch_id))
