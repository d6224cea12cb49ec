"""双随机一公开 random inspections (《社会组织抽查暂行办法》, 民发〔2017〕45号): plans, the inspector
pool with conflict exclusion, a reproducible seeded draw, results and rectification.

The draw ("sha256-rank-v1"), which anyone can recompute from the published seed and candidate list:
1. `count` = ceil(ratio × number of candidate organizations), at least 1 (ratio ≥ 3%, the
   county-level minimum).
2. Each candidate organization gets the key SHA-256("<seed>|org|<org_id>") as lowercase hex; the
   `count` organizations with the smallest keys are drawn.
3. For each drawn organization, each inspector of the pool not excluded for it (an excluded pair
   [org_id, inspector_id] is a conflict link) gets SHA-256("<seed>|org|<org_id>|inspector|<id>");
   the `per_check` inspectors (at least two, on-site checks need two) with the smallest keys are drawn.
`verify` (and `python -m backend redraw PLAN_ID`) recomputes it from what was published.
"""

from __future__ import annotations

import hashlib
import math
import secrets
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from tortoise.transactions import in_transaction

from backend.errors import (
    DistrictStaffOnly,
    InspectionAlreadyDrawn,
    InspectionNotDrawn,
    InspectionPlanNotFound,
    InspectionResultNotFound,
    InspectionResultState,
    InspectionStarted,
    InspectorsInsufficient,
    NoInspectionCandidates,
    field_error,
)
from backend.models.credit import (
    InspectionPlan,
    InspectionResult,
    Inspector,
    PlanKind,
    PlanStatus,
    ResultStatus,
)
from backend.models.grant import Expert
from backend.models.organization import Organization, OrgMember, OrgStatus
from backend.models.user import User
from backend.services import audit, clock, credit, events
from backend.services.access import in_scope, led_org_ids
from backend.services.actor import Actor

ALGORITHM = "sha256-rank-v1"
MIN_RATIO = Decimal("0.03")  # 民发〔2017〕45号: at least 3% of the organizations registered at county level
MIN_INSPECTORS = 2
ITEMS = {"annual_report": "年度报告", "disclosure": "信息公开", "governance": "内部治理", "finances": "财务状况",
         "activities": "业务活动"}
RESULT_LABELS = {"pending": "待检查", "no_problem": "未发现问题", "rectifying": "发现问题，整改中",
                 "submitted": "已提交整改", "accepted": "整改已验收"}
FILTER_KEYS = ("legal_form", "category", "sensitive_area", "town_id")


def _district(actor: Actor) -> None:
    if not actor.is_district_staff:
        raise DistrictStaffOnly()


# ---------------------------------------------------------------- the pool

async def create_inspector(*, actor: Actor, data: dict[str, Any]) -> Inspector:
    """Add an inspector (staff or outside expert); an expert profile's conflict links are reused."""
    _district(actor)
    if data.get("expert_id") is not None and not await Expert.exists(id=data["expert_id"]):
        raise field_error("expert_id", "评审专家不存在")
    if data.get("user_id") is not None and not await User.exists(id=data["user_id"]):
        raise field_error("user_id", "工作人员账号不存在")
    async with in_transaction():
        inspector = await Inspector.create(**data)
        await audit.record(actor=actor, action="inspection.inspector_created", object_type="inspector",
                           object_id=inspector.id, after={"name": inspector.name, "kind": inspector.kind})
    return inspector


async def list_inspectors() -> list[Inspector]:
    return list(await Inspector.all().order_by("id"))


async def inspectors_page(*, page: int, page_size: int) -> tuple[list[Inspector], int]:
    """One page of the pool, in the order inspectors were added, and its total."""
    qs = Inspector.all()
    return list(await qs.order_by("id").offset((page - 1) * page_size).limit(page_size)), await qs.count()


async def conflicts_of(inspector: Inspector) -> set[int]:
    """Organizations the inspector may never be drawn for: own links, the expert profile's, memberships."""
    links = {int(i) for i in inspector.org_links or []}
    user_ids = {inspector.user_id} - {None}
    if inspector.expert_id is not None:
        expert = await Expert.get_or_none(id=inspector.expert_id)
        if expert is not None:
            links |= {int(i) for i in expert.org_links or []}
            user_ids |= {expert.user_id} - {None}
    if user_ids:
        members: list[Any] = list(await OrgMember.filter(user_id__in=list(user_ids)).values_list("org_id", flat=True))
        links |= {int(i) for i in members}
    return links


# ---------------------------------------------------------------- plans

async def create_plan(*, actor: Actor, year: int, kind: PlanKind, title: str, ratio: Decimal | None,
                      default_ratio: Decimal, items: list[str], filters: dict[str, Any], planned_on: date,
                      inspectors_per_check: int) -> InspectionPlan:
    """A yearly periodic plan over every registered organization, or an ad-hoc one over a filtered set."""
    _district(actor)
    ratio = ratio if ratio is not None else default_ratio
    if ratio < MIN_RATIO:
        raise field_error("ratio", "抽查比例不得低于 3%")
    if kind == PlanKind.periodic and filters:
        raise field_error("filters", "定期抽查覆盖全部登记的社会组织，不设筛选条件")
    if inspectors_per_check < MIN_INSPECTORS:
        raise field_error("inspectors_per_check", "每次现场检查至少 2 名检查人员")
    async with in_transaction():
        plan = await InspectionPlan.create(year=year, kind=kind, title=title, ratio=ratio, items=items,
                                           filters=filters, planned_on=planned_on, created_by_id=actor.user_id,
                                           inspectors_per_check=inspectors_per_check)
        await audit.record(actor=actor, action="inspection.plan_created", object_type="inspection_plan",
                           object_id=plan.id, after={"kind": kind.value, "ratio": str(ratio), "items": items})
    return plan


async def get_plan(plan_id: int) -> InspectionPlan:
    plan = await InspectionPlan.get_or_none(id=plan_id)
    if plan is None:
        raise InspectionPlanNotFound()
    return plan


async def list_plans() -> list[InspectionPlan]:
    return list(await InspectionPlan.all().order_by("-year", "-id"))


async def plans_page(*, page: int, page_size: int) -> tuple[list[InspectionPlan], int]:
    """One page of the plans, newest year first, and their total."""
    qs = InspectionPlan.all()
    return list(await qs.order_by("-year", "-id").offset((page - 1) * page_size).limit(page_size)), await qs.count()


async def candidates(plan: InspectionPlan) -> list[int]:
    """The candidate organizations: registered (active), narrowed by the ad-hoc plan's filters."""
    query: Any = Organization.filter(status=OrgStatus.active)
    f = plan.filters or {}
    for key in ("legal_form", "category", "town_id"):
        if f.get(key):
            query = query.filter(**{key: f[key]})
    ids = [int(i) for i in await query.order_by("id").values_list("id", flat=True)]
    if f.get("sensitive_area"):
        rows: list[Any] = list(await Organization.filter(id__in=ids or [0]).values_list("id", "sensitive_areas"))
        ids = sorted(int(row[0]) for row in rows if f["sensitive_area"] in (row[1] or []))
    return ids


# ---------------------------------------------------------------- the draw

def _key(*parts: object) -> str:
    return hashlib.sha256("|".join(str(p) for p in parts).encode()).hexdigest()


def draw_count(ratio: Decimal, total: int) -> int:
    return 0 if total == 0 else max(1, math.ceil(Decimal(ratio) * total))


def compute_draw(seed: str, draw_input: dict[str, Any]) -> list[tuple[int, list[int]]]:
    """The documented draw (module docstring) from the seed and the published input; pure."""
    orgs = sorted(int(i) for i in draw_input["orgs"])
    excluded = {(int(o), int(i)) for o, i in draw_input.get("excluded", [])}
    drawn = sorted(orgs, key=lambda o: _key(seed, "org", o))[:int(draw_input["count"])]
    result = []
    for org_id in sorted(drawn, key=lambda o: _key(seed, "org", o)):
        eligible = [int(i) for i in draw_input["inspectors"] if (org_id, int(i)) not in excluded]
        chosen = sorted(eligible, key=lambda i: _key(seed, "org", org_id, "inspector", i))
        result.append((org_id, sorted(chosen[:int(draw_input["per_check"])])))
    return result


async def _draw_input(plan: InspectionPlan) -> dict[str, Any]:
    orgs = await candidates(plan)
    if not orgs:
        raise NoInspectionCandidates()
    pool = list(await Inspector.filter(active=True).order_by("id"))
    candidate_set = set(orgs)
    excluded = []
    for inspector in pool:
        excluded += [[org_id, inspector.id] for org_id in await conflicts_of(inspector) if org_id in candidate_set]
    excluded.sort()
    return {"algorithm": ALGORITHM, "orgs": orgs, "inspectors": [i.id for i in pool], "excluded": excluded,
            "count": draw_count(plan.ratio, len(orgs)), "per_check": plan.inspectors_per_check}


async def draw(*, actor: Actor, plan_id: int, reason: str | None = None) -> InspectionPlan:
    """Draw once; a redraw needs a reason, is audited, and is refused once any check was recorded."""
    _district(actor)
    async with in_transaction() as conn:
        plan = await InspectionPlan.select_for_update().using_db(conn).get_or_none(id=plan_id)
        if plan is None:
            raise InspectionPlanNotFound()
        redraw = plan.status == PlanStatus.drawn
        if redraw and not reason:
            raise InspectionAlreadyDrawn()
        if redraw and await InspectionResult.filter(plan_id=plan.id).exclude(status=ResultStatus.pending) \
                .using_db(conn).exists():
            raise InspectionStarted()
        draw_input = await _draw_input(plan)
        seed = secrets.token_hex(16)
        drawn = compute_draw(seed, draw_input)
        for org_id, inspector_ids in drawn:
            if len(inspector_ids) < plan.inspectors_per_check:
                org = await Organization.get(id=org_id)
                raise InspectorsInsufficient(needed=plan.inspectors_per_check, org=org.name)
        before = {"seed": plan.seed, "orgs": [r.org_id for r in await InspectionResult.filter(plan_id=plan.id)
                                              .using_db(conn)]} if redraw else None
        await InspectionResult.filter(plan_id=plan.id).using_db(conn).delete()
        for org_id, inspector_ids in drawn:
            await InspectionResult.create(plan_id=plan.id, org_id=org_id, inspector_ids=inspector_ids, using_db=conn)
        plan.seed, plan.draw_input, plan.status, plan.drawn_at = seed, draw_input, PlanStatus.drawn, clock.now()
        plan.redraw_count += 1 if redraw else 0
        await plan.save(using_db=conn)
        await audit.record(actor=actor, action="inspection.redrawn" if redraw else "inspection.drawn",
                           object_type="inspection_plan", object_id=plan.id, before=before, reason=reason or "",
                           after={"seed": seed, "orgs": [o for o, _ in drawn]})
    return plan


@dataclass(frozen=True, slots=True)
class Verification:
    plan: InspectionPlan
    computed: list[tuple[int, list[int]]]
    published: list[tuple[int, list[int]]]

    @property
    def matches(self) -> bool:
        return sorted(self.computed) == sorted(self.published)


async def verify(*, plan_id: int) -> Verification:
    """Recompute the draw from the published seed and candidate list and compare with the stored one."""
    plan = await get_plan(plan_id)
    if plan.status != PlanStatus.drawn:
        raise InspectionNotDrawn()
    published = [(r.org_id, sorted(int(i) for i in r.inspector_ids or []))
                 for r in await InspectionResult.filter(plan_id=plan.id).order_by("id")]
    return Verification(plan=plan, computed=compute_draw(plan.seed, plan.draw_input), published=published)


# ---------------------------------------------------------------- results and rectification

async def results(*, plan_id: int) -> list[InspectionResult]:
    await get_plan(plan_id)
    return list(await InspectionResult.filter(plan_id=plan_id).order_by("id").select_related("org", "plan"))


async def results_page(*, plan_id: int, statuses: list[str], page: int,
                       page_size: int) -> tuple[list[InspectionResult], int]:
    """One page of a plan's results in draw order, in any of `statuses` (all when empty), and their total.
    Every town's results are listed: a plan's draw and results are published (双随机一公开)."""
    await get_plan(plan_id)
    qs = InspectionResult.filter(plan_id=plan_id)
    if statuses:
        qs = qs.filter(status__in=statuses)
    rows = await qs.order_by("id").offset((page - 1) * page_size).limit(page_size).select_related("org", "plan")
    return list(rows), await qs.count()


async def result_for_staff(*, actor: Actor, result_id: int) -> InspectionResult:
    result = await InspectionResult.get_or_none(id=result_id).select_related("org", "plan")
    if result is None or not in_scope(actor.scope_region_id, result.org.town_id):
        raise InspectionResultNotFound()
    return result


async def result_for_leader(*, actor: Actor, result_id: int) -> InspectionResult:
    result = await InspectionResult.get_or_none(id=result_id).select_related("org", "plan")
    if result is None or result.org_id not in await led_org_ids(actor):
        raise InspectionResultNotFound()
    return result


async def leader_results(*, actor: Actor) -> list[InspectionResult]:
    return list(await InspectionResult.filter(org_id__in=await led_org_ids(actor) or [0]).order_by("-id")
                .select_related("org", "plan"))


def _state(result: InspectionResult, action: str) -> InspectionResultState:
    return InspectionResultState(status=RESULT_LABELS[result.status.value], action=action)


async def _move(result: InspectionResult, *, actor: Actor, frm: tuple[ResultStatus, ...], action: str,
                audit_action: str, changes: dict[str, Any], reason: str = "") -> InspectionResult:
    async with in_transaction() as conn:
        moved = await InspectionResult.filter(id=result.id, status__in=frm).using_db(conn).update(**changes)
        if not moved:
            raise _state(await InspectionResult.get(id=result.id, using_db=conn), action)
        await audit.record(actor=actor, action=audit_action, object_type="inspection_result", object_id=result.id,
                           before={"status": result.status.value}, reason=reason,
                           after={k: clock.iso(v) if isinstance(v, date) else v for k, v in changes.items()})
        if changes.get("status") == ResultStatus.accepted:
            # The rectification is in: a 异常名录 entry for its lateness is proposed for removal at once.
            await credit.cure(org_id=result.org_id, ground="rectification", reason="抽查整改已验收", conn=conn)
        if changes.get("status") == ResultStatus.rectifying and result.status == ResultStatus.pending:
            await events.emit(kind="inspection.problems_found", using_db=conn, payload={
                "result_id": result.id, "org_id": result.org_id, "plan_id": result.plan_id,
                "rectification_due": clock.iso(changes.get("rectification_due"))})
    return await InspectionResult.get(id=result.id).select_related("org", "plan")


async def record_result(*, actor: Actor, result_id: int, problems: bool, problem_items: list[str], findings: str,
                        fee_findings: str, inspected_on: date, rectification_due: date | None) -> InspectionResult:
    """Record the on-site check: no problem, or problems (items) with a rectification deadline."""
    result = await result_for_staff(actor=actor, result_id=result_id)
    if problems and not problem_items:
        raise field_error("problem_items", "发现问题时须列明问题事项")
    if problems and (rectification_due is None or rectification_due <= inspected_on):
        raise field_error("rectification_due", "发现问题时须设定晚于检查日期的整改期限")
    changes: dict[str, Any] = {
        "status": ResultStatus.rectifying if problems else ResultStatus.no_problem,
        "problem_items": problem_items if problems else [], "findings": findings, "fee_findings": fee_findings,
        "inspected_on": inspected_on, "rectification_due": rectification_due if problems else None}
    return await _move(result, actor=actor, frm=(ResultStatus.pending,), action="登记检查结果",
                       audit_action="inspection.result", changes=changes)


async def submit_rectification(*, actor: Actor, result_id: int, text: str) -> InspectionResult:
    """The leader reports the rectification (整改报告)."""
    result = await result_for_leader(actor=actor, result_id=result_id)
    return await _move(result, actor=actor, frm=(ResultStatus.rectifying,), action="提交整改",
                       audit_action="inspection.rectification_submitted",
                       changes={"status": ResultStatus.submitted, "rectification_text": text,
                                "rectification_submitted_at": clock.now()})


async def review_rectification(*, actor: Actor, result_id: int, accept: bool, reason: str,
                               new_due: date | None) -> InspectionResult:
    """Staff accept the rectification, or return it (optionally with a new deadline)."""
    result = await result_for_staff(actor=actor, result_id=result_id)
    if accept:
        changes: dict[str, Any] = {"status": ResultStatus.accepted, "accepted_at": clock.now()}
    else:
        changes = {"status": ResultStatus.rectifying, **({"rectification_due": new_due} if new_due else {})}
    action = "inspection.rectification_accepted" if accept else "inspection.rectification_returned"
    return await _move(result, actor=actor, frm=(ResultStatus.submitted,), action="验收整改",
                       audit_action=action, changes=changes, reason=reason)
