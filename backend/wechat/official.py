"""The official account (公众号) server callback: signatures, 安全模式 AES, replay and retry handling.

WeChat signs every callback with the configured Token (`signature`, and `msg_signature` over the
ciphertext in 安全模式). A request is refused unless its timestamp lies within ±5 minutes, its
signature checks, and its nonce was not seen in that window (so a captured request cannot be
replayed). WeChat retries a message it got no reply for up to three times with the same MsgId; the
first delivery claims the MsgId in Redis, and retries get the cached reply (or "success") instead of
a second answer.
"""

from __future__ import annotations

import json
import time
from typing import Any

from redis.asyncio import Redis
from wechatpy import parse_message
from wechatpy.crypto import WeChatCrypto
from wechatpy.exceptions import InvalidAppIdException, InvalidSignatureException
from wechatpy.replies import TextReply
from wechatpy.utils import check_signature

from backend.errors import (
    WechatBadMessage,
    WechatBadMsgSignature,
    WechatBadSignature,
    WechatReplayedNonce,
    WechatStaleTimestamp,
)

TIMESTAMP_WINDOW_SECONDS = 300
NONCE_PREFIX = "wechat:oa:nonce:"
MSG_PREFIX = "wechat:oa:msg:"
# WeChat gives up after three tries within about 15 s; keep the claim well beyond that.
MSG_TTL_SECONDS = 300
# Text replies and customer-service texts are capped at 2048 bytes by WeChat.
MAX_REPLY_BYTES = 2000
SUCCESS = "success"
# Openids are 28 characters; the question log stores up to 64.
MAX_OPENID_LENGTH = 64


def crypto_for(*, token: str, aes_key: str, app_id: str) -> WeChatCrypto:
    return WeChatCrypto(token, aes_key, app_id)


def _check_timestamp(raw: str | None, *, now: float) -> str:
    try:
        stamp = int(raw or "")
        stale = abs(now - stamp) > TIMESTAMP_WINDOW_SECONDS
    except (ValueError, OverflowError):  # not a number, or too big to compare with the clock
        raise WechatStaleTimestamp() from None
    if stale:
        raise WechatStaleTimestamp()
    return str(stamp)


def _check_signature(token: str, args: dict[str, str], timestamp: str) -> str:
    nonce = args.get("nonce", "")
    try:
        check_signature(token, args.get("signature", ""), timestamp, nonce)
    except InvalidSignatureException:
        raise WechatBadSignature() from None
    if not nonce:
        raise WechatBadSignature()
    return nonce


async def _remember_nonce(redis: Redis, nonce: str) -> None:
    # The nonce must outlive the whole ±window a replay could still pass the timestamp check in.
    fresh = await redis.set(NONCE_PREFIX + nonce, "1", nx=True, ex=2 * TIMESTAMP_WINDOW_SECONDS)
    if not fresh:
        raise WechatReplayedNonce()


async def authenticate(redis: Redis, *, token: str, args: dict[str, str], now: float | None = None) -> str:
    """Check timestamp window, signature and nonce of a callback; returns the timestamp."""
    timestamp = _check_timestamp(args.get("timestamp"), now=time.time() if now is None else now)
    nonce = _check_signature(token, args, timestamp)
    await _remember_nonce(redis, nonce)
    return timestamp


def open_message(*, body: bytes, args: dict[str, str], crypto: WeChatCrypto) -> tuple[Any, bool]:
    """The parsed message, decrypting (and checking msg_signature) in 安全模式; and whether it was."""
    if args.get("encrypt_type", "raw") != "aes":
        return _parse(body), False
    try:
        xml = crypto.decrypt_message(body, args.get("msg_signature", ""), args["timestamp"], args["nonce"])
    except (InvalidSignatureException, InvalidAppIdException):
        raise WechatBadMsgSignature() from None
    except Exception:  # malformed XML or ciphertext
        raise WechatBadMessage() from None
    return _parse(xml), True


def _parse(xml: bytes | str) -> Any:
    try:
        message = parse_message(xml)
        well_formed = message is not None and _well_formed(message)
    except Exception:
        raise WechatBadMessage() from None
    if not well_formed:
        raise WechatBadMessage()
    return message


def _well_formed(message: Any) -> bool:
    """WeChat always sends a sender openid, a creation time and plain-text fields; anything else is forged."""
    sender = message.source
    if not isinstance(sender, str) or not 0 < len(sender) <= MAX_OPENID_LENGTH:
        return False
    # Fields convert lazily: read the numeric ones now, so a bad MsgId or CreateTime fails here.
    if message.create_time is None or message.id is None:
        return False
    fields = ("content", "recognition", "event")
    return all(isinstance(getattr(message, name, None), str | None) for name in fields)


def render_reply(*, message: Any, text: str, crypto: WeChatCrypto | None, nonce: str, timestamp: str) -> str:
    """A passive text reply to the sender, encrypted when the request was."""
    xml = TextReply(message=message, content=clip(text)).render()
    if crypto is None:
        return xml
    return crypto.encrypt_message(xml, nonce, timestamp)


def clip(text: str, limit: int = MAX_REPLY_BYTES) -> str:
    """Cut a text to WeChat's byte limit without breaking a character."""
    data = text.encode()
    if len(data) <= limit:
        return text
    suffix = "…（内容较长，完整解答请在小程序中查看）"
    return data[: limit - len(suffix.encode())].decode(errors="ignore") + suffix


def message_key(message: Any) -> str:
    """MsgId for messages; events have none, so WeChat recommends FromUserName + CreateTime."""
    msg_id = getattr(message, "id", None)
    if msg_id:
        return f"{MSG_PREFIX}{msg_id}"
    return f"{MSG_PREFIX}{message.source}:{int(message.create_time.timestamp())}"


async def claim_message(redis: Redis, key: str) -> dict[str, str] | None:
    """Claim a message for answering; None when claimed, else what the first delivery recorded."""
    if await redis.set(key, json.dumps({"state": "pending"}), nx=True, ex=MSG_TTL_SECONDS):
        return None
    raw = await redis.get(key)
    return json.loads(raw) if raw else {"state": "pending"}


async def record_outcome(redis: Redis, key: str, *, state: str, text: str = "") -> None:
    """Remember how a message was answered ("replied" with its text, or "pushed") for retries."""
    await redis.set(key, json.dumps({"state": state, "text": text}, ensure_ascii=False), ex=MSG_TTL_SECONDS)
