"""双随机一公开 on the phone: anyone reads the plans, draws (seed and candidate list) and results; a
leader sees the checks of their organization and submits its rectification."""

from __future__ import annotations

from pydantic import BaseModel, Field
from sanic import Blueprint, Request
from sanic.response import HTTPResponse
from sanic_ext import openapi

from backend.auth import allow, public
from backend.contract import returns
from backend.models.user import Role
from backend.responses import respond
from backend.schemas import Items
from backend.schemas.inspections import PlanRead, PublicPlanRead, ResultRead
from backend.services import inspections
from backend.services.actor import Actor
from backend.validation import json_body

bp = Blueprint("mp_inspections", url_prefix="/api/mp/v1/inspections")


class RectificationBody(BaseModel):
    report: str = Field(min_length=2, max_length=5000, description="整改情况报告")


@bp.get("/plans")
@openapi.summary("抽查计划（公开：比例、事项、日期）")
@returns(Items[PlanRead])
@public
async def plans(request: Request) -> HTTPResponse:
    return respond(Items[PlanRead](items=[PlanRead.of(p) for p in await inspections.list_plans()]))


@bp.get("/plans/<plan_id:int>")
@openapi.summary("抽查计划、抽取结果（种子与候选名单）与检查结果（公开）")
@returns(PublicPlanRead)
@public
async def plan(request: Request, plan_id: int) -> HTTPResponse:
    found = await inspections.get_plan(plan_id)
    rows = await inspections.results(plan_id=found.id)
    return respond(PublicPlanRead(plan=PlanRead.of(found), results=[ResultRead.of(r, public=True) for r in rows]))


@bp.get("/results/mine")
@openapi.summary("本组织的抽查结果与整改要求")
@returns(Items[ResultRead])
@allow(Role.leader)
async def my_results(request: Request, actor: Actor) -> HTTPResponse:
    return respond(Items[ResultRead](items=[ResultRead.of(r) for r in await inspections.leader_results(actor=actor)]))


@bp.post("/results/<result_id:int>/rectification")
@openapi.summary("提交整改报告")
@returns(ResultRead)
@allow(Role.leader)
@json_body(RectificationBody)
async def rectification(request: Request, result_id: int, body: RectificationBody, actor: Actor) -> HTTPResponse:
    result = await inspections.submit_rectification(actor=actor, result_id=result_id, text=body.report)
    return respond(ResultRead.of(result))
