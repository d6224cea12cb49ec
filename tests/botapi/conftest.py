"""Fixtures for the bot's HTTP channels: a private knowledge folder and a signed fake WeChat client."""

from __future__ import annotations

import shutil
import time
import uuid
from collections.abc import AsyncIterator

import httpx
import pytest
from sanic import Sanic
from wechatpy.crypto import WeChatCrypto
from wechatpy.utils import WeChatSigner

from backend.services import bot as bot_service
from backend.settings import ROOT
from bot import EngineHolder


@pytest.fixture
async def kb_holder(app: Sanic, tmp_path) -> AsyncIterator[EngineHolder]:
    """The app's bot swapped for one over a temp copy of knowledge/, so uploads never touch the repo."""
    folder = tmp_path / "knowledge"
    shutil.copytree(ROOT / "knowledge", folder)
    holder = bot_service.make_holder(folder, settings=app.ctx.settings)
    await bot_service.build(holder)
    original = app.ctx.bot
    app.ctx.bot = holder
    try:
        yield holder
    finally:
        app.ctx.bot = original


def sign(token: str, *parts: str) -> str:
    signer = WeChatSigner()
    signer.add_data(token, *parts)
    return signer.signature


class FakeWeChatPush:
    """Plays WeChat's side of the official account callback: signs, encrypts and decrypts."""

    def __init__(self, client: httpx.AsyncClient, *, token: str, aes_key: str, app_id: str):
        self.client = client
        self.token = token
        self.crypto = WeChatCrypto(token, aes_key, app_id)
        self._msg_ids = iter(range(7_000_000_000, 8_000_000_000))

    @staticmethod
    def text_xml(content: str, *, openid: str = "o-oa-user", msg_id: int | None = None) -> str:
        return (f"<xml><ToUserName><![CDATA[gh_oa]]></ToUserName><FromUserName><![CDATA[{openid}]]></FromUserName>"
                f"<CreateTime>{int(time.time())}</CreateTime><MsgType><![CDATA[text]]></MsgType>"
                f"<Content><![CDATA[{content}]]></Content><MsgId>{msg_id or 0}</MsgId></xml>")

    @staticmethod
    def event_xml(event: str, *, openid: str = "o-oa-user") -> str:
        return (f"<xml><ToUserName><![CDATA[gh_oa]]></ToUserName><FromUserName><![CDATA[{openid}]]></FromUserName>"
                f"<CreateTime>{int(time.time())}</CreateTime><MsgType><![CDATA[event]]></MsgType>"
                f"<Event><![CDATA[{event}]]></Event></xml>")

    def next_msg_id(self) -> int:
        return next(self._msg_ids)

    def query(self, *, timestamp: int | None = None, nonce: str | None = None, signature: str | None = None,
              openid: str = "o-oa-user") -> dict[str, str]:
        ts = str(timestamp if timestamp is not None else int(time.time()))
        nonce = nonce or uuid.uuid4().hex[:10]
        return {"signature": signature or sign(self.token, ts, nonce), "timestamp": ts, "nonce": nonce,
                "openid": openid}

    async def post_plain(self, xml: str, **query_overrides) -> httpx.Response:
        params = self.query(**query_overrides)
        return await self.client.post("/wechat/official/callback", params=params, content=xml.encode(),
                                      headers={"Content-Type": "text/xml"})

    async def post_encrypted(self, xml: str, *, msg_signature: str | None = None, **query_overrides
                             ) -> tuple[httpx.Response, dict[str, str]]:
        params = self.query(**query_overrides)
        envelope = self.crypto.encrypt_message(xml, params["nonce"], params["timestamp"])
        if msg_signature is None:
            import xmltodict

            msg_signature = xmltodict.parse(envelope)["xml"]["MsgSignature"]
        params = {**params, "encrypt_type": "aes", "msg_signature": msg_signature}
        resp = await self.client.post("/wechat/official/callback", params=params, content=envelope.encode(),
                                      headers={"Content-Type": "text/xml"})
        return resp, params

    def decrypt_reply(self, body: str) -> str:
        import xmltodict

        outer = xmltodict.parse(body)["xml"]
        return self.crypto.decrypt_message(body, outer["MsgSignature"], outer["TimeStamp"], outer["Nonce"])


@pytest.fixture
def wechat_push(client: httpx.AsyncClient, app: Sanic) -> FakeWeChatPush:
    settings = app.ctx.settings
    return FakeWeChatPush(client, token=settings.wechat_oa_token.get_secret_value(),
                          aes_key=settings.wechat_oa_aes_key.get_secret_value(), app_id=settings.wechat_oa_app_id)
