"""Expert review of 公益创投 applications: the expert pool, assignment with recusal, scoring, ranking.

An expert is a `User` (usually a resident account: experts are external people) with an `Expert`
profile row. A detected conflict — the expert is a member of the applying organization, or lists it
among the organizations they work for — means they are never assigned. A declared conflict recuses
them and the assignment is refilled from the pool, so review always ends with N unconflicted experts.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from backend.errors import (
    AlreadyScored,
    ApplicationNotFound,
    AssignmentClosed,
    AssignmentNotAccepted,
    AssignmentNotFound,
    AssignmentNotPending,
    ExpertAlreadyAssigned,
    ExpertConflict,
    ExpertExists,
    ExpertNotFound,
    ExpertPoolExhausted,
    NotExpert,
    field_error,
)
from backend.models.grant import ApplicationStatus, AssignmentStatus, Expert, ExpertAssignment, GrantApplication
from backend.models.organization import OrgMember
from backend.models.user import User
from backend.services import audit, clock, credit, events, exports
from backend.services.actor import Actor
from backend.services.grants import (
    CENT,
    _require_district,
    app_for_staff,
    get_program,
    illegal,
    label,
    transition,
)

S = ApplicationStatus
ACTIVE = (AssignmentStatus.pending, AssignmentStatus.accepted)
EXPERT_FIELDS = ("name", "affiliation", "expertise", "user_id", "org_links", "active")
_random = secrets.SystemRandom()


@dataclass(frozen=True, slots=True)
class Recusal:
    """What a declared conflict did: the recused assignment and the one drawn to replace it, if any."""

    recused: int
    replacement_assignment_id: int | None


@dataclass(frozen=True, slots=True)
class Ranked:
    """An application in the ranking (organization loaded); ties share a rank."""

    rank: int
    app: GrantApplication
    credit_good: bool = False  # 守信激励: shown to reviewers (services.credit.credit_good)


# ---------------------------------------------------------------- the pool

async def create_expert(*, actor: Actor, data: dict[str, Any]) -> Expert:
    """Add an expert to the pool, optionally linked to the WeChat user they sign in as."""
    _require_district(actor)
    openid = data.pop("openid", None)
    user_id = data.pop("user_id", None)
    if openid:
        user = await User.get_or_none(openid=openid)
        if user is None:
            raise field_error("openid", "未找到该微信用户，请先请专家登录一次小程序")
        user_id = user.id
    elif user_id is not None and not await User.exists(id=user_id):
        raise field_error("user_id", "用户不存在")
    try:
        async with in_transaction():
            expert = await Expert.create(**data, user_id=user_id)
            await audit.record(actor=actor, action="grant_expert.create",
                               object_type="grant_expert", object_id=expert.id, after=_snapshot(expert))
    except IntegrityError:
        raise ExpertExists() from None
    return expert


async def update_expert(*, actor: Actor, expert_id: int, data: dict[str, Any]) -> Expert:
    _require_district(actor)
    expert = await Expert.get_or_none(id=expert_id)
    if expert is None:
        raise ExpertNotFound()
    before = _snapshot(expert)
    async with in_transaction():
        await Expert.filter(id=expert_id).update(**data)
        await expert.refresh_from_db()
        await audit.record(actor=actor, action="grant_expert.update",
                           object_type="grant_expert", object_id=expert.id, before=before, after=_snapshot(expert))
    return expert


def _snapshot(e: Expert) -> dict[str, Any]:
    return {"id": e.id, **{name: getattr(e, name) for name in EXPERT_FIELDS}}


async def list_experts(*, active: bool | None, page: int, page_size: int) -> tuple[list[Expert], int]:
    """One page of the pool, in the order experts were added (only the active or retired ones when
    `active` is given), and its total."""
    qs = Expert.all() if active is None else Expert.filter(active=active)
    return await qs.order_by("id").offset((page - 1) * page_size).limit(page_size), await qs.count()


async def conflict_of(expert: Expert, app: GrantApplication) -> str | None:
    """Why the expert may not review this application, or None."""
    org_id = app.org_id
    if org_id in (expert.org_links or []):
        return "专家登记的任职/关联组织包含申请组织"
    if expert.user_id is not None:
        if await OrgMember.exists(org_id=org_id, user_id=expert.user_id):
            return "专家是申请组织的成员"
        if expert.user_id == app.created_by_id:
            return "专家是该申请的填报人"
    return None


async def _pool_candidates(app: GrantApplication) -> list[Expert]:
    """Active experts never assigned to this application and free of detected conflicts."""
    taken = await ExpertAssignment.filter(application_id=app.id).values_list("expert_id", flat=True)
    candidates = await Expert.filter(active=True).exclude(id__in=list(taken) or [0])
    return [e for e in candidates if await conflict_of(e, app) is None]


async def _assign(app: GrantApplication, expert: Expert, actor: Actor, how: str) -> ExpertAssignment:
    assignment = await ExpertAssignment.create(application_id=app.id, expert_id=expert.id)
    await audit.record(actor=actor, action="grant.expert_assigned",
                       object_type="grant_application", object_id=app.id,
                       after={"assignment_id": assignment.id, "expert_id": expert.id, "how": how})
    await events.emit(kind="grant.expert_assigned", payload={"application_id": app.id, "expert_id": expert.id,
                                                              "user_id": expert.user_id})
    return assignment


async def _locked(application_id: int) -> GrantApplication:
    app = await GrantApplication.filter(id=application_id).select_for_update().first()
    assert app is not None
    return app


async def assign_experts(*, actor: Actor, application_id: int, expert_ids: list[int],
                         fill_from_pool: bool) -> list[ExpertAssignment]:
    """Assign the named experts and, if asked, draw the rest from the pool up to the program's N."""
    _require_district(actor)
    app = await app_for_staff(actor=actor, application_id=application_id)
    if app.status not in (S.formal_passed, S.expert_review):
        raise illegal(app.status, "assign_experts")
    program = await get_program(app.program_id)
    need = program.experts_per_application
    async with in_transaction():
        app = await _locked(app.id)
        if app.status not in (S.formal_passed, S.expert_review):
            raise illegal(app.status, "assign_experts")
        active = await ExpertAssignment.filter(application_id=app.id, status__in=ACTIVE).count()
        taken = set(await ExpertAssignment.filter(application_id=app.id).values_list("expert_id", flat=True))
        chosen: list[Expert] = []
        for i, expert_id in enumerate(expert_ids):
            expert = await Expert.get_or_none(id=expert_id, active=True)
            if expert is None:
                raise field_error(f"expert_ids[{i}]", "专家不存在或已停用")
            if expert.id in taken or expert in chosen:
                raise ExpertAlreadyAssigned(name=expert.name)
            reason = await conflict_of(expert, app)
            if reason:
                raise ExpertConflict(name=expert.name, reason=reason,
                                     details={"expert_id": expert.id, "reason": reason})
            chosen.append(expert)
        if active + len(chosen) > need:
            raise field_error("expert_ids", f"每个申请需要 {need} 位专家，目前已有 {active} 位")
        if fill_from_pool and active + len(chosen) < need:
            pool = [e for e in await _pool_candidates(app) if e not in chosen]
            chosen += _random.sample(pool, min(len(pool), need - active - len(chosen)))
        if app.status == S.formal_passed and active + len(chosen) < need:
            raise ExpertPoolExhausted(need=need)
        created = [await _assign(app, e, actor, "named" if e.id in expert_ids else "pool") for e in chosen]
        if app.status == S.formal_passed:
            await transition(app, event="start_review", actor=actor)
    return created


# ---------------------------------------------------------------- the expert's side

async def expert_of(actor: Actor) -> Expert:
    """The caller's expert profile; 403 for people who are not in the pool."""
    expert = await Expert.get_or_none(user_id=actor.user_id, active=True)
    if expert is None:
        raise NotExpert()
    return expert


async def my_assignment(*, actor: Actor, assignment_id: int) -> ExpertAssignment:
    """One of the caller's own assignments; anybody else's is 404."""
    expert = await expert_of(actor)
    assignment = await ExpertAssignment.get_or_none(id=assignment_id, expert_id=expert.id)
    if assignment is None:
        raise AssignmentNotFound()
    return assignment


async def with_application(assignment: ExpertAssignment) -> ExpertAssignment:
    """The assignment reloaded with its application and that application's organization."""
    return await ExpertAssignment.get(id=assignment.id).prefetch_related("application__org")


async def my_assignments(*, actor: Actor) -> list[ExpertAssignment]:
    """The caller's assignments, newest first, with their applications and organizations."""
    expert = await expert_of(actor)
    return await ExpertAssignment.filter(expert_id=expert.id).prefetch_related("application__org").order_by("-id")


async def application_for_expert(*, actor: Actor, application_id: int) -> tuple[GrantApplication, ExpertAssignment]:
    """The application when the caller holds a live assignment on it; 404 otherwise (recused included)."""
    expert = await expert_of(actor)
    assignment = await ExpertAssignment.get_or_none(application_id=application_id, expert_id=expert.id,
                                                    status__in=ACTIVE).prefetch_related("application__org")
    if assignment is None:
        raise ApplicationNotFound()
    return assignment.application, assignment


async def accept_assignment(*, actor: Actor, assignment_id: int) -> ExpertAssignment:
    """The expert confirms they have no conflict of interest and will score."""
    assignment = await my_assignment(actor=actor, assignment_id=assignment_id)
    if assignment.status != AssignmentStatus.pending:
        raise AssignmentNotPending()
    async with in_transaction():
        if not await ExpertAssignment.filter(id=assignment.id, status=AssignmentStatus.pending).update(
                status=AssignmentStatus.accepted):
            raise AssignmentNotPending()
        await audit.record(actor=actor, action="grant.expert_accepted",
                           object_type="grant_application", object_id=assignment.application_id,
                           after={"assignment_id": assignment.id})
    return await with_application(assignment)


async def declare_conflict(*, actor: Actor, assignment_id: int, reason: str) -> Recusal:
    """Recuse the expert and refill the seat from the pool; returns what happened."""
    assignment = await my_assignment(actor=actor, assignment_id=assignment_id)
    if assignment.status not in ACTIVE or assignment.scored_at is not None:
        raise AssignmentClosed()
    async with in_transaction():
        app = await _locked(assignment.application_id)
        if app.status != S.expert_review:
            raise illegal(app.status, "declare_conflict")
        await ExpertAssignment.filter(id=assignment.id).update(status=AssignmentStatus.recused, conflict_reason=reason)
        await audit.record(actor=actor, action="grant.expert_recused",
                           object_type="grant_application", object_id=app.id,
                           after={"assignment_id": assignment.id, "expert_id": assignment.expert_id},
                           reason=reason)
        pool = await _pool_candidates(app)
        replacement = None
        if pool:
            replacement = await _assign(app, _random.choice(pool), actor, "refill")
        else:  # staff must add someone by hand; tell them
            await events.emit(kind="grant.experts_short", payload={"application_id": app.id})
    return Recusal(recused=assignment.id, replacement_assignment_id=replacement.id if replacement else None)


def _score_total(rubric: list[dict[str, Any]], scores: dict[str, int]) -> Decimal:
    """Weighted mean of the criterion scores (each 0–100), so the total is also 0–100."""
    for key in scores:
        if key not in {c["key"] for c in rubric}:
            raise field_error(f"scores.{key}", "不在评分细则中")
    for c in rubric:
        if c["key"] not in scores:
            raise field_error(f"scores.{c['key']}", f"请为「{c['name']}」打分")
    weight = sum((Decimal(str(c["weight"])) for c in rubric), Decimal(0))
    total = sum((Decimal(scores[c["key"]]) * Decimal(str(c["weight"])) for c in rubric), Decimal(0)) / weight
    return total.quantize(CENT, rounding=ROUND_HALF_UP)


async def score(*, actor: Actor, assignment_id: int, scores: dict[str, int], comment: str) -> ExpertAssignment:
    """Record an accepted expert's scores; the last of N completes the review with the mean."""
    assignment = await my_assignment(actor=actor, assignment_id=assignment_id)
    if assignment.status != AssignmentStatus.accepted:
        raise AssignmentNotAccepted()
    if assignment.scored_at is not None:
        raise AlreadyScored()
    app = await GrantApplication.get(id=assignment.application_id)
    program = await get_program(app.program_id)
    total = _score_total(program.rubric, scores)
    async with in_transaction():
        app = await _locked(app.id)  # serialises the last two scorers so exactly one completes the review
        if app.status != S.expert_review:
            raise illegal(app.status, "score")
        if not await ExpertAssignment.filter(id=assignment.id, scored_at__isnull=True).update(
                scores=scores, total=total, comment=comment, scored_at=clock.now()):
            raise AlreadyScored()
        await audit.record(actor=actor, action="grant.expert_scored",
                           object_type="grant_application", object_id=app.id,
                           after={"assignment_id": assignment.id, "total": str(total)})
        live = await ExpertAssignment.filter(application_id=app.id, status__in=ACTIVE)
        if len(live) == program.experts_per_application and all(a.scored_at for a in live):
            totals = [Decimal(str(a.total)) for a in live]
            mean = (sum(totals, Decimal(0)) / len(totals)).quantize(CENT, rounding=ROUND_HALF_UP)
            await transition(app, event="complete_review", actor=actor, changes={"aggregate_score": mean})
    return await with_application(assignment)


async def staff_assignments(application_id: int) -> list[ExpertAssignment]:
    """Every assignment of an application, with its expert, for staff."""
    return await ExpertAssignment.filter(application_id=application_id).prefetch_related("expert").order_by("id")


# ---------------------------------------------------------------- ranking

async def ranking(*, actor: Actor, program_id: int) -> list[Ranked]:
    """Applications of a program by aggregate score (ties share a rank); town staff see their own rows."""
    await get_program(program_id)
    apps = await GrantApplication.filter(program_id=program_id, aggregate_score__not_isnull=True).prefetch_related(
        "org").order_by("-aggregate_score", "id")
    rows, rank, previous = [], 0, None
    for position, a in enumerate(apps, start=1):
        if a.aggregate_score != previous:
            rank, previous = position, a.aggregate_score
        if actor.scope_region_id is None or a.org.town_id == actor.scope_region_id:
            rows.append(Ranked(rank=rank, app=a))
    good = await credit.credit_good([r.app.org_id for r in rows])
    return [Ranked(rank=r.rank, app=r.app, credit_good=r.app.org_id in good) for r in rows]


async def ranking_page(*, actor: Actor, program_id: int, page: int, page_size: int) -> tuple[list[Ranked], int]:
    """One page of the ranking (ranks are counted over the whole program) and its length."""
    rows = await ranking(actor=actor, program_id=program_id)
    start = (page - 1) * page_size
    return rows[start:start + page_size], len(rows)


RANKING_HEADER = ["排名", "申报组织", "项目名称", "领域", "申请金额（元）", "专家平均分", "状态"]


async def ranking_sheet(*, actor: Actor, program_id: int) -> bytes:
    """The ranking as .xlsx."""
    program = await get_program(program_id)
    rows = [[r.rank, r.app.org.name, r.app.project_name, r.app.focus_area, float(r.app.requested_amount),
             float(r.app.aggregate_score or 0), label(r.app.status)]
            for r in await ranking(actor=actor, program_id=program_id)]
    return await exports.build(exports.Sheet(f"{program.year}评审排名", [RANKING_HEADER, *rows]))
