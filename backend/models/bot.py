"""What people asked the policy bot, what it answered, and their 👍/👎 on each answer."""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model

from backend.models.user import User


class BotChannel(StrEnum):
    miniprogram = "miniprogram"
    official_account = "official_account"


class Vote(StrEnum):
    up = "up"
    down = "down"


class BotQuestionLog(Model):
    """One question and the bot's answer (or refusal); its id is the answer_id clients vote on."""

    id = fields.UUIDField(primary_key=True)
    question = fields.TextField()
    # Normalised text (width, case, spaces, punctuation) so staff see repeats grouped together.
    question_key = fields.CharField(max_length=255, db_index=True)
    answered = fields.BooleanField(db_index=True)
    answer = fields.TextField(default="")
    refusal_reason = fields.CharField(max_length=32, null=True)
    top_doc = fields.CharField(max_length=255, null=True)
    top_number = fields.IntField(null=True)
    citation_count = fields.IntField(default=0)
    user: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="bot_questions", null=True, on_delete=fields.SET_NULL)
    user_id: int | None
    # Official-account askers have no account here; their openid identifies them.
    wechat_openid = fields.CharField(max_length=64, null=True)
    channel = fields.CharEnumField(BotChannel, max_length=24)
    session_id = fields.CharField(max_length=64, default="")
    kb_version = fields.CharField(max_length=32, default="")
    personal = fields.BooleanField(default=False)
    created_at = fields.DatetimeField(auto_now_add=True, db_index=True)

    class Meta:
        table = "bot_question_log"
        indexes = (("answered", "question_key"),)


class BotFeedback(Model):
    """The asker's vote on one answer; voting again changes it."""

    id = fields.IntField(primary_key=True)
    answer: fields.OneToOneRelation[BotQuestionLog] = fields.OneToOneField(
        "models.BotQuestionLog", related_name="feedback", on_delete=fields.CASCADE)
    answer_id: int
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="bot_feedback", on_delete=fields.CASCADE)
    user_id: int
    vote = fields.CharEnumField(Vote, max_length=8, db_index=True)
    comment = fields.TextField(default="")
    # Copied from the answer so the down-vote report groups without a join.
    question_key = fields.CharField(max_length=255, db_index=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "bot_feedback"
