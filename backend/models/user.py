"""People who use the service: residents and leaders sign in with WeChat, staff with a password."""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model

from backend.models.region import Region


class Role(StrEnum):
    resident = "resident"
    leader = "leader"
    staff = "staff"
    admin = "admin"


class User(Model):
    id = fields.IntField(primary_key=True)
    role = fields.CharEnumField(Role, max_length=16, default=Role.resident)
    openid = fields.CharField(max_length=64, unique=True, null=True)
    unionid = fields.CharField(max_length=64, null=True, db_index=True)
    nickname = fields.CharField(max_length=64, default="")
    real_name = fields.CharField(max_length=32, default="")
    # Phone numbers are personal data: stored encrypted, shown masked (see backend.crypto).
    phone_encrypted = fields.TextField(null=True)
    # True when the phone came from WeChat's getPhoneNumber (verified by WeChat), False when typed.
    phone_verified = fields.BooleanField(default=False)
    # PIPL art. 14: which version of the collection notice the person agreed to, and when.
    consent_version = fields.CharField(max_length=16, null=True)
    consent_at = fields.DatetimeField(null=True)
    username = fields.CharField(max_length=64, unique=True, null=True)
    password_hash = fields.CharField(max_length=255, null=True)
    # Staff scope: None means the whole district; otherwise one town/street.
    scope_region: fields.ForeignKeyNullableRelation[Region] = fields.ForeignKeyField(
        "models.Region", related_name="staff", null=True, on_delete=fields.RESTRICT
    )
    scope_region_id: int | None
    active = fields.BooleanField(default=True)
    # Set when an admin hands out a temporary password: until the person picks their own, their
    # token opens only the routes needed to do so (backend.auth.allow).
    must_change_password = fields.BooleanField(default=False)
    created_at = fields.DatetimeField(auto_now_add=True)
    last_login_at = fields.DatetimeField(null=True)

    class Meta:
        table = "app_user"

    @property
    def is_staff(self) -> bool:
        return self.role in (Role.staff, Role.admin)
