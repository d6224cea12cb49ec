"""Credit-list events become messages to the organization's leaders (inbox plus the
`application_status` subscribe template): a proposal with its ground, evidence and answer deadline,
and each decision on inclusion and removal. One notice per outbox event (`source_key`)."""

from __future__ import annotations

from typing import Any

from backend.models.notice import Notice
from backend.models.outbox import OutboxEvent
from backend.services import miniprogram_pages as pages
from backend.services import notices
from backend.services.audiences import Audience, AudienceKind
from backend.services.credit import LIST_LABELS

# kind → (title, phrase of at most five characters, note)
MESSAGES = {
    "credit.proposed": ("拟列入{list}告知", "拟列入",
                        "事由：{ground}。如有异议，请于 {answer_due} 前在小程序中陈述申辩"),
    "credit.included": ("列入{list}决定", "已列入", "事由：{ground}。{reason}"),
    "credit.dropped": ("不予列入{list}", "不予列入", "{reason}"),
    "credit.removal_proposed": ("拟移出{list}", "拟移出", "{reason}，待区民政局决定"),
    "credit.removed": ("移出{list}决定", "已移出", "{reason}"),
    "credit.kept": ("继续保留在{list}", "继续保留", "{reason}"),
}


async def credit_notice(event: OutboxEvent, conn: Any) -> Notice | None:
    p = event.payload
    title, phrase, note = MESSAGES[event.kind]
    values = {"list": LIST_LABELS.get(str(p.get("list")), "信用名录"), "ground": str(p.get("ground_label") or ""),
              "answer_due": str(p.get("answer_due") or ""), "reason": str(p.get("reason") or "")}
    org_name = str(p.get("org_name") or "")
    text = note.format(**values)
    return await notices.create_system_notice(
        source_key=f"outbox:{event.id}", title=title.format(**values),
        body=f"“{org_name}”{title.format(**values)}。{text}", page=pages.link(pages.CREDIT_ENTRIES),
        audience=Audience(kind=AudienceKind.orgs, org_ids=[int(p["org_id"])]), template_key="application_status",
        values={"thing1": title.format(**values), "phrase2": phrase, "thing3": text}, using_db=conn)


async def problems_notice(event: OutboxEvent, conn: Any) -> Notice | None:
    """An inspection found problems: the leaders hear the rectification deadline."""
    p = event.payload
    due = str(p.get("rectification_due") or "")
    note = f"请于 {due} 前完成整改并在小程序中提交整改报告；逾期未完成将被提出列入活动异常名录"
    return await notices.create_system_notice(
        source_key=f"outbox:{event.id}", title="抽查发现问题，请限期整改", body=f"双随机抽查发现问题。{note}",
        audience=Audience(kind=AudienceKind.orgs, org_ids=[int(p["org_id"])]), template_key="application_status",
        page=pages.link(pages.INSPECTIONS_MINE), values={"thing1": "双随机抽查", "phrase2": "限期整改", "thing3": note},
        using_db=conn)


HANDLERS: dict[str, Any] = {**dict.fromkeys(MESSAGES, credit_notice), "inspection.problems_found": problems_notice}
