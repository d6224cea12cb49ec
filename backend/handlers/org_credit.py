"""Retired hand-setting of an organization's credit status: it now only starts the due process.

A listed status becomes a proposal (ground "other", district staff only) that the leader may answer
and district staff decide; "normal" proposes removal of the open entries. The status itself is derived
from the entries (`backend.services.credit`), so it can no longer be typed. Prefer
`POST /api/admin/v1/orgs/{id}/credit-entries`.
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
from backend.services import credit, incubation
from backend.services.actor import Actor
from backend.settings import Settings
from backend.validation import json_body

bp = Blueprint("admin_org_credit", url_prefix="/api/admin/v1/orgs")


class CreditStatusBody(BaseModel):
    credit_status: CreditStatus = Field(
        description="normal 正常 / abnormal 活动异常名录 / untrustworthy 严重违法失信名单")
    annual_report_due: date | None = Field(None, description="年报应报送日期")
    reason: str = Field(min_length=2, max_length=2000, description="依据/说明")


@bp.put("/<org_id:int>/credit-status")
@openapi.summary("（已停用直接设置）提出列入/移出信用名录，并设置年报期限")
@returns(CreditStatusRead)
@allow(*STAFF_ROLES)
@json_body(CreditStatusBody)
async def set_credit_status(request: Request, org_id: int, body: CreditStatusBody, actor: Actor,
                            settings: Settings) -> HTTPResponse:
    await credit.set_by_hand(actor=actor, org_id=org_id, credit_status=body.credit_status, reason=body.reason,
                             answer_days=settings.credit_answer_working_days)
    org = await incubation.set_report_due(actor=actor, org_id=org_id, annual_report_due=body.annual_report_due,
                                          reason=body.reason)
    return respond(CreditStatusRead(id=org.id, credit_status=org.credit_status.value,
                                    annual_report_due=org.annual_report_due))
