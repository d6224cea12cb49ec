"""The official account's server callback: WeChat delivers users' messages here, we answer with the bot.

Public route, but every request is authenticated by WeChat's signature (see backend/wechat/official.py).
A text message is answered within WECHAT_OA_REPLY_BUDGET_SECONDS as a passive reply (WeChat waits
5 s); when the bot needs longer, the reply is "success" and the answer follows through the
customer-service API. Simplification: that push goes through the mini-program's gateway
(`app.ctx.wechat`); a real deployment points it at the official account's own app id and secret.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from redis.asyncio import Redis
from sanic import Blueprint, Request
from sanic.response import HTTPResponse, text
from sanic_ext import openapi

from backend import ratelimit
from backend.auth import public
from backend.contract import returns
from backend.errors import DomainError, WechatMessageTooLarge
from backend.models.bot import BotChannel
from backend.services import bot as bot_service
from backend.settings import Settings
from backend.wechat import official
from backend.wechat.client import WeChatGateway
from bot import EngineHolder

log = logging.getLogger(__name__)
bp = Blueprint("wechat_official", url_prefix="/wechat/official")

MAX_CALLBACK_BYTES = 64 * 1024
RATE_WINDOW_SECONDS = 60
_background: set[asyncio.Task[Any]] = set()

TOO_FAST = "提问太频繁了，请稍等一分钟再问。"
ONLY_TEXT = "目前我只能回答文字提问。请直接发送您的问题，例如：“联合党支部最多覆盖几个单位？”"
FAILED = "抱歉，暂时无法回答这个问题，请稍后再试。"


def _args(request: Request) -> dict[str, str]:
    return {key: values[-1] for key, values in request.args.items()}


def _welcome(contact: str) -> str:
    return ("欢迎关注！我是社会组织政策问答助手，可以解答社会组织党建、登记管理、扶持培育、综合监管等政策问题，"
            "回答会注明出处。请直接发送文字问题，例如：“社会组织有几名党员才能单独成立党组织？”"
            f"其他事项请联系{contact}。")


def _xml(body: str) -> HTTPResponse:
    return text(body, content_type="application/xml; charset=utf-8")


@bp.get("/callback")
@openapi.summary("公众号服务器地址校验（微信服务器调用，以签名认证）")
@returns("text/plain", description="原样返回 echostr")
@public
async def verify_url(request: Request, redis: Redis, settings: Settings) -> HTTPResponse:
    args = _args(request)
    await official.authenticate(redis, token=settings.wechat_oa_token.get_secret_value(), args=args)
    return text(args.get("echostr", ""))


@bp.post("/callback")
@openapi.summary("公众号消息回调：用政策问答机器人回复（微信服务器调用，以签名认证）")
@returns(("application/xml", "text/plain"), description="被动回复消息（XML，安全模式下加密），或 success")
@public
async def receive(request: Request, redis: Redis, settings: Settings, wechat: WeChatGateway,
                  bot: EngineHolder) -> HTTPResponse:
    if len(request.body or b"") > MAX_CALLBACK_BYTES:
        raise WechatMessageTooLarge()
    args = _args(request)
    timestamp = await official.authenticate(redis, token=settings.wechat_oa_token.get_secret_value(), args=args)
    crypto = official.crypto_for(token=settings.wechat_oa_token.get_secret_value(),
                                 aes_key=settings.wechat_oa_aes_key.get_secret_value(),
                                 app_id=settings.wechat_oa_app_id)
    message, encrypted = official.open_message(body=request.body, args=args, crypto=crypto)
    reply_crypto = crypto if encrypted else None
    key = official.message_key(message)
    previous = await official.claim_message(redis, key)
    if previous is not None:  # a WeChat retry: never answer twice
        if previous.get("state") == "replied" and previous.get("text"):
            return _xml(official.render_reply(message=message, text=previous["text"], crypto=reply_crypto,
                                              nonce=args["nonce"], timestamp=timestamp))
        return text(official.SUCCESS)
    reply = await _reply_text(message=message, key=key, redis=redis, settings=settings, wechat=wechat, bot=bot)
    if reply is None:
        return text(official.SUCCESS)
    await official.record_outcome(redis, key, state="replied", text=reply)
    return _xml(official.render_reply(message=message, text=reply, crypto=reply_crypto, nonce=args["nonce"],
                                      timestamp=timestamp))


async def _reply_text(*, message: Any, key: str, redis: Redis, settings: Settings, wechat: WeChatGateway,
                      bot: EngineHolder) -> str | None:
    """The passive reply for a message; None when there is nothing to say now (reply "success")."""
    if message.type == "event":
        return _welcome(settings.bot_contact) if message.event == "subscribe" else None
    question = (getattr(message, "content", None) or getattr(message, "recognition", None) or "").strip()
    if not question:
        return ONLY_TEXT
    count = await ratelimit.hit(redis, key=f"bot:oa:{message.source}", limit=settings.bot_rate_limit_per_minute,
                                window_seconds=RATE_WINDOW_SECONDS)
    if count > settings.bot_rate_limit_per_minute:
        return TOO_FAST
    task = asyncio.ensure_future(bot_service.ask(
        holder=bot, redis=redis, question=question[:500], channel=BotChannel.official_account,
        session_id=f"oa-{message.source}"[:64], session_ttl=settings.bot_session_ttl_seconds,
        openid=message.source))
    try:
        asked = await asyncio.wait_for(asyncio.shield(task), timeout=settings.wechat_oa_reply_budget_seconds)
    except TimeoutError:
        await official.record_outcome(redis, key, state="pushed")
        push = asyncio.create_task(_push_later(task=task, openid=message.source, wechat=wechat))
        _background.add(push)  # keep a reference until done, or the loop may drop it
        push.add_done_callback(_background.discard)
        return None
    except DomainError:
        return FAILED
    return asked.answer.answer


async def _push_later(*, task: asyncio.Future[Any], openid: str, wechat: WeChatGateway) -> None:
    """Send a late answer through the customer-service API (allowed within 48 h of the user's message)."""
    try:
        content = (await task).answer.answer
    except Exception:
        log.exception("policy bot failed on an official-account question")
        content = FAILED
    try:
        await wechat.send_custom_text(openid=openid, text=official.clip(content))
    except DomainError as exc:
        log.warning("official account: late answer could not be pushed (%s)", exc.error_code)
