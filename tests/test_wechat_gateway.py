"""The shared access token: one refresh for many callers, one retry after a rejected token."""

from __future__ import annotations

import asyncio

import pytest

from backend.wechat.client import WeChatQuotaExceeded


async def test_twenty_concurrent_callers_cause_one_stable_token_request(app, fake_wechat):
    gateway = app.ctx.wechat
    results = await asyncio.gather(*[
        gateway.msg_sec_check(content=f"你好 {i}", openid="o-1") for i in range(20)
    ])
    assert all(r.passed for r in results)
    assert fake_wechat.state.count("/cgi-bin/stable_token") == 1
    assert fake_wechat.state.count("/cgi-bin/token") == 0
    assert fake_wechat.state.count("/wxa/msg_sec_check") == 20


async def test_rejected_token_causes_one_refresh_and_one_retry(app, fake_wechat):
    gateway = app.ctx.wechat
    await gateway.msg_sec_check(content="预热", openid="o-1")
    assert fake_wechat.state.count("/cgi-bin/stable_token") == 1
    fake_wechat.state.expire_tokens()
    verdict = await gateway.msg_sec_check(content="再来一次", openid="o-1")
    assert verdict.passed
    assert fake_wechat.state.count("/cgi-bin/stable_token") == 2
    assert fake_wechat.state.count("/wxa/msg_sec_check") == 3  # warm-up, rejected, retried


async def test_many_callers_with_a_rejected_token_refresh_once(app, fake_wechat):
    gateway = app.ctx.wechat
    await gateway.msg_sec_check(content="预热", openid="o-1")
    fake_wechat.state.expire_tokens()
    await asyncio.gather(*[gateway.msg_sec_check(content=f"并发 {i}", openid="o-1") for i in range(10)])
    assert fake_wechat.state.count("/cgi-bin/stable_token") == 2


async def test_quota_exhausted_is_surfaced_not_retried(app, fake_wechat):
    gateway = app.ctx.wechat
    await gateway.msg_sec_check(content="预热", openid="o-1")
    fake_wechat.state.inject_failure("/wxa/msg_sec_check", [45009, 45009, 45009])
    with pytest.raises(WeChatQuotaExceeded):
        await gateway.msg_sec_check(content="限流", openid="o-1")
    assert fake_wechat.state.count("/wxa/msg_sec_check") == 2


async def test_flagged_text_is_not_passed(app, fake_wechat):
    verdict = await app.ctx.wechat.msg_sec_check(content="周末一起去赌博", openid="o-1")
    assert not verdict.passed and verdict.suggest == "risky"


async def test_unlimited_code_returns_png(app, fake_wechat):
    image = await app.ctx.wechat.unlimited_code(scene="a=1&t=2", page="pages/checkin/index")
    assert image.startswith(b"\x89PNG")
