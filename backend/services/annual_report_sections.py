"""The sections of an annual report (年度工作报告) as documents, each validated on its own.

The content follows the national practice for 年报: basic data and changes of registered data,
activities, leaders and council, finances, donations and funding given, 评比达标表彰, the member-fee
schedule of 行业协会商会, and the party-building report (党建工作报告). A section is saved whole; a
failure names the field the way a form shows it (`finances.income[2].amount`) and nothing is saved.

Money is Decimal yuan with two places, never negative; totals must equal their lines.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from backend.errors import Unprocessable, fields_error, validation_details

Money = Annotated[Decimal, Field(ge=0, max_digits=14, decimal_places=2, description="金额（元，两位小数，不能为负）")]
Text = Annotated[str, Field(max_length=2000)]
Name = Annotated[str, Field(min_length=1, max_length=32)]


class SectionKey(StrEnum):
    basic = "basic"  # 基本信息及登记事项变更
    activities = "activities"  # 开展活动情况
    people = "people"  # 负责人、理事会成员及工作人员
    finances = "finances"  # 财务情况
    donations = "donations"  # 接受捐赠、对外资助及评比达标表彰
    member_fees = "member_fees"  # 会费标准（行业协会商会）
    party = "party"  # 党建工作报告


SECTION_LABELS = {
    SectionKey.basic: "基本信息及变更情况", SectionKey.activities: "开展活动情况",
    SectionKey.people: "负责人、理事会及工作人员", SectionKey.finances: "财务情况",
    SectionKey.donations: "捐赠、资助及评比达标表彰", SectionKey.member_fees: "会费标准",
    SectionKey.party: "党建工作报告",
}
COMMON_SECTIONS = [SectionKey.basic, SectionKey.activities, SectionKey.people, SectionKey.finances,
                   SectionKey.donations, SectionKey.party]
# The default per legal form; a year may set its own. Industry associations always add member_fees.
DEFAULT_REQUIRED = {"social_group": [s.value for s in COMMON_SECTIONS],
                    "foundation": [s.value for s in COMMON_SECTIONS],
                    "social_service": [s.value for s in COMMON_SECTIONS]}


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


class RegisteredChange(Section):
    item: str = Field(min_length=1, max_length=64, description="变更事项，如 住所、业务主管单位")
    before: Text = Field("", description="变更前")
    after: Text = Field("", description="变更后")
    changed_on: date | None = Field(None, description="核准日期")


class BasicSection(Section):
    legal_representative: Name = Field(description="法定代表人姓名（公开）")
    address: str = Field(min_length=1, max_length=255, description="住所")
    supervisor_unit: str = Field("", max_length=128, description="业务主管单位")
    member_count: int = Field(0, ge=0, le=10_000_000, description="会员数（社会团体）")
    changes: list[RegisteredChange] = Field(default_factory=list, max_length=50, description="本年度登记事项变更")


class ActivitiesSection(Section):
    count: int = Field(ge=0, le=100_000, description="本年度开展活动次数")
    participants: int = Field(ge=0, le=10_000_000, description="参与人次")
    service_hours: Decimal = Field(ge=0, max_digits=12, decimal_places=1, description="服务时长（小时）")
    summary: Text = Field("", description="主要活动情况")


class Person(Section):
    name: Name
    position: str = Field("", max_length=32, description="职务")


class PeopleSection(Section):
    leaders: list[Person] = Field(min_length=1, max_length=50, description="负责人")
    council_members: list[Person] = Field(default_factory=list, max_length=200, description="理事会成员")
    council_term_end: date | None = Field(None, description="本届理事会任期届满日期")
    full_time_staff: int = Field(0, ge=0, le=100_000, description="专职工作人员数")
    part_time_staff: int = Field(0, ge=0, le=100_000, description="兼职工作人员数")
    volunteers: int = Field(0, ge=0, le=10_000_000, description="志愿者人数")


class IncomeSource(StrEnum):
    member_fees = "会费"
    donations = "捐赠"
    government = "政府购买服务/公益创投"
    business = "经营服务"
    other = "其他"


class IncomeLine(Section):
    source: IncomeSource
    amount: Money
    note: str = Field("", max_length=200)


class ExpenseLine(Section):
    item: str = Field(min_length=1, max_length=64, description="支出项目")
    amount: Money


class FinancesSection(Section):
    income: list[IncomeLine] = Field(max_length=50, description="收入（按来源）")
    income_total: Money = Field(description="收入合计（须等于各项之和）")
    expenses: list[ExpenseLine] = Field(max_length=100, description="支出")
    expense_total: Money = Field(description="支出合计（须等于各项之和）")
    net_assets_end: Money = Field(description="年末净资产")


class Donation(Section):
    donor: str = Field(min_length=1, max_length=128, description="捐赠方（单位名称或“个人”）")
    amount: Money
    purpose: str = Field("", max_length=200)


class Funding(Section):
    recipient: str = Field(min_length=1, max_length=128, description="资助对象")
    amount: Money
    purpose: str = Field("", max_length=200)


class Award(Section):
    name: str = Field(min_length=1, max_length=128, description="评比达标表彰项目名称")
    fee_charged: Money = Field(Decimal(0), description="向参评对象收取的费用（元）")


class DonationsSection(Section):
    donations_received: list[Donation] = Field(default_factory=list, max_length=200)
    funding_given: list[Funding] = Field(default_factory=list, max_length=200)
    awards: list[Award] = Field(default_factory=list, max_length=50, description="开展的评比达标表彰活动")


class FeeLevel(Section):
    level: str = Field(min_length=1, max_length=32, description="档次，如 会长单位、理事单位、会员单位")
    amount: Money | None = Field(None, description="每年会费（元）；未定额为 null")


class MemberFeesSection(Section):
    levels: list[FeeLevel] = Field(max_length=50, description="会费档次及标准")
    adopted_on: date | None = Field(None, description="会员大会通过会费标准的日期")


class CoverageFormIn(StrEnum):
    own = "own"
    joint_branch = "joint_branch"
    instructor = "instructor"
    none = "none"


class PartySection(Section):
    formal_members: int = Field(ge=0, le=100_000, description="正式党员人数")
    coverage_form: CoverageFormIn = Field(
        description="own 单独组建 / joint_branch 联合党支部 / instructor 指导员 / none")
    joint_branch: str = Field("", max_length=128, description="所在联合党支部")
    instructor: str = Field("", max_length=32, description="党建工作指导员")
    activities_held: int = Field(0, ge=0, le=10_000, description="本年度开展党建活动次数")
    summary: Text = Field("", description="党建工作情况")


MODELS: dict[SectionKey, type[Section]] = {
    SectionKey.basic: BasicSection, SectionKey.activities: ActivitiesSection, SectionKey.people: PeopleSection,
    SectionKey.finances: FinancesSection, SectionKey.donations: DonationsSection,
    SectionKey.member_fees: MemberFeesSection, SectionKey.party: PartySection,
}


def _path(section: str, loc: str) -> str:
    """`income.2.amount` → `finances.income[2].amount`."""
    parts: list[str] = [section]
    for part in loc.split(".") if loc and loc != "body" else []:
        if part.isdigit():
            parts[-1] += f"[{part}]"
        else:
            parts.append(part)
    return ".".join(parts)


def _fail(fields: list[dict[str, str]]) -> Unprocessable:
    return fields_error(fields)


def parse(section: SectionKey, data: Any) -> Section:
    """The section validated as a document, or a 422 naming each bad field under the section."""
    try:
        parsed = MODELS[section].model_validate(data)
    except ValidationError as exc:
        raise _fail([{"field": _path(section.value, f["field"]), "message": f["message"]}
                     for f in validation_details(exc)]) from None
    problems = _number_rules(section, parsed)
    if problems:
        raise _fail(problems)
    return parsed


def _number_rules(section: SectionKey, parsed: Section) -> list[dict[str, str]]:
    """The money rules a form cannot express: totals equal their lines."""
    if not isinstance(parsed, FinancesSection):
        return []
    problems = []
    for total, lines, label in (("income_total", parsed.income, "收入"), ("expense_total", parsed.expenses, "支出")):
        expected = sum((line.amount for line in lines), Decimal(0))
        if getattr(parsed, total) != expected:
            problems.append({"field": f"{section.value}.{total}",
                             "message": f"{label}合计应等于各项之和 {expected:.2f}"})
    return problems


def dump(parsed: Section) -> dict[str, Any]:
    """The section as stored JSON (Decimal as strings with two places, dates ISO)."""
    return parsed.model_dump(mode="json")


# --- item-10 findings (reported to the reviewer, never silently refused) ----------------------------

MAX_FEE_LEVELS = 4  # 民发〔2014〕166号：会费档次"一般不超过4级"


def findings(sections: dict[str, Any]) -> list[dict[str, str]]:
    """Item 10 checks on member fees and 评比达标表彰 charges, each naming its rule."""
    found: list[dict[str, str]] = []
    levels = (sections.get(SectionKey.member_fees.value) or {}).get("levels") or []
    if len(levels) > MAX_FEE_LEVELS:
        found.append({"code": "fee_levels_over_4", "field": "member_fees.levels",
                      "message": f"会费设 {len(levels)} 个档次，超过 {MAX_FEE_LEVELS} 级"
                                 "（民发〔2014〕166号：会费档次一般不超过4级）"})
    for i, level in enumerate(levels):
        if level.get("amount") is None:
            found.append({"code": "fee_level_without_amount", "field": f"member_fees.levels[{i}].amount",
                          "message": f"会费档次“{level.get('level')}”未规定具体金额"})
    awards = (sections.get(SectionKey.donations.value) or {}).get("awards") or []
    for i, award in enumerate(awards):
        if Decimal(str(award.get("fee_charged") or 0)) > 0:
            found.append({"code": "fee_for_awards", "field": f"donations.awards[{i}].fee_charged",
                          "message": f"评比达标表彰“{award.get('name')}”向参评对象收费 {award.get('fee_charged')} 元"
                                     "（严禁利用评比达标表彰活动收费）"})
    return found
