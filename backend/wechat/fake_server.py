"""A fake api.weixin.qq.com for the tests and the offline demo.

This machine cannot reach WeChat, and wechatpy talks plain blocking HTTP, so the fake is a real
HTTP server on loopback: point `WECHAT_API_BASE` at its base URL and the service cannot tell the
difference. It answers like WeChat does (HTTP 200 with an `errcode` body), including the failures
that matter to us:

- `POST /wxa/business/getuserphonenumber` — phone codes are single use (40029 unknown, 40163
  reused); issue them with `issue_phone_code(phone)`; standalone, `demo-phone-<number>` works once.
- `GET  /sns/jscode2session` — login codes are single use (40029 unknown, 40163 reused);
  wrong appid/secret answer 40013/40125.
- `POST /cgi-bin/stable_token` — the same token while it is valid; `force_refresh` replaces it and
  invalidates the old one. `GET /cgi-bin/token` issues a new token on every call (the old one
  stays valid for five minutes, as on WeChat). The two kinds are independent, as on WeChat.
- Token-bearing APIs answer 40001 for an unknown or expired-by-`expire_tokens()` token and 42001
  for one past its 7200 s lifetime: `/wxa/msg_sec_check` (v2 verdicts; flagged words),
  `/cgi-bin/message/subscribe/send` (43101 for users who refused; per-type value limits),
  `/cgi-bin/message/custom/send`, `/wxa/getwxacodeunlimit` (a real PNG; 40169 for a bad scene).
- Every call to a WeChat path is recorded with its time, query and JSON body, refused ones too.
  Failures injected per path (`inject_failure`) are answered, one per call, before anything else
  is checked — so an injected 40001 hits even a valid token.

Tests drive it through `FakeWeChatState` directly (same process) or over HTTP under `/_fake/`:
`POST /_fake/codes {"openid","unionid"?}`,
`POST /_fake/phone-codes {"phone"}`, `GET /_fake/calls?path=`, `GET /_fake/stats`,
`POST /_fake/fail {"path","errcodes"}`, `POST /_fake/expire-tokens {"appid"?}`,
`POST /_fake/refuse {"openid"}`, `POST /_fake/flagged {"words"?,"mode"?}`,
`POST /_fake/latency {"ms"}`, `POST /_fake/reset`.

In tests::

    with FakeWeChatServer() as fake:          # 127.0.0.1, ephemeral port, background thread
        settings = Settings(wechat_api_base=fake.base_url, ...)
        code = fake.state.issue_code("o-openid", unionid="u-1")

For the demo, run it standalone (one process, Ctrl-C to stop)::

    python -m backend.wechat.fake_server --host 127.0.0.1 --port 9100

Standalone, codes of the form `demo-<openid>` are accepted once each without being issued first,
so a person can try the mini-program login from the API docs (/docs) with e.g. `demo-o-alice`.
The registered app is `wx_test_app` / `test_secret_0123456789abcdef`.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import functools
import hashlib
import json
import re
import secrets
import signal
import socket
import struct
import threading
import time
import uuid
import zlib
from collections import Counter
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import Any, Self

from sanic import HTTPResponse, Request, Sanic
from sanic.response import json as json_response
from sanic.response import raw

DEFAULT_APPID = "wx_test_app"
DEFAULT_SECRET = "test_secret_0123456789abcdef"
DEFAULT_FLAGGED_WORDS = ("违禁词", "赌博", "诈骗")
SEC_CHECK_MODES = ("risky_verdict", "errcode")
TOKEN_TTL_SECONDS = 7200
# WeChat keeps a replaced /cgi-bin/token token usable for five minutes.
TOKEN_OVERLAP_SECONDS = 300
DEMO_CODE_PREFIX = "demo-"
DEMO_PHONE_PREFIX = "demo-phone-"
SCENE_MAX_LENGTH = 32
# Characters wxacode.getUnlimited accepts in `scene` (its documentation lists them).
SCENE_PATTERN = re.compile(r"[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]+")
RISKY_LABEL = 20001
PASS_LABEL = 100

ERRMSG = {
    -1: "system error",
    40001: "invalid credential, access_token is invalid or not latest",
    40002: "invalid grant_type",
    40003: "invalid openid",
    40008: "invalid message type",
    40013: "invalid appid",
    40029: "invalid code",
    40037: "invalid template_id",
    40125: "invalid appsecret",
    40163: "code been used",
    40169: "invalid length for scene",
    41008: "missing code",
    41030: "invalid page",
    42001: "access_token expired",
    43101: "user refuse to accept the msg",
    45009: "reach max api daily quota limit",
    45011: "api minute-quota reach limit",
    47001: "data format error",
    47003: "argument invalid!",
    87014: "risky content",
}

# subscribeMessage.send value limits per keyword type, in characters (WeChat's
# "参数值内容限制说明"); `name` allows 20 letters but only 10 Chinese characters.
SUBSCRIBE_VALUE_LIMITS = {
    "thing": 20,
    "number": 32,
    "letter": 32,
    "symbol": 5,
    "character_string": 32,
    "phone_number": 17,
    "car_number": 8,
    "name": 20,
    "phrase": 5,
}
SUBSCRIBE_NAME_CJK_LIMIT = 10
KEYWORD_PATTERN = re.compile(r"([a-z_]+?)\d+")


class WeChatErrcode(Exception):
    """An answer with a non-zero errcode; the route wrapper renders it as WeChat would."""

    def __init__(self, errcode: int, errmsg: str | None = None):
        self.errcode = errcode
        self.errmsg = errmsg or ERRMSG.get(errcode, "injected failure")
        super().__init__(errcode, self.errmsg)

    def payload(self) -> dict[str, Any]:
        return {"errcode": self.errcode, "errmsg": self.errmsg}


@dataclass(frozen=True, slots=True)
class LoginCode:
    openid: str
    unionid: str | None
    session_key: str


@dataclass(slots=True)
class _Token:
    appid: str
    kind: str  # "stable" or "plain": WeChat keeps the two kinds apart
    expires_at: float


def _normalize_path(path: str) -> str:
    return "/" + path.strip().lstrip("/")


def _new_session_key() -> str:
    return base64.b64encode(secrets.token_bytes(16)).decode()


class FakeWeChatState:
    """Everything the fake remembers; shared by the server thread and the test thread.

    Every method takes the lock, so tests may call them while requests are in flight. Plain
    attributes (`latency_ms`, `accept_demo_codes`, ...) are read once per request.
    """

    def __init__(
        self,
        apps: dict[str, str] | None = None,
        *,
        accept_demo_codes: bool = False,
        token_ttl: int = TOKEN_TTL_SECONDS,
    ):
        self._lock = threading.Lock()
        self._initial_apps = dict(apps or {DEFAULT_APPID: DEFAULT_SECRET})
        self._initial_accept_demo_codes = accept_demo_codes
        self._initial_token_ttl = token_ttl
        self._reset_unlocked()

    def _reset_unlocked(self) -> None:
        self.apps: dict[str, str] = dict(self._initial_apps)
        self.accept_demo_codes = self._initial_accept_demo_codes
        self.token_ttl = self._initial_token_ttl
        self.codes: dict[str, LoginCode] = {}
        self.phone_codes: dict[str, str] = {}
        self.used_codes: set[str] = set()
        self.tokens: dict[str, _Token] = {}
        self.current_tokens: dict[tuple[str, str], str] = {}
        self.call_log: list[dict[str, Any]] = []
        self.flagged_words: list[str] = list(DEFAULT_FLAGGED_WORDS)
        self.sec_check_mode = "risky_verdict"
        self.refusing_openids: set[str] = set()
        self.failures: dict[str, list[int]] = {}
        self.latency_ms = 0
        self.strict_subscribe_data = True
        self._msgids = iter(range(1_000_001, 10**12))

    def reset(self) -> None:
        """Forget every code, token, call and injected behaviour (apps go back to the initial ones)."""
        with self._lock:
            self._reset_unlocked()

    # --- login codes ----------------------------------------------------------------------

    def issue_code(self, openid: str, unionid: str | None = None, session_key: str | None = None) -> str:
        """A new single-use wx.login code that jscode2session will exchange for this openid."""
        code = secrets.token_urlsafe(24)
        with self._lock:
            self.codes[code] = LoginCode(openid, unionid, session_key or _new_session_key())
        return code

    def redeem_code(self, appid: str, secret: str, code: str) -> dict[str, Any]:
        """The jscode2session answer for `code`, which is used up."""
        if not code:
            raise WeChatErrcode(41008)
        with self._lock:
            self._check_app(appid, secret)
            if code in self.used_codes:
                raise WeChatErrcode(40163)
            login = self.codes.pop(code, None) or self._demo_login(code)
            if login is None:
                raise WeChatErrcode(40029)
            self.used_codes.add(code)
        answer = {"openid": login.openid, "session_key": login.session_key}
        if login.unionid:
            answer["unionid"] = login.unionid
        return answer

    def issue_phone_code(self, phone: str) -> str:
        """A new single-use getPhoneNumber code that getuserphonenumber will exchange for `phone`."""
        code = secrets.token_urlsafe(24)
        with self._lock:
            self.phone_codes[code] = phone
        return code

    def redeem_phone_code(self, code: str) -> dict[str, Any]:
        """The getuserphonenumber answer for `code`, which is used up."""
        if not code:
            raise WeChatErrcode(41008)
        with self._lock:
            if code in self.used_codes:
                raise WeChatErrcode(40163)
            phone = self.phone_codes.pop(code, None)
            if phone is None and self.accept_demo_codes and code.startswith(DEMO_PHONE_PREFIX):
                phone = code.removeprefix(DEMO_PHONE_PREFIX) or None
            if phone is None:
                raise WeChatErrcode(40029)
            self.used_codes.add(code)
        return {"errcode": 0, "errmsg": "ok", "phone_info": {
            "phoneNumber": phone, "purePhoneNumber": phone, "countryCode": "86",
            "watermark": {"timestamp": int(time.time()), "appid": DEFAULT_APPID}}}

    def _demo_login(self, code: str) -> LoginCode | None:
        openid = code.removeprefix(DEMO_CODE_PREFIX)
        if not self.accept_demo_codes or openid == code or not openid:
            return None
        return LoginCode(openid, None, _new_session_key())

    def _check_app(self, appid: str, secret: str) -> None:
        if appid not in self.apps:
            raise WeChatErrcode(40013)
        if not secrets.compare_digest(self.apps[appid].encode(), secret.encode()):
            raise WeChatErrcode(40125)

    # --- access tokens --------------------------------------------------------------------

    def stable_token(self, appid: str, secret: str, *, force_refresh: bool = False) -> dict[str, Any]:
        """getStableAccessToken: the current token while valid; force_refresh replaces it at once."""
        now = time.time()
        with self._lock:
            self._check_app(appid, secret)
            current = self.current_tokens.get((appid, "stable"))
            info = self.tokens.get(current) if current else None
            if info and info.expires_at > now and not force_refresh:
                return {"access_token": current, "expires_in": round(info.expires_at - now)}
            if current:
                self.tokens.pop(current, None)
            return self._issue_token_unlocked(appid, "stable", now)

    def plain_token(self, appid: str, secret: str) -> dict[str, Any]:
        """getAccessToken: a new token on every call; the previous one lives five more minutes."""
        now = time.time()
        with self._lock:
            self._check_app(appid, secret)
            previous = self.tokens.get(self.current_tokens.get((appid, "plain"), ""))
            if previous:
                previous.expires_at = min(previous.expires_at, now + TOKEN_OVERLAP_SECONDS)
            return self._issue_token_unlocked(appid, "plain", now)

    def _issue_token_unlocked(self, appid: str, kind: str, now: float) -> dict[str, Any]:
        token = f"FAKE_{kind.upper()}_{secrets.token_urlsafe(32)}"
        self.tokens[token] = _Token(appid, kind, now + self.token_ttl)
        self.current_tokens[(appid, kind)] = token
        return {"access_token": token, "expires_in": self.token_ttl}

    def check_token(self, token: str | None) -> str:
        """The appid the token belongs to; 40001 if unknown, 42001 if past its lifetime."""
        with self._lock:
            info = self.tokens.get(token or "")
        if info is None:
            raise WeChatErrcode(40001)
        if info.expires_at <= time.time():
            raise WeChatErrcode(42001)
        return info.appid

    def expire_tokens(self, appid: str | None = None) -> None:
        """Make every current token (of one app, or all) invalid: calls using them answer 40001."""
        with self._lock:
            for token, info in list(self.tokens.items()):
                if appid is None or info.appid == appid:
                    del self.tokens[token]
            for key in [k for k in self.current_tokens if appid is None or k[0] == appid]:
                del self.current_tokens[key]

    # --- injected behaviour ---------------------------------------------------------------

    def inject_failure(self, path: str, errcodes: Iterable[int]) -> None:
        """Answer the next calls to `path` with these errcodes, one per call, in order."""
        with self._lock:
            self.failures.setdefault(_normalize_path(path), []).extend(int(c) for c in errcodes)

    def take_failure(self, path: str) -> int | None:
        with self._lock:
            pending = self.failures.get(_normalize_path(path))
            return pending.pop(0) if pending else None

    def refuse(self, openid: str) -> None:
        """This user has not accepted (or has turned off) our subscribe messages: sends get 43101."""
        with self._lock:
            self.refusing_openids.add(openid)

    def set_flagged(self, words: Iterable[str] | None = None, mode: str | None = None) -> None:
        """Replace the flagged words and/or switch how msg_sec_check reports them."""
        if mode is not None and mode not in SEC_CHECK_MODES:
            raise ValueError(f"mode must be one of {SEC_CHECK_MODES}")
        with self._lock:
            if words is not None:
                self.flagged_words = [w for w in words if w]
            if mode is not None:
                self.sec_check_mode = mode

    # --- API behaviour --------------------------------------------------------------------

    def sec_check(self, content: str, *, version: int) -> dict[str, Any]:
        """The msgSecCheck answer for `content` (v2 verdict object, or v1's bare errcode)."""
        with self._lock:
            hits = [w for w in self.flagged_words if w in content]
            mode = self.sec_check_mode
        if hits and (mode == "errcode" or version != 2):
            raise WeChatErrcode(87014)
        if version != 2:
            return {"errcode": 0, "errmsg": "ok"}
        suggest, label = ("risky", RISKY_LABEL) if hits else ("pass", PASS_LABEL)
        detail: list[dict[str, Any]] = [
            {"strategy": "content_model", "errcode": 0, "suggest": suggest, "label": label,
             "prob": 90 if hits else 0},
        ]
        detail += [{"strategy": "keyword", "errcode": 0, "suggest": "risky", "label": RISKY_LABEL,
                    "level": 20, "keyword": word} for word in hits]
        return {"errcode": 0, "errmsg": "ok", "result": {"suggest": suggest, "label": label},
                "detail": detail, "trace_id": uuid.uuid4().hex}

    def send_subscribe(self, touser: str) -> int:
        """The msgid of a subscribe message to `touser`; 43101 if they refuse."""
        with self._lock:
            if touser in self.refusing_openids:
                raise WeChatErrcode(43101)
            return next(self._msgids)

    # --- call log -------------------------------------------------------------------------

    def record(self, path: str, params: dict[str, Any], body: Any) -> None:
        entry = {"path": _normalize_path(path), "t": time.time(), "params": params, "json": body}
        with self._lock:
            self.call_log.append(entry)

    def calls(self, path: str | None = None) -> list[dict[str, Any]]:
        """Recorded calls, oldest first, optionally only those to `path`."""
        wanted = _normalize_path(path) if path else None
        with self._lock:
            return [dict(c) for c in self.call_log if wanted is None or c["path"] == wanted]

    def count(self, path: str) -> int:
        return len(self.calls(path))

    def stats(self) -> dict[str, int]:
        with self._lock:
            return dict(Counter(c["path"] for c in self.call_log))


# --- a small PNG without Pillow --------------------------------------------------------------


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def render_code_png(seed: str, width: int = 430, text: dict[str, str] | None = None) -> bytes:
    """A grayscale PNG of about `width` px whose dot pattern is derived from `seed`.

    Not a scannable code, but a valid image that differs per scene; `text` goes into tEXt chunks
    so a test can read back what the "code" stands for.
    """
    modules, border = 21, 2
    side = modules + 2 * border
    scale = max(1, width // side)
    bits = int.from_bytes(hashlib.shake_256(seed.encode()).digest((modules * modules + 7) // 8), "big")
    rows = []
    for y in range(side):
        pixels = bytearray()
        for x in range(side):
            inside = border <= x < border + modules and border <= y < border + modules
            dark = inside and bits >> ((y - border) * modules + (x - border)) & 1
            pixels += (b"\x00" if dark else b"\xff") * scale
        rows.extend([b"\x00" + bytes(pixels)] * scale)  # filter type 0 per scanline
    size = side * scale
    header = struct.pack(">IIBBBBB", size, size, 8, 0, 0, 0, 0)  # 8-bit grayscale
    chunks = [_png_chunk(b"IHDR", header)]
    for key, value in (text or {}).items():
        entry = key.encode("latin-1") + b"\x00" + value.encode("latin-1", "replace")
        chunks.append(_png_chunk(b"tEXt", entry))
    chunks.append(_png_chunk(b"IDAT", zlib.compress(b"".join(rows), 6)))
    chunks.append(_png_chunk(b"IEND", b""))
    return b"\x89PNG\r\n\x1a\n" + b"".join(chunks)


# --- the Sanic app ---------------------------------------------------------------------------

_NOT_JSON = object()
Handler = Callable[[Request, Any], Awaitable[dict[str, Any] | HTTPResponse]]


def _query(request: Request) -> dict[str, str]:
    return {key: request.args.get(key) for key in request.args}


def _body(request: Request) -> Any:
    if not request.body:
        return None
    try:
        return json.loads(request.body)
    except ValueError:
        return _NOT_JSON


def _require_dict(body: Any) -> dict[str, Any]:
    if not isinstance(body, dict):
        raise WeChatErrcode(47001)
    return body


def _check_subscribe_data(data: Any) -> None:
    if not isinstance(data, dict) or not data:
        raise WeChatErrcode(47003, "argument invalid! data is empty")
    for keyword, item in data.items():
        value = item.get("value") if isinstance(item, dict) else None
        if value is None or str(value) == "":
            raise WeChatErrcode(47003, f"argument invalid! data.{keyword}.value is empty")
        match = KEYWORD_PATTERN.fullmatch(keyword)
        kind = match.group(1) if match else ""
        limit = SUBSCRIBE_VALUE_LIMITS.get(kind)
        if kind == "name" and any("\u4e00" <= ch <= "\u9fff" for ch in str(value)):
            limit = SUBSCRIBE_NAME_CJK_LIMIT
        if limit is not None and len(str(value)) > limit:
            raise WeChatErrcode(47003, f"argument invalid! data.{keyword}.value exceeds {limit} characters")


def create_fake_app(state: FakeWeChatState | None = None) -> Sanic:
    """A Sanic app answering like api.weixin.qq.com, backed by `state` (a fresh one by default)."""
    state = state or FakeWeChatState()
    # A unique name per instance so tests can build several. The fake shares its process with the
    # app under test, so it must not change anything global: no logging config, no sanic-ext, and
    # no TOUCHUP, which rewrites the class-wide Sanic.handle_request to dispatch only the signals
    # one app registered; without TOUCHUP the fake also tolerates the other app's rewrite.
    app = Sanic(f"fake_wechat_{uuid.uuid4().hex[:12]}", configure_logging=False)
    app.config.AUTO_EXTEND = False
    app.config.TOUCHUP = False
    app.config.ACCESS_LOG = False
    app.ctx.state = state

    def wechat_route(path: str, method: str, *, needs_token: bool) -> Callable[[Handler], Handler]:
        """Record the call, wait the injected latency, answer an injected failure, check the token."""

        def decorate(handler: Handler) -> Handler:
            @functools.wraps(handler)
            async def endpoint(request: Request) -> HTTPResponse:
                body = _body(request)
                state.record(request.path, _query(request), None if body is _NOT_JSON else body)
                if state.latency_ms:
                    await asyncio.sleep(state.latency_ms / 1000)
                try:
                    failure = state.take_failure(request.path)
                    if failure is not None:
                        raise WeChatErrcode(failure)
                    if needs_token:
                        state.check_token(request.args.get("access_token"))
                    if body is _NOT_JSON:
                        raise WeChatErrcode(47001)
                    answer = await handler(request, body)
                except WeChatErrcode as exc:
                    return json_response(exc.payload())
                return answer if isinstance(answer, HTTPResponse) else json_response(answer)

            app.add_route(endpoint, path, methods=[method])
            return handler

        return decorate

    @wechat_route("/sns/jscode2session", "GET", needs_token=False)
    async def jscode2session(request: Request, _body: Any) -> dict[str, Any]:
        args = request.args
        if args.get("grant_type", "authorization_code") != "authorization_code":
            raise WeChatErrcode(40002)
        return state.redeem_code(args.get("appid", ""), args.get("secret", ""), args.get("js_code", ""))

    @wechat_route("/cgi-bin/stable_token", "POST", needs_token=False)
    async def stable_token(_request: Request, body: Any) -> dict[str, Any]:
        body = _require_dict(body)
        if body.get("grant_type") != "client_credential":
            raise WeChatErrcode(40002)
        return state.stable_token(str(body.get("appid", "")), str(body.get("secret", "")),
                                  force_refresh=body.get("force_refresh") is True)

    @wechat_route("/cgi-bin/token", "GET", needs_token=False)
    async def plain_token(request: Request, _body: Any) -> dict[str, Any]:
        args = request.args
        if args.get("grant_type") != "client_credential":
            raise WeChatErrcode(40002)
        return state.plain_token(args.get("appid", ""), args.get("secret", ""))

    @wechat_route("/wxa/msg_sec_check", "POST", needs_token=True)
    async def msg_sec_check(_request: Request, body: Any) -> dict[str, Any]:
        body = _require_dict(body)
        content, version = body.get("content"), body.get("version", 1)
        if not isinstance(content, str):
            raise WeChatErrcode(47001, "data format error: content")
        if version == 2:
            if not body.get("openid"):
                raise WeChatErrcode(40003)
            if body.get("scene") not in (1, 2, 3, 4):
                raise WeChatErrcode(47001, "data format error: scene must be 1, 2, 3 or 4")
        return state.sec_check(content, version=version)

    @wechat_route("/cgi-bin/message/subscribe/send", "POST", needs_token=True)
    async def subscribe_send(_request: Request, body: Any) -> dict[str, Any]:
        body = _require_dict(body)
        if not body.get("touser"):
            raise WeChatErrcode(40003)
        if not body.get("template_id"):
            raise WeChatErrcode(40037)
        if state.strict_subscribe_data:
            _check_subscribe_data(body.get("data"))
        msgid = state.send_subscribe(str(body["touser"]))
        return {"errcode": 0, "errmsg": "ok", "msgid": msgid}

    @wechat_route("/wxa/business/getuserphonenumber", "POST", needs_token=True)
    async def user_phone_number(_request: Request, body: Any) -> dict[str, Any]:
        return state.redeem_phone_code(str(_require_dict(body).get("code") or ""))

    @wechat_route("/cgi-bin/message/custom/send", "POST", needs_token=True)
    async def custom_send(_request: Request, body: Any) -> dict[str, Any]:
        body = _require_dict(body)
        if not body.get("touser"):
            raise WeChatErrcode(40003)
        if not body.get("msgtype"):
            raise WeChatErrcode(40008)
        return {"errcode": 0, "errmsg": "ok"}

    @wechat_route("/wxa/getwxacodeunlimit", "POST", needs_token=True)
    async def wxacode_unlimited(_request: Request, body: Any) -> HTTPResponse:
        body = _require_dict(body)
        scene, page = body.get("scene"), body.get("page") or ""
        if not isinstance(scene, str) or not 0 < len(scene) <= SCENE_MAX_LENGTH:
            raise WeChatErrcode(40169)
        if not SCENE_PATTERN.fullmatch(scene):
            raise WeChatErrcode(40169, "invalid scene: unsupported characters")
        if not isinstance(page, str) or page.startswith("/"):
            raise WeChatErrcode(41030)
        try:
            width = min(max(int(body.get("width", 430)), 280), 1280)
        except (TypeError, ValueError):
            raise WeChatErrcode(47001, "data format error: width") from None
        image = render_code_png(f"{page}?{scene}", width, {"scene": scene, "page": page})
        return raw(image, content_type="image/png")

    _add_control_routes(app, state)
    return app


def _add_control_routes(app: Sanic, state: FakeWeChatState) -> None:
    """`/_fake/...`: drive the fake over HTTP (other processes, the demo). Not recorded."""

    async def issue_code(request: Request) -> HTTPResponse:
        body = request.json or {}
        if not body.get("openid"):
            return json_response({"error": "openid is required"}, status=400)
        code = state.issue_code(body["openid"], body.get("unionid"), body.get("session_key"))
        return json_response({"code": code})

    async def issue_phone_code(request: Request) -> HTTPResponse:
        phone = (request.json or {}).get("phone")
        if not phone:
            return json_response({"error": "phone is required"}, status=400)
        return json_response({"code": state.issue_phone_code(str(phone))})

    async def calls(request: Request) -> HTTPResponse:
        return json_response(state.calls(request.args.get("path")))

    async def stats(_request: Request) -> HTTPResponse:
        return json_response(state.stats())

    async def fail(request: Request) -> HTTPResponse:
        body = request.json or {}
        if not body.get("path") or not isinstance(body.get("errcodes"), list):
            return json_response({"error": "path and errcodes are required"}, status=400)
        state.inject_failure(body["path"], body["errcodes"])
        return json_response({"ok": True})

    async def expire_tokens(request: Request) -> HTTPResponse:
        state.expire_tokens((request.json or {}).get("appid"))
        return json_response({"ok": True})

    async def refuse(request: Request) -> HTTPResponse:
        openid = (request.json or {}).get("openid")
        if not openid:
            return json_response({"error": "openid is required"}, status=400)
        state.refuse(openid)
        return json_response({"ok": True})

    async def flagged(request: Request) -> HTTPResponse:
        body = request.json or {}
        try:
            state.set_flagged(body.get("words"), body.get("mode"))
        except ValueError as exc:
            return json_response({"error": str(exc)}, status=400)
        return json_response({"words": state.flagged_words, "mode": state.sec_check_mode})

    async def latency(request: Request) -> HTTPResponse:
        state.latency_ms = max(0, int((request.json or {}).get("ms", 0)))
        return json_response({"ms": state.latency_ms})

    async def reset(_request: Request) -> HTTPResponse:
        state.reset()
        return json_response({"ok": True})

    app.add_route(issue_code, "/_fake/codes", methods=["POST"])
    app.add_route(issue_phone_code, "/_fake/phone-codes", methods=["POST"])
    app.add_route(calls, "/_fake/calls", methods=["GET"])
    app.add_route(stats, "/_fake/stats", methods=["GET"])
    app.add_route(fail, "/_fake/fail", methods=["POST"])
    app.add_route(expire_tokens, "/_fake/expire-tokens", methods=["POST"])
    app.add_route(refuse, "/_fake/refuse", methods=["POST"])
    app.add_route(flagged, "/_fake/flagged", methods=["POST"])
    app.add_route(latency, "/_fake/latency", methods=["POST"])
    app.add_route(reset, "/_fake/reset", methods=["POST"])


# --- running it ------------------------------------------------------------------------------


class FakeWeChatServer:
    """Serve the fake on loopback from a background thread with its own event loop.

    ``with FakeWeChatServer() as fake: ... fake.base_url ... fake.state`` — port 0 picks a free
    port. No signal handlers are installed, so it works from any thread (pytest's included).
    """

    def __init__(self, state: FakeWeChatState | None = None, *, host: str = "127.0.0.1", port: int = 0,
                 startup_timeout: float = 10.0):
        self.state = state or FakeWeChatState()
        self.app = create_fake_app(self.state)
        self.host = host
        self._requested_port = port
        self._startup_timeout = startup_timeout
        self._sock: socket.socket | None = None
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop_requested: asyncio.Event | None = None
        self._ready = threading.Event()
        self._startup_error: BaseException | None = None

    @property
    def port(self) -> int:
        if self._sock is None:
            raise RuntimeError("the fake WeChat server is not started")
        return int(self._sock.getsockname()[1])

    @property
    def base_url(self) -> str:
        """What WECHAT_API_BASE should be set to, e.g. ``http://127.0.0.1:40123/``."""
        return f"http://{self.host}:{self.port}/"

    def url(self, path: str) -> str:
        return self.base_url + path.lstrip("/")

    def start(self) -> Self:
        if self._thread is not None:
            raise RuntimeError("the fake WeChat server is already started")
        # Bind here, in the caller's thread, so the port is known (and taken) before we return.
        self._sock = socket.create_server((self.host, self._requested_port), backlog=128)
        self._thread = threading.Thread(target=self._run, name="fake-wechat", daemon=True)
        self._thread.start()
        if not self._ready.wait(self._startup_timeout):
            raise RuntimeError("the fake WeChat server did not start in time")
        if self._startup_error is not None:
            self._thread.join()
            raise RuntimeError("the fake WeChat server failed to start") from self._startup_error
        return self

    def stop(self, timeout: float = 10.0) -> None:
        """Stop serving, close connections, release the port; safe to call twice."""
        thread, loop, stop_requested = self._thread, self._loop, self._stop_requested
        if thread is None:
            return
        if loop is not None and stop_requested is not None and thread.is_alive():
            loop.call_soon_threadsafe(stop_requested.set)
        thread.join(timeout)
        self._thread = None
        if self._sock is not None:
            self._sock.close()
        Sanic.unregister_app(self.app)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def _run(self) -> None:
        asyncio.run(self._serve())

    async def _serve(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop_requested = asyncio.Event()
        try:
            server = await self.app.create_server(sock=self._sock, access_log=False,
                                                  return_asyncio_server=True)
            if server is None:
                raise RuntimeError("Sanic did not return a server")
            await server.startup()
            await server.before_start()
            await server.after_start()
        except BaseException as exc:
            self._startup_error = exc
            self._ready.set()
            return
        self._ready.set()
        await self._stop_requested.wait()
        await server.before_stop()
        server.close()
        await server.wait_closed()
        for connection in list(server.connections):
            connection.close_if_idle()
        await server.after_stop()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m backend.wechat.fake_server",
                                     description="Fake WeChat API server for tests and the offline demo")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=9100)
    parser.add_argument("--no-demo-codes", action="store_true", help="refuse demo-<openid> codes")
    args = parser.parse_args(argv)

    state = FakeWeChatState(accept_demo_codes=not args.no_demo_codes)
    # Block the stop signals before the server thread exists (it inherits the mask), so only the
    # main thread's sigwait receives them and the stop is immediate.
    stop_signals = {signal.SIGINT, signal.SIGTERM}
    signal.pthread_sigmask(signal.SIG_BLOCK, stop_signals)
    with FakeWeChatServer(state, host=args.host, port=args.port) as server:
        print(f"Fake WeChat API at {server.base_url} (app {DEFAULT_APPID}); Ctrl-C to stop", flush=True)
        signal.sigwait(stop_signals)


if __name__ == "__main__":
    main()
