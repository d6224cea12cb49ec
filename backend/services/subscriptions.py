"""Subscribe-message templates, their value limits, and each user's subscription quota per template.

WeChat grants one send per "accept" of a one-time template (they add up); a long-term template
(长期订阅, open to 政务民生 services) allows any number after one acceptance. Values sent to WeChat
must fit the keyword's type ("参数值内容限制说明"); we check them when staff compose a notice so a
bad value is refused with a message naming the field, not discovered as 47003 mid-send.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from tortoise.expressions import F
from tortoise.transactions import in_transaction

from backend.errors import field_error
from backend.models.notice import SubscribeTemplate, Subscription
from backend.services import miniprogram_pages as pages

RESULTS = ("accept", "reject", "ban", "filter")

# Keyword type → (max characters, what it may contain, the rule in words for the message).
_CJK = r"\u4e00-\u9fff"
_DATE = r"(\d{4}-\d{1,2}-\d{1,2}|\d{4}年\d{1,2}月\d{1,2}日)"
_CLOCK = r"([01]?\d|2[0-3]):[0-5]\d"
_DATE_RE = re.compile(rf"{_DATE}( {_CLOCK})?(\s*~\s*{_DATE}( {_CLOCK})?)?")
_TIME_RE = re.compile(rf"({_DATE} )?{_CLOCK}(\s*~\s*({_DATE} )?{_CLOCK})?")
_RULES: dict[str, tuple[int | None, re.Pattern[str] | None, str]] = {
    "thing": (20, None, "20 个字符以内"),
    "number": (32, re.compile(r"[0-9]+(\.[0-9]+)?"), "32 位以内数字，可带小数"),
    "letter": (32, re.compile(r"[A-Za-z]+"), "32 位以内字母"),
    "symbol": (5, re.compile(r"[^0-9A-Za-z" + _CJK + r"\s]+"), "5 位以内符号"),
    "character_string": (32, re.compile(r"[0-9A-Za-z!-/:-@\[-`{-~]+"), "32 位以内数字、字母或符号"),
    "phone_number": (17, re.compile(r"[0-9+\- ]+"), "17 位以内数字、符号"),
    "car_number": (8, None, "8 位以内车牌号"),
    "name": (20, None, "10 个汉字或 20 个字母以内"),
    "phrase": (5, re.compile(rf"[{_CJK}]+"), "5 个以内汉字"),
    "amount": (None, re.compile(r"[¥$€£]?\d{1,10}(\.\d{1,2})?元?"),
               "1 个币种符号 + 10 位以内数字，可带小数，结尾可带“元”"),
    "time": (None, _TIME_RE, "24 小时制时间，如 15:01 或 2025-10-01 15:01，时间段用 ~ 连接"),
    "date": (None, _DATE_RE, "日期，如 2025-10-01 或 2025年10月1日，可带时间，时间段用 ~ 连接"),
}
_KEYWORD = re.compile(r"([a-z_]+?)(\d+)")

DEFAULT_TEMPLATES: list[dict[str, Any]] = [
    {"key": "notice_general", "template_id": "tmpl-notice-general-0001", "title": "工作通知", "long_term": False,
     "page": pages.INBOX.path,
     "keywords": [{"key": "thing1", "label": "通知主题"}, {"key": "time2", "label": "发布时间"},
                  {"key": "thing3", "label": "温馨提示"}]},
    {"key": "policy_long_term", "template_id": "tmpl-policy-longterm-0001", "title": "政务服务通知",
     "long_term": True, "page": pages.INBOX.path,
     "keywords": [{"key": "thing1", "label": "事项名称"}, {"key": "date2", "label": "办理时限"},
                  {"key": "thing3", "label": "备注"}]},
    {"key": "activity_changed", "template_id": "tmpl-activity-changed-0001", "title": "活动变更提醒",
     "long_term": False, "page": pages.ACTIVITY_DETAIL.path,
     "keywords": [{"key": "thing1", "label": "活动名称"}, {"key": "time2", "label": "活动时间"},
                  {"key": "thing3", "label": "变更内容"}]},
    {"key": "activity_cancelled", "template_id": "tmpl-activity-cancelled-0001", "title": "活动取消通知",
     "long_term": False, "page": pages.ACTIVITY_DETAIL.path,
     "keywords": [{"key": "thing1", "label": "活动名称"}, {"key": "time2", "label": "原定时间"},
                  {"key": "thing3", "label": "取消原因"}]},
    {"key": "activity_reminder", "template_id": "tmpl-activity-reminder-0001", "title": "活动开始提醒",
     "long_term": False, "page": pages.ACTIVITY_DETAIL.path,
     "keywords": [{"key": "thing1", "label": "活动名称"}, {"key": "time2", "label": "开始时间"},
                  {"key": "thing3", "label": "活动地点"}]},
    {"key": "application_status", "template_id": "tmpl-application-status-0001", "title": "申请进度通知",
     "long_term": False, "page": pages.GRANTS_MINE.path,
     "keywords": [{"key": "thing1", "label": "申请项目"}, {"key": "phrase2", "label": "办理状态"},
                  {"key": "thing3", "label": "备注"}]},
    {"key": "annual_report", "template_id": "tmpl-annual-report-0001", "title": "年报提醒", "long_term": True,
     "page": pages.ORG_ANNUAL_REPORTS.path,
     "keywords": [{"key": "thing1", "label": "组织名称"}, {"key": "date2", "label": "截止日期"},
                  {"key": "thing3", "label": "温馨提示"}]},
]


async def seed_templates() -> int:
    """Insert the default templates that are missing (by key); returns how many were added."""
    added = 0
    for spec in DEFAULT_TEMPLATES:
        _, created = await SubscribeTemplate.get_or_create(key=spec["key"], defaults={
            k: v for k, v in spec.items() if k != "key"})
        added += created
    return added


def keyword_type(key: str) -> str:
    """`thing1` → `thing`: WeChat names each keyword by its value type plus a number."""
    match = _KEYWORD.fullmatch(key)
    return match.group(1) if match else ""


def _check_value(key: str, label: str, value: str) -> str | None:
    """Why `value` cannot go into keyword `key`, or None when it fits."""
    kind = keyword_type(key)
    limit, pattern, rule = _RULES.get(kind, (20, None, "20 个字符以内"))
    if not value.strip():
        return f"{label}（{key}）不能为空"
    if kind == "name" and re.search(f"[{_CJK}]", value):
        limit = 10
    if limit is not None and len(value) > limit:
        return f"{label}（{key}）最多 {limit} 个字符，当前 {len(value)} 个（要求：{rule}）"
    if pattern is not None and not pattern.fullmatch(value):
        return f"{label}（{key}）格式不符合要求：{rule}"
    return None


def validate_template_data(template: SubscribeTemplate, data: dict[str, Any]) -> dict[str, str]:
    """Every keyword filled and within WeChat's limit for its type; raises a 422 naming the field."""
    known = {kw["key"] for kw in template.keywords}
    for key in data:
        if key not in known:
            raise field_error(f"data.{key}", f"模板“{template.title}”没有字段 {key}")
    clean: dict[str, str] = {}
    for kw in template.keywords:
        value = str(data.get(kw["key"], "") or "")
        problem = _check_value(kw["key"], kw["label"], value)
        if problem:
            raise field_error(f"data.{kw['key']}", problem)
        clean[kw["key"]] = value
    return clean


def fit_template_data(template: SubscribeTemplate, values: dict[str, str]) -> dict[str, str]:
    """Values for a system notice, shortened to fit (a long activity title is cut, not refused)."""
    fitted = {}
    for kw in template.keywords:
        value = str(values.get(kw["key"], "") or "-")
        limit = _RULES.get(keyword_type(kw["key"]), (20, None, ""))[0]
        if keyword_type(kw["key"]) == "name" and re.search(f"[{_CJK}]", value):
            limit = 10
        if limit is not None and len(value) > limit:
            value = value[: limit - 1] + "…"
        fitted[kw["key"]] = value
    return fitted


async def active_templates() -> list[SubscribeTemplate]:
    return await SubscribeTemplate.filter(active=True).order_by("id")


async def record_results(*, user_id: int, results: dict[str, str]) -> list[dict[str, Any]]:
    """Apply the outcome of one wx.requestSubscribeMessage prompt; unknown template ids are refused."""
    templates = {t.template_id: t for t in await SubscribeTemplate.filter(template_id__in=list(results))}
    for template_id, result in results.items():
        if template_id not in templates:
            raise field_error("template_id", f"未知的订阅消息模板：{template_id[:64]}")
        if result not in RESULTS:
            raise field_error("result", "取值无效，可选：accept、reject、ban、filter")
    async with in_transaction():
        for template_id, result in results.items():
            await _apply(user_id=user_id, template=templates[template_id], result=result)
    return await my_subscriptions(user_id=user_id)


async def _apply(*, user_id: int, template: SubscribeTemplate, result: str) -> None:
    sub, _ = await Subscription.get_or_create(user_id=user_id, template_id=template.template_id)
    if result == "filter":
        return  # WeChat hid the template from the prompt; nothing was decided
    if result == "accept":
        # One-time acceptances add up on WeChat's side; a long-term one is a standing yes.
        await Subscription.filter(id=sub.id).update(
            remaining=F("remaining") + (0 if template.long_term else 1),
            accepted_total=F("accepted_total") + 1, last_result=result)
    else:
        await Subscription.filter(id=sub.id).update(last_result=result)


async def my_subscriptions(*, user_id: int) -> list[dict[str, Any]]:
    """Each active template with what this user can currently receive."""
    subs = {s.template_id: s for s in await Subscription.filter(user_id=user_id)}
    rows = []
    for template in await active_templates():
        sub = subs.get(template.template_id)
        rows.append({"template_id": template.template_id, "key": template.key, "title": template.title,
                     "long_term": template.long_term, "remaining": sub.remaining if sub else 0,
                     "last_result": sub.last_result if sub else "",
                     "can_receive": _can_receive(template, sub)})
    return rows


def _can_receive(template: SubscribeTemplate, sub: Subscription | None) -> bool:
    if sub is None:
        return False
    return sub.last_result == "accept" if template.long_term else sub.remaining > 0


async def count_receivable(*, template: SubscribeTemplate, user_ids: Iterable[int]) -> int:
    """How many of these users could get a subscribe message from `template` right now."""
    ids = list(user_ids)
    total = 0
    for start in range(0, len(ids), 1000):
        chunk = ids[start:start + 1000]
        query = Subscription.filter(template_id=template.template_id, user_id__in=chunk)
        query = query.filter(last_result="accept") if template.long_term else query.filter(remaining__gt=0)
        total += await query.count()
    return total


async def take_unit(*, user_id: int, template: SubscribeTemplate, using_db: Any = None) -> bool:
    """Consume one send for this user atomically; a long-term yes is checked, never consumed."""
    if template.long_term:
        return await Subscription.filter(user_id=user_id, template_id=template.template_id,
                                         last_result="accept").using_db(using_db).exists()
    taken = await Subscription.filter(user_id=user_id, template_id=template.template_id,
                                      remaining__gt=0).using_db(using_db).update(remaining=F("remaining") - 1)
    return bool(taken)


async def give_back(*, user_id: int, template: SubscribeTemplate) -> None:
    """Return a unit that was taken for a send WeChat never made."""
    if not template.long_term:
        await Subscription.filter(user_id=user_id, template_id=template.template_id).update(
            remaining=F("remaining") + 1)


async def forget(*, user_id: int, template: SubscribeTemplate) -> None:
    """WeChat says the user will not receive this template (43101): our count was stale."""
    query = Subscription.filter(user_id=user_id, template_id=template.template_id)
    await (query.update(remaining=0, last_result="reject") if template.long_term else query.update(remaining=0))
