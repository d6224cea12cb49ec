"""Notices fired by domain events: activity cancelled/changed, waitlist promotion, 24-hour reminders,
grant application status changes, annual-report deadlines, and review and claim decisions on
organizations.

Outbox rows are stamped `processed_at` in the same transaction that creates their notice, and each
notice carries a unique `source_key`, so an event produces exactly one notice however many workers
run and however often they retry.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta
from typing import Any

from tortoise.transactions import in_transaction

from backend.jobs import annual_reports as annual_report_notices
from backend.jobs import credit_notices
from backend.models.activity import Activity, ActivityStatus
from backend.models.notice import Notice
from backend.models.organization import Organization
from backend.models.outbox import OutboxEvent
from backend.services import clock, notices
from backend.services import miniprogram_pages as pages
from backend.services.audiences import Audience, AudienceKind
from backend.services.grants import APPLICANT_EVENTS

log = logging.getLogger(__name__)

CHANGE_LABELS = {"starts_at": "开始时间", "ends_at": "结束时间", "address": "地点", "town_id": "镇街",
                 "community_id": "社区", "lat": "地点", "lng": "地点", "signup_deadline": "报名截止时间"}
# phrase values: at most five Chinese characters (WeChat's limit for the type).
APPLICATION_PHRASES = {
    "submitted": "已提交", "returned_for_info": "待补充材料", "resubmitted": "已重新提交", "formal_passed": "初审通过",
    "expert_review": "专家评审中", "scored": "评审完成", "site_visit": "实地考察", "approved": "已立项",
    "rejected": "未通过", "public_notice": "公示中", "agreement_signed": "已签协议", "in_progress": "执行中",
    "closed": "已结项",
}
# The grants service emits `grant.<transition>` for each transition the applicant should hear about.
GRANT_KINDS = {f"grant.{event}" for event in APPLICANT_EVENTS}
INCUBATION_PHRASES = {"incubation.admitted": "已入驻", "incubation.rejected": "未通过"}
ANNUAL_REPORT_KINDS = {"annual_report.deadline", "org.annual_report_due"}
# Review decisions on an organization's registration or change (backend.services.orgs): what the leader
# reads. Phrases: at most five Chinese characters.
ORG_REVIEW_SUBJECTS = {"registration": "登记申请", "change": "登记信息变更"}
ORG_REVIEW_PHRASES = {("registration", "approved"): "已核准", ("registration", "returned"): "退回修改",
                      ("registration", "rejected"): "不予登记", ("change", "approved"): "变更已核准",
                      ("change", "returned"): "退回修改", ("change", "rejected"): "未予核准"}
ORG_REVIEWERS = {"town": "镇街初审", "district": "区级审核"}
CLAIM_PHRASES = {"confirmed": "已确认", "rejected": "已驳回"}


def _when(value: Any) -> str:
    """A stored instant as local "YYYY-MM-DD HH:MM" (what a `time` keyword accepts)."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return value[:16]
    if isinstance(value, datetime):
        return value.astimezone(clock.LOCAL_TZ).strftime("%Y-%m-%d %H:%M")
    return "-"


def _users(ids: Any) -> Audience:
    return Audience(kind=AudienceKind.users, user_ids=[int(i) for i in ids or []])


async def _activity_cancelled(event: OutboxEvent, conn: Any) -> Notice | None:
    p = event.payload
    title, reason = str(p.get("title", "活动")), str(p.get("reason") or "组织方取消")
    return await notices.create_system_notice(
        source_key=f"outbox:{event.id}", title=f"活动取消：{title}",
        body=f"您报名的活动“{title}”（原定 {_when(p.get('starts_at'))}）已取消。取消原因：{reason}",
        audience=_users(p.get("user_ids")), template_key="activity_cancelled",
        values={"thing1": title, "time2": _when(p.get("starts_at")), "thing3": reason},
        page=pages.link(pages.ACTIVITY_DETAIL, id=p.get("activity_id")), using_db=conn)


async def _activity_changed(event: OutboxEvent, conn: Any) -> Notice | None:
    p = event.payload
    activity = await Activity.get_or_none(id=p.get("activity_id"), using_db=conn)
    title = str(p.get("title") or (activity.title if activity else "活动"))
    changed = sorted({CHANGE_LABELS.get(k, "安排") for k in (p.get("changes") or {})})
    what = "、".join(changed) or "安排"
    return await notices.create_system_notice(
        source_key=f"outbox:{event.id}", title=f"活动变更：{title}",
        body=f"您报名的活动“{title}”的{what}有变化，请在小程序中查看最新安排。",
        audience=_users(p.get("user_ids")), template_key="activity_changed",
        values={"thing1": title, "time2": _when(activity.starts_at if activity else None), "thing3": f"{what}有变化"},
        page=pages.link(pages.ACTIVITY_DETAIL, id=p.get("activity_id")), using_db=conn)


async def _signup_promoted(event: OutboxEvent, conn: Any) -> Notice | None:
    p = event.payload
    activity = await Activity.get_or_none(id=p.get("activity_id"), using_db=conn)
    if activity is None:
        return None
    return await notices.create_system_notice(
        source_key=f"outbox:{event.id}", title=f"候补成功：{activity.title}",
        body=f"您候补的活动“{activity.title}”已有空位，您已报名成功，请按时参加。",
        audience=_users([p.get("user_id")]), template_key="activity_changed",
        values={"thing1": activity.title, "time2": _when(activity.starts_at), "thing3": "候补已转为报名成功"},
        page=pages.link(pages.ACTIVITY_DETAIL, id=activity.id), using_db=conn)


async def _application_status(event: OutboxEvent, conn: Any) -> Notice | None:
    from backend.models.grant import GrantApplication

    p = event.payload
    application = await GrantApplication.get_or_none(id=p.get("application_id"), using_db=conn)
    org_id = p.get("org_id") or (application.org_id if application else None)
    if org_id is None:
        return None
    status = str(p.get("status") or p.get("to") or (application.status if application else ""))
    project = str(p.get("project_name") or (application.project_name if application else "公益创投申请"))
    phrase = APPLICATION_PHRASES.get(status, "状态更新")
    note = str(p.get("reason") or "请在小程序中查看详情")
    return await notices.create_system_notice(
        source_key=f"outbox:{event.id}", title=f"申请进度：{project}",
        body=f"贵组织申请的“{project}”状态更新为：{phrase}。{note}",
        audience=Audience(kind=AudienceKind.orgs, org_ids=[int(org_id)]), template_key="application_status",
        values={"thing1": project, "phrase2": phrase, "thing3": note},
        page=pages.link(pages.GRANT_DETAIL, id=application.id) if application else pages.link(pages.GRANTS_MINE),
        using_db=conn)


async def _annual_report_event(event: OutboxEvent, conn: Any) -> Notice | None:
    p = event.payload
    org = await Organization.get_or_none(id=p.get("org_id"), using_db=conn)
    if org is None:
        return None
    due = str(p.get("due") or org.annual_report_due or "")
    return await _annual_report_notice(org, due, f"outbox:{event.id}", conn)


async def _annual_report_notice(org: Organization, due: str, source_key: str, conn: Any) -> Notice | None:
    return await notices.create_system_notice(
        source_key=source_key, title="年度报告提醒",
        body=f"“{org.name}”的年度报告请于 {due} 前提交。逾期未报将被列入活动异常名录。",
        audience=Audience(kind=AudienceKind.orgs, org_ids=[org.id]), template_key="annual_report",
        values={"thing1": org.name, "date2": due, "thing3": "逾期未报将列入活动异常名录"},
        page=pages.link(pages.ORG_ANNUAL_REPORTS), using_db=conn)


async def _incubation_decision(event: OutboxEvent, conn: Any) -> Notice | None:
    p = event.payload
    org = await Organization.get_or_none(id=p.get("org_id"), using_db=conn)
    if org is None:
        return None
    phrase = INCUBATION_PHRASES[event.kind]
    note = str(p.get("reason") or "请在小程序中查看详情")
    return await notices.create_system_notice(
        source_key=f"outbox:{event.id}", title="孵化入驻申请结果",
        body=f"“{org.name}”的孵化入驻申请：{phrase}。{note}",
        audience=Audience(kind=AudienceKind.orgs, org_ids=[org.id]), template_key="application_status",
        values={"thing1": "孵化入驻申请", "phrase2": phrase, "thing3": note},
        # The leader's own admission request, not the grants page the shared template defaults to.
        page=pages.link(pages.INCUBATION_DETAIL, id=p["admission_id"]) if p.get("admission_id")
        else pages.link(pages.INCUBATION_MINE), using_db=conn)


async def _org_review_decided(event: OutboxEvent, conn: Any) -> Notice | None:
    p = event.payload
    org_id, name = int(p["org_id"]), str(p.get("org_name") or "社会组织")
    what, outcome, reason = str(p.get("what")), str(p.get("outcome")), str(p.get("reason") or "").strip()
    subject, phrase = ORG_REVIEW_SUBJECTS.get(what, "登记申请"), ORG_REVIEW_PHRASES.get((what, outcome), "状态更新")
    reviewer = ORG_REVIEWERS.get(str(p.get("by")), "审核")
    if outcome == "approved":
        body = f"“{name}”的{subject}已经{reviewer}核准。" + (f"审核意见：{reason}" if reason else "")
    elif outcome == "returned":
        body = f"“{name}”的{subject}在{reviewer}中被退回修改。退回理由：{reason}。请在小程序中修改后重新提交。"
    else:
        body = f"“{name}”的{subject}经{reviewer}{phrase}。理由：{reason}"
    return await notices.create_system_notice(
        source_key=f"outbox:{event.id}", title=f"{subject}审核结果：{name}", body=body,
        audience=Audience(kind=AudienceKind.orgs, org_ids=[org_id]), template_key="application_status",
        values={"thing1": f"{subject}：{name}", "phrase2": phrase, "thing3": reason or "请在小程序中查看详情"},
        page=pages.link(pages.ORG_DETAIL, id=org_id), using_db=conn)


async def _org_claim_decided(event: OutboxEvent, conn: Any) -> Notice | None:
    p = event.payload
    org_id, name, reason = int(p["org_id"]), str(p.get("org_name") or "社会组织"), str(p.get("reason") or "").strip()
    confirmed = p.get("outcome") == "confirmed"
    body = (f"您认领“{name}”负责人的申请已确认，现在可以在小程序中管理该组织。" if confirmed
            else f"您认领“{name}”负责人的申请未通过。驳回理由：{reason}")
    return await notices.create_system_notice(
        source_key=f"outbox:{event.id}", title=f"负责人认领结果：{name}", body=body,
        audience=_users([p.get("user_id")]), template_key="application_status",
        values={"thing1": f"负责人认领：{name}", "phrase2": CLAIM_PHRASES["confirmed" if confirmed else "rejected"],
                "thing3": reason or "请在小程序中查看详情"},
        page=pages.link(pages.ORG_DETAIL, id=org_id), using_db=conn)


HANDLERS = {
    "activity.cancelled": _activity_cancelled,
    "activity.changed": _activity_changed,
    "signup.promoted": _signup_promoted,
    **{kind: _application_status for kind in GRANT_KINDS},
    **{kind: _incubation_decision for kind in INCUBATION_PHRASES},
    **{kind: _annual_report_event for kind in ANNUAL_REPORT_KINDS},
    "org.review_decided": _org_review_decided,
    "org.claim_decided": _org_claim_decided,
}
HANDLERS.update(annual_report_notices.HANDLERS)
HANDLERS.update(credit_notices.HANDLERS)


async def consume_outbox(*, limit: int = 200) -> list[int]:
    """Turn unprocessed outbox events into queued notices, each exactly once; returns the new notice ids."""
    created = []
    events = await OutboxEvent.filter(processed_at__isnull=True).order_by("id").limit(limit)
    for event in events:
        async with in_transaction() as conn:
            # Taking the row with a conditional update makes a second consumer skip it.
            taken = await OutboxEvent.filter(id=event.id, processed_at__isnull=True).using_db(conn).update(
                processed_at=clock.db_now())
            handler = HANDLERS.get(event.kind)
            notice = await handler(event, conn) if taken and handler else None
        if notice is not None:
            created.append(notice.id)
    return created


async def activity_reminders(*, now: datetime | None = None) -> list[int]:
    """One reminder per published activity starting within 24 hours, to its confirmed participants."""
    now = now or clock.db_now()
    created = []
    # A wide SQL window, then the exact test here: stored instants may carry different UTC offsets,
    # which SQLite compares as text.
    candidates = await Activity.filter(status=ActivityStatus.published, starts_at__gt=now - timedelta(hours=14),
                                       starts_at__lte=now + timedelta(hours=38))
    for activity in (a for a in candidates if now < a.starts_at <= now + timedelta(hours=24)):
        place, starts = activity.address or "见活动详情", _when(activity.starts_at)
        notice = await notices.create_system_notice(
            source_key=f"reminder:activity:{activity.id}", title=f"活动提醒：{activity.title}",
            body=f"您报名的活动“{activity.title}”将于 {starts} 开始，地点：{place}。",
            audience=Audience(kind=AudienceKind.activity, activity_id=activity.id), template_key="activity_reminder",
            values={"thing1": activity.title, "time2": starts, "thing3": place},
            page=pages.link(pages.ACTIVITY_DETAIL, id=activity.id))
        if notice is not None:
            created.append(notice.id)
    return created


async def annual_report_reminders(*, today: date | None = None) -> list[int]:
    """Deadline reminders only to organizations whose annual report is not yet submitted (see
    backend.jobs.annual_reports; the old due-date reminder reached organizations that had filed)."""
    return await annual_report_notices.reminders(today=today)
