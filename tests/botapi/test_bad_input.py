"""Malformed input on every bot and sign-in route: always a 4xx envelope in Chinese, never a 500, no writes."""

from __future__ import annotations

import io
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
import xmltodict
from wechatpy.crypto import WeChatCrypto

from backend.models.audit import AuditLog
from backend.models.bot import BotFeedback, BotQuestionLog
from backend.models.user import User
from tests.bot.conftest import FIXTURES
from tests.botapi.conftest import sign
from tests.helpers import assert_envelope

ASK = "/api/mp/v1/bot/ask"
BASE = "/api/admin/v1/bot"
CALLBACK = "/wechat/official/callback"
SHIPPED = "xuecheng-2020-31-social-org-guidance.raw.txt"
# Everything knowledge/ ships (documents and their metadata sidecars): uploads must leave it as it was.
SHIPPED_FILES = sorted(p.name for p in (Path(__file__).resolve().parents[2] / "knowledge").iterdir())
CHARTER = (FIXTURES / "articles_kb" / "volunteer-association-charter.txt").read_bytes()
MISSING_ANSWER = "00000000-0000-0000-0000-000000000000"


def _upload(client, headers, name: str, data: bytes = CHARTER, form: dict[str, str] | None = None,
            url: str = f"{BASE}/documents", method: str = "post"):
    return getattr(client, method)(url, files={"file": (name, io.BytesIO(data), "text/plain")}, data=form or {},
                                   headers=headers)


# --- mini-program: ask and feedback ----------------------------------------------------------

ASK_BODIES: list[tuple[Any, int]] = [
    ({"question": ""}, 422),
    ({"question": " "}, 422),
    ({"question": "\u3000\u3000\n\t"}, 422),
    ({"question": "年" * 5000}, 422),
    ({"question": "年报\x00怎么交"}, 422),
    ({"question": 123}, 422),
    ({"question": None}, 422),
    ({"question": ["年报"]}, 422),
    ({"question": {"text": "年报"}}, 422),
    ({"question": True}, 422),
    ({}, 422),
    ({"question": "年报", "session_id": ""}, 422),
    ({"question": "年报", "session_id": "a" * 65}, 422),
    ({"question": "年报", "session_id": "../other"}, 422),
    ({"question": "年报", "session_id": "会话"}, 422),
    ({"question": "年报", "session_id": 5}, 422),
    ({"question": "年报", "session_id": "ab\x00"}, 422),
    (["年报"], 422),
    ("年报", 422),
]


@pytest.mark.parametrize(("body", "status"), ASK_BODIES)
async def test_malformed_questions_are_refused_and_not_logged(client, login, body, status):
    assert_envelope(await client.post(ASK, json=body, headers=await login("resident")), status)
    assert await BotQuestionLog.all().count() == 0


@pytest.mark.parametrize("raw", [b"", b"{", b"\xff\xfe\x00", b'{"question": "\\ud800"}'])
async def test_non_json_question_bodies_are_400(client, login, raw):
    resp = await client.post(ASK, content=raw, headers={**await login("resident"), "Content-Type": "application/json"})
    assert_envelope(resp, 400, "malformed_json" if raw else "json_body_required")
    assert await BotQuestionLog.all().count() == 0


async def test_emoji_only_question_is_a_refusal_not_an_error(client, login):
    resp = await client.post(ASK, json={"question": "😀😀😀"}, headers=await login("resident"))
    assert resp.status_code == 200, resp.text
    assert resp.json()["answered"] is False and resp.json()["citations"] == []


async def test_question_is_stored_without_surrounding_spaces(client, login):
    resp = await client.post(ASK, json={"question": "\u3000 年报啥时候交 \n"}, headers=await login("resident"))
    assert resp.status_code == 200, resp.text
    assert (await BotQuestionLog.get(id=resp.json()["answer_id"])).question == "年报啥时候交"


@pytest.mark.parametrize("answer_id", ["x", "0", "-1", "9" * 50, MISSING_ANSWER, "中文", "a" * 2000, "%00"])
async def test_feedback_on_unknown_or_malformed_answer_ids_is_404(client, login, answer_id):
    resp = await client.post(f"/api/mp/v1/bot/answers/{quote(answer_id, safe='%')}/feedback", json={"vote": "up"},
                             headers=await login("resident"))
    assert_envelope(resp, 404, "answer_not_found")
    assert await BotFeedback.all().count() == 0


@pytest.mark.parametrize("body", [{}, {"vote": 1}, {"vote": "meh"}, {"vote": "up", "comment": 5},
                                  {"vote": "up", "comment": "长" * 501}, {"vote": "up", "comment": "a\x00"}, [1]])
async def test_malformed_feedback_is_422_and_stores_nothing(client, login, body):
    headers = await login("resident")
    answer_id = (await client.post(ASK, json={"question": "年报啥时候交"}, headers=headers)).json()["answer_id"]
    assert_envelope(await client.post(f"/api/mp/v1/bot/answers/{answer_id}/feedback", json=body, headers=headers),
                    422)
    assert await BotFeedback.all().count() == 0


# --- staff: hit test, reports, documents -----------------------------------------------------


@pytest.mark.parametrize("body", [
    {"question": "年报", "k": 0}, {"question": "年报", "k": -1}, {"question": "年报", "k": 51},
    {"question": "年报", "k": 10**30}, {"question": "年报", "k": "x"}, {"question": "年报", "k": 1.5},
    {"question": "年报", "k": None}, {"question": ""}, {"question": "   "}, {"question": 5},
    {"question": "a\x00"}, {"question": "年" * 501}, {},
])
async def test_malformed_hit_tests_are_422(client, login, body):
    assert_envelope(await client.post(f"{BASE}/hit-test", json=body, headers=await login("staff")), 422)


@pytest.mark.parametrize("report", ["refused", "downvoted"])
@pytest.mark.parametrize("params", [{"page": "0"}, {"page": "x"}, {"page": str(10**30)}, {"sort": "bad"},
                                    {"page_size": "1000"}, {"page_size": "-1"}])
async def test_malformed_report_queries_are_422(client, login, report, params):
    assert_envelope(await client.get(f"{BASE}/questions/{report}", params=params, headers=await login("staff")),
                    422)


async def test_upload_without_a_file_is_422(client, login, kb_holder):
    admin = await login("admin")
    for kwargs in ({}, {"json": {"file": "x"}}, {"data": {"effective_from": "2025-01-01"}}):
        body = assert_envelope(await client.post(f"{BASE}/documents", headers=admin, **kwargs), 422)
        assert body["details"]["fields"][0]["field"] == "file"
    assert sorted(p.name for p in kb_holder.kb_dir.iterdir()) == SHIPPED_FILES


@pytest.mark.parametrize(("name", "data", "form", "field"), [
    ("empty.txt", b"", None, "file"),
    ("policy.exe", CHARTER, None, "file"),
    ("policy.txt.exe", CHARTER, None, "file"),
    ("policy", CHARTER, None, "file"),
    ("x.meta.json", CHARTER, None, "file"),
    ("..", CHARTER, None, "file"),
    ("/", CHARTER, None, "file"),
    (" .txt", CHARTER, None, "file"),
    ("长" * 200 + ".txt", CHARTER, None, "file"),
    ("garbage.txt", b"\xff\xfe\x00\x01" * 64, None, "file"),
    ("charter.txt", CHARTER, {"effective_from": "2024-02-30"}, "effective_from"),
    ("charter.txt", CHARTER, {"effective_from": "明天"}, "effective_from"),
    ("charter.txt", CHARTER, {"effective_from": "99999-01-01"}, "effective_from"),
])
async def test_bad_uploads_are_422_and_change_nothing(client, login, kb_holder, name, data, form, field):
    version = kb_holder.engine.version
    body = assert_envelope(await _upload(client, await login("admin"), name, data, form), 422)
    assert body["details"]["fields"][0]["field"] == field
    assert sorted(p.name for p in kb_holder.kb_dir.iterdir()) == SHIPPED_FILES
    assert kb_holder.engine.version == version
    assert await AuditLog.all().count() == 0


@pytest.mark.parametrize(("name", "stored"), [("../../etc/charter.txt", "charter.txt"),
                                              ("..\\..\\charter.txt", "charter.txt"),
                                              ("/abs/path/charter.txt", "charter.txt")])
async def test_path_traversal_in_the_file_name_stays_inside_the_knowledge_folder(client, login, kb_holder, tmp_path,
                                                                                 name, stored):
    resp = await _upload(client, await login("admin"), name)
    assert resp.status_code == 201, resp.text
    assert resp.json()["name"] == stored
    assert (kb_holder.kb_dir / stored).is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["knowledge"]


async def test_chinese_file_name_can_be_uploaded_replaced_and_retired(client, login, kb_holder):
    admin, name = await login("admin"), "志愿服务协会章程（2024）.txt"
    resp = await _upload(client, admin, name)
    assert resp.status_code == 201 and resp.json()["name"] == name, resp.text
    resp = await _upload(client, admin, "新版.txt", url=f"{BASE}/documents/{quote(name)}", method="put")
    assert resp.status_code == 200 and resp.json()["name"] == name, resp.text
    resp = await client.post(f"{BASE}/documents/{quote(name)}/retire", json={}, headers=admin)
    assert resp.status_code == 200 and resp.json()["status"] == "retired", resp.text


@pytest.mark.parametrize("retired_at", ["x", "2024-13-01", "2024-02-30", 5, ["2024-01-01"], "2024-01-01T25:00"])
async def test_retire_with_a_bad_date_is_422_and_keeps_the_document(client, login, kb_holder, retired_at):
    resp = await client.post(f"{BASE}/documents/{SHIPPED}/retire", json={"retired_at": retired_at},
                             headers=await login("admin"))
    body = assert_envelope(resp, 422)
    assert body["details"]["fields"][0]["field"] == "retired_at"
    assert not (kb_holder.kb_dir / f"{SHIPPED}.meta.json").exists()
    assert await AuditLog.all().count() == 0


@pytest.mark.parametrize("name", ["missing.txt", quote("../" + SHIPPED, safe=""), quote("不存在.txt"), "%00",
                                  "a" * 300, quote(f"{SHIPPED}.meta.json")])
async def test_replace_and_retire_of_unknown_names_are_404(client, login, kb_holder, name):
    admin = await login("admin")
    assert_envelope(await _upload(client, admin, "x.txt", url=f"{BASE}/documents/{name}", method="put"), 404,
                    "document_not_found")
    assert_envelope(await client.post(f"{BASE}/documents/{name}/retire", json={}, headers=admin), 404,
                    "document_not_found")
    assert sorted(p.name for p in kb_holder.kb_dir.iterdir()) == SHIPPED_FILES


# --- official-account callback ---------------------------------------------------------------


def _text(*, source: str = "<FromUserName>o-user</FromUserName>", msg_type: str = "<MsgType>text</MsgType>",
          create_time: str = f"<CreateTime>{int(time.time())}</CreateTime>", extra: str = "") -> str:
    return f"<xml><ToUserName>gh_oa</ToUserName>{source}{create_time}{msg_type}<Content>年报</Content>{extra}</xml>"


CALLBACK_BODIES = [
    pytest.param(b"", id="empty"),
    pytest.param(b"hello", id="not-xml"),
    pytest.param(b"\xff\xfe<xml>", id="not-utf8"),
    pytest.param(b"<xml><a>1</a></xml>", id="no-msgtype"),
    pytest.param(_text(msg_type="").encode(), id="no-msgtype-but-fields"),
    pytest.param(_text(source="").encode(), id="no-sender"),
    pytest.param(_text(source="<FromUserName><a>1</a></FromUserName>").encode(), id="nested-sender"),
    pytest.param(_text(source=f"<FromUserName>{'o' * 65}</FromUserName>").encode(), id="long-openid"),
    pytest.param(_text(create_time="").encode(), id="no-create-time"),
    pytest.param(_text(create_time="<CreateTime>soon</CreateTime>").encode(), id="bad-create-time"),
    pytest.param(_text(create_time="<CreateTime>99999999999999999999</CreateTime>").encode(), id="huge-create-time"),
    pytest.param(_text(extra="<MsgId>abc</MsgId>").encode(), id="bad-msg-id"),
    pytest.param(_text().replace("<Content>年报</Content>", "<Content><b>年报</b></Content>").encode(),
                 id="nested-content"),
    pytest.param(_text().replace("年报", "年报\x00").encode(), id="nul"),
    pytest.param(b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
                 + _text().replace("年报", "&e;").encode(), id="external-entity"),
]


@pytest.mark.parametrize("body", CALLBACK_BODIES)
async def test_malformed_callback_messages_are_400_and_answer_nothing(client, wechat_push, fake_wechat, body):
    sent = fake_wechat.state.count("/cgi-bin/message/custom/send")
    resp = await client.post(CALLBACK, params=wechat_push.query(), content=body, headers={"Content-Type": "text/xml"})
    assert_envelope(resp, 400, "wechat_bad_message")
    assert await BotQuestionLog.all().count() == 0
    assert fake_wechat.state.count("/cgi-bin/message/custom/send") == sent


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("params", [
    pytest.param({}, id="no-args"),
    pytest.param({"timestamp": "x" * 1000}, id="text-timestamp"),
    pytest.param({"timestamp": "9" * 400, "nonce": "n", "signature": "s"}, id="huge-timestamp"),
    pytest.param({"timestamp": "-9" + "9" * 300, "nonce": "n"}, id="huge-negative-timestamp"),
    pytest.param({"timestamp": str(int(time.time())), "nonce": "n1"}, id="no-signature"),
])
async def test_callback_without_valid_query_args_is_403(client, method, params):
    kwargs = {"content": FakeXml.TEXT} if method == "post" else {}
    resp = await getattr(client, method)(CALLBACK, params=params, **kwargs)
    assert_envelope(resp, 403)
    assert await BotQuestionLog.all().count() == 0


class FakeXml:
    TEXT = _text(extra="<MsgId>1</MsgId>").encode()


async def test_signed_timestamp_without_nonce_is_403(client, wechat_push):
    ts = str(int(time.time()))
    resp = await client.get(CALLBACK, params={"timestamp": ts, "signature": sign(wechat_push.token, ts, "")})
    assert_envelope(resp, 403, "wechat_bad_signature")


async def test_huge_callback_body_is_413(client, wechat_push):
    resp = await client.post(CALLBACK, params=wechat_push.query(), content=b"<xml>" + b"a" * 100_000 + b"</xml>")
    assert_envelope(resp, 413, "wechat_message_too_large")


async def test_encrypted_message_for_another_app_id_is_403(client, wechat_push, app):
    settings = app.ctx.settings
    other = WeChatCrypto(wechat_push.token, settings.wechat_oa_aes_key.get_secret_value(), "wx-someone-else")
    params = wechat_push.query()
    envelope = other.encrypt_message(wechat_push.text_xml("年报", msg_id=42), params["nonce"], params["timestamp"])
    msg_signature = xmltodict.parse(envelope)["xml"]["MsgSignature"]
    resp = await client.post(CALLBACK, params={**params, "encrypt_type": "aes", "msg_signature": msg_signature},
                             content=envelope.encode())
    assert_envelope(resp, 403, "wechat_bad_msg_signature")
    assert await BotQuestionLog.all().count() == 0


@pytest.mark.parametrize("body", [b"hello", b"<xml><a>1</a></xml>", b"",
                                  b"<xml><Encrypt><![CDATA[bm90IGNpcGhlcnRleHQ=]]></Encrypt></xml>"])
async def test_encrypted_mode_with_a_malformed_body_is_4xx(client, wechat_push, body):
    params = {**wechat_push.query(), "encrypt_type": "aes", "msg_signature": "0" * 40}
    resp = await client.post(CALLBACK, params=params, content=body)
    assert resp.status_code in (400, 403), resp.text
    assert_envelope(resp, resp.status_code)
    assert await BotQuestionLog.all().count() == 0


# --- sign-in and staff accounts --------------------------------------------------------------


@pytest.mark.parametrize("body", [
    {"username": 1, "password": 2}, {"username": None, "password": None}, {"username": ["a"], "password": {"x": 1}},
    {"username": "admin\x00", "password": "secret"}, {"username": "u" * 65, "password": "p"},
    {"username": "", "password": ""}, {"username": "admin"}, [], "admin", 5, {"username": True, "password": False},
])
async def test_staff_login_with_malformed_fields_is_422(client, body):
    assert_envelope(await client.post("/api/admin/v1/auth/login", json=body), 422)


@pytest.mark.parametrize("body", [{"code": 5}, {"code": ""}, {"code": "c" * 129}, {"code": "a\x00"}, {}, ["c"]])
async def test_wx_login_with_malformed_code_is_422(client, body):
    assert_envelope(await client.post("/api/mp/v1/auth/login", json=body), 422)
    assert await User.all().count() == 0


@pytest.mark.parametrize("scope", [0, -1, 2**31, 10**20, 999_999, "x"])
async def test_dev_login_with_a_bad_staff_scope_is_422_and_creates_no_user(client, scope):
    resp = await client.post("/api/mp/v1/auth/dev-login", json={"openid": "o-new", "role": "staff",
                                                                 "scope_region_id": scope})
    assert_envelope(resp, 422)
    assert await User.filter(openid="o-new").count() == 0


@pytest.mark.parametrize("body", [
    {"username": "abc", "password": "12345678", "scope_region_id": 2**31},
    {"username": "abc", "password": "12345678", "scope_region_id": -5},
    {"username": "abc", "password": "12345678", "scope_region_id": 999_999},
    {"username": "abc", "password": "12345678", "role": "resident"},
    {"username": "a b", "password": "12345678"}, {"username": "abc", "password": 12345678},
])
async def test_create_staff_with_bad_fields_is_422_and_creates_nobody(client, login, body):
    admin = await login("admin")
    before = await User.all().count()
    assert_envelope(await client.post("/api/admin/v1/staff/", json=body, headers=admin), 422)
    assert await User.all().count() == before
