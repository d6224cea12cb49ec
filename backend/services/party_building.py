"""Party-building coverage (items 1–3): derived responsibility, coverage status, joint branches,
instructors, joint-branch suggestions, the dashboard and its .xlsx export.

Item 2 as the software applies it: ≥3 formal members need their own party organization; 1–2 belong in
a joint branch (联合党支部) of at most 5 units; 0 need an instructor (a joint branch also covers them).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from typing import Any

from tortoise.models import Model
from tortoise.transactions import in_transaction

from backend.errors import (
    AlreadyInBranch,
    JointBranchFull,
    JointBranchNotFound,
    NotInBranch,
    OutOfScope,
    RegionNotFound,
    field_error,
)
from backend.models.organization import (
    CoverageForm,
    JointBranch,
    Organization,
    OrgCategory,
    OrgStatus,
)
from backend.models.region import Region, RegionLevel
from backend.services import audit, clock, credit, exports
from backend.services.access import get_org_in_scope, in_scope, scoped_to_towns
from backend.services.actor import Actor
from backend.services.orgs import (
    CATEGORY_LABELS,
    STATUS_LABELS,
    SUPERVISION_LABELS,
)

JOINT_BRANCH_MAX_UNITS = 5  # item 2: 覆盖单位一般不超过5个
COMPREHENSIVE_PARTY_COMMITTEE = "社会组织综合党委"
FORM_LABELS = {"own": "单独组建党组织", "joint_branch": "联合党支部", "instructor": "党建工作指导员", "none": "未覆盖"}


# Item 2 of 薛民字〔2020〕31号: 3 or more formal members form their own party organization; fewer join a
# joint branch; none get an instructor. The rule lives here only; the bot receives its outcome as facts.
OWN_ORGANIZATION_MIN_MEMBERS = 3
_STRENGTH = {CoverageForm.none: 0, CoverageForm.instructor: 1, CoverageForm.joint_branch: 2, CoverageForm.own: 3}


def required_form(party_member_count: int) -> CoverageForm:
    """Item 2: the coverage form an organization needs for its number of formal party members."""
    if party_member_count >= OWN_ORGANIZATION_MIN_MEMBERS:
        return CoverageForm.own
    if party_member_count >= 1:
        return CoverageForm.joint_branch
    return CoverageForm.instructor


def is_covered(party_member_count: int, coverage_form: str) -> bool:
    """Does the actual form satisfy item 2 for this member count? A stronger form than needed does."""
    return _STRENGTH[CoverageForm(coverage_form)] >= _STRENGTH[required_form(party_member_count)]


def derive_coverage_form(org: Organization) -> CoverageForm:
    """The actual form, strongest first: own organization, joint branch, instructor, none."""
    if org.own_party_org:
        return CoverageForm.own
    if org.joint_branch_id:
        return CoverageForm.joint_branch
    if org.instructor_name:
        return CoverageForm.instructor
    return CoverageForm.none


def refresh_coverage(org: Organization) -> None:
    """Recompute coverage_form; any coverage resolves a "三同步" blank spot."""
    org.coverage_form = derive_coverage_form(org)
    if org.coverage_form is not CoverageForm.none:
        org.blank_spot = False


async def cure_coverage_entries(org: Organization, conn: Any) -> int:
    """Coverage recorded: an included 未按规定设立党组织 entry gets its removal proposed at once, in the
    caller's transaction (the same test the daily sweep applies: any coverage form cures the ground)."""
    if org.coverage_form == CoverageForm.none:
        return 0
    return await credit.cure(org_id=org.id, ground="party_coverage", conn=conn,
                             reason=f"已落实党建工作覆盖（{FORM_LABELS[str(org.coverage_form)]}）")


def responsible_party_org(*, supervisor_unit: str | None, category: str, town_name: str,
                          community_name: str | None) -> str:
    """Item 1: whose party organization manages this organization's party building."""
    if supervisor_unit:
        return f"{supervisor_unit}党组织"
    if category == OrgCategory.community_service and community_name:
        return f"{town_name}党委/{community_name}党组织"
    return COMPREHENSIVE_PARTY_COMMITTEE


def coverage_view(org: Organization) -> dict[str, Any]:
    """Party-building fields of one organization (its town/community/joint branch fetched)."""
    town, community, branch = (_related(org, n) for n in ("town", "community", "joint_branch"))
    return {
        "party_member_count": org.party_member_count, "own_party_org": org.own_party_org,
        "coverage_form": str(org.coverage_form), "required_form": required_form(org.party_member_count).value,
        "covered": is_covered(org.party_member_count, org.coverage_form),
        "joint_branch": {"id": branch.id, "name": branch.name} if branch else None,
        "instructor_name": org.instructor_name, "blank_spot": org.blank_spot,
        "responsible_party_org": responsible_party_org(
            supervisor_unit=org.supervisor_unit, category=org.category, town_name=town.name if town else "",
            community_name=community.name if community else None),
    }


def _related(org: Organization, name: str) -> Any:
    """A fetched relation, or None when it is empty or was not fetched."""
    value = getattr(org, name, None)
    return value if isinstance(value, Model) else None


# --- party data and instructors -------------------------------------------------------------------

async def update_party_data(*, actor: Actor, org: Organization, party_member_count: int,
                            own_party_org: bool) -> Organization:
    """Set the formal member count and whether an own party organization exists."""
    if own_party_org and party_member_count < 3:
        raise field_error("own_party_org", "单独成立党组织需有 3 名以上正式党员")
    async with in_transaction() as conn:
        before = _party_snapshot(org)
        org.party_member_count, org.own_party_org = party_member_count, own_party_org
        refresh_coverage(org)
        await org.save(using_db=conn)
        await audit.record(actor=actor, action="org.party_data",
                           object_type="organization", object_id=org.id, before=before,
                           after=_party_snapshot(org))
        await cure_coverage_entries(org, conn)
    return org


async def assign_instructor(*, actor: Actor, org_id: int, instructor_name: str) -> Organization:
    """Assign (or, with an empty name, withdraw) a party-building instructor."""
    async with in_transaction() as conn:
        org = await get_org_in_scope(org_id=org_id, scope_town_id=actor.scope_region_id, conn=conn, lock=True)
        before = _party_snapshot(org)
        org.instructor_name = instructor_name.strip()
        refresh_coverage(org)
        await org.save(using_db=conn)
        await audit.record(actor=actor, action="org.instructor",
                           object_type="organization", object_id=org.id, before=before,
                           after=_party_snapshot(org))
        await cure_coverage_entries(org, conn)
    return org


def _party_snapshot(org: Organization) -> dict[str, Any]:
    return {"party_member_count": org.party_member_count, "own_party_org": org.own_party_org,
            "coverage_form": str(org.coverage_form), "joint_branch_id": org.joint_branch_id,
            "instructor_name": org.instructor_name, "blank_spot": org.blank_spot}


# --- joint branches --------------------------------------------------------------------------------

def _full_message(branch: JointBranch) -> str:
    return f"联合党支部“{branch.name}”已覆盖 {JOINT_BRANCH_MAX_UNITS} 个单位，按规定一般不超过 5 个，不能再加入"


async def _branch_in_scope(actor: Actor, branch_id: int, conn: Any, *, lock: bool = False) -> JointBranch:
    query = JointBranch.filter(id=branch_id)
    if lock:
        query = query.select_for_update()
    branch = await query.using_db(conn).first()
    if branch is None or not in_scope(actor.scope_region_id, branch.region_id):
        raise JointBranchNotFound()
    return branch


async def _attach(branch: JointBranch, org: Organization, conn: Any) -> None:
    if org.town_id != branch.region_id:
        raise field_error("org_id", f"“{org.name}”不在该联合党支部所在镇街，联合党支部不跨镇街组建")
    if org.status in (OrgStatus.rejected, OrgStatus.deregistered):
        raise field_error("org_id", f"“{org.name}”已不予登记或已注销")
    if required_form(org.party_member_count) is CoverageForm.own:
        raise field_error("org_id", f"“{org.name}”有 {OWN_ORGANIZATION_MIN_MEMBERS} 名以上正式党员，应单独成立党组织")
    if org.joint_branch_id == branch.id:
        raise AlreadyInBranch(name=org.name, which="该")
    if org.joint_branch_id is not None:
        raise AlreadyInBranch(name=org.name, which="其他")
    # The branch row is locked by the caller, so this count cannot go stale before the update commits.
    if await Organization.filter(joint_branch_id=branch.id).using_db(conn).count() >= JOINT_BRANCH_MAX_UNITS:
        raise JointBranchFull(name=branch.name, max_units=JOINT_BRANCH_MAX_UNITS)
    org.joint_branch_id = branch.id
    refresh_coverage(org)
    await org.save(using_db=conn)
    await cure_coverage_entries(org, conn)


async def create_branch(*, actor: Actor, name: str, town_id: int, org_ids: list[int]) -> JointBranch:
    """Create a joint branch in one town, optionally with its first (at most 5) units."""
    if not in_scope(actor.scope_region_id, town_id):
        raise OutOfScope(what="联合党支部")
    if not await Region.exists(id=town_id, level=RegionLevel.town):
        raise field_error("town_id", "镇街不存在")
    if len(set(org_ids)) > JOINT_BRANCH_MAX_UNITS:
        raise field_error("org_ids", f"联合党支部覆盖单位一般不超过 {JOINT_BRANCH_MAX_UNITS} 个")
    async with in_transaction() as conn:
        branch = await JointBranch.create(name=name.strip(), region_id=town_id, using_db=conn)
        branch = await _branch_in_scope(actor, branch.id, conn, lock=True)
        for org_id in dict.fromkeys(org_ids):
            org = await get_org_in_scope(org_id=org_id, scope_town_id=actor.scope_region_id, conn=conn, lock=True)
            await _attach(branch, org, conn)
        await audit.record(actor=actor, action="joint_branch.create",
                           object_type="joint_branch", object_id=branch.id,
                           after={"name": branch.name, "town_id": town_id, "org_ids": list(dict.fromkeys(org_ids))})
    return branch


async def add_member(*, actor: Actor, branch_id: int, org_id: int) -> JointBranch:
    """Add a unit to a joint branch; refused once it covers 5, also under concurrent requests."""
    async with in_transaction() as conn:
        branch = await _branch_in_scope(actor, branch_id, conn, lock=True)
        org = await get_org_in_scope(org_id=org_id, scope_town_id=actor.scope_region_id, conn=conn, lock=True)
        await _attach(branch, org, conn)
        await audit.record(actor=actor, action="joint_branch.add",
                           object_type="joint_branch", object_id=branch.id, after={"org_id": org_id})
    return branch


async def remove_member(*, actor: Actor, branch_id: int, org_id: int) -> None:
    async with in_transaction() as conn:
        branch = await _branch_in_scope(actor, branch_id, conn, lock=True)
        org = await get_org_in_scope(org_id=org_id, scope_town_id=actor.scope_region_id, conn=conn, lock=True)
        if org.joint_branch_id != branch.id:
            raise NotInBranch()
        org.joint_branch_id = None
        refresh_coverage(org)
        await org.save(using_db=conn)
        await audit.record(actor=actor, action="joint_branch.remove",
                           object_type="joint_branch", object_id=branch.id, before={"org_id": org_id})


async def rename_branch(*, actor: Actor, branch_id: int, name: str) -> JointBranch:
    async with in_transaction() as conn:
        branch = await _branch_in_scope(actor, branch_id, conn, lock=True)
        before = {"name": branch.name}
        branch.name = name.strip()
        await branch.save(using_db=conn)
        await audit.record(actor=actor, action="joint_branch.rename",
                           object_type="joint_branch", object_id=branch.id, before=before,
                           after={"name": branch.name})
    return branch


async def delete_branch(*, actor: Actor, branch_id: int) -> None:
    """Dissolve a joint branch; its units fall back to their other coverage (or none)."""
    async with in_transaction() as conn:
        branch = await _branch_in_scope(actor, branch_id, conn, lock=True)
        members = await Organization.filter(joint_branch_id=branch.id).select_for_update().using_db(conn)
        for org in members:
            org.joint_branch_id = None
            refresh_coverage(org)
            await org.save(using_db=conn)
        await branch.delete(using_db=conn)
        await audit.record(actor=actor, action="joint_branch.delete",
                           object_type="joint_branch", object_id=branch_id,
                           before={"name": branch.name, "org_ids": [o.id for o in members]})


async def list_branches(*, scope_town_id: int | None, town_id: int | None = None) -> list[dict[str, Any]]:
    """Joint branches in the caller's scope (optionally one town), with their units."""
    query = scoped_to_towns(JointBranch.all(), field="region_id", scope_town_id=scope_town_id, town_id=town_id,
                            what="联合党支部")
    branches = await query.prefetch_related("region").order_by("id")
    members = await Organization.filter(joint_branch_id__in=[b.id for b in branches]).order_by("id")
    by_branch: dict[int, list[Organization]] = defaultdict(list)
    for org in members:
        if org.joint_branch_id is not None:
            by_branch[org.joint_branch_id].append(org)
    return [branch_view(b, by_branch[b.id]) for b in branches]


async def get_branch(*, actor: Actor, branch_id: int) -> dict[str, Any]:
    async with in_transaction() as conn:
        branch = await _branch_in_scope(actor, branch_id, conn)
    await branch.fetch_related("region")
    return branch_view(branch, await Organization.filter(joint_branch_id=branch.id).order_by("id"))


def branch_view(branch: JointBranch, members: list[Organization]) -> dict[str, Any]:
    return {"id": branch.id, "name": branch.name, "town": {"id": branch.region.id, "name": branch.region.name},
            "unit_count": len(members), "max_units": JOINT_BRANCH_MAX_UNITS,
            "units": [{"id": o.id, "name": o.name, "category": str(o.category),
                       "party_member_count": o.party_member_count} for o in members]}


# --- suggestions ------------------------------------------------------------------------------------

def balanced_chunks(items: list[Any], size: int = JOINT_BRANCH_MAX_UNITS) -> list[list[Any]]:
    """Split into the fewest chunks of at most `size`, as even as possible (6 → 3+3, never 5+1)."""
    if not items:
        return []
    count = math.ceil(len(items) / size)
    base, extra = divmod(len(items), count)
    chunks, start = [], 0
    for i in range(count):
        end = start + base + (1 if i < extra else 0)
        chunks.append(items[start:end])
        start = end
    return chunks


def group_for_town(orgs: list[Organization]) -> list[list[Organization]]:
    """Group one town's candidates by category, then merge leftover singletons across categories."""
    by_category: dict[str, list[Organization]] = defaultdict(list)
    for org in sorted(orgs, key=lambda o: (str(o.category), o.id)):
        by_category[str(org.category)].append(org)
    groups, singles = [], []
    for members in by_category.values():
        if len(members) == 1:
            singles.extend(members)
        else:
            groups.extend(balanced_chunks(members))
    if len(singles) >= 2:
        groups.extend(balanced_chunks(singles))
    elif singles:
        roomy = [g for g in groups if len(g) < JOINT_BRANCH_MAX_UNITS]
        if roomy:
            min(roomy, key=len).append(singles[0])
        else:
            groups.append(singles)
    return groups


async def suggestions(*, scope_town_id: int | None, town_id: int | None = None) -> list[dict[str, Any]]:
    """Joint-branch groupings for uncovered active 1–2-member organizations: one town each, ≤5 units."""
    query = scoped_to_towns(
        Organization.filter(status=OrgStatus.active, party_member_count__gte=1, party_member_count__lte=2,
                            joint_branch_id=None),
        field="town_id", scope_town_id=scope_town_id, town_id=town_id, what="建议")
    candidates = await query.prefetch_related("town").order_by("town_id", "id")
    by_town: dict[int, list[Organization]] = defaultdict(list)
    for org in candidates:
        by_town[org.town_id].append(org)
    result = []
    for tid, orgs in by_town.items():
        town_name = orgs[0].town.name
        for group in group_for_town(orgs):
            categories = sorted({str(o.category) for o in group})
            label = CATEGORY_LABELS[categories[0]] if len(categories) == 1 else "综合"
            result.append({
                "town": {"id": tid, "name": town_name}, "categories": categories,
                "suggested_name": f"{town_name}{label}社会组织联合党支部", "unit_count": len(group),
                "units": [{"id": o.id, "name": o.name, "category": str(o.category),
                           "party_member_count": o.party_member_count} for o in group],
            })
    return result


async def suggestions_page(*, scope_town_id: int | None, town_id: int | None, page: int,
                           page_size: int) -> tuple[list[dict[str, Any]], int]:
    """One page of the suggestions and their total. The groups are formed over all of a town's candidates
    at once (a few hundred organizations), so they are formed whole and then cut into pages."""
    groups = await suggestions(scope_town_id=scope_town_id, town_id=town_id)
    start = (page - 1) * page_size
    return groups[start:start + page_size], len(groups)


# --- dashboard --------------------------------------------------------------------------------------

async def _towns_in_scope(scope_town_id: int | None, town_id: int | None) -> list[Region]:
    query = scoped_to_towns(Region.filter(level=RegionLevel.town), field="id", scope_town_id=scope_town_id,
                            town_id=town_id, what="党建覆盖情况")
    towns = await query.order_by("id")
    if (town_id is not None or scope_town_id is not None) and not towns:
        raise RegionNotFound()
    return towns


def _rate(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def summarize(orgs: list[Organization]) -> dict[str, Any]:
    """Counts for one set of organizations; coverage rates use the active organizations as denominator."""
    active = [o for o in orgs if o.status == OrgStatus.active]
    forms = Counter(str(o.coverage_form) for o in active)
    covered = sum(is_covered(o.party_member_count, o.coverage_form) for o in active)
    n = len(active)
    return {
        "total": len(orgs), "active": n,
        "by_status": {s.value: sum(o.status == s for o in orgs) for s in OrgStatus},
        "by_category": {c.value: sum(o.category == c for o in active) for c in OrgCategory},
        "required": {f: sum(required_form(o.party_member_count).value == f for o in active)
                     for f in ("own", "joint_branch", "instructor")},
        "coverage": {
            "own": forms["own"], "joint_branch": forms["joint_branch"], "instructor": forms["instructor"],
            "none": forms["none"],
            "own_rate": _rate(forms["own"], n), "joint_branch_rate": _rate(forms["joint_branch"], n),
            "instructor_rate": _rate(forms["instructor"], n),
            "covered": covered, "uncovered": n - covered, "covered_rate": _rate(covered, n),
        },
        "blank_spot_count": sum(o.blank_spot for o in active),
    }


async def scoped_orgs(*, scope_town_id: int | None, town_id: int | None) -> tuple[list[Region], list[Organization]]:
    towns = await _towns_in_scope(scope_town_id, town_id)
    orgs = await Organization.filter(town_id__in=[t.id for t in towns]) \
        .prefetch_related("town", "community", "joint_branch").order_by("town_id", "id")
    return towns, orgs


async def dashboard(*, scope_town_id: int | None, town_id: int | None = None) -> dict[str, Any]:
    """Per-town and overall coverage numbers plus the list of "三同步" blank spots."""
    towns, orgs = await scoped_orgs(scope_town_id=scope_town_id, town_id=town_id)
    by_town: dict[int, list[Organization]] = defaultdict(list)
    for org in orgs:
        by_town[org.town_id].append(org)
    single_town = len(towns) == 1 and (town_id is not None or scope_town_id is not None)
    return {
        "scope": {"town_id": towns[0].id, "name": towns[0].name} if single_town else {"town_id": None, "name": "全区"},
        "denominator": "active",
        "overall": summarize(orgs),
        "towns": [{"town": {"id": t.id, "name": t.name}, **summarize(by_town[t.id])} for t in towns],
        "blank_spots": [_blank_spot(o) for o in orgs if o.blank_spot and o.status == OrgStatus.active],
    }


def _blank_spot(o: Organization) -> dict[str, Any]:
    return {"id": o.id, "name": o.name, "town": {"id": o.town.id, "name": o.town.name},
            "category": str(o.category), "party_member_count": o.party_member_count,
            "required_form": required_form(o.party_member_count).value, "approved_at": clock.iso(o.approved_at)}


async def blank_spots(*, scope_town_id: int | None, town_id: int | None, page: int,
                      page_size: int) -> tuple[list[dict[str, Any]], int]:
    """One page of the "三同步" blank spots (registered, no party member, no instructor) in scope, by town
    then id, and their total."""
    query = scoped_to_towns(Organization.filter(status=OrgStatus.active, blank_spot=True), field="town_id",
                            scope_town_id=scope_town_id, town_id=town_id, what="党建覆盖情况")
    rows = await query.order_by("town_id", "id").offset((page - 1) * page_size).limit(page_size) \
        .prefetch_related("town")
    return [_blank_spot(o) for o in rows], await query.count()


# --- export -----------------------------------------------------------------------------------------

EXPORT_HEADERS = ("ID", "社会组织名称", "统一社会信用代码", "镇街", "社区/村", "类别", "登记方式", "业务主管单位",
                  "状态", "正式党员数", "应采取覆盖方式", "实际覆盖方式", "是否达标", "联合党支部", "党建工作指导员",
                  "三同步空白点", "党建工作负责党组织", "监管等级")


def _export_row(org: Organization) -> list[Any]:
    view = coverage_view(org)
    return [org.id, org.name, org.credit_code or "", org.town.name, org.community.name if org.community else "",
            CATEGORY_LABELS[str(org.category)], "直接登记" if org.registration_mode == "direct" else "双重管理",
            org.supervisor_unit or "", STATUS_LABELS[str(org.status)], org.party_member_count,
            FORM_LABELS[view["required_form"]], FORM_LABELS[view["coverage_form"]], "是" if view["covered"] else "否",
            view["joint_branch"]["name"] if view["joint_branch"] else "", org.instructor_name,
            "是" if org.blank_spot else "否", view["responsible_party_org"],
            SUPERVISION_LABELS[str(org.supervision_level)]]


TOWN_SUMMARY_HEADERS = ("镇街", "已登记组织数", "单独组建", "联合党支部", "指导员", "未覆盖", "达标数", "达标率",
                        "空白点")


def _summary_row(s: dict[str, Any]) -> list[Any]:
    c = s["coverage"]
    return [s["town"]["name"], s["active"], c["own"], c["joint_branch"], c["instructor"], c["none"],
            c["covered"], c["covered_rate"], s["blank_spot_count"]]


async def export_xlsx(*, scope_town_id: int | None, town_id: int | None = None) -> bytes:
    """One row per organization in scope (every status), plus a per-town summary sheet."""
    towns, orgs = await scoped_orgs(scope_town_id=scope_town_id, town_id=town_id)
    by_town: dict[int, list[Organization]] = defaultdict(list)
    for org in orgs:
        by_town[org.town_id].append(org)
    summaries = [{"town": {"id": t.id, "name": t.name}, **summarize(by_town[t.id])} for t in towns]
    return await exports.build(
        exports.Sheet("组织明细", [EXPORT_HEADERS, *(_export_row(o) for o in orgs)], freeze_first_row=True),
        exports.Sheet("镇街汇总", [TOWN_SUMMARY_HEADERS, *(_summary_row(s) for s in summaries)]))
