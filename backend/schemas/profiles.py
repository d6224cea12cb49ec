"""A resident's profile and the consent notice it is collected under."""

from __future__ import annotations

from pydantic import Field

from backend.schemas import Instant, ReadModel


class ProfileRead(ReadModel):
    real_name: str = Field(description="真实姓名；未填写为空", examples=["王小明"])
    phone: str = Field(description="手机号（脱敏）；未填写为空", examples=["139****5678"])
    phone_verified: bool = Field(description="手机号是否经微信授权获取（否则为本人填写）")
    consent_version: str | None = Field(description="本人已同意的《个人信息收集使用说明》版本；未同意为空")
    consent_at: Instant | None = Field(description="同意时间")
    consent_current: bool = Field(description="已同意的是否为当前版本；否则修改资料前须重新同意")
    current_consent_version: str = Field(description="当前说明的版本")


class ConsentRead(ReadModel):
    version: str = Field(description="说明的版本；同意时原样提交", examples=["2026-12"])
    title: str
    controller: str = Field(description="个人信息处理者")
    items: list[str] = Field(description="收集的个人信息种类")
    purpose: str = Field(description="处理目的")
    method: str = Field(description="处理方式")
    retention: str = Field(description="保存期限")
    rights: str = Field(description="个人的权利及行使方式")
    text: str = Field(description="完整说明（展示给本人）")
