"""What the audit-log route returns: one entry of the trail."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from backend.schemas import Instant, ReadModel


class AuditEntryRead(ReadModel):
    """Who did what to which object, with the state before and after."""

    id: int
    actor_id: int | None = Field(description="操作人用户 id；系统任务为空")
    actor_role: str = Field(description="操作人角色（resident/leader/staff/admin，系统任务为 system）")
    actor_name: str | None = Field(
        None, description="操作人姓名（工作人员账号的姓名，未填时为用户名）；居民、负责人和系统任务为空")
    action: str = Field(examples=["org.review.approve"], description="操作")
    object_type: str = Field(examples=["organization"], description="对象类型")
    object_id: str = Field(description="对象 id")
    town_id: int | None = Field(description="所属镇街 id；为空为全区事项")
    before: Any = Field(description="操作前（快照）")
    after: Any = Field(description="操作后（快照）")
    reason: str = Field(description="理由")
    request_id: str = Field(description="请求 id（与服务日志对应）")
    created_at: Instant

    @classmethod
    def named(cls, entry: Any, names: dict[int, str]) -> AuditEntryRead:
        """An entry with its staff operator's name (from `audit.operator_names`)."""
        read = cls.model_validate(entry)
        read.actor_name = names.get(entry.actor_id) if entry.actor_id is not None else None
        return read
