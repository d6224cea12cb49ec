"""Organizations: registration (items 4–5), leaders' changes, staff review, claims, invites, phones.

Staff scope is passed in as `scope_town_id` (None = the whole district); an organization outside the
caller's scope is reported as not found, so a town's staff cannot even learn that it exists.
"""

from __future__ import annotations

import secrets
from typing import Any

from redis.asyncio import Redis
from tortoise.exceptions import IntegrityError
from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from backend.crypto import PersonalData, mask_phone
from backend.errors import (
    AlreadyMember,
    CharterPartyClauseMissing,
    ClaimExists,
    ClaimNotFound,
    ContentRisky,
    CreditCodeTaken,
    DistrictStaffOnly,
    NothingToReview,
    OrgNameTaken,
    OrgNotEditable,
    OrgNotFound,
    TownOpinionGiven,
    TownOpinionPending,
    TownStaffOnly,
    field_error,
)
from backend.models.organization import (
    ChangeStatus,
    CoverageForm,
    MemberRole,
    Organization,
    OrgCategory,
    OrgMember,
    OrgStatus,
    RegistrationMode,
    ReviewStage,
    SupervisionLevel,
    SupervisionRecord,
    name_key,
)
from backend.models.region import Region, RegionLevel
from backend.models.user import Role, User
from backend.services import audit, charters, clock, events, supervision
from backend.services.access import get_org_in_scope, in_scope, is_org_leader, require_org_leader, scoped_to_towns
from backend.services.actor import Actor
from backend.services.credit_code import LENGTH as CREDIT_CODE_LENGTH
from backend.wechat.client import WeChatGateway

# Item 4: these four categories register directly unless they touch a sensitive field.
DIRECT_CATEGORIES = frozenset({OrgCategory.industry_association, OrgCategory.science_tech, OrgCategory.charity,
                               OrgCategory.community_service})
SENSITIVE_AREAS = ("ideology", "financial_security", "life_health")
SERVED_GROUPS = ("孤寡老人", "困境儿童", "孤困儿童", "留守儿童", "特困人员", "残疾人", "低保家庭", "青少年",
                 "妇女", "退役军人", "社区居民", "其他")

CATEGORY_LABELS = {"industry_association": "行业协会商会", "science_tech": "科技类", "charity": "公益慈善类",
                   "community_service": "城乡社区服务类", "other": "其他"}
LEGAL_FORM_LABELS = {"social_group": "社会团体", "foundation": "基金会", "social_service": "社会服务机构"}
STATUS_LABELS = {"pending": "待审核", "active": "已登记", "returned": "退回修改", "rejected": "不予登记",
                 "deregistered": "已注销"}
SENSITIVE_LABELS = {"ideology": "意识形态", "financial_security": "金融安全", "life_health": "生命健康"}
STAGE_LABELS = {"town": "待镇街初审", "district": "待区级审核"}
SUPERVISION_LABELS = {"normal": "正常", "guidance": "加强指导", "talk": "教育约谈", "key": "重点监管"}

INVITE_PREFIX = "org:invite:"
INVITE_TTL_SECONDS = 7 * 24 * 3600
_INVITE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O/1/I/L: read aloud and typed on phones

# Registration fields a leader may change; all of them go back to review for an active organization.
EDITABLE_FIELDS = ("name", "legal_form", "category", "sensitive_areas", "supervisor_unit", "town_id",
                   "community_id", "address", "description", "served_groups", "contact_name", "contact_phone",
                   "charter_text", "charter_file_id")


def registration_mode_for(category: str, sensitive_areas: list[str]) -> RegistrationMode:
    """Item 4: direct registration for the four categories, dual management otherwise."""
    if OrgCategory(category) in DIRECT_CATEGORIES and not sensitive_areas:
        return RegistrationMode.direct
    return RegistrationMode.dual


def _check_dual_management(fields: dict[str, Any]) -> RegistrationMode:
    mode = registration_mode_for(fields["category"], fields.get("sensitive_areas") or [])
    if mode is RegistrationMode.dual and not (fields.get("supervisor_unit") or "").strip():
        areas = "、".join(SENSITIVE_LABELS[a] for a in fields.get("sensitive_areas") or [])
        why = f"涉及{areas}领域" if areas else "不属于可直接登记的四类社会组织"
        raise field_error("supervisor_unit", f"{why}，须先确定业务主管单位后再申请登记")
    return mode


async def _resolve_regions(town_id: int, community_id: int | None) -> tuple[Region, Region | None]:
    town = await Region.get_or_none(id=town_id, level=RegionLevel.town, active=True)
    if town is None:
        raise field_error("town_id", "镇街不存在或已停用")
    if community_id is None:
        return town, None
    community = await Region.get_or_none(id=community_id, level=RegionLevel.community, active=True)
    if community is None or community.parent_id != town.id:
        raise field_error("community_id", "社区/村不存在或不属于所选镇街")
    return town, community


async def _model_fields(merged: dict[str, Any], *, actor: Actor, pd: PersonalData,
                        current_file_id: int | None = None) -> dict[str, Any]:
    """Check items 4 and 5 on the merged registration data and turn it into model field values."""
    mode = _check_dual_management(merged)
    await _resolve_regions(merged["town_id"], merged.get("community_id"))
    text = merged.get("charter_text") or ""
    file = await charters.named_in_registration(actor=actor, file_id=merged.get("charter_file_id"),
                                                current_id=current_file_id)
    if not text.strip() and file is None:
        raise field_error("charter_text", "请填写章程内容或上传章程文件")
    groups = list(dict.fromkeys(merged.get("served_groups") or []))
    phone = merged.get("contact_phone")
    return {
        "name": merged["name"].strip(), "legal_form": str(merged["legal_form"]), "category": str(merged["category"]),
        "sensitive_areas": list(merged.get("sensitive_areas") or []),
        "sensitive_field": bool(merged.get("sensitive_areas")), "registration_mode": mode.value,
        "supervisor_unit": (merged.get("supervisor_unit") or "").strip() or None,
        "town_id": merged["town_id"], "community_id": merged.get("community_id"),
        "address": merged.get("address") or "", "description": merged.get("description") or "",
        "served_groups": groups, "served_groups_text": "".join(f"|{g}|" for g in groups),
        "contact_name": merged.get("contact_name") or "",
        "contact_phone_encrypted": pd.encrypt(phone) if phone else None,
        "charter_text": text, "charter_file_id": file.id if file else None,
        "charter_file_readable": file.readable if file else True,
        "charter_party_clause": charters.charter_has_party_clause(text) or bool(file and file.party_clause),
    }


# Item 9: a rejected or deregistered organization's name may be used again; any other status holds it.
NAME_RELEASED = (OrgStatus.rejected, OrgStatus.deregistered)


async def refuse_duplicate_name(name: str, *, exclude_id: int | None = None, conn: Any = None) -> None:
    """409 naming the live organization whose name is the same once spaces and full-width forms are
    normalised (models.organization.name_key)."""
    query = Organization.filter(name_key=name_key(name)).exclude(status__in=NAME_RELEASED)
    if exclude_id is not None:
        query = query.exclude(id=exclude_id)
    existing = await query.using_db(conn).order_by("id").first()
    if existing is not None:
        raise OrgNameTaken(name=existing.name, status=STATUS_LABELS[str(existing.status)])


async def register_org(*, actor: Actor, data: dict[str, Any], pd: PersonalData) -> Organization:
    """Register a new organization; the caller becomes its confirmed leader (resident → leader)."""
    fields = await _model_fields(data, actor=actor, pd=pd)
    await refuse_duplicate_name(fields["name"])
    count = data.get("party_member_count", 0)
    own = bool(data.get("own_party_org"))
    if own and count < 3:
        raise field_error("own_party_org", "单独成立党组织需有 3 名以上正式党员")
    if data.get("credit_code") and await Organization.exists(credit_code=data["credit_code"]):
        raise CreditCodeTaken()
    try:
        async with in_transaction():
            org = await Organization.create(
                **fields, credit_code=data.get("credit_code") or None, status=OrgStatus.pending,
                party_member_count=count, own_party_org=own,
                coverage_form=CoverageForm.own if own else CoverageForm.none)
            await OrgMember.create(org=org, user_id=actor.user_id, role=MemberRole.leader, confirmed=True)
            await User.filter(id=actor.user_id, role=Role.resident).update(role=Role.leader)
            await audit.record(actor=actor, action="org.register", object_type="organization",
                               object_id=org.id, after=review_snapshot(org))
    except IntegrityError:
        raise CreditCodeTaken() from None
    return org


def review_snapshot(org: Organization) -> dict[str, Any]:
    """The fields a review decision changes, for the audit trail's before/after."""
    return {
        "status": str(org.status), "status_reason": org.status_reason, "credit_code": org.credit_code,
        "approved_at": clock.iso(org.approved_at), "blank_spot": org.blank_spot,
        "change_status": str(org.change_status), "change_reason": org.change_reason,
        "pending_change": _redact_change(org.pending_change),
        "name": org.name, "category": str(org.category), "supervisor_unit": org.supervisor_unit,
        "charter_party_clause": org.charter_party_clause,
        "town_opinion": org.town_opinion,
        "town_reviewed_at": org.town_reviewed_at.isoformat() if org.town_reviewed_at else None,
    }


def _under_review(org: Organization) -> str | None:
    """"registration" or "change" when something waits for review, else None."""
    if org.status is OrgStatus.pending:
        return "registration"
    if org.status is OrgStatus.active and org.change_status is ChangeStatus.pending:
        return "change"
    return None


def review_stage(org: Organization) -> ReviewStage | None:
    """Town first, then the district; None when nothing waits for review."""
    if _under_review(org) is None:
        return None
    return ReviewStage.town if org.town_reviewed_at is None else ReviewStage.district


def _clear_town_opinion(org: Organization) -> None:
    # setattr: Tortoise types nullable datetime and int fields as never None.
    for name, empty in (("town_opinion", ""), ("town_reviewed_at", None), ("town_reviewer_id", None)):
        setattr(org, name, empty)


def _redact_change(change: dict[str, Any] | None) -> dict[str, Any] | None:
    if not change:
        return change
    return {k: ("(encrypted)" if k == "contact_phone_encrypted" and v else v) for k, v in change.items()}


def _current_registration_data(org: Organization, pd: PersonalData) -> dict[str, Any]:
    data = {f: getattr(org, f) for f in EDITABLE_FIELDS if f not in ("contact_phone",)}
    data["contact_phone"] = pd.decrypt(org.contact_phone_encrypted) if org.contact_phone_encrypted else None
    return data


async def update_org(*, actor: Actor, org_id: int, changes: dict[str, Any], pd: PersonalData) -> Organization:
    """A leader's change: applied and resubmitted while in review, held for review once active."""
    org = await require_org_leader(org_id=org_id, actor=actor)
    if org.status in (OrgStatus.rejected, OrgStatus.deregistered):
        raise OrgNotEditable(action="修改登记信息")
    before = review_snapshot(org)
    if org.status is OrgStatus.active and org.pending_change:
        base = {**_current_registration_data(org, pd), **_decode_change(org.pending_change, pd)}
    else:
        base = _current_registration_data(org, pd)
    fields = await _model_fields({**base, **changes}, actor=actor, pd=pd, current_file_id=org.charter_file_id)
    if name_key(fields["name"]) != org.name_key:
        await refuse_duplicate_name(fields["name"], exclude_id=org.id)
    async with in_transaction():
        if org.status is OrgStatus.active:
            org.pending_change = fields
            org.change_status, org.change_reason = ChangeStatus.pending, ""
        else:
            for key, value in fields.items():
                setattr(org, key, value)
            org.status, org.status_reason = OrgStatus.pending, ""
        _clear_town_opinion(org)  # what the town saw has changed: it gives its opinion again
        await org.save()
        await audit.record(actor=actor, action="org.update", object_type="organization",
                           object_id=org.id, before=before, after=review_snapshot(org))
    return org


def _decode_change(change: dict[str, Any], pd: PersonalData) -> dict[str, Any]:
    decoded = {k: v for k, v in change.items() if k in EDITABLE_FIELDS}
    if change.get("contact_phone_encrypted"):
        decoded["contact_phone"] = pd.decrypt(change["contact_phone_encrypted"])
    return decoded


async def town_review(*, actor: Actor, org_id: int, decision: str, reason: str) -> Organization:
    """The town's preliminary opinion: pass the registration or change on to the district (with remarks),
    or return it to the leader with a reason. Only staff of the organization's own town give it."""
    if decision == "return" and not reason.strip():
        raise field_error("reason", "退回修改时必须填写理由")
    async with in_transaction() as conn:
        org = await get_org_in_scope(org_id=org_id, scope_town_id=actor.scope_region_id, conn=conn, lock=True)
        if actor.is_district_staff:
            raise TownStaffOnly()
        kind = _under_review(org)
        if kind is None:
            raise NothingToReview()
        if org.town_reviewed_at is not None:
            raise TownOpinionGiven()
        before = review_snapshot(org)
        if decision == "pass":
            org.town_opinion, org.town_reviewed_at, org.town_reviewer_id = reason.strip(), clock.now(), actor.user_id
        elif kind == "registration":
            org.status, org.status_reason = OrgStatus.returned, reason
        else:
            org.change_status, org.change_reason = ChangeStatus.returned, reason
        await org.save(using_db=conn)
        prefix = "org.review" if kind == "registration" else "org.change_review"
        await audit.record(actor=actor, action=f"{prefix}.town_{decision}", object_type="organization",
                           object_id=org.id, before=before, after=review_snapshot(org), reason=reason)
        if decision == "return":
            await _tell_leaders(org, kind=kind, outcome="returned", by="town", reason=reason, conn=conn)
    return org


async def _tell_leaders(org: Organization, *, kind: str, outcome: str, by: str, reason: str, conn: Any) -> None:
    """The leaders hear about a review decision (inbox + subscribe message, backend.jobs.event_notices)."""
    await events.emit(kind="org.review_decided", using_db=conn, payload={
        "org_id": org.id, "org_name": org.name, "what": kind, "outcome": outcome, "by": by, "reason": reason})


async def review_org(*, actor: Actor, org_id: int, decision: str, reason: str, credit_code: str | None = None,
                     override_charter_flag: bool = False) -> Organization:
    """The registration authority's decision (district staff, after the town's opinion): approve, return or
    reject a registration or a pending change; every decision is audited."""
    if decision in ("return", "reject") and not reason.strip():
        raise field_error("reason", "退回或不予登记时必须填写理由")
    async with in_transaction() as conn:
        # Scope first: town staff asking about another town's organization learn nothing (404).
        org = await get_org_in_scope(org_id=org_id, scope_town_id=actor.scope_region_id, conn=conn, lock=True)
        if not actor.is_district_staff:
            raise DistrictStaffOnly()
        kind = _under_review(org)
        if kind is None:
            raise NothingToReview()
        if org.town_reviewed_at is None:
            raise TownOpinionPending()
        before = review_snapshot(org)
        if kind == "registration":
            await _review_registration(org, decision, reason, credit_code, override_charter_flag, conn)
            action = f"org.review.{decision}"
        else:
            proposed = str((org.pending_change or {}).get("name") or org.name)
            if decision == "approve" and name_key(proposed) != org.name_key:
                # Another organization may have taken the name while the change waited.
                await refuse_duplicate_name(proposed, exclude_id=org.id, conn=conn)
            _review_change(org, decision, reason, override_charter_flag)
            action = f"org.change_review.{decision}"
        _clear_town_opinion(org)  # a resubmission goes through the town again
        await org.save(using_db=conn)
        await audit.record(actor=actor, action=action,
                           object_type="organization", object_id=org.id, before=before,
                           after=review_snapshot(org), reason=reason)
        outcome = {"approve": "approved", "return": "returned", "reject": "rejected"}[decision]
        await _tell_leaders(org, kind=kind, outcome=outcome, by="district", reason=reason, conn=conn)
    return org


def _require_charter_ok(party_clause: bool, override: bool, reason: str) -> None:
    # Item 5: a flagged charter is never approved by accident; overriding needs an explicit, reasoned choice.
    if party_clause:
        return
    if not override:
        raise CharterPartyClauseMissing()
    if not reason.strip():
        raise field_error("reason", "核准未载明党的领导表述的章程时必须填写理由")


async def _review_registration(org: Organization, decision: str, reason: str, credit_code: str | None,
                               override: bool, conn: Any) -> None:
    if decision == "approve":
        _require_charter_ok(org.charter_party_clause, override, reason)
        if credit_code and org.credit_code and credit_code != org.credit_code:
            raise field_error("credit_code", "该组织已有统一社会信用代码，不能在审核时更改")
        if credit_code and not org.credit_code:
            if await Organization.filter(credit_code=credit_code).exclude(id=org.id).using_db(conn).exists():
                raise CreditCodeTaken()
            org.credit_code = credit_code
        org.status, org.approved_at = OrgStatus.active, clock.now()
        # "三同步": approved with neither a party organization nor an instructor → a blank spot.
        org.blank_spot = org.coverage_form is CoverageForm.none
    else:
        org.status = OrgStatus.returned if decision == "return" else OrgStatus.rejected
    org.status_reason = reason


def _review_change(org: Organization, decision: str, reason: str, override: bool) -> None:
    change = org.pending_change or {}
    if decision == "approve":
        _require_charter_ok(bool(change.get("charter_party_clause")), override, reason)
        for key, value in change.items():
            setattr(org, key, value)
        org.pending_change, org.change_status = None, ChangeStatus.none
    elif decision == "return":
        org.change_status = ChangeStatus.returned
    else:
        org.pending_change, org.change_status = None, ChangeStatus.none
    org.change_reason = reason


async def list_for_staff(*, scope_town_id: int | None, status: str | None, town_id: int | None, q: str | None,
                         page: int, page_size: int, stage: str | None = None) -> tuple[list[Organization], int]:
    """Organizations within the caller's scope, newest first; `change_pending` lists pending changes;
    `stage` keeps the registrations and changes waiting at that review stage."""
    query = scoped_to_towns(Organization.all(), field="town_id", scope_town_id=scope_town_id, town_id=town_id,
                            what="社会组织")
    if stage:
        waiting = Q(status=OrgStatus.pending) | Q(status=OrgStatus.active, change_status=ChangeStatus.pending)
        query = query.filter(waiting, town_reviewed_at__isnull=stage == ReviewStage.town)
    if status == "change_pending":
        query = query.filter(status=OrgStatus.active, change_status=ChangeStatus.pending)
    elif status:
        query = query.filter(status=status)
    if q:
        # Only an 18-character text can be a credit code (GB 32100-2015); the column refuses longer ones.
        match = Q(name__icontains=q)
        if len(q) == CREDIT_CODE_LENGTH:
            match |= Q(credit_code=q.upper())
        query = query.filter(match)
    total = await query.count()
    items = await query.order_by("-created_at", "-id").offset((page - 1) * page_size).limit(page_size) \
        .prefetch_related("town", "community", "charter_file")
    return items, total


async def search_directory(*, q: str | None, town_id: int | None, category: str | None, served_group: str | None,
                           page: int, page_size: int) -> tuple[list[Organization], int]:
    """The public directory: active organizations only."""
    query = Organization.filter(status=OrgStatus.active)
    if q:
        query = query.filter(name__icontains=q.strip())
    if town_id is not None:
        query = query.filter(town_id=town_id)
    if category:
        query = query.filter(category=category)
    if served_group:
        query = query.filter(served_groups_text__contains=f"|{served_group}|")
    total = await query.count()
    items = await query.order_by("name", "id").offset((page - 1) * page_size).limit(page_size) \
        .prefetch_related("town", "community")
    return items, total


async def load_for_view(org_id: int) -> Organization:
    """Re-read an organization with the relations the views show."""
    org = await Organization.get_or_none(id=org_id) \
        .prefetch_related("town", "community", "joint_branch", "charter_file")
    if org is None:
        raise OrgNotFound()
    return org


async def visible_org(*, org_id: int, actor: Actor | None) -> tuple[Organization, bool]:
    """The organization as the caller may see it, and whether they see the full record (its leader);
    the public sees active organizations only."""
    org = await load_for_view(org_id)
    if actor is not None and await is_org_leader(org_id=org_id, user_id=actor.user_id):
        return org, True
    if org.status is not OrgStatus.active:
        raise OrgNotFound()
    return org, False


async def my_orgs(*, user_id: int) -> list[tuple[Organization, OrgMember]]:
    memberships = await OrgMember.filter(user_id=user_id) \
        .prefetch_related("org__town", "org__community", "org__charter_file").order_by("id")
    return [(m.org, m) for m in memberships]


# --- claims: a leader binds to an existing registered organization by its credit code ---------------

async def claim_org(*, actor: Actor, credit_code: str) -> OrgMember:
    """Ask to become the leader of a registered organization; staff confirm."""
    user_id = actor.user_id
    org = await Organization.get_or_none(credit_code=credit_code, status=OrgStatus.active)
    if org is None:
        raise field_error("credit_code", "未找到使用该统一社会信用代码的已登记社会组织")
    existing = await OrgMember.get_or_none(org_id=org.id, user_id=user_id)
    if existing is not None:
        raise AlreadyMember() if existing.confirmed else ClaimExists()
    try:
        async with in_transaction():
            claim = await OrgMember.create(org=org, user_id=user_id, role=MemberRole.leader, confirmed=False)
            await audit.record(actor=actor, action="org.claim", object_type="organization", object_id=org.id,
                               after={"member_id": claim.id, "user_id": user_id})
    except IntegrityError:
        raise ClaimExists() from None
    return claim


async def list_claims(*, scope_town_id: int | None, page: int, page_size: int) -> tuple[list[OrgMember], int]:
    """One page of the pending leader claims on organizations of the town (oldest first), and their total."""
    query = OrgMember.filter(confirmed=False, role=MemberRole.leader)
    if scope_town_id is not None:
        query = query.filter(org__town_id=scope_town_id)
    rows = await query.order_by("id").offset((page - 1) * page_size).limit(page_size).prefetch_related("org", "user")
    return rows, await query.count()


async def decide_claim(*, actor: Actor, claim_id: int, decision: str, reason: str) -> OrgMember:
    """Confirm (the user becomes leader) or reject (the claim is removed) a pending claim."""
    async with in_transaction():
        claim = await OrgMember.filter(id=claim_id, confirmed=False).prefetch_related("org").first()
        if claim is None or not in_scope(actor.scope_region_id, claim.org.town_id):
            raise ClaimNotFound()
        before = {"member_id": claim.id, "user_id": claim.user_id, "confirmed": False}
        if decision == "confirm":
            claim.confirmed = True
            await claim.save(update_fields=["confirmed"])
            await User.filter(id=claim.user_id, role=Role.resident).update(role=Role.leader)
            after: dict[str, Any] | None = {**before, "confirmed": True}
        else:
            if not reason.strip():
                raise field_error("reason", "驳回认领时必须填写理由")
            await claim.delete()
            after = None
        await audit.record(actor=actor, action=f"org.claim.{decision}",
                           object_type="organization", object_id=claim.org.id, before=before, after=after,
                           reason=reason)
        # The claimant hears either way (on rejection they are no member, so the notice names them).
        await events.emit(kind="org.claim_decided", payload={
            "org_id": claim.org.id, "org_name": claim.org.name, "user_id": claim.user_id,
            "outcome": "confirmed" if decision == "confirm" else "rejected", "reason": reason})
    return claim


# --- invites: one-time codes in Redis ---------------------------------------------------------------

async def create_invite(*, redis: Redis, actor: Actor, org_id: int) -> tuple[str, int]:
    """A one-time code a leader hands to a new member; it expires after a week."""
    org = await require_org_leader(org_id=org_id, actor=actor)
    if org.status in (OrgStatus.rejected, OrgStatus.deregistered):
        raise OrgNotEditable(action="邀请成员")
    code = "".join(secrets.choice(_INVITE_ALPHABET) for _ in range(8))
    await redis.set(INVITE_PREFIX + code, str(org.id), ex=INVITE_TTL_SECONDS)
    return code, INVITE_TTL_SECONDS


async def join_with_invite(*, redis: Redis, user_id: int, code: str) -> OrgMember:
    """Use an invite code (once) to join its organization as a member."""
    key = INVITE_PREFIX + code.strip().upper()
    org_id = await redis.get(key)
    if org_id is None:
        raise field_error("code", "邀请码无效或已被使用")
    if await OrgMember.exists(org_id=int(org_id), user_id=user_id):
        raise AlreadyMember()
    if await redis.getdel(key) is None:  # GETDEL makes the code single-use under races
        raise field_error("code", "邀请码无效或已被使用")
    try:
        return await OrgMember.create(org_id=int(org_id), user_id=user_id, role=MemberRole.member, confirmed=True)
    except IntegrityError:
        raise AlreadyMember() from None


# --- personal data ----------------------------------------------------------------------------------

async def read_contact_phone(*, actor: Actor, org_id: int, pd: PersonalData) -> str:
    """The full contact phone for staff; every read is audited."""
    org = await get_org_in_scope(org_id=org_id, scope_town_id=actor.scope_region_id)
    phone = pd.decrypt(org.contact_phone_encrypted) if org.contact_phone_encrypted else ""
    await audit.record(actor=actor, action="org.phone.read",
                       object_type="organization", object_id=org.id, after={"field": "contact_phone"})
    return phone


def masked_phone(org: Organization, pd: PersonalData) -> str:
    return mask_phone(pd.decrypt(org.contact_phone_encrypted)) if org.contact_phone_encrypted else ""


# --- supervision (item 6) ----------------------------------------------------------------------------

async def set_supervision(*, actor: Actor, org_id: int, level: str, reason: str) -> SupervisionRecord:
    """Set the supervision level with a reason; the history keeps every change."""
    if not reason.strip():
        raise field_error("reason", "请填写调整监管等级的理由")
    async with in_transaction() as conn:
        org = await get_org_in_scope(org_id=org_id, scope_town_id=actor.scope_region_id, conn=conn, lock=True)
        previous = org.supervision_level
        suggested = (await supervision.suggest(org.id, conn)).level
        record = await SupervisionRecord.create(org=org, level=level, previous_level=previous, reason=reason,
                                                suggested_level=suggested, actor_id=actor.user_id, using_db=conn)
        org.supervision_level = SupervisionLevel(level)
        await org.save(update_fields=["supervision_level", "updated_at"], using_db=conn)
        await audit.record(actor=actor, action="org.supervision",
                           object_type="organization", object_id=org.id, before={"level": str(previous)},
                           after={"level": level, "suggested_level": suggested.value}, reason=reason)
    return record


async def supervision_history(*, actor: Actor, org_id: int, page: int,
                              page_size: int) -> tuple[list[SupervisionRecord], int]:
    """One page of an organization's supervision-level changes (newest first) and their total."""
    await get_org_in_scope(org_id=org_id, scope_town_id=actor.scope_region_id)
    qs = SupervisionRecord.filter(org_id=org_id)
    return await qs.order_by("-id").offset((page - 1) * page_size).limit(page_size), await qs.count()


# --- content security -------------------------------------------------------------------------------

async def ensure_text_safe(*, wechat: WeChatGateway, user_id: int, texts: list[str]) -> None:
    """Text the public directory will show passes WeChat msgSecCheck before it is stored."""
    content = "\n".join(t for t in texts if t and t.strip())
    user = await User.get_or_none(id=user_id)
    if not content or user is None or not user.openid:
        return
    verdict = await wechat.msg_sec_check(content=content, openid=user.openid)
    if not verdict.passed:
        raise ContentRisky(what="名称或简介")
