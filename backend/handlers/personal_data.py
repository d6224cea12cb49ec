"""Staff see the personal-data requests people made (exports and account closures) from the audit trail."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field
from sanic import Blueprint, Request
from sanic.response import HTTPResponse
from sanic_ext import openapi

from backend.auth import STAFF_ROLES, allow
from backend.contract import returns
from backend.responses import respond
from backend.schemas.personal_data import PersonalDataRequestPage, PersonalDataRequestRead
from backend.services import personal_data
from backend.services.actor import Actor
from backend.validation import query_args

bp = Blueprint("admin_personal_data", url_prefix="/api/admin/v1/personal-data")


class RequestQuery(BaseModel):
    action: Literal["personal_data.export", "personal_data.erasure"] | None = Field(
        None, description="只看导出或只看注销；留空为全部")
    page: int = Field(1, ge=1, le=10_000, description="页码")
    page_size: int = Field(20, ge=1, le=100, description="每页条数")


@bp.get("/requests")
@openapi.summary("个人信息导出与账号注销申请记录（审计日志）")
@returns(PersonalDataRequestPage)
@allow(*STAFF_ROLES)
@query_args(RequestQuery)
async def requests(request: Request, query: RequestQuery, actor: Actor) -> HTTPResponse:
    rows, total = await personal_data.request_log(actor=actor, action=query.action, page=query.page,
                                                  page_size=query.page_size)
    items = [PersonalDataRequestRead(id=r.id, action=r.action, user_id=int(r.object_id), role=r.actor_role,
                                     summary=r.after, created_at=r.created_at) for r in rows]
    return respond(PersonalDataRequestPage(items=items, total=total, page=query.page, page_size=query.page_size))
