"""Admin maintenance of the district's regions (towns/streets and communities/villages)."""

from __future__ import annotations

from pydantic import BaseModel, Field
from sanic import Blueprint, Request
from sanic.response import HTTPResponse
from sanic_ext import openapi

from backend.auth import STAFF_ROLES, allow
from backend.contract import returns
from backend.models.region import RegionLevel
from backend.models.user import Role
from backend.responses import respond
from backend.schemas import Items
from backend.schemas.regions import RegionRead
from backend.services import regions
from backend.services.actor import Actor
from backend.validation import DbId, SingleLine, json_body

bp = Blueprint("admin_regions", url_prefix="/api/admin/v1/regions")


class RegionCreate(BaseModel):
    name: SingleLine = Field(min_length=2, max_length=64, description="名称")
    level: RegionLevel = Field(description="town 镇街 / community 社区村")
    code: str = Field(min_length=6, max_length=32, pattern=r"^\d+$", description="区划代码")
    parent_id: DbId | None = Field(None, description="所属镇街 id（社区/村必填）")


class RegionUpdate(BaseModel):
    name: SingleLine | None = Field(None, min_length=2, max_length=64, description="新名称")
    active: bool | None = Field(None, description="是否启用；停用后不再出现在选择列表中")


@bp.get("/")
@openapi.summary("全部区域（含已停用）")
@returns(Items[RegionRead])
@allow(*STAFF_ROLES)
async def list_regions(request: Request) -> HTTPResponse:
    return respond(Items[RegionRead](items=[RegionRead.of(r) for r in await regions.list_regions()]))


@bp.post("/")
@openapi.summary("新增镇街或社区/村")
@returns(RegionRead, 201)
@allow(Role.admin)
@json_body(RegionCreate)
async def create_region(request: Request, body: RegionCreate, actor: Actor) -> HTTPResponse:
    region = await regions.create_region(actor=actor, name=body.name,
                                         level=body.level, code=body.code, parent_id=body.parent_id)
    return respond(RegionRead.of(region), status=201)


@bp.patch("/<region_id:int>")
@openapi.summary("重命名或停用/启用区域")
@returns(RegionRead)
@allow(Role.admin)
@json_body(RegionUpdate)
async def update_region(request: Request, region_id: int, body: RegionUpdate, actor: Actor) -> HTTPResponse:
    region = await regions.update_region(actor=actor, region_id=region_id,
                                         name=body.name, active=body.active)
    return respond(RegionRead.of(region))
