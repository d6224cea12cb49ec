"""Social organizations (社会组织), their leaders and members, and their party-building state."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from enum import StrEnum
from typing import Any

from tortoise import fields
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.models import Model

from backend.models.region import Region
from backend.models.user import User


class LegalForm(StrEnum):
    social_group = "social_group"  # 社会团体
    foundation = "foundation"  # 基金会
    social_service = "social_service"  # 社会服务机构（民办非企业单位）


class OrgCategory(StrEnum):
    industry_association = "industry_association"  # 行业协会商会
    science_tech = "science_tech"  # 科技类
    charity = "charity"  # 公益慈善类
    community_service = "community_service"  # 城乡社区服务类
    other = "other"


NAME_KEY_LENGTH = 255


def name_key(name: str) -> str:
    """A name as duplicates are compared: NFKC (full-width letters, digits and brackets become ordinary
    ones), then without whitespace or invisible format characters, case-folded."""
    text = unicodedata.normalize("NFKC", name)
    kept = (ch for ch in text if not ch.isspace() and unicodedata.category(ch) != "Cf")
    return "".join(kept).casefold()[:NAME_KEY_LENGTH]


class OrgStatus(StrEnum):
    pending = "pending"  # 待审核
    active = "active"  # 已登记
    returned = "returned"  # 退回修改
    rejected = "rejected"  # 不予登记
    deregistered = "deregistered"  # 已注销


class CoverageForm(StrEnum):
    own = "own"  # 单独成立党组织
    joint_branch = "joint_branch"  # 联合党支部
    instructor = "instructor"  # 党建工作指导员 / "1+N"
    none = "none"


class SupervisionLevel(StrEnum):
    normal = "normal"
    guidance = "guidance"  # 运作不规范 → 指导
    talk = "talk"  # 轻微违规 → 约谈
    key = "key"  # 严重违规 → 重点监管


class CreditStatus(StrEnum):
    normal = "normal"
    abnormal = "abnormal"  # 活动异常名录
    untrustworthy = "untrustworthy"  # 严重违法失信名单


class MemberRole(StrEnum):
    leader = "leader"
    member = "member"


class RegistrationMode(StrEnum):
    direct = "direct"  # 直接登记 (item 4)
    dual = "dual"  # 双重管理: a 业务主管单位 first


class ChangeStatus(StrEnum):
    """A leader's change to an active organization waits for staff review like a registration."""

    none = "none"
    pending = "pending"
    returned = "returned"


class ReviewStage(StrEnum):
    """Where a pending registration or change stands in the two-level review (not stored: it follows from
    `town_reviewed_at`)."""

    town = "town"  # 待镇街初审
    district = "district"  # 镇街已初审，待区级登记管理机关审核


class JointBranch(Model):
    """联合党支部: one party branch covering at most five organizations (item 2)."""

    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=128)
    region: fields.ForeignKeyRelation[Region] = fields.ForeignKeyField(
        "models.Region", related_name="joint_branches", on_delete=fields.RESTRICT)
    region_id: int
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "joint_branch"


class CharterFile(Model):
    """A charter uploaded from the phone (PDF/DOCX, sniffed), stored under var/uploads with its extracted text.

    Uploaded before the registration or change that names it; only its uploader may name it.
    """

    id = fields.IntField(primary_key=True)
    uploaded_by: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="charter_files", on_delete=fields.RESTRICT)
    uploaded_by_id: int
    original_name = fields.CharField(max_length=255)
    stored_name = fields.CharField(max_length=80, unique=True)
    content_type = fields.CharField(max_length=100)
    size = fields.IntField()
    sha256 = fields.CharField(max_length=64)
    text = fields.TextField(default="")
    # Whether the file has a text layer at all (a scanned PDF has none and is read by a person).
    readable = fields.BooleanField(default=True)
    party_clause = fields.BooleanField(default=False)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "charter_file"


class Organization(Model):
    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=128, db_index=True)
    # name_key(name), kept in step by save(): two live organizations may not share it (services.orgs).
    name_key = fields.CharField(max_length=NAME_KEY_LENGTH, default="", db_index=True)
    credit_code = fields.CharField(max_length=18, unique=True, null=True)
    legal_form = fields.CharEnumField(LegalForm, max_length=24)
    category = fields.CharEnumField(OrgCategory, max_length=32)
    # Item 4: ideology, financial security or life-and-health fields need a 业务主管单位 first.
    sensitive_field = fields.BooleanField(default=False)
    sensitive_areas: Any = fields.JSONField(default=list)  # ideology / financial_security / life_health
    registration_mode = fields.CharEnumField(RegistrationMode, max_length=16, default=RegistrationMode.direct)
    supervisor_unit = fields.CharField(max_length=128, null=True)
    town: fields.ForeignKeyRelation[Region] = fields.ForeignKeyField(
        "models.Region", related_name="orgs_in_town", on_delete=fields.RESTRICT)
    town_id: int
    community: fields.ForeignKeyNullableRelation[Region] = fields.ForeignKeyField(
        "models.Region", related_name="orgs_in_community", null=True, on_delete=fields.RESTRICT)
    community_id: int | None
    address = fields.CharField(max_length=255, default="")
    description = fields.TextField(default="")
    served_groups: Any = fields.JSONField(default=list)  # 孤寡老人, 困境儿童, 特困人员, 残疾人, …
    # "|孤寡老人|残疾人|": a plain-text copy so the directory filters the same way on SQLite and PostgreSQL.
    served_groups_text = fields.CharField(max_length=512, default="")
    contact_name = fields.CharField(max_length=32, default="")
    contact_phone_encrypted = fields.TextField(null=True)
    status = fields.CharEnumField(OrgStatus, max_length=16, default=OrgStatus.pending, db_index=True)
    status_reason = fields.TextField(default="")
    charter_text = fields.TextField(default="")
    # The uploaded charter (PDF/DOCX), its text checked like charter_text; None when the text was typed.
    charter_file: fields.ForeignKeyNullableRelation[CharterFile] = fields.ForeignKeyField(
        "models.CharterFile", related_name="orgs", null=True, on_delete=fields.RESTRICT)
    charter_file_id: int | None
    # False for a charter file with no text layer (a scan): a person must read it.
    charter_file_readable = fields.BooleanField(default=True)
    # Item 5: the charter must state adherence to the Party's overall leadership.
    charter_party_clause = fields.BooleanField(default=False)
    party_member_count = fields.IntField(default=0)
    # Kept apart from coverage_form so leaving a joint branch falls back to the right form.
    own_party_org = fields.BooleanField(default=False)
    coverage_form = fields.CharEnumField(CoverageForm, max_length=16, default=CoverageForm.none)
    joint_branch: fields.ForeignKeyNullableRelation[JointBranch] = fields.ForeignKeyField(
        "models.JointBranch", related_name="members", null=True, on_delete=fields.SET_NULL)
    joint_branch_id: int | None
    instructor_name = fields.CharField(max_length=32, default="")
    blank_spot = fields.BooleanField(default=False, db_index=True)  # 三同步 空白点
    supervision_level = fields.CharEnumField(SupervisionLevel, max_length=16, default=SupervisionLevel.normal)
    # A leader's change to an active organization: proposed fields (phone already encrypted) awaiting review.
    pending_change: Any = fields.JSONField(null=True)
    change_status = fields.CharEnumField(ChangeStatus, max_length=16, default=ChangeStatus.none)
    change_reason = fields.TextField(default="")
    # Two-level review: the town's preliminary opinion on the registration or change now pending.
    # Set when the town passes it on to the district; cleared by the district's decision and by resubmission.
    town_opinion = fields.TextField(default="")
    town_reviewed_at = fields.DatetimeField(null=True)
    town_reviewer_id = fields.IntField(null=True)
    credit_status = fields.CharEnumField(CreditStatus, max_length=16, default=CreditStatus.normal)
    annual_report_due = fields.DateField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)
    approved_at = fields.DatetimeField(null=True)

    class Meta:
        table = "organization"
        indexes = (("town_id", "status"), ("status", "category"))

    async def save(self, using_db: BaseDBAsyncClient | None = None, update_fields: Iterable[str] | None = None,
                   force_create: bool = False, force_update: bool = False) -> None:
        """Every write of the name writes its key too, whoever creates or renames the organization."""
        self.name_key = name_key(self.name)
        if update_fields is not None:
            update_fields = list(update_fields)
            if "name" in update_fields and "name_key" not in update_fields:
                update_fields.append("name_key")
        await super().save(using_db=using_db, update_fields=update_fields, force_create=force_create,
                           force_update=force_update)


class OrgMember(Model):
    """A user's place in an organization; claims wait for staff confirmation."""

    id = fields.IntField(primary_key=True)
    org: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="members", on_delete=fields.CASCADE)
    org_id: int
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="memberships", on_delete=fields.CASCADE)
    user_id: int
    role = fields.CharEnumField(MemberRole, max_length=16, default=MemberRole.member)
    confirmed = fields.BooleanField(default=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "org_member"
        unique_together = (("org", "user"),)


class SupervisionRecord(Model):
    """One change of an organization's supervision level (item 6), kept as history."""

    id = fields.IntField(primary_key=True)
    org: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="supervision_records", on_delete=fields.CASCADE)
    org_id: int
    level = fields.CharEnumField(SupervisionLevel, max_length=16)
    previous_level = fields.CharEnumField(SupervisionLevel, max_length=16)
    # What the record suggested when staff set `level` (services.supervision): confirmed or overridden.
    suggested_level = fields.CharEnumField(SupervisionLevel, max_length=16, null=True)
    reason = fields.TextField()
    actor_id = fields.IntField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "supervision_record"


class HandoverStatus(StrEnum):
    pending = "pending"  # 待工作人员确认
    confirmed = "confirmed"  # 已移交
    rejected = "rejected"  # 工作人员不予确认


class LeaderHandover(Model):
    """A leader hands leadership to a member; staff in scope confirm it when the organization is active."""

    id = fields.IntField(primary_key=True)
    org: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="handovers", on_delete=fields.CASCADE)
    org_id: int
    from_user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="handovers_given", on_delete=fields.CASCADE)
    from_user_id: int
    to_user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="handovers_received", on_delete=fields.CASCADE)
    to_user_id: int
    status = fields.CharEnumField(HandoverStatus, max_length=16, default=HandoverStatus.pending, db_index=True)
    reason = fields.TextField(default="")
    decision_reason = fields.TextField(default="")
    decided_by_id = fields.IntField(null=True)
    decided_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "leader_handover"
