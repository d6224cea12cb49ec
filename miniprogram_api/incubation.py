"""Incubation on the phone: bases and open recruitment (public), eligibility, admission requests."""

from __future__ import annotations

from pydantic import BaseModel, Field
from sanic import Blueprint, Request
from sanic.response import HTTPResponse
from sanic_ext import openapi

from backend.auth import allow, public
from backend.contract import form_body, returns
from backend.models.incubation import SupportType
from backend.models.user import Role
from backend.responses import respond
from backend.schemas import Items
from backend.schemas.grants import AttachmentRead
from backend.schemas.incubation import AdmissionRead, EligibilityRead, PublicBaseRead
from backend.services import incubation
from backend.services.actor import Actor
from backend.settings import Settings
from backend.validation import DbId, SingleLine, json_body, query_args
from miniprogram_api.uploads import upload_form, uploaded_file

bp = Blueprint("mp_incubation", url_prefix="/api/mp/v1/incubation")
UPLOAD_FORM = upload_form("材料名称")


class OrgChoice(BaseModel):
    org_id: DbId | None = Field(None, description="负责多个组织时指定组织 id")


class Material(BaseModel):
    name: SingleLine = Field(min_length=1, max_length=64, description="材料名称")
    description: str = Field("", max_length=500)


class AdmissionCreate(BaseModel):
    support_types: list[SupportType] = Field(min_length=1, max_length=5, description="希望获得的扶持")
    statement: str = Field("", max_length=5000, description="申请说明")
    materials: list[Material] = Field(default_factory=list, max_length=20, description="材料清单（文件另行上传）")


@bp.get("/bases")
@openapi.summary("孵化基地及招募情况")
@returns(Items[PublicBaseRead])
@public
async def list_bases(request: Request) -> HTTPResponse:
    bases = await incubation.public_bases()
    return respond(Items[PublicBaseRead](items=[PublicBaseRead.recruiting_now(b, w) for b, w in bases]))


@bp.get("/eligibility")
@openapi.summary("入驻资格自查（不符合时逐条说明原因）")
@returns(EligibilityRead)
@allow(Role.leader)
@query_args(OrgChoice)
async def eligibility(request: Request, query: OrgChoice, actor: Actor) -> HTTPResponse:
    return respond(EligibilityRead.of(await incubation.check_eligibility(actor=actor, org_id=query.org_id)))


@bp.post("/bases/<base_id:int>/admissions")
@openapi.summary("申请入驻孵化基地")
@returns(AdmissionRead, 201)
@allow(Role.leader)
@query_args(OrgChoice)
@json_body(AdmissionCreate)
async def request_admission(request: Request, base_id: int, body: AdmissionCreate, query: OrgChoice,
                            actor: Actor) -> HTTPResponse:
    data = body.model_dump()
    data["support_types"] = [s.value for s in body.support_types]
    req = await incubation.request_admission(actor=actor, base_id=base_id, org_id=query.org_id,
                                             data=data)
    return respond(AdmissionRead.of(await incubation.detail(req)), 201)


@bp.get("/admissions")
@openapi.summary("我的组织的入驻申请")
@returns(Items[AdmissionRead])
@allow(Role.leader)
async def my_admissions(request: Request, actor: Actor) -> HTTPResponse:
    rows = await incubation.leader_admissions(actor=actor)
    return respond(Items[AdmissionRead](items=[AdmissionRead.of(await incubation.detail(r)) for r in rows]))


@bp.get("/admissions/<admission_id:int>")
@openapi.summary("入驻申请详情")
@returns(AdmissionRead)
@allow(Role.leader)
async def get_admission(request: Request, admission_id: int, actor: Actor) -> HTTPResponse:
    req = await incubation.admission_for_leader(actor=actor, admission_id=admission_id)
    return respond(AdmissionRead.of(await incubation.detail(req)))


@bp.post("/admissions/<admission_id:int>/materials")
@openapi.summary("上传入驻申请材料（PDF/DOCX/JPG/PNG）")
@returns(AttachmentRead, 201)
@form_body(UPLOAD_FORM)
@allow(Role.leader)
async def upload_material(request: Request, admission_id: int, actor: Actor, settings: Settings) -> HTTPResponse:
    upload, kind = uploaded_file(request)
    att = await incubation.add_material(actor=actor, admission_id=admission_id,
                                        var_dir=settings.var_dir, max_bytes=settings.grant_attachment_max_bytes,
                                        kind=kind, filename=upload.name or "", data=upload.body)
    return respond(AttachmentRead.of(att), 201)
