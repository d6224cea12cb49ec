"""The fake WeChat server answers like api.weixin.qq.com, over real HTTP, to requests and wechatpy."""

from __future__ import annotations

import struct
import time
import zlib
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
import requests
from wechatpy import WeChatClient
from wechatpy.exceptions import WeChatClientException

from backend.wechat.fake_server import (
    DEFAULT_APPID,
    DEFAULT_SECRET,
    FakeWeChatServer,
    FakeWeChatState,
)

TIMEOUT = 5


@pytest.fixture(scope="module")
def fake_wechat_local() -> Iterator[FakeWeChatServer]:
    with FakeWeChatServer() as server:
        yield server


@pytest.fixture(autouse=True)
def _fresh_state(fake_wechat_local: FakeWeChatServer) -> None:
    fake_wechat_local.state.reset()


def _get(fake: FakeWeChatServer, path: str, **params: Any) -> dict[str, Any]:
    return requests.get(fake.url(path), params=params, timeout=TIMEOUT).json()


def _post(fake: FakeWeChatServer, path: str, body: Any, token: str | None = None) -> requests.Response:
    params = {"access_token": token} if token else {}
    return requests.post(fake.url(path), params=params, json=body, timeout=TIMEOUT)


def _code2session(fake: FakeWeChatServer, code: str, secret: str = DEFAULT_SECRET,
                  appid: str = DEFAULT_APPID) -> dict[str, Any]:
    return _get(fake, "sns/jscode2session", appid=appid, secret=secret, js_code=code,
                grant_type="authorization_code")


def _stable_token(fake: FakeWeChatServer, *, force_refresh: bool = False) -> dict[str, Any]:
    body = {"grant_type": "client_credential", "appid": DEFAULT_APPID, "secret": DEFAULT_SECRET,
            "force_refresh": force_refresh}
    return _post(fake, "cgi-bin/stable_token", body).json()


def _token(fake: FakeWeChatServer) -> str:
    return _stable_token(fake)["access_token"]


def _sec_check(fake: FakeWeChatServer, content: str, token: str) -> dict[str, Any]:
    body = {"content": content, "version": 2, "scene": 2, "openid": "o-author"}
    return _post(fake, "wxa/msg_sec_check", body, token).json()


def _subscribe(fake: FakeWeChatServer, touser: str, token: str, **data: str) -> dict[str, Any]:
    body = {"touser": touser, "template_id": "tpl-activity", "page": "pages/index/index",
            "data": {k: {"value": v} for k, v in (data or {"thing1": "社区义诊"}).items()}}
    return _post(fake, "cgi-bin/message/subscribe/send", body, token).json()


# --- login codes ---------------------------------------------------------------------------------


def test_issued_code_logs_in_once(fake_wechat_local):
    code = fake_wechat_local.state.issue_code("o-alice", unionid="u-alice", session_key="SK-1")
    assert _code2session(fake_wechat_local, code) == {
        "openid": "o-alice", "unionid": "u-alice", "session_key": "SK-1"}
    assert _code2session(fake_wechat_local, code)["errcode"] == 40163


def test_unknown_code_and_wrong_app_are_refused(fake_wechat_local):
    assert _code2session(fake_wechat_local, "never-issued") == {"errcode": 40029, "errmsg": "invalid code"}
    code = fake_wechat_local.state.issue_code("o-bob")
    assert _code2session(fake_wechat_local, code, appid="wx_other")["errcode"] == 40013
    assert _code2session(fake_wechat_local, code, secret="wrong")["errcode"] == 40125
    session = _code2session(fake_wechat_local, code)  # refused attempts do not use the code up
    assert session["openid"] == "o-bob" and "unionid" not in session
    assert len(session["session_key"]) == 24  # base64 of 16 bytes, like WeChat's


def test_demo_codes_work_once_and_only_when_enabled(fake_wechat_local):
    assert _code2session(fake_wechat_local, "demo-o-carol")["errcode"] == 40029
    fake_wechat_local.state.accept_demo_codes = True
    assert _code2session(fake_wechat_local, "demo-o-carol")["openid"] == "o-carol"
    assert _code2session(fake_wechat_local, "demo-o-carol")["errcode"] == 40163
    assert _code2session(fake_wechat_local, "demo-")["errcode"] == 40029


# --- access tokens -------------------------------------------------------------------------------


def test_stable_token_is_stable_until_force_refresh(fake_wechat_local):
    first = _stable_token(fake_wechat_local)
    assert first["expires_in"] == 7200
    again = _stable_token(fake_wechat_local)
    assert again["access_token"] == first["access_token"] and 0 < again["expires_in"] <= 7200

    refreshed = _stable_token(fake_wechat_local, force_refresh=True)["access_token"]
    assert refreshed != first["access_token"]
    assert _sec_check(fake_wechat_local, "你好", first["access_token"])["errcode"] == 40001
    assert _sec_check(fake_wechat_local, "你好", refreshed)["errcode"] == 0


def test_plain_token_is_new_on_every_call(fake_wechat_local):
    params = {"grant_type": "client_credential", "appid": DEFAULT_APPID, "secret": DEFAULT_SECRET}
    first = _get(fake_wechat_local, "cgi-bin/token", **params)["access_token"]
    second = _get(fake_wechat_local, "cgi-bin/token", **params)["access_token"]
    assert first != second
    # As on WeChat, the replaced token keeps working for a short overlap.
    assert _sec_check(fake_wechat_local, "你好", first)["errcode"] == 0
    assert _get(fake_wechat_local, "cgi-bin/token", **{**params, "secret": "x"})["errcode"] == 40125


def test_expired_tokens_answer_40001_until_a_new_one_is_fetched(fake_wechat_local):
    token = _token(fake_wechat_local)
    fake_wechat_local.state.expire_tokens()
    assert _sec_check(fake_wechat_local, "你好", token) == {
        "errcode": 40001, "errmsg": "invalid credential, access_token is invalid or not latest"}
    assert _post(fake_wechat_local, "wxa/msg_sec_check", {"content": "x"}).json()["errcode"] == 40001
    new_token = _token(fake_wechat_local)
    assert new_token != token
    assert _sec_check(fake_wechat_local, "你好", new_token)["errcode"] == 0


def test_a_token_past_its_lifetime_answers_42001(fake_wechat_local):
    fake_wechat_local.state.token_ttl = 0
    token = _token(fake_wechat_local)
    assert _sec_check(fake_wechat_local, "你好", token)["errcode"] == 42001


# --- content security ----------------------------------------------------------------------------


def test_clean_text_passes_and_flagged_text_is_risky(fake_wechat_local):
    token = _token(fake_wechat_local)
    clean = _sec_check(fake_wechat_local, "周六社区义诊，欢迎参加", token)
    assert clean["errcode"] == 0 and clean["result"] == {"suggest": "pass", "label": 100}
    risky = _sec_check(fake_wechat_local, "周末一起去赌博", token)
    assert risky["errcode"] == 0 and risky["result"] == {"suggest": "risky", "label": 20001}
    assert {"strategy": "keyword", "keyword": "赌博"}.items() <= risky["detail"][-1].items()


def test_flagged_words_and_errcode_mode_can_be_changed(fake_wechat_local):
    token = _token(fake_wechat_local)
    fake_wechat_local.state.set_flagged(["广告"], mode="errcode")
    assert _sec_check(fake_wechat_local, "这是广告", token) == {"errcode": 87014, "errmsg": "risky content"}
    assert _sec_check(fake_wechat_local, "赌博", token)["result"]["suggest"] == "pass"
    with pytest.raises(ValueError):
        fake_wechat_local.state.set_flagged(mode="lenient")


def test_sec_check_v2_requires_openid_and_scene(fake_wechat_local):
    token = _token(fake_wechat_local)
    body = {"content": "你好", "version": 2, "scene": 2}
    assert _post(fake_wechat_local, "wxa/msg_sec_check", body, token).json()["errcode"] == 40003
    body |= {"openid": "o-1", "scene": 9}
    assert _post(fake_wechat_local, "wxa/msg_sec_check", body, token).json()["errcode"] == 47001
    not_json = requests.post(fake_wechat_local.url("wxa/msg_sec_check"), params={"access_token": token},
                             data=b"{not json", timeout=TIMEOUT)
    assert not_json.json()["errcode"] == 47001


# --- messages ------------------------------------------------------------------------------------


def test_subscribe_send_refused_users_get_43101_and_every_call_is_recorded(fake_wechat_local):
    token = _token(fake_wechat_local)
    fake_wechat_local.state.refuse("o-refuses")
    before = time.time()
    sent = _subscribe(fake_wechat_local, "o-accepts", token)
    refused = _subscribe(fake_wechat_local, "o-refuses", token)
    assert sent["errcode"] == 0 and isinstance(sent["msgid"], int)
    assert refused == {"errcode": 43101, "errmsg": "user refuse to accept the msg"}
    calls = fake_wechat_local.state.calls("/cgi-bin/message/subscribe/send")
    assert [c["json"]["touser"] for c in calls] == ["o-accepts", "o-refuses"]
    assert all(before <= c["t"] <= time.time() for c in calls)
    assert calls[0]["params"] == {"access_token": token}


def test_subscribe_values_respect_wechat_limits(fake_wechat_local):
    token = _token(fake_wechat_local)
    assert _subscribe(fake_wechat_local, "o-1", token, thing1="字" * 20, phrase2="已通过")["errcode"] == 0
    too_long = _subscribe(fake_wechat_local, "o-1", token, thing1="字" * 21)
    assert too_long["errcode"] == 47003 and "thing1" in too_long["errmsg"]
    assert _subscribe(fake_wechat_local, "o-1", token, name1="欧阳" * 6)["errcode"] == 47003
    assert _subscribe(fake_wechat_local, "o-1", token, thing1="")["errcode"] == 47003


def test_custom_send_is_recorded(fake_wechat_local):
    token = _token(fake_wechat_local)
    body = {"touser": "o-1", "msgtype": "text", "text": {"content": "您好"}}
    assert _post(fake_wechat_local, "cgi-bin/message/custom/send", body, token).json() == {
        "errcode": 0, "errmsg": "ok"}
    assert fake_wechat_local.state.calls("cgi-bin/message/custom/send")[0]["json"] == body


# --- mini-program codes --------------------------------------------------------------------------


def _png_chunks(data: bytes) -> dict[bytes, list[bytes]]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks: dict[bytes, list[bytes]] = {}
    pos = 8
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])
        assert crc == zlib.crc32(kind + body)
        chunks.setdefault(kind, []).append(body)
        pos += 12 + length
    return chunks


def test_unlimited_code_is_a_valid_png(fake_wechat_local):
    token = _token(fake_wechat_local)
    resp = _post(fake_wechat_local, "wxa/getwxacodeunlimit",
                 {"scene": "a=12&t=ck", "page": "pages/checkin/index", "width": 430}, token)
    assert resp.headers["content-type"] == "image/png"
    chunks = _png_chunks(resp.content)
    width, height, depth, color = struct.unpack(">IIBB", chunks[b"IHDR"][0][:10])
    assert width == height and 280 <= width <= 430 and (depth, color) == (8, 0)
    assert len(zlib.decompress(b"".join(chunks[b"IDAT"]))) == height * (width + 1)
    assert b"scene\x00a=12&t=ck" in chunks[b"tEXt"]
    assert fake_wechat_local.state.count("/wxa/getwxacodeunlimit") == 1


def test_unlimited_code_rejects_bad_scene_and_page(fake_wechat_local):
    token = _token(fake_wechat_local)
    too_long = _post(fake_wechat_local, "wxa/getwxacodeunlimit", {"scene": "x" * 33}, token)
    assert too_long.headers["content-type"].startswith("application/json")
    assert too_long.json() == {"errcode": 40169, "errmsg": "invalid length for scene"}
    bad_page = {"scene": "a=1", "page": "/pages/index/index"}
    assert _post(fake_wechat_local, "wxa/getwxacodeunlimit", bad_page, token).json()["errcode"] == 41030


# --- injected behaviour and bookkeeping ----------------------------------------------------------


def test_injected_failures_are_consumed_one_per_call_before_the_token_check(fake_wechat_local):
    token = _token(fake_wechat_local)
    fake_wechat_local.state.inject_failure("/wxa/msg_sec_check", [45009, -1])
    assert _sec_check(fake_wechat_local, "你好", token) == {
        "errcode": 45009, "errmsg": "reach max api daily quota limit"}
    assert _sec_check(fake_wechat_local, "你好", "bogus-token")["errcode"] == -1
    assert _sec_check(fake_wechat_local, "你好", token)["errcode"] == 0
    assert fake_wechat_local.state.count("/wxa/msg_sec_check") == 3


def test_calls_are_counted_per_path(fake_wechat_local):
    token = _token(fake_wechat_local)
    for text in ("一", "二"):
        _sec_check(fake_wechat_local, text, token)
    state = fake_wechat_local.state
    assert state.count("/wxa/msg_sec_check") == 2 and state.count("wxa/msg_sec_check") == 2
    assert state.stats() == {"/cgi-bin/stable_token": 1, "/wxa/msg_sec_check": 2}
    assert [c["json"]["content"] for c in state.calls("/wxa/msg_sec_check")] == ["一", "二"]
    assert len(state.calls()) == 3


def test_many_concurrent_requests_are_served(fake_wechat_local):
    token = _token(fake_wechat_local)
    with ThreadPoolExecutor(max_workers=16) as pool:
        answers = list(pool.map(lambda i: _sec_check(fake_wechat_local, f"第{i}条", token), range(64)))
    assert all(a["errcode"] == 0 for a in answers)
    assert fake_wechat_local.state.count("/wxa/msg_sec_check") == 64


def test_latency_can_be_injected(fake_wechat_local):
    fake_wechat_local.state.latency_ms = 150
    started = time.monotonic()
    _token(fake_wechat_local)
    assert time.monotonic() - started >= 0.15


def test_control_endpoints_drive_the_state_over_http(fake_wechat_local):
    fake = fake_wechat_local

    def control(path: str, body: Any = None) -> Any:
        resp = requests.post(fake.url(f"_fake/{path}"), json=body, timeout=TIMEOUT)
        assert resp.status_code == 200, resp.text
        return resp.json()

    code = control("codes", {"openid": "o-http", "unionid": "u-http"})["code"]
    assert _code2session(fake, code)["unionid"] == "u-http"
    token = _token(fake)
    control("fail", {"path": "/wxa/msg_sec_check", "errcodes": [42001]})
    assert _sec_check(fake, "你好", token)["errcode"] == 42001
    control("refuse", {"openid": "o-http"})
    assert _subscribe(fake, "o-http", token)["errcode"] == 43101
    assert control("flagged", {"words": ["敏感"], "mode": "errcode"})["mode"] == "errcode"
    assert _sec_check(fake, "敏感", token)["errcode"] == 87014
    control("expire-tokens")
    assert _sec_check(fake, "你好", token)["errcode"] == 40001

    stats = requests.get(fake.url("_fake/stats"), timeout=TIMEOUT).json()
    assert stats["/wxa/msg_sec_check"] == 3 and "/_fake/stats" not in stats
    calls = requests.get(fake.url("_fake/calls"), params={"path": "/sns/jscode2session"}, timeout=TIMEOUT)
    assert [c["params"]["js_code"] for c in calls.json()] == [code]
    assert requests.post(fake.url("_fake/codes"), json={}, timeout=TIMEOUT).status_code == 400
    control("reset")
    assert fake.state.calls() == [] and fake.state.flagged_words == ["违禁词", "赌博", "诈骗"]


# --- wechatpy against the fake -------------------------------------------------------------------


def _wechatpy_client(fake: FakeWeChatServer) -> WeChatClient:
    client = WeChatClient(DEFAULT_APPID, DEFAULT_SECRET, access_token=_token(fake))
    client.API_BASE_URL = fake.base_url + "cgi-bin/"
    client.wxa.API_BASE_URL = fake.base_url
    return client


def test_wechatpy_code_to_session_against_the_fake(fake_wechat_local):
    client = _wechatpy_client(fake_wechat_local)
    code = fake_wechat_local.state.issue_code("o-wechatpy", unionid="u-wechatpy")
    session = client.wxa.code_to_session(code)
    assert session["openid"] == "o-wechatpy" and session["unionid"] == "u-wechatpy"
    with pytest.raises(WeChatClientException) as refused:
        client.wxa.code_to_session(code)
    assert refused.value.errcode == 40163


def test_wechatpy_token_apis_against_the_fake(fake_wechat_local):
    client = _wechatpy_client(fake_wechat_local)
    fake_wechat_local.state.refuse("o-refuses")
    sent = client.wxa.send_subscribe_message("o-1", "tpl-1", {"thing1": {"value": "活动提醒"}})
    assert sent["errcode"] == 0
    with pytest.raises(WeChatClientException) as refused:
        client.wxa.send_subscribe_message("o-refuses", "tpl-1", {"thing1": {"value": "活动提醒"}})
    assert refused.value.errcode == 43101
    image = client.wxa.get_wxa_code_unlimited("id=7", page="pages/org/detail")
    assert image.content.startswith(b"\x89PNG")  # wechatpy hands back the raw response for images


# --- lifecycle -----------------------------------------------------------------------------------


def test_servers_start_side_by_side_and_release_their_port():
    state = FakeWeChatState(apps={"wx_a": "secret-a"}, accept_demo_codes=True)
    with FakeWeChatServer(state) as first, FakeWeChatServer() as second:
        assert first.base_url != second.base_url and first.base_url.endswith("/")
        assert _code2session(first, "demo-o-x", appid="wx_a", secret="secret-a")["openid"] == "o-x"
        assert _code2session(second, "demo-o-x")["errcode"] == 40029
        url = first.url("_fake/stats")
    with pytest.raises(requests.ConnectionError):
        requests.get(url, timeout=TIMEOUT)
    first.stop()  # stopping twice is harmless
