"""Policy questions from the mini-program: answers with citations, follow-ups, 👍/👎 per answer."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BaseModel, Field
from redis.asyncio import Redis
from sanic import Blueprint, Request
from sanic.response import HTTPResponse
from sanic_ext import openapi

from backend.auth import ALL_ROLES, allow
from backend.contract import returns
from backend.models.bot import Vote
from backend.models.user import Role
from backend.responses import respond
from backend.schemas.bot import AnswerRead, FeedbackRead
from backend.services import bot as bot_service
from backend.services.actor import Actor
from backend.settings import Settings
from backend.validation import json_body, not_blank
from bot import EngineHolder

bp = Blueprint("mp_bot", url_prefix="/api/mp/v1/bot")


class AskCreate(BaseModel):
    question: Annotated[str, AfterValidator(not_blank)] = Field(min_length=1, max_length=500,
                                                                description="问题（中文，500 字以内）")
    session_id: str | None = Field(None, min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_-]+$",
                                   description="上一次回答返回的会话 id；用于追问，留空开始新会话")


class FeedbackCreate(BaseModel):
    vote: Vote = Field(description="up（有帮助）或 down（没帮助）")
    comment: str = Field("", max_length=500, description="可选：补充说明")


@bp.post("/ask")
@openapi.summary("政策问答：提问并获得带出处的回答")
@returns(AnswerRead)
@allow(*ALL_ROLES)
@json_body(AskCreate)
async def ask(request: Request, body: AskCreate, actor: Actor, redis: Redis, settings: Settings,
              bot: EngineHolder) -> HTTPResponse:
    asked = await bot_service.ask_in_miniprogram(
        holder=bot, redis=redis, user_id=actor.user_id, question=body.question,
        session_id=body.session_id, session_ttl=settings.bot_session_ttl_seconds,
        per_minute=settings.bot_rate_limit_per_minute, leads=actor.role == Role.leader,
    )
    return respond(AnswerRead.model_validate(asked.to_dict()))


@bp.post("/answers/<answer_id:str>/feedback")
@openapi.summary("评价一条回答（每条回答一票，可修改）")
@returns(FeedbackRead)
@allow(*ALL_ROLES)
@json_body(FeedbackCreate)
async def feedback(request: Request, answer_id: str, body: FeedbackCreate, actor: Actor) -> HTTPResponse:
    row = await bot_service.vote(user_id=actor.user_id, answer_id=answer_id, vote=body.vote, comment=body.comment)
    return respond(FeedbackRead(answer_id=answer_id, vote=row.vote.value, comment=row.comment))
