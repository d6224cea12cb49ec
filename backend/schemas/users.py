"""What the sign-in routes return: the signed-in person and their token (mini-program and staff console)."""

from __future__ import annotations

from pydantic import Field

from backend.models.user import Role, User
from backend.schemas import Instant, ReadModel


class UserRead(ReadModel):
    """The person signed in on the mini-program."""

    id: int
    role: Role
    nickname: str = Field(examples=["微信用户"])
    scope_region_id: int | None = Field(description="工作人员的管辖镇街；为空为全区")

    @classmethod
    def of(cls, user: User) -> UserRead:
        return cls(id=user.id, role=user.role, nickname=user.nickname, scope_region_id=user.scope_region_id)


class LoginRead(ReadModel):
    token: str = Field(description="登录令牌：放在 Authorization: Bearer 头中")
    expires_in: int = Field(description="有效期（秒）")
    user: UserRead


class StaffUserRead(ReadModel):
    """A staff account as the console shows it."""

    id: int
    role: Role
    username: str | None = Field(description="用户名；以开发登录进入的账号为空", examples=["zhangsan"])
    real_name: str = Field(examples=["张三"])
    scope_region_id: int | None = Field(description="管辖镇街 id；为空为全区")
    must_change_password: bool = Field(
        False, description="正在使用管理员重置的临时密码：须先修改密码（PUT /api/admin/v1/auth/password）才能继续操作")


class StaffAccountRead(StaffUserRead):
    """A staff account as an admin manages it."""

    active: bool = Field(description="是否启用；停用的账号不能登录，已登录的令牌失效")
    created_at: Instant
    last_login_at: Instant | None = Field(description="最近登录时间")


class TemporaryPasswordRead(ReadModel):
    temporary_password: str | None = Field(
        description="系统生成的临时密码（只显示这一次，请当面或电话告知本人）；管理员自行设置密码时为空")


class StaffLoginRead(ReadModel):
    token: str = Field(description="登录令牌：放在 Authorization: Bearer 头中")
    expires_in: int = Field(description="有效期（秒）")
    user: StaffUserRead
