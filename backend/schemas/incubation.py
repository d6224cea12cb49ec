"""What the incubation (孵化培育) routes answer: bases, recruitment windows, eligibility, admissions.

Built by the handlers from the rows and facts `services.incubation` returns.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from backend.models.incubation import AdmissionStatus, BaseTier, IncubationBase, RecruitmentWindow
from backend.models.region import Region
from backend.schemas import Day, Instant, ReadModel
from backend.schemas.grants import AttachmentRead
from backend.services import incubation


class BaseRead(ReadModel):
    id: int
    name: str = Field(description="基地名称")
    tier: BaseTier = Field(description="district 区级 / town 镇街级 / community 社区级")
    region_id: int | None
    region_name: str | None
    support_types: list[str] = Field(description="提供的扶持")
    quota: int = Field(description="可同时孵化的组织数")
    occupied: int = Field(description="在孵组织数")
    available: int = Field(description="剩余名额")
    address: str
    description: str
    active: bool

    @classmethod
    def of(cls, b: IncubationBase) -> BaseRead:
        """For a base loaded with its region (the district base has none)."""
        return cls.model_validate(_base(b))


class PublicBaseRead(BaseRead):
    recruiting: bool = Field(description="现在是否在招募")
    recruiting_until: Instant | None = Field(description="本轮招募截止")

    @classmethod
    def recruiting_now(cls, b: IncubationBase, window: RecruitmentWindow | None) -> PublicBaseRead:
        return cls.model_validate({**_base(b), "recruiting": window is not None,
                                   "recruiting_until": window.closes_at if window else None})


def _base(b: IncubationBase) -> dict[str, Any]:
    region = b.region if isinstance(b.region, Region) else None
    return {**{name: getattr(b, name) for name in BaseRead.model_fields
               if name not in ("region_name", "available")},
            "region_name": region.name if region else None, "available": max(b.quota - b.occupied, 0)}


class WindowRead(ReadModel):
    id: int
    base_id: int
    opens_at: Instant
    closes_at: Instant


class WindowHistoryRead(ReadModel):
    """A recruitment window as the staff's list of windows shows it (past ones above all)."""

    id: int
    base_id: int
    base_name: str = Field(description="孵化基地")
    region_name: str | None = Field(description="基地所在镇街或社区；区级基地为空")
    opens_at: Instant = Field(description="开始招募")
    closes_at: Instant = Field(description="截止招募")
    note: str = Field(description="说明")
    requests: int = Field(ge=0, description="招募期内收到的入驻申请数")
    admitted: int = Field(ge=0, description="其中同意入驻的数量（含已出壳、已退出）")

    @classmethod
    def of(cls, h: incubation.WindowHistory) -> WindowHistoryRead:
        region = h.base.region if isinstance(h.base.region, Region) else None
        return cls(id=h.window.id, base_id=h.base.id, base_name=h.base.name,
                   region_name=region.name if region else None, opens_at=h.window.opens_at,
                   closes_at=h.window.closes_at, note=h.window.note, requests=h.requests, admitted=h.admitted)


class EligibilityRead(ReadModel):
    org_id: int
    org_name: str
    eligible: bool
    reasons: list[str] = Field(description="不符合的原因（逐条）")

    @classmethod
    def of(cls, e: incubation.Eligibility) -> EligibilityRead:
        return cls(org_id=e.org.id, org_name=e.org.name, eligible=not e.reasons, reasons=e.reasons)


class MilestoneCreated(ReadModel):
    id: int
    title: str
    due_date: Day


class MilestoneRead(MilestoneCreated):
    done_on: Day | None
    note: str


class MilestoneCompleted(ReadModel):
    id: int
    done_on: Day | None


class MaterialItem(ReadModel):
    name: str
    description: str = ""


class AdmissionRead(ReadModel):
    id: int
    base_id: int
    base_name: str
    org_id: int
    org_name: str
    status: AdmissionStatus
    status_label: str
    support_types: list[str]
    statement: str
    materials: list[MaterialItem] = Field(description="材料清单")
    reason: str
    period_start: Day | None = Field(description="孵化期开始")
    period_end: Day | None = Field(description="孵化期结束")
    milestones: list[MilestoneRead]
    attachments: list[AttachmentRead]

    @classmethod
    def of(cls, d: incubation.AdmissionDetail) -> AdmissionRead:
        return cls.model_validate(_admission(d))


class StaffAdmissionRead(AdmissionRead):
    eligibility_reasons: list[str] = Field(description="现在不符合入驻条件的原因；为空表示符合")

    @classmethod
    def checked(cls, d: incubation.AdmissionDetail, reasons: list[str]) -> StaffAdmissionRead:
        return cls.model_validate({**_admission(d), "eligibility_reasons": reasons})


def _admission(d: incubation.AdmissionDetail) -> dict[str, Any]:
    req = d.req
    return {"id": req.id, "base_id": d.base.id, "base_name": d.base.name, "org_id": d.org.id,
            "org_name": d.org.name, "status": req.status, "status_label": incubation.STATUS_LABELS[req.status],
            "support_types": req.support_types, "statement": req.statement, "materials": req.materials,
            "reason": req.reason, "period_start": req.period_start, "period_end": req.period_end,
            "milestones": [MilestoneRead.model_validate(m) for m in d.milestones],
            "attachments": [AttachmentRead.of(a) for a in d.attachments]}
