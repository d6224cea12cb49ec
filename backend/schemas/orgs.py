"""What the organization endpoints return: the public card, the full record (phone masked), claims,
supervision history."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from backend.crypto import PersonalData, mask_phone
from backend.models.organization import (
    ChangeStatus,
    CreditStatus,
    LegalForm,
    Organization,
    OrgCategory,
    OrgMember,
    OrgStatus,
    RegistrationMode,
    ReviewStage,
    SupervisionLevel,
    SupervisionRecord,
)
from backend.schemas import Day, Instant, ReadModel
from backend.schemas.party_building import CoverageRead
from backend.services.charters import charter_flags
from backend.services.orgs import (
    CATEGORY_LABELS,
    LEGAL_FORM_LABELS,
    STAGE_LABELS,
    STATUS_LABELS,
    SUPERVISION_LABELS,
    masked_phone,
    review_stage,
)
from backend.services.party_building import coverage_view


class RegionRef(ReadModel):
    id: int
    name: str

    @classmethod
    def of(cls, region: Any) -> RegionRef | None:
        """A fetched region as {id, name}; None when empty or not fetched."""
        return cls(id=region.id, name=region.name) if region is not None and hasattr(region, "name") else None


class CharterFileRead(ReadModel):
    """An uploaded charter: what the software could read of it."""

    id: int
    original_name: str
    content_type: str
    size: int
    readable: bool = Field(description="是否有文字层（扫描件为 false，须人工阅读）")
    party_clause: bool = Field(description="文字中是否载明坚持党的领导")
    uploaded_at: Instant

    @classmethod
    def of(cls, row: Any) -> CharterFileRead:
        return cls(id=row.id, original_name=row.original_name, content_type=row.content_type, size=row.size,
                   readable=row.readable, party_clause=row.party_clause, uploaded_at=row.created_at)

    @classmethod
    def of_fetched(cls, row: Any) -> CharterFileRead | None:
        """A fetched charter file; None when there is none (or it was not fetched)."""
        return cls.of(row) if row is not None and hasattr(row, "original_name") else None


class OrgPublicRead(ReadModel):
    """What anyone may see: no contact person, no phone, no internal review data."""

    id: int
    name: str
    credit_code: str | None
    legal_form: LegalForm
    legal_form_label: str = Field(examples=["社会团体"])
    category: OrgCategory
    category_label: str = Field(examples=["公益慈善类"])
    town: RegionRef | None
    community: RegionRef | None
    address: str
    description: str
    served_groups: list[str]
    approved_at: Instant | None
    credit_mark: str | None = Field(None, description="信用名录标注：活动异常名录 / 严重违法失信名单；正常为空")

    @classmethod
    def _public(cls, org: Organization) -> dict[str, Any]:
        return {
            "id": org.id, "name": org.name, "credit_code": org.credit_code,
            "legal_form": str(org.legal_form), "legal_form_label": LEGAL_FORM_LABELS[str(org.legal_form)],
            "category": str(org.category), "category_label": CATEGORY_LABELS[str(org.category)],
            "town": RegionRef.of(org.town), "community": RegionRef.of(org.community), "address": org.address,
            "description": org.description, "served_groups": list(org.served_groups or []),
            "approved_at": org.approved_at,
            "credit_mark": CREDIT_MARKS.get(str(org.credit_status)),
        }

    @classmethod
    def of(cls, org: Organization) -> OrgPublicRead:
        return cls(**cls._public(org))


def pending_change_view(change: dict[str, Any] | None, pd: PersonalData) -> dict[str, Any] | None:
    """The proposed change with its phone masked and its charter flags spelled out for the reviewer."""
    if not change:
        return None
    view = {k: v for k, v in change.items() if k not in ("contact_phone_encrypted", "served_groups_text")}
    encrypted = change.get("contact_phone_encrypted")
    view["contact_phone"] = mask_phone(pd.decrypt(encrypted)) if encrypted else ""
    view["charter_flags"] = charter_flags(charter_text=change.get("charter_text") or "",
                                          file_id=change.get("charter_file_id"),
                                          file_readable=change.get("charter_file_readable", True),
                                          party_clause=bool(change.get("charter_party_clause")))
    return view


CREDIT_MARKS = {"abnormal": "活动异常名录", "untrustworthy": "严重违法失信名单"}


def _stage_view(org: Organization) -> dict[str, Any]:
    stage = review_stage(org)
    return {"review_stage": str(stage) if stage else None, "review_stage_label": STAGE_LABELS.get(str(stage), ""),
            "town_opinion": org.town_opinion, "town_reviewed_at": org.town_reviewed_at}


class OrgFullRead(OrgPublicRead):
    """The whole record for the organization's leader and for staff; the phone is masked."""

    status: OrgStatus
    status_label: str = Field(examples=["待审核"])
    status_reason: str
    sensitive_areas: list[str]
    registration_mode: RegistrationMode = Field(description="direct 直接登记 / dual 双重管理")
    supervisor_unit: str | None
    contact_name: str
    contact_phone: str = Field(description="联系人手机号（脱敏）")
    charter_text: str
    charter_file: CharterFileRead | None = Field(description="上传的章程文件")
    charter_party_clause: bool
    charter_flags: list[str]
    party_building: CoverageRead = Field(description="党建覆盖情况")
    supervision_level: SupervisionLevel
    supervision_label: str
    credit_status: CreditStatus
    change_status: ChangeStatus
    change_reason: str
    pending_change: dict[str, Any] | None = Field(description="待审核的变更（手机号脱敏）")
    review_stage: ReviewStage | None = Field(
        description="两级审核所处阶段：town 待镇街初审 / district 待区级审核；无待审核事项时为 null")
    review_stage_label: str = Field(examples=["待镇街初审"], description="审核阶段（中文）；无待审核事项时为空")
    town_opinion: str = Field(description="镇街初审意见（通过时的备注）")
    town_reviewed_at: Instant | None = Field(description="镇街出具初审意见的时间")
    created_at: Instant | None

    @classmethod
    def _full(cls, org: Organization, pd: PersonalData) -> dict[str, Any]:
        return {
            **cls._public(org),
            "status": str(org.status), "status_label": STATUS_LABELS[str(org.status)],
            "status_reason": org.status_reason, "sensitive_areas": list(org.sensitive_areas or []),
            "registration_mode": str(org.registration_mode), "supervisor_unit": org.supervisor_unit,
            "contact_name": org.contact_name, "contact_phone": masked_phone(org, pd),
            "charter_text": org.charter_text, "charter_file": CharterFileRead.of_fetched(org.charter_file),
            "charter_party_clause": org.charter_party_clause,
            "charter_flags": charter_flags(charter_text=org.charter_text, file_id=org.charter_file_id,
                                           file_readable=org.charter_file_readable,
                                           party_clause=org.charter_party_clause),
            "party_building": coverage_view(org),
            "supervision_level": str(org.supervision_level),
            "supervision_label": SUPERVISION_LABELS[str(org.supervision_level)],
            "credit_status": str(org.credit_status),
            "change_status": str(org.change_status), "change_reason": org.change_reason,
            "pending_change": pending_change_view(org.pending_change, pd),
            **_stage_view(org),
            "created_at": org.created_at,
        }

    @classmethod
    def of_full(cls, org: Organization, pd: PersonalData) -> OrgFullRead:
        return cls(**cls._full(org, pd))


class _Membership(ReadModel):
    my_role: str
    confirmed: bool


class MyOrgPublicRead(OrgPublicRead, _Membership):
    """One of my organizations where I am not its confirmed leader."""


class MyOrgFullRead(OrgFullRead, _Membership):
    """One of my organizations that I lead."""


def my_org_read(org: Organization, member: OrgMember, pd: PersonalData) -> MyOrgFullRead | MyOrgPublicRead:
    """A leader sees their organization's full record; other members see its public card."""
    membership = {"my_role": str(member.role), "confirmed": member.confirmed}
    if member.role == "leader" and member.confirmed:
        return MyOrgFullRead(**OrgFullRead._full(org, pd), **membership)
    return MyOrgPublicRead(**OrgPublicRead._public(org), **membership)


class SupervisionRead(ReadModel):
    id: int
    level: SupervisionLevel
    previous_level: SupervisionLevel
    suggested_level: SupervisionLevel | None = Field(description="设定时系统依据信用与抽查记录给出的建议等级")
    reason: str
    actor_id: int | None
    created_at: Instant

    @classmethod
    def of(cls, record: SupervisionRecord) -> SupervisionRead:
        return cls(id=record.id, level=str(record.level), previous_level=str(record.previous_level),
                   suggested_level=str(record.suggested_level) if record.suggested_level else None,
                   reason=record.reason, actor_id=record.actor_id, created_at=record.created_at)


class OrgRef(ReadModel):
    id: int
    name: str
    credit_code: str | None


class UserRef(ReadModel):
    id: int
    nickname: str


class ClaimRead(ReadModel):
    id: int
    org: OrgRef
    user: UserRef
    created_at: Instant

    @classmethod
    def of(cls, claim: OrgMember) -> ClaimRead:
        return cls(id=claim.id, org=OrgRef(id=claim.org.id, name=claim.org.name, credit_code=claim.org.credit_code),
                   user=UserRef(id=claim.user.id, nickname=claim.user.nickname), created_at=claim.created_at)


class ClaimDecisionRead(ReadModel):
    claim_id: int
    org_id: int
    decision: str


class ClaimSubmitted(ReadModel):
    claim_id: int
    org_id: int
    status: str


class MembershipRead(ReadModel):
    org_id: int
    role: str


class InviteRead(ReadModel):
    code: str = Field(description="邀请码")
    expires_in: int = Field(description="有效期（秒）")


class CreditStatusRead(ReadModel):
    id: int
    credit_status: CreditStatus
    annual_report_due: Day | None = Field(description="年报应报送日期")


class ContactPhoneRead(ReadModel):
    contact_phone: str = Field(description="联系人完整手机号（本次查看已记入审计日志）", examples=["13800138000"])
