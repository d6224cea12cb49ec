"""The WeChat API gateway: wechatpy's blocking HTTP, run off the event loop, with a shared token.

One access token per app id lives in Redis for every worker. When it is missing or WeChat rejects
it (40001/42001/40014), exactly one caller refreshes it behind a Redis lock through the stable-token
endpoint; the others wait on the lock and reuse what it fetched. 45009 (daily quota exhausted) is
surfaced to the caller, never retried in a loop.
"""

from __future__ import annotations

import asyncio
import logging
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from typing import Any

import requests
from redis.asyncio import Redis
from requests.adapters import HTTPAdapter
from wechatpy.client.api import WeChatWxa
from wechatpy.client.base import BaseWeChatClient
from wechatpy.exceptions import WeChatClientException

from backend.errors import UpstreamError
from backend.settings import Settings

log = logging.getLogger(__name__)

TOKEN_REJECTED = {40001, 40014, 42001}
QUOTA_EXHAUSTED = 45009
# Refresh a little before WeChat's own expiry so no call races the deadline.
TOKEN_SAFETY_MARGIN = 300


class WeChatError(UpstreamError):
    """WeChat answered with a non-zero errcode (or could not be reached)."""

    code, default_message = "wechat_error", "微信服务返回错误"

    def __init__(self, errcode: int | None, errmsg: str):
        self.errcode = errcode
        self.errmsg = errmsg
        super().__init__(details={"errcode": errcode})


class WeChatQuotaExceeded(WeChatError):
    status, code, default_message = 429, "wechat_quota_exceeded", "微信接口调用次数已达上限，请稍后再试"

    def __init__(self, errmsg: str = "api freq out of limit"):
        super().__init__(QUOTA_EXHAUSTED, errmsg)


class _WxClient(BaseWeChatClient):
    """wechatpy client whose token is supplied per call by the gateway, never fetched by itself."""

    wxa = WeChatWxa()

    def __init__(self, appid: str, secret: str, base: str, timeout: float):
        super().__init__(appid, timeout=timeout, auto_retry=False)
        self.secret = secret
        self.API_BASE_URL = base
        self.wxa.API_BASE_URL = base

    @property
    def access_token(self) -> None:
        # None is dropped from the query string by requests; token-bearing calls pass it explicitly.
        return None


@dataclass(frozen=True, slots=True)
class SecVerdict:
    """The outcome of msgSecCheck v2 for one text."""

    passed: bool
    suggest: str
    label: int


class WeChatGateway:
    """Async facade over the WeChat APIs this service uses."""

    def __init__(self, *, settings: Settings, redis: Redis, max_threads: int = 16):
        base = settings.wechat_api_base.rstrip("/") + "/"
        self.appid = settings.wechat_app_id
        self._secret = settings.wechat_app_secret.get_secret_value()
        self._client = _WxClient(self.appid, self._secret, base, settings.wechat_timeout_seconds)
        # One keep-alive pool with a connection per thread: requests' default of 10 made 16 threads
        # open and discard connections ("Connection pool is full") on every burst of sends.
        adapter = HTTPAdapter(pool_connections=1, pool_maxsize=max_threads, max_retries=0)
        http = self._client._http
        http.mount("http://", adapter)
        http.mount("https://", adapter)
        # requests re-reads the proxy variables, ~/.netrc and the CA bundle variables on every call
        # (trust_env): a good part of each send's CPU. The base URL is fixed, so read them once here.
        http.proxies = requests.utils.get_environ_proxies(base)
        bundle = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE")
        if bundle:
            http.verify = bundle
        http.trust_env = False
        self.max_threads = max_threads
        self._base = base
        self._redis = redis
        self._pool = ThreadPoolExecutor(max_workers=max_threads, thread_name_prefix="wechat")
        self._token_key = f"wechat:token:{self.appid}"
        self._lock_key = f"wechat:token-lock:{self.appid}"
        self._replaced: dict[str, str] = {}  # the last rejected token → the one that replaced it

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)

    async def _blocking(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(self._pool, partial(fn, *args, **kwargs))
        except WeChatClientException as exc:
            if exc.errcode == QUOTA_EXHAUSTED:
                raise WeChatQuotaExceeded(str(exc.errmsg)) from None
            raise WeChatError(exc.errcode, str(exc.errmsg)) from None
        except OSError as exc:  # requests' ConnectionError/Timeout derive from OSError
            log.warning("wechat unreachable: %s", type(exc).__name__)
            raise WeChatError(None, "unreachable") from None

    # --- tokens -----------------------------------------------------------------------------

    async def access_token(self) -> str:
        """The shared token, fetched once behind a lock when no worker has one."""
        token = await self._redis.get(self._token_key)
        if token:
            return token
        return await self._refresh(rejected=None)

    async def _refresh(self, *, rejected: str | None) -> str:
        async with self._redis.lock(self._lock_key, timeout=30, blocking_timeout=30):
            current = await self._redis.get(self._token_key)
            if current and current != rejected:
                return current  # another caller refreshed while we waited
            result = await self._blocking(
                self._client.post,
                self._base + "cgi-bin/stable_token",
                params={},
                data={"grant_type": "client_credential", "appid": self.appid, "secret": self._secret,
                      "force_refresh": rejected is not None},
            )
            token = result["access_token"]
            ttl = max(int(result.get("expires_in", 7200)) - TOKEN_SAFETY_MARGIN, 60)
            await self._redis.set(self._token_key, token, ex=ttl)
            return token

    async def call(self, method: str, path: str, *, data: Any = None, params: dict | None = None,
                   token: str | None = None) -> Any:
        """Call a token-bearing API; a rejected token is refreshed once and the call retried once.

        `token` is one the caller already read (a batch of sends reads it once, not once per send);
        once any call has replaced it, the others of the batch use the replacement straight away.
        """
        token = self._replaced.get(token, token) if token else await self.access_token()
        for attempt in (1, 2):
            query = dict(params or {}, access_token=token)
            try:
                return await self._blocking(self._client._request, method, self._base + path,
                                            params=query, data=data)
            except WeChatError as exc:
                if exc.errcode in TOKEN_REJECTED and attempt == 1:
                    log.info("wechat token rejected (%s); refreshing once", exc.errcode)
                    fresh = await self._refresh(rejected=token)
                    self._replaced = {token: fresh}
                    token = fresh
                    continue
                raise
        raise AssertionError("unreachable")

    # --- APIs -------------------------------------------------------------------------------

    async def code_to_session(self, code: str) -> dict[str, Any]:
        """jscode2session: exchange a wx.login code for openid/unionid/session_key."""
        return await self._blocking(self._client.wxa.code_to_session, code)

    async def msg_sec_check(self, *, content: str, openid: str, scene: int = 2) -> SecVerdict:
        """msgSecCheck v2; 87014 and a risky/review verdict both count as not passed."""
        try:
            result = await self.call("post", "wxa/msg_sec_check",
                                     data={"content": content, "version": 2, "scene": scene, "openid": openid})
        except WeChatError as exc:
            if exc.errcode == 87014:
                return SecVerdict(passed=False, suggest="risky", label=87014)
            raise
        verdict = result.get("result") or {}
        suggest = verdict.get("suggest", "pass")
        return SecVerdict(passed=suggest == "pass", suggest=suggest, label=int(verdict.get("label", 100)))

    async def user_phone_number(self, *, code: str) -> str:
        """phonenumber.getPhoneNumber: the number behind a getPhoneNumber button's code (single use)."""
        result = await self.call("post", "wxa/business/getuserphonenumber", data={"code": code})
        info = result.get("phone_info") or {}
        return str(info.get("purePhoneNumber") or info.get("phoneNumber") or "")

    async def send_subscribe(self, *, openid: str, template_id: str, data: dict, page: str = "",
                             token: str | None = None) -> dict:
        return await self.call("post", "cgi-bin/message/subscribe/send", token=token,
                               data={"touser": openid, "template_id": template_id, "page": page, "data": data})

    async def send_custom_text(self, *, openid: str, text: str) -> dict:
        return await self.call("post", "cgi-bin/message/custom/send",
                               data={"touser": openid, "msgtype": "text", "text": {"content": text}})

    async def unlimited_code(self, *, scene: str, page: str = "", width: int = 430) -> bytes:
        """wxacode.getUnlimited: a mini-program code image for `scene` (≤ 32 chars)."""
        result = await self.call("post", "wxa/getwxacodeunlimit",
                                 data={"scene": scene, "page": page, "width": width, "check_path": False})
        if isinstance(result, dict):
            raise WeChatError(result.get("errcode"), str(result.get("errmsg", "")))
        return result.content


def setup_wechat(app: Any) -> None:
    """Create the gateway once Redis is open; shut its thread pool down after stopping."""

    @app.before_server_start
    async def _open(app: Any) -> None:
        app.ctx.wechat = WeChatGateway(settings=app.ctx.settings, redis=app.ctx.redis)

    @app.after_server_stop
    async def _close(app: Any) -> None:
        app.ctx.wechat.close()
