"""Staff set an organization's credit list status and annual-report due date.

Interim: the supervision work (items 10–12) will set these from its own processes; until then staff
set them here, audited, so that incubation eligibility can be checked and explained.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field
from sanic import Blueprint, Request
from sanic.response import HTTPResponse
from sanic_ext import openapi

from backend.auth import STAFF_ROLES, allow
from backend.contract import returns
from backend.models.organization import CreditStatus
from backend.responses import respond
from backend.schemas.orgs import CreditStatusRead
from backend.services import incubation
from backend.services.actor import Actor
from backend.validation import json_body

bp = Blueprint("admin_org_credit", url_prefix="/api/admin/v1/orgs")


class CreditStatusBody(BaseModel):
    credit_status: CreditStatus = Field(
        description="normal 正常 / abnormal 活动异常名录 / untrustworthy 严重违法失信名单")
    annual_report_due: date | None = Field(None, description="年报应报送日期")
    reason: str = Field(min_length=2, max_length=2000, description="依据/说明")


@bp.put("/<org_id:int>/credit-status")
@openapi.summary("设置组织信用状态与年报期限")
@returns(CreditStatusRead)
@allow(*STAFF_ROLES)
@json_body(CreditStatusBody)
async def set_credit_status(request: Request, org_id: int, body: CreditStatusBody, actor: Actor) -> HTTPResponse:
    org = await incubation.set_credit_status(actor=actor, org_id=org_id,
                                             credit_status=body.credit_status,
                                             annual_report_due=body.annual_report_due, reason=body.reason)
    return respond(CreditStatusRead(id=org.id, credit_status=org.credit_status.value,
                                    annual_report_due=org.annual_report_due))
