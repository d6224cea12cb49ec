"""Incubation on the phone: bases and open recruitment (public), eligibility, admission requests."""

from __future__ import annotations

from pydantic import BaseModel, Field
from sanic import Blueprint, Request
from sanic.response import HTTPResponse, json
from sanic_ext import openapi

from backend.auth import Principal, allow, public
from backend.errors import field_error
from backend.models.incubation import SupportType
from backend.models.user import Role
from backend.services import incubation
from backend.services.actor import actor_of
from backend.settings import Settings
from backend.validation import DbId, SingleLine, json_body, query_args

bp = Blueprint("mp_incubation", url_prefix="/api/mp/v1/incubation")
UPLOAD_FORM = {"multipart/form-data": {"type": "object", "properties": {
    "file": {"type": "string", "format": "binary", "description": "PDF、DOCX、JPG 或 PNG"},
    "kind": {"type": "string", "description": "材料名称"}}, "required": ["file"]}}


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
@public
async def list_bases(request: Request) -> HTTPResponse:
    items = []
    for base in await incubation.list_bases(active_only=True):
        data = incubation.base_read(base)
        window = await incubation.open_window_of(base.id)
        data["recruiting"] = window is not None
        data["recruiting_until"] = window.closes_at.isoformat() if window else None
        items.append(data)
    return json({"items": items}, ensure_ascii=False)


@bp.get("/eligibility")
@openapi.summary("入驻资格自查（不符合时逐条说明原因）")
@allow(Role.leader)
@query_args(OrgChoice)
async def eligibility(request: Request, query: OrgChoice, me: Principal) -> HTTPResponse:
    return json(await incubation.check_eligibility(actor=actor_of(me), org_id=query.org_id), ensure_ascii=False)


@bp.post("/bases/<base_id:int>/admissions")
@openapi.summary("申请入驻孵化基地")
@allow(Role.leader)
@query_args(OrgChoice)
@json_body(AdmissionCreate)
async def request_admission(request: Request, base_id: int, body: AdmissionCreate, query: OrgChoice,
                            me: Principal) -> HTTPResponse:
    data = body.model_dump()
    data["support_types"] = [s.value for s in body.support_types]
    req = await incubation.request_admission(actor=actor_of(me, request.id), base_id=base_id, org_id=query.org_id,
                                             data=data)
    return json(await incubation.admission_read(req), status=201, ensure_ascii=False)


@bp.get("/admissions")
@openapi.summary("我的组织的入驻申请")
@allow(Role.leader)
async def my_admissions(request: Request, me: Principal) -> HTTPResponse:
    rows = await incubation.leader_admissions(actor=actor_of(me))
    return json({"items": [await incubation.admission_read(r) for r in rows]}, ensure_ascii=False)


@bp.get("/admissions/<admission_id:int>")
@openapi.summary("入驻申请详情")
@allow(Role.leader)
async def get_admission(request: Request, admission_id: int, me: Principal) -> HTTPResponse:
    req = await incubation.admission_for_leader(actor=actor_of(me), admission_id=admission_id)
    return json(await incubation.admission_read(req), ensure_ascii=False)


@bp.post("/admissions/<admission_id:int>/materials")
@openapi.summary("上传入驻申请材料（PDF/DOCX/JPG/PNG）")
@openapi.body(UPLOAD_FORM, required=True)
@allow(Role.leader)
async def upload_material(request: Request, admission_id: int, me: Principal, settings: Settings) -> HTTPResponse:
    upload = request.files.get("file") if request.files else None
    if upload is None:
        raise field_error("file", "请上传文件（表单字段 file）")
    kind = (request.form.get("kind") or "").strip()[:64] if request.form else ""
    att = await incubation.add_material(actor=actor_of(me, request.id), admission_id=admission_id,
                                        var_dir=settings.var_dir, max_bytes=settings.grant_attachment_max_bytes,
                                        kind=kind, filename=upload.name or "", data=upload.body)
    return json({"id": att.id, "kind": att.kind, "name": att.original_name, "content_type": att.content_type,
                 "size": att.size, "sha256": att.sha256}, status=201, ensure_ascii=False)
