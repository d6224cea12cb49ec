"""The mini-program's pages a message or QR code may open, with the query parameters each takes.

Subscribe messages, system notices and mini-program codes name a page by path; WeChat opens it as
given, so a path the mini-program does not have shows a blank "页面不存在". This list is the one
place those paths live: jobs and templates build their links with `link(...)`, staff-composed
notices are checked against it, and the OpenAPI document publishes it as `x-miniprogram-pages`
so the mini-program team sees which pages the backend links to.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode


@dataclass(frozen=True, slots=True)
class Page:
    path: str
    title: str
    params: tuple[str, ...] = ()  # query parameters the page reads (all required when given)


INBOX = Page("pages/inbox/index", "消息中心")
ACTIVITY_DETAIL = Page("pages/activity/detail", "活动详情", ("id",))
CHECKIN = Page("pages/checkin/index", "活动签到", ("scene",))
ORG_DETAIL = Page("pages/org/detail", "组织详情", ("id",))
ORG_ANNUAL_REPORTS = Page("pages/org/annual-report", "本组织的年度报告")
ANNUAL_REPORT_DETAIL = Page("pages/annual-report/detail", "年度报告详情", ("id",))
GRANTS_MINE = Page("pages/grants/mine", "我的公益创投申请")
GRANT_DETAIL = Page("pages/grants/detail", "公益创投申请详情", ("id",))
INCUBATION_MINE = Page("pages/incubation/mine", "我的孵化入驻申请")
INCUBATION_DETAIL = Page("pages/incubation/detail", "孵化入驻申请详情", ("id",))
CREDIT_ENTRIES = Page("pages/credit/entries", "信用记录")
INSPECTIONS_MINE = Page("pages/inspections/mine", "抽查与整改")

PAGES: list[Page] = [INBOX, ACTIVITY_DETAIL, CHECKIN, ORG_DETAIL, ORG_ANNUAL_REPORTS, ANNUAL_REPORT_DETAIL,
                     GRANTS_MINE, GRANT_DETAIL, INCUBATION_MINE, INCUBATION_DETAIL, CREDIT_ENTRIES,
                     INSPECTIONS_MINE]
BY_PATH = {page.path: page for page in PAGES}


def link(page: Page, **params: Any) -> str:
    """`pages/org/detail?id=7`: the page with its query string."""
    if set(params) != set(page.params):
        raise ValueError(f"{page.path} takes {page.params}, got {tuple(params)}")
    return f"{page.path}?{urlencode(params)}" if params else page.path


def problem(value: str) -> str | None:
    """Why `value` is not a page of the mini-program (in Chinese), or None when it is one (or empty)."""
    if not value:
        return None
    path, _, query = value.partition("?")
    page = BY_PATH.get(path)
    if page is None:
        return f"小程序没有页面“{path}”，可用页面：" + "、".join(f"{p.path}（{p.title}）" for p in PAGES)
    given = {k for k, _ in parse_qsl(query, keep_blank_values=True)}
    if given - set(page.params):
        return f"页面“{page.title}”不接受参数 " + "、".join(sorted(given - set(page.params)))
    return None


def openapi_extension() -> list[dict[str, Any]]:
    """The list as the OpenAPI document's `x-miniprogram-pages`."""
    return [{"path": p.path, "title": p.title, "params": list(p.params)} for p in PAGES]
