"""GET/POST /wechat/official/callback: signatures, 安全模式, replay protection, MsgId dedupe, late push."""

from __future__ import annotations

import asyncio
import time

import xmltodict

from backend.models.bot import BotChannel, BotQuestionLog
from backend.services import bot as bot_service
from tests.helpers import assert_envelope

CALLBACK = "/wechat/official/callback"
QUESTION = "联合党支部最多覆盖几个单位？"


def reply_content(xml: str) -> dict:
    return xmltodict.parse(xml)["xml"]


async def test_url_verification_echoes_only_when_signed(client, wechat_push):
    params = {**wechat_push.query(), "echostr": "echo-123"}
    resp = await client.get(CALLBACK, params=params)
    assert resp.status_code == 200 and resp.text == "echo-123"
    bad = {**wechat_push.query(signature="0" * 40), "echostr": "echo-123"}
    assert_envelope(await client.get(CALLBACK, params=bad), 403, "wechat_bad_signature")


async def test_plain_text_message_gets_a_text_reply_with_the_answer(client, wechat_push):
    resp = await wechat_push.post_plain(wechat_push.text_xml(QUESTION, msg_id=wechat_push.next_msg_id()))
    assert resp.status_code == 200, resp.text
    reply = reply_content(resp.text)
    assert reply["MsgType"] == "text" and reply["ToUserName"] == "o-oa-user" and reply["FromUserName"] == "gh_oa"
    assert "5个" in reply["Content"] and "第2项" in reply["Content"]
    row = await BotQuestionLog.get()
    assert row.channel == BotChannel.official_account and row.wechat_openid == "o-oa-user" and row.top_number == 2


async def test_encrypted_message_gets_an_encrypted_reply_that_decrypts(client, wechat_push):
    xml = wechat_push.text_xml(QUESTION, msg_id=wechat_push.next_msg_id())
    resp, _ = await wechat_push.post_encrypted(xml)
    assert resp.status_code == 200, resp.text
    outer = reply_content(resp.text)
    assert set(outer) == {"Encrypt", "MsgSignature", "TimeStamp", "Nonce"}
    assert QUESTION not in resp.text and "联合党支部" not in resp.text  # nothing in clear text
    inner = reply_content(wechat_push.decrypt_reply(resp.text))
    assert inner["MsgType"] == "text" and inner["ToUserName"] == "o-oa-user" and "5个" in inner["Content"]


async def test_bad_signature_is_refused(client, wechat_push):
    resp = await wechat_push.post_plain(wechat_push.text_xml(QUESTION, msg_id=1), signature="f" * 40)
    assert_envelope(resp, 403, "wechat_bad_signature")
    assert await BotQuestionLog.all().count() == 0


async def test_bad_msg_signature_is_refused(client, wechat_push):
    resp, _ = await wechat_push.post_encrypted(wechat_push.text_xml(QUESTION, msg_id=2), msg_signature="a" * 40)
    assert_envelope(resp, 403, "wechat_bad_msg_signature")
    assert await BotQuestionLog.all().count() == 0


async def test_stale_timestamp_is_refused_even_when_signed(client, wechat_push):
    for stamp in (int(time.time()) - 301, int(time.time()) + 400):
        resp = await wechat_push.post_plain(wechat_push.text_xml(QUESTION, msg_id=3), timestamp=stamp)
        assert_envelope(resp, 403, "wechat_stale_timestamp")
    # Just inside the window is fine.
    ok = await wechat_push.post_plain(wechat_push.text_xml(QUESTION, msg_id=4), timestamp=int(time.time()) - 200)
    assert ok.status_code == 200


async def test_replayed_nonce_is_refused(client, wechat_push):
    stamp = int(time.time())
    first = await wechat_push.post_plain(wechat_push.text_xml(QUESTION, msg_id=5), nonce="n-replay", timestamp=stamp)
    assert first.status_code == 200
    again = await wechat_push.post_plain(wechat_push.text_xml(QUESTION, msg_id=5), nonce="n-replay", timestamp=stamp)
    assert_envelope(again, 403, "wechat_replayed_nonce")
    other = await wechat_push.post_plain(wechat_push.text_xml("年报啥时候交", msg_id=6), nonce="n-replay")
    assert_envelope(other, 403, "wechat_replayed_nonce")
    assert await BotQuestionLog.all().count() == 1


async def test_same_msg_id_three_times_is_answered_once(client, wechat_push):
    xml = wechat_push.text_xml(QUESTION, msg_id=wechat_push.next_msg_id())
    replies = []
    for _ in range(3):  # WeChat's retries: same MsgId, fresh nonce and signature
        resp = await wechat_push.post_plain(xml)
        assert resp.status_code == 200, resp.text
        replies.append(reply_content(resp.text)["Content"])
    assert replies[0] == replies[1] == replies[2] and "5个" in replies[0]
    assert await BotQuestionLog.all().count() == 1


async def test_same_msg_id_encrypted_retries_get_the_cached_encrypted_reply(client, wechat_push):
    xml = wechat_push.text_xml(QUESTION, msg_id=wechat_push.next_msg_id())
    contents = []
    for _ in range(3):
        resp, _ = await wechat_push.post_encrypted(xml)
        contents.append(reply_content(wechat_push.decrypt_reply(resp.text))["Content"])
    assert len(set(contents)) == 1 and await BotQuestionLog.all().count() == 1


async def test_slow_answer_replies_success_then_pushes_via_customer_service(client, wechat_push, app,
                                                                             fake_wechat, monkeypatch):
    monkeypatch.setattr(app.ctx.settings, "wechat_oa_reply_budget_seconds", 0.05)
    original = bot_service.ask

    async def slow_ask(**kwargs):
        await asyncio.sleep(0.3)
        return await original(**kwargs)

    monkeypatch.setattr(bot_service, "ask", slow_ask)
    xml = wechat_push.text_xml(QUESTION, openid="o-slow", msg_id=wechat_push.next_msg_id())
    resp = await wechat_push.post_plain(xml, openid="o-slow")
    assert resp.status_code == 200 and resp.text == "success"
    retry = await wechat_push.post_plain(xml, openid="o-slow")
    assert retry.text == "success"
    for _ in range(100):
        if fake_wechat.state.count("/cgi-bin/message/custom/send"):
            break
        await asyncio.sleep(0.05)
    await asyncio.sleep(0.4)  # a duplicate push, if any, would have arrived by now
    [call] = fake_wechat.state.calls("/cgi-bin/message/custom/send")
    assert call["json"]["touser"] == "o-slow" and call["json"]["msgtype"] == "text"
    assert "5个" in call["json"]["text"]["content"]
    assert await BotQuestionLog.all().count() == 1
    late_retry = await wechat_push.post_plain(xml, openid="o-slow")
    assert late_retry.text == "success"  # already pushed: not answered a second time


async def test_follow_up_keeps_the_topic_per_openid(client, wechat_push):
    await wechat_push.post_plain(wechat_push.text_xml("社会组织怎么成立党组织？", msg_id=wechat_push.next_msg_id()))
    resp = await wechat_push.post_plain(wechat_push.text_xml("它的责任单位是谁？", msg_id=wechat_push.next_msg_id()))
    assert "第2项" in reply_content(resp.text)["Content"]
    other = await wechat_push.post_plain(
        wechat_push.text_xml("它的责任单位是谁？", openid="o-someone-else", msg_id=wechat_push.next_msg_id()))
    assert "抱歉" in reply_content(other.text)["Content"]


async def test_subscribe_event_and_non_text_messages_get_short_help(client, wechat_push, app):
    welcome = await wechat_push.post_plain(wechat_push.event_xml("subscribe"))
    assert "欢迎关注" in reply_content(welcome.text)["Content"]
    assert app.ctx.settings.bot_contact in reply_content(welcome.text)["Content"]
    unsubscribe = await wechat_push.post_plain(wechat_push.event_xml("unsubscribe", openid="o-gone"))
    assert unsubscribe.text == "success"
    image = ("<xml><ToUserName><![CDATA[gh_oa]]></ToUserName><FromUserName><![CDATA[o-oa-user]]></FromUserName>"
             f"<CreateTime>{int(time.time())}</CreateTime><MsgType><![CDATA[image]]></MsgType>"
             "<PicUrl><![CDATA[http://x/y.jpg]]></PicUrl><MediaId><![CDATA[m1]]></MediaId><MsgId>99</MsgId></xml>")
    resp = await wechat_push.post_plain(image)
    assert "文字" in reply_content(resp.text)["Content"]
    assert await BotQuestionLog.all().count() == 0


async def test_malformed_body_is_a_400_not_a_crash(client, wechat_push):
    assert_envelope(await wechat_push.post_plain("<xml><oops"), 400, "wechat_bad_message")



async def test_official_account_questions_are_rate_limited_per_openid(client, wechat_push, app, monkeypatch):
    monkeypatch.setattr(app.ctx.settings, "bot_rate_limit_per_minute", 1)
    first = await wechat_push.post_plain(wechat_push.text_xml(QUESTION, msg_id=wechat_push.next_msg_id()))
    assert "5个" in reply_content(first.text)["Content"]
    second = await wechat_push.post_plain(wechat_push.text_xml(QUESTION, msg_id=wechat_push.next_msg_id()))
    assert "频繁" in reply_content(second.text)["Content"]
    assert await BotQuestionLog.all().count() == 1
