"""Staff read the audit trail (who did what, when, why); town staff see their town's entries only."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, Field
from sanic import Blueprint, Request
from sanic.response import HTTPResponse
from sanic_ext import openapi

from backend.auth import STAFF_ROLES, allow
from backend.contract import returns
from backend.responses import respond
from backend.schemas import Page
from backend.schemas.audit import AuditEntryRead
from backend.services import audit
from backend.services.actor import Actor
from backend.validation import DbId, SingleLine, not_blank, query_args

bp = Blueprint("admin_audit_log", url_prefix="/api/admin/v1/audit-log")


OperatorName = Annotated[SingleLine, AfterValidator(not_blank)]


class AuditQuery(BaseModel):
    object_type: str | None = Field(None, max_length=32, description="对象类型，如 organization、activity、user")
    object_id: str | None = Field(None, max_length=64, description="对象 id（与对象类型一起用）")
    actor_id: DbId | None = Field(None, description="操作人用户 id")
    actor_name: OperatorName | None = Field(None, min_length=1, max_length=32,
                                            description="操作人姓名或用户名（部分匹配工作人员账号）")
    action: str | None = Field(None, max_length=64, description="操作，如 org.review.approve")
    since: datetime | None = Field(None, description="起始时间（含）；不带时区时按北京时间")
    until: datetime | None = Field(None, description="截止时间（不含）；不带时区时按北京时间")
    page: int = Field(1, ge=1, le=10000)
    page_size: int = Field(20, ge=1, le=100)


@bp.get("/")
@openapi.summary("审计日志（按对象、操作人 id 或姓名、操作、时间筛选；镇街工作人员只看本镇街）")
@returns(Page[AuditEntryRead])
@allow(*STAFF_ROLES)
@query_args(AuditQuery)
async def list_audit_log(request: Request, query: AuditQuery, actor: Actor) -> HTTPResponse:
    filters = audit.AuditFilters(object_type=query.object_type, object_id=query.object_id, actor_id=query.actor_id,
                                 action=query.action, since=query.since, until=query.until,
                                 actor_name=query.actor_name)
    items, total = await audit.list_entries(actor=actor, filters=filters, page=query.page,
                                            page_size=query.page_size)
    names = await audit.operator_names(items)
    return respond(Page[AuditEntryRead](items=[AuditEntryRead.named(i, names) for i in items], total=total,
                                        page=query.page, page_size=query.page_size))
