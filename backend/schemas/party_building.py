"""What the party-building routes return: the coverage dashboard, joint branches and suggestions, and
the party-building block of an organization's full record."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from backend.schemas import Instant, ReadModel

Form = Literal["own", "joint_branch", "instructor", "none"]
RequiredForm = Literal["own", "joint_branch", "instructor"]


class TownRef(ReadModel):
    id: int
    name: str = Field(examples=["新城街道"])


class BranchRef(ReadModel):
    id: int
    name: str = Field(examples=["新城街道社会组织联合党支部"])


class CoverageRead(ReadModel):
    """An organization's party building (item 2): what it has, what it needs, who is responsible (item 1)."""

    party_member_count: int = Field(ge=0, description="正式党员人数")
    own_party_org: bool = Field(description="是否已单独成立党组织")
    coverage_form: Form = Field(description="实际覆盖方式：own 单独组建 / joint_branch 联合党支部 / "
                                            "instructor 党建工作指导员 / none 未覆盖")
    required_form: RequiredForm = Field(description="按正式党员人数应采取的覆盖方式")
    covered: bool = Field(description="覆盖方式是否达到要求")
    joint_branch: BranchRef | None = Field(description="所在联合党支部")
    instructor_name: str = Field(description="党建工作指导员姓名；未选派为空")
    blank_spot: bool = Field(description="是否为“三同步”空白点")
    responsible_party_org: str = Field(description="党建工作负责党组织", examples=["社会组织综合党委"])


class CoverageCounts(ReadModel):
    own: int
    joint_branch: int
    instructor: int
    none: int
    own_rate: float = Field(ge=0, le=1)
    joint_branch_rate: float = Field(ge=0, le=1)
    instructor_rate: float = Field(ge=0, le=1)
    covered: int
    uncovered: int
    covered_rate: float = Field(ge=0, le=1, description="达标率（以已登记组织为分母）")


class RequiredCounts(ReadModel):
    own: int
    joint_branch: int
    instructor: int


class CoverageSummary(ReadModel):
    total: int = Field(description="组织总数（含未登记）")
    active: int = Field(description="已登记组织数（比率的分母）")
    by_status: dict[str, int] = Field(description="按登记状态的组织数")
    by_category: dict[str, int] = Field(description="按类别的已登记组织数")
    required: RequiredCounts = Field(description="按应采取覆盖方式的组织数")
    coverage: CoverageCounts
    blank_spot_count: int = Field(description="“三同步”空白点数")


class TownCoverage(CoverageSummary):
    town: TownRef


class DashboardScope(ReadModel):
    town_id: int | None = Field(description="镇街 id；全区为 null")
    name: str = Field(examples=["全区"])


class BlankSpot(ReadModel):
    id: int
    name: str
    town: TownRef
    category: str
    party_member_count: int
    required_form: RequiredForm
    approved_at: Instant | None


class CoverageDashboard(ReadModel):
    scope: DashboardScope
    denominator: Literal["active"] = Field(description="比率的分母：已登记组织")
    overall: CoverageSummary
    towns: list[TownCoverage]
    blank_spots: list[BlankSpot] = Field(
        description="全部“三同步”空白点（整表；分页读取用 GET /party-building/blank-spots）")


class BranchUnit(ReadModel):
    id: int
    name: str
    category: str
    party_member_count: int


class BranchRead(ReadModel):
    id: int
    name: str = Field(examples=["新城街道社会组织联合党支部"])
    town: TownRef
    unit_count: int
    max_units: int = Field(description="覆盖单位上限（5 个）")
    units: list[BranchUnit]


class BranchSuggestion(ReadModel):
    town: TownRef
    categories: list[str]
    suggested_name: str = Field(examples=["新城街道公益慈善类社会组织联合党支部"])
    unit_count: int
    units: list[BranchUnit]
