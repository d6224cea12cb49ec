"""Organizations in the mini-program: register, the public directory, a leader's own organization,
claims by credit code, invite codes, party data."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, Field
from redis.asyncio import Redis
from sanic import Blueprint, Request
from sanic.response import HTTPResponse
from sanic_ext import openapi

from backend.auth import allow, optional_actor, public
from backend.contract import form_body, returns
from backend.crypto import PersonalData
from backend.errors import field_error
from backend.models.organization import LegalForm, OrgCategory
from backend.models.user import Role
from backend.responses import download, respond
from backend.schemas import Items, Page
from backend.schemas.orgs import (
    CharterFileRead,
    ClaimSubmitted,
    InviteRead,
    MembershipRead,
    MyOrgFullRead,
    MyOrgPublicRead,
    OrgFullRead,
    OrgPublicRead,
    my_org_read,
)
from backend.services import access, charters, orgs, party_building
from backend.services.actor import Actor
from backend.services.credit_code import CreditCode
from backend.settings import Settings
from backend.validation import DbId, SingleLine, json_body, query_args
from backend.wechat.client import WeChatGateway
from miniprogram_api.uploads import uploaded_file

bp = Blueprint("mp_orgs", url_prefix="/api/mp/v1/orgs")

SensitiveArea = Literal["ideology", "financial_security", "life_health"]
ServedGroup = Literal[orgs.SERVED_GROUPS]  # type: ignore[valid-type]
Phone = Annotated[str, Field(pattern=r"^1[3-9]\d{9}$", description="手机号（11 位）")]


class OrgCreate(BaseModel):
    name: SingleLine = Field(min_length=2, max_length=128, description="组织名称")
    credit_code: CreditCode | None = Field(None, description="统一社会信用代码（已有的填写，GB 32100-2015 校验）")
    legal_form: LegalForm = Field(description="社会团体 social_group / 基金会 foundation / 社会服务机构 social_service")
    category: OrgCategory = Field(description="行业协会商会、科技类、公益慈善类、城乡社区服务类或 other")
    sensitive_areas: list[SensitiveArea] = Field(
        default_factory=list, max_length=3, description="涉及领域：意识形态 ideology、金融安全 financial_security、"
                                                         "生命健康 life_health；涉及任一项须有业务主管单位")
    supervisor_unit: str | None = Field(None, max_length=128, description="业务主管单位")
    town_id: DbId = Field(description="所在镇街 id")
    community_id: DbId | None = Field(None, description="所在社区/村 id")
    address: str = Field("", max_length=255, description="住所")
    description: str = Field("", max_length=2000, description="简介")
    served_groups: list[ServedGroup] = Field(default_factory=list, max_length=12, description="服务对象")
    contact_name: SingleLine = Field(min_length=1, max_length=32, description="联系人")
    contact_phone: Phone
    charter_text: str = Field("", max_length=50000, description="章程全文")
    charter_file_id: DbId | None = Field(None, description="已上传的章程文件 id（上传章程文件时返回）")
    party_member_count: int = Field(0, ge=0, le=100000, description="正式党员人数")
    own_party_org: bool = Field(False, description="是否已单独成立党组织（需 3 名以上正式党员）")


class OrgUpdate(BaseModel):
    name: SingleLine | None = Field(None, min_length=2, max_length=128)
    legal_form: LegalForm | None = None
    category: OrgCategory | None = None
    sensitive_areas: list[SensitiveArea] | None = Field(None, max_length=3)
    supervisor_unit: str | None = Field(None, max_length=128)
    town_id: DbId | None = None
    community_id: DbId | None = None
    address: str | None = Field(None, max_length=255)
    description: str | None = Field(None, max_length=2000)
    served_groups: list[ServedGroup] | None = Field(None, max_length=12)
    contact_name: SingleLine | None = Field(None, min_length=1, max_length=32)
    contact_phone: Phone | None = None
    charter_text: str | None = Field(None, max_length=50000)
    charter_file_id: DbId | None = Field(None, description="已上传的章程文件 id；null 为不再使用章程文件")


NULLABLE_UPDATES = {"supervisor_unit", "community_id", "charter_file_id"}


class DirectoryQuery(BaseModel):
    q: str | None = Field(None, max_length=64, description="名称关键字")
    town_id: DbId | None = Field(None, description="镇街 id")
    category: OrgCategory | None = Field(None, description="类别")
    served_group: ServedGroup | None = Field(None, description="服务对象，如 孤寡老人")
    page: int = Field(1, ge=1, le=10000, description="页码")
    page_size: int = Field(20, ge=1, le=50, description="每页条数")


class PartyData(BaseModel):
    party_member_count: int = Field(ge=0, le=100000, description="正式党员人数")
    own_party_org: bool = Field(False, description="是否已单独成立党组织")


class ClaimCreate(BaseModel):
    credit_code: CreditCode = Field(description="要认领组织的统一社会信用代码")


class JoinWithCode(BaseModel):
    code: str = Field(min_length=4, max_length=16, description="邀请码")


async def _full(org_id: int, pd: PersonalData) -> OrgFullRead:
    return OrgFullRead.of_full(await orgs.load_for_view(org_id), pd)


@bp.post("/")
@openapi.summary("登记社会组织（提交后待审核，提交人成为负责人）")
@returns(OrgFullRead, 201)
@allow(Role.resident, Role.leader)
@json_body(OrgCreate)
async def register(request: Request, body: OrgCreate, actor: Actor, pd: PersonalData,
                   wechat: WeChatGateway) -> HTTPResponse:
    await orgs.ensure_text_safe(wechat=wechat, user_id=actor.user_id, texts=[body.name, body.description])
    org = await orgs.register_org(actor=actor, data=body.model_dump(), pd=pd)
    return respond(await _full(org.id, pd), 201)


CHARTER_FORM = {"file": {"type": "string", "format": "binary", "description": "章程文件：PDF 或 Word（.docx）"}}


@bp.post("/charter-files")
@openapi.summary("上传章程文件（PDF/DOCX），登记或变更时以 charter_file_id 引用；扫描件标记为须人工阅读")
@returns(CharterFileRead, 201)
@form_body(CHARTER_FORM)
@allow(Role.resident, Role.leader)
async def upload_charter(request: Request, actor: Actor, settings: Settings) -> HTTPResponse:
    upload, _ = uploaded_file(request)
    row = await charters.upload(actor=actor, var_dir=settings.var_dir, max_bytes=settings.grant_attachment_max_bytes,
                                filename=upload.name or "", data=upload.body)
    return respond(CharterFileRead.of(row), 201)


@bp.get("/charter-files/<file_id:int>")
@openapi.summary("下载我上传的章程文件")
@returns("application/octet-stream", description="章程文件（PDF 或 DOCX）")
@allow(Role.resident, Role.leader)
async def download_charter(request: Request, file_id: int, actor: Actor, settings: Settings) -> HTTPResponse:
    row = await charters.own_file(actor=actor, file_id=file_id)
    data = await charters.content(var_dir=settings.var_dir, row=row)
    return download(data, content_type=row.content_type, filename=row.original_name)


@bp.get("/<org_id:int>/charter-files/<file_id:int>")
@openapi.summary("负责人下载本组织的章程文件（当前章程或待审核变更中的章程）")
@returns("application/octet-stream", description="章程文件（PDF 或 DOCX）")
@allow(Role.leader)
async def org_charter(request: Request, org_id: int, file_id: int, actor: Actor, settings: Settings) -> HTTPResponse:
    org = await access.require_org_leader(org_id=org_id, actor=actor)
    row = await charters.named_by(org=org, file_id=file_id)
    data = await charters.content(var_dir=settings.var_dir, row=row)
    return download(data, content_type=row.content_type, filename=row.original_name)


@bp.get("/")
@openapi.summary("社会组织名录（仅已登记组织，不含个人信息）")
@returns(Page[OrgPublicRead])
@public
@query_args(DirectoryQuery)
async def directory(request: Request, query: DirectoryQuery) -> HTTPResponse:
    items, total = await orgs.search_directory(q=query.q, town_id=query.town_id, category=query.category,
                                               served_group=query.served_group, page=query.page,
                                               page_size=query.page_size)
    return respond(Page[OrgPublicRead](items=[OrgPublicRead.of(o) for o in items], total=total,
                                       page=query.page, page_size=query.page_size))


@bp.get("/mine")
@openapi.summary("我所在的社会组织")
@returns(Items[MyOrgFullRead | MyOrgPublicRead])
@allow(Role.resident, Role.leader)
async def mine(request: Request, actor: Actor, pd: PersonalData) -> HTTPResponse:
    items = [my_org_read(org, member, pd) for org, member in await orgs.my_orgs(user_id=actor.user_id)]
    return respond(Items[MyOrgFullRead | MyOrgPublicRead](items=items))


@bp.get("/<org_id:int>")
@openapi.summary("社会组织详情（负责人看到本组织完整信息，手机号脱敏）")
@returns(OrgFullRead | OrgPublicRead)
@public
async def detail(request: Request, org_id: int, pd: PersonalData) -> HTTPResponse:
    org, full = await orgs.visible_org(org_id=org_id, actor=await optional_actor(request))
    return respond(OrgFullRead.of_full(org, pd) if full else OrgPublicRead.of(org))


@bp.patch("/<org_id:int>")
@openapi.summary("负责人修改本组织登记信息（已登记组织的修改需重新审核）")
@returns(OrgFullRead)
@allow(Role.leader)
@json_body(OrgUpdate)
async def update(request: Request, org_id: int, body: OrgUpdate, actor: Actor, pd: PersonalData,
                 wechat: WeChatGateway) -> HTTPResponse:
    changes = {k: v for k, v in body.model_dump(exclude_unset=True).items()
               if v is not None or k in NULLABLE_UPDATES}
    if not changes:
        raise field_error("body", "没有要修改的内容")
    await access.require_org_leader(org_id=org_id, actor=actor)
    await orgs.ensure_text_safe(wechat=wechat, user_id=actor.user_id,
                                texts=[changes.get("name") or "", changes.get("description") or ""])
    org = await orgs.update_org(actor=actor, org_id=org_id, changes=changes, pd=pd)
    return respond(await _full(org.id, pd))


@bp.put("/<org_id:int>/party")
@openapi.summary("负责人更新本组织党建信息（正式党员数、是否单独建立党组织）")
@returns(OrgFullRead)
@allow(Role.leader)
@json_body(PartyData)
async def update_party(request: Request, org_id: int, body: PartyData, actor: Actor,
                       pd: PersonalData) -> HTTPResponse:
    org = await access.require_org_leader(org_id=org_id, actor=actor)
    await party_building.update_party_data(actor=actor, org=org,
                                           party_member_count=body.party_member_count,
                                           own_party_org=body.own_party_org)
    return respond(await _full(org.id, pd))


@bp.post("/<org_id:int>/invites")
@openapi.summary("负责人生成一次性成员邀请码（7 天有效）")
@returns(InviteRead, 201)
@allow(Role.leader)
async def create_invite(request: Request, org_id: int, actor: Actor, redis: Redis) -> HTTPResponse:
    code, ttl = await orgs.create_invite(redis=redis, actor=actor, org_id=org_id)
    return respond(InviteRead(code=code, expires_in=ttl), 201)


@bp.post("/join")
@openapi.summary("用邀请码加入社会组织")
@returns(MembershipRead, 201)
@allow(Role.resident, Role.leader)
@json_body(JoinWithCode)
async def join(request: Request, body: JoinWithCode, actor: Actor, redis: Redis) -> HTTPResponse:
    member = await orgs.join_with_invite(redis=redis, user_id=actor.user_id, code=body.code)
    return respond(MembershipRead(org_id=member.org_id, role=str(member.role)), 201)


@bp.post("/claims")
@openapi.summary("凭统一社会信用代码认领已登记的组织（待工作人员确认）")
@returns(ClaimSubmitted, 201)
@allow(Role.resident, Role.leader)
@json_body(ClaimCreate)
async def claim(request: Request, body: ClaimCreate, actor: Actor) -> HTTPResponse:
    member = await orgs.claim_org(actor=actor, credit_code=body.credit_code)
    return respond(ClaimSubmitted(claim_id=member.id, org_id=member.org_id, status="pending"), 201)
