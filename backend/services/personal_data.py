"""A person's rights over their data (PIPL arts. 45 and 47) and the retention limits the service keeps.

- `export_mine`: everything held about the caller, phone and contact values decrypted for them alone.
- `erase_account`: the account is closed and its personal data erased or anonymised. The user row stays
  as a tombstone without any identifying value, so the organizations' signups and service-hour totals
  (their activity records) keep counting; everything only the person needs (bot questions, votes,
  inbox, subscriptions, memberships) is deleted; audit rows keep the action and lose the personal data.
- `purge_expired`: bot question logs and finished notice deliveries older than their retention period.
"""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable, Iterable
from datetime import timedelta
from typing import Any

from tortoise.expressions import Q
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from backend.crypto import PersonalData, mask_phone
from backend.errors import ActivityNotFound, ActivityStarted, DistrictStaffOnly, SignupNotFound, SoleLeader
from backend.models.activity import Activity, ActivityStatus, ServiceHours, Signup, SignupStatus
from backend.models.audit import AuditLog
from backend.models.bot import BotFeedback, BotQuestionLog
from backend.models.grant import Attachment, Expert, GrantApplication, GrantObjection, GrantProgram
from backend.models.incubation import AdmissionRequest
from backend.models.notice import Delivery, DeliveryStatus, Notice, NoticeApproval, Subscription
from backend.models.organization import MemberRole, Organization, OrgMember
from backend.models.user import Role, User
from backend.services import access, audit, clock, signups
from backend.services.actor import Actor

EXPORT = "personal_data.export"
ERASURE = "personal_data.erasure"
PURGE = "personal_data.retention_purge"
ERASED_NICKNAME = "已注销用户"
ERASED_EXPERT = "已注销专家"
REDACTED = "[已删除]"
# Keys of a user's own snapshot in the audit trail that name or reach the person.
PERSONAL_KEYS = frozenset({"phone", "real_name", "nickname", "openid", "unionid", "username"})
FINISHED_DELIVERY = (DeliveryStatus.sent, DeliveryStatus.refused, DeliveryStatus.no_quota, DeliveryStatus.cancelled)
PURGE_BATCH = 1000


def _decrypt(pd: PersonalData, token: str | None) -> str | None:
    return pd.decrypt(token) if token else None


async def _ids(query: QuerySet[Any], field: str) -> list[int]:
    return [int(v) for v in await query.values_list(field, flat=True)]  # type: ignore[call-overload]


# --- export (art. 45) ----------------------------------------------------------------------------------


async def export_mine(*, actor: Actor, pd: PersonalData) -> dict[str, Any]:
    """Everything the service holds about the caller, as plain data; the export itself is audited."""
    uid = actor.user_id
    user = await User.get(id=uid)
    hours = await ServiceHours.filter(user_id=uid).prefetch_related("activity").order_by("id")
    data = {
        "generated_at": clock.now(),
        "profile": _profile(user, pd),
        "organizations": await _memberships(uid, pd),
        "signups": await _signups(uid),
        "service_hours": [{"activity_id": h.activity_id, "activity_title": h.activity.title, "minutes": h.minutes,
                           "corrected": h.corrected, "note": h.note, "created_at": h.created_at} for h in hours],
        "service_minutes_total": sum(h.minutes for h in hours),
        "bot_questions": [{"id": str(q.id), "question": q.question, "answered": q.answered, "answer": q.answer,
                           "channel": str(q.channel), "created_at": q.created_at}
                          for q in await BotQuestionLog.filter(user_id=uid).order_by("created_at")],
        "bot_votes": [{"answer_id": str(v.answer_id), "vote": str(v.vote), "comment": v.comment,
                       "created_at": v.created_at} for v in await BotFeedback.filter(user_id=uid).order_by("id")],
        "inbox": await _deliveries(uid),
        "subscriptions": [{"template_id": s.template_id, "remaining": s.remaining, "accepted_total": s.accepted_total,
                           "last_result": s.last_result, "updated_at": s.updated_at}
                          for s in await Subscription.filter(user_id=uid).order_by("id")],
        "records": await _records(uid),
        "actions": [{"action": a.action, "object_type": a.object_type, "object_id": a.object_id,
                     "created_at": a.created_at} for a in await AuditLog.filter(actor_id=uid).order_by("id")],
    }
    counts = {k: len(v) for k, v in data.items() if isinstance(v, list)}
    await audit.record(actor=actor, action=EXPORT, object_type="user", object_id=uid, after={"sections": counts})
    return data


def _profile(user: User, pd: PersonalData) -> dict[str, Any]:
    return {"id": user.id, "role": str(user.role), "nickname": user.nickname, "real_name": user.real_name,
            "phone": _decrypt(pd, user.phone_encrypted), "phone_verified": user.phone_verified,
            "consent_version": user.consent_version, "consent_at": user.consent_at,
            "openid": user.openid, "unionid": user.unionid,
            "username": user.username, "scope_region_id": user.scope_region_id, "created_at": user.created_at,
            "last_login_at": user.last_login_at}


async def _memberships(uid: int, pd: PersonalData) -> list[dict[str, Any]]:
    rows = await OrgMember.filter(user_id=uid).prefetch_related("org").order_by("id")
    out = []
    for m in rows:
        leads = m.role == MemberRole.leader and m.confirmed
        out.append({"org_id": m.org_id, "org_name": m.org.name, "org_status": str(m.org.status),
                    "role": str(m.role), "confirmed": m.confirmed, "joined_at": m.created_at,
                    "contact_name": m.org.contact_name if leads else None,
                    "contact_phone": _decrypt(pd, m.org.contact_phone_encrypted) if leads else None})
    return out


async def _signups(uid: int) -> list[dict[str, Any]]:
    rows = await Signup.filter(user_id=uid).prefetch_related("activity__org").order_by("id")
    return [{"id": s.id, "activity_id": s.activity_id, "activity_title": s.activity.title,
             "org_name": s.activity.org.name, "starts_at": s.activity.starts_at, "status": str(s.status),
             "created_at": s.created_at, "confirmed_at": s.confirmed_at, "cancelled_at": s.cancelled_at,
             "checked_in_at": s.checked_in_at, "checked_out_at": s.checked_out_at} for s in rows]


async def _deliveries(uid: int) -> list[dict[str, Any]]:
    rows = await Delivery.filter(user_id=uid).prefetch_related("notice").order_by("id")
    return [{"id": d.id, "notice_title": d.notice.title, "notice_body": d.notice.body, "channel": str(d.channel),
             "status": str(d.status), "sent_at": d.sent_at, "read_at": d.read_at, "created_at": d.created_at}
            for d in rows]


async def _records(uid: int) -> list[dict[str, Any]]:
    """Rows elsewhere that point at the person: what they published, filed, objected to or uploaded."""
    sources: list[tuple[str, QuerySet[Any], str]] = [
        ("activity", Activity.filter(created_by_id=uid), "title"),
        ("grant_program", GrantProgram.filter(created_by_id=uid), "name"),
        ("grant_application", GrantApplication.filter(created_by_id=uid), "project_name"),
        ("grant_objection", GrantObjection.filter(raised_by_id=uid), "content"),
        ("attachment", Attachment.filter(uploaded_by_id=uid), "original_name"),
        ("admission_request", AdmissionRequest.filter(requested_by_id=uid), "statement"),
        ("notice", Notice.filter(created_by_id=uid), "title"),
        ("notice_approval", NoticeApproval.filter(approver_id=uid), "comment"),
        ("grant_expert", Expert.filter(user_id=uid), "name"),
    ]
    out = []
    for kind, query, label in sources:
        for row in await query.order_by("id"):
            out.append({"kind": kind, "id": row.id, "label": str(getattr(row, label) or ""),
                        "created_at": getattr(row, "created_at", None)})
    return out


# --- erasure (art. 47) ---------------------------------------------------------------------------------


async def erase_account(*, actor: Actor, pd: PersonalData) -> dict[str, Any]:
    """Close the caller's account and erase or anonymise their personal data; the caller revokes tokens."""
    async with in_transaction():  # all or nothing: a refusal or failure leaves every row as it was
        user = await User.select_for_update().get(id=actor.user_id)
        await _refuse_if_leading_alone(user.id)
        await _release_future_places(user.id)
        values = _identifying_values(user, pd)
        org_ids = await _ids(OrgMember.filter(user_id=user.id), "org_id")
        await _clear_org_contacts(org_ids, user, pd)
        expert_id = await _anonymise_expert(user.id, values)
        deleted = await _delete_personal_rows(user.id)
        kept = await Signup.filter(user_id=user.id).count()
        minutes = sum(await _ids(ServiceHours.filter(user_id=user.id), "minutes"))
        await _anonymise_user(user)
        await _scrub_audit(user.id, org_ids, expert_id, values)
        receipt = {"erased": True, "erased_at": clock.now(), "signups_kept_anonymous": kept,
                   "service_minutes_kept_anonymous": int(minutes), "deleted": deleted}
        await audit.record(actor=actor, action=ERASURE, object_type="user", object_id=user.id,
                           after={k: v for k, v in receipt.items() if k != "erased_at"},
                           reason="本人申请注销账号（个人信息保护法第四十七条）")
    return receipt


async def _refuse_if_leading_alone(user_id: int) -> None:
    # The organizations are locked, so two co-leaders leaving at the same moment cannot both pass.
    alone = await access.orgs_led_alone(user_id=user_id, lock=True)
    if alone:
        raise SoleLeader(names="」「".join(o.name for o in alone))


async def _release_future_places(user_id: int) -> None:
    """Cancel places in activities not yet started, so the waitlist moves up (savepoints in our transaction)."""
    future = Signup.filter(user_id=user_id, status__in=(SignupStatus.confirmed, SignupStatus.waitlisted),
                           activity__status=ActivityStatus.published, activity__starts_at__gt=clock.db_now())
    for activity_id in await _ids(future, "activity_id"):
        try:
            await signups.cancel_signup(activity_id=activity_id, user_id=user_id)
        except (ActivityStarted, ActivityNotFound, SignupNotFound):
            pass  # it started or changed meanwhile: the place stays as an anonymous record


def _identifying_values(user: User, pd: PersonalData) -> list[str]:
    """Every value that names or reaches the person, longest first (for scrubbing free text)."""
    phone = _decrypt(pd, user.phone_encrypted)
    found = {phone, mask_phone(phone) if phone else None, user.real_name, user.nickname, user.openid, user.unionid,
             user.username}
    return sorted((v for v in found if v and len(v) >= 2), key=len, reverse=True)


async def _clear_org_contacts(org_ids: list[int], user: User, pd: PersonalData) -> None:
    """Where the person was their organization's contact, the contact is cleared (the other leaders set it)."""
    phone = _decrypt(pd, user.phone_encrypted)

    def theirs(name: Any, phone_token: Any) -> tuple[bool, bool]:
        return (bool(user.real_name) and name == user.real_name,
                bool(phone) and _decrypt(pd, phone_token) == phone)

    for org in await Organization.filter(id__in=org_ids):
        name_match, phone_match = theirs(org.contact_name, org.contact_phone_encrypted)
        values: dict[str, Any] = {}
        if name_match:
            values["contact_name"] = ""
        if phone_match:
            values["contact_phone_encrypted"] = None
        change = dict(org.pending_change or {})
        change_name, change_phone = theirs(change.get("contact_name"), change.get("contact_phone_encrypted"))
        if change_name or change_phone:
            change.update({"contact_name": ""} if change_name else {})
            change.update({"contact_phone_encrypted": None} if change_phone else {})
            values["pending_change"] = change
        if values:
            await Organization.filter(id=org.id).update(**values)


async def _anonymise_expert(user_id: int, values: list[str]) -> int | None:
    """A reviewer's scores stay with the grant records; the reviewer no longer has a name."""
    expert = await Expert.get_or_none(user_id=user_id)
    if expert is None:
        return None
    values.extend(v for v in (expert.name,) if len(v) >= 2 and v not in values)
    values.sort(key=len, reverse=True)
    await Expert.filter(id=expert.id).update(name=ERASED_EXPERT, affiliation="", user_id=None, active=False)
    return expert.id


async def _delete_personal_rows(user_id: int) -> dict[str, int]:
    """What only the person needs goes; cancelled signups carry no total an organization counts."""
    question_ids = list(await BotQuestionLog.filter(user_id=user_id).values_list("id", flat=True))
    with_hours = await _ids(ServiceHours.filter(user_id=user_id), "signup_id")
    return {
        "bot_votes": await BotFeedback.filter(Q(user_id=user_id) | Q(answer_id__in=question_ids)).delete(),
        "bot_questions": await BotQuestionLog.filter(id__in=question_ids).delete(),
        "deliveries": await Delivery.filter(user_id=user_id).delete(),
        "subscriptions": await Subscription.filter(user_id=user_id).delete(),
        "memberships": await OrgMember.filter(user_id=user_id).delete(),
        "cancelled_signups": await Signup.filter(user_id=user_id, status=SignupStatus.cancelled,
                                                 id__not_in=with_hours).delete(),
    }


async def _anonymise_user(user: User) -> None:
    # Random placeholders: unique as the column requires, and derived from nothing, so irreversible.
    await User.filter(id=user.id).update(
        openid=f"erased-{secrets.token_hex(16)}", unionid=f"erased-{secrets.token_hex(16)}" if user.unionid else None,
        nickname=ERASED_NICKNAME, real_name="", phone_encrypted=None, phone_verified=False, username=None,
        password_hash=None, scope_region_id=None, role=Role.resident, active=False, last_login_at=None)


def _scrub(value: Any, values: Iterable[str], keys: frozenset[str]) -> Any:
    if isinstance(value, str):
        for secret in values:
            value = value.replace(secret, REDACTED)
        return value
    if isinstance(value, dict):
        return {k: (REDACTED if k in keys and v not in (None, "") else _scrub(v, values, keys))
                for k, v in value.items()}
    if isinstance(value, list):
        return [_scrub(v, values, keys) for v in value]
    return value


async def _scrub_audit(user_id: int, org_ids: list[int], expert_id: int | None, values: list[str]) -> int:
    """Audit rows by or about the person keep their action and lose the personal data in their snapshots."""
    about = Q(actor_id=user_id) | Q(object_type="user", object_id=str(user_id))
    if org_ids:
        about |= Q(object_type="organization", object_id__in=[str(i) for i in org_ids])
    if expert_id is not None:
        about |= Q(object_type="grant_expert", object_id=str(expert_id))
    changed, last_id = 0, 0
    while rows := await AuditLog.filter(about, id__gt=last_id).order_by("id").limit(500):
        for row in rows:
            keys = PERSONAL_KEYS if row.object_type == "user" else frozenset()
            scrubbed = tuple(_scrub(v, values, keys) for v in (row.before, row.after, row.reason))
            if scrubbed != (row.before, row.after, row.reason):
                row.before, row.after, row.reason = scrubbed
                await row.save(update_fields=["before", "after", "reason"])
                changed += 1
        last_id = rows[-1].id
    return changed


# --- staff: the log of requests ------------------------------------------------------------------------


async def request_log(*, actor: Actor, action: str | None, page: int, page_size: int) -> tuple[list[AuditLog], int]:
    """Exports and erasures people asked for, newest first (district staff: requests span every town)."""
    if not actor.is_district_staff:
        raise DistrictStaffOnly()
    query = AuditLog.filter(action=action) if action else AuditLog.filter(action__in=(EXPORT, ERASURE))
    total = await query.count()
    return await query.order_by("-id").offset((page - 1) * page_size).limit(page_size), total


# --- retention -----------------------------------------------------------------------------------------


async def _delete_in_batches(query: QuerySet[Any], *, before: Callable[[list[Any]], Awaitable[Any]] | None = None,
                             batch: int = PURGE_BATCH) -> int:
    """Delete the query's rows a batch at a time, so a large purge never holds long locks."""
    total = 0
    while ids := list(await query.limit(batch).values_list("id", flat=True)):
        async with in_transaction():
            if before is not None:
                await before(ids)
            total += await query.model.filter(id__in=ids).delete()
    return total


async def purge_expired(*, bot_log_days: int, delivery_days: int) -> dict[str, int]:
    """Delete bot question logs and finished deliveries past their retention period (a scheduled job)."""
    now = clock.now()
    bot_cutoff = clock.db_time(now - timedelta(days=bot_log_days))
    delivery_cutoff = clock.db_time(now - timedelta(days=delivery_days))
    finished = Q(status__in=FINISHED_DELIVERY) | Q(status=DeliveryStatus.failed, next_attempt_at=None)
    purged = {
        "bot_questions": await _delete_in_batches(
            BotQuestionLog.filter(created_at__lt=bot_cutoff),
            before=lambda ids: BotFeedback.filter(answer_id__in=ids).delete()),
        "deliveries": await _delete_in_batches(Delivery.filter(finished, created_at__lt=delivery_cutoff)),
    }
    if any(purged.values()):
        await audit.record(actor=None, action=PURGE, object_type="retention", object_id="-",
                           after={**purged, "bot_log_retention_days": bot_log_days,
                                  "delivery_retention_days": delivery_days})
    return purged
