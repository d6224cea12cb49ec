"""POST /api/mp/v1/bot/answers/{answer_id}/feedback: only the asker votes, once per answer."""

from __future__ import annotations

import uuid

from backend.models.bot import BotFeedback
from tests.helpers import assert_envelope

ASK = "/api/mp/v1/bot/ask"


def feedback_url(answer_id: str) -> str:
    return f"/api/mp/v1/bot/answers/{answer_id}/feedback"


async def _asked(client, headers, question="联合党支部最多覆盖几个单位？") -> str:
    return (await client.post(ASK, json={"question": question}, headers=headers)).json()["answer_id"]


async def test_asker_votes_and_may_change_the_vote(client, login):
    headers = await login("resident")
    answer_id = await _asked(client, headers)
    resp = await client.post(feedback_url(answer_id), json={"vote": "up"}, headers=headers)
    assert resp.status_code == 200 and resp.json()["vote"] == "up"
    resp = await client.post(feedback_url(answer_id), json={"vote": "down", "comment": "没说清楚"}, headers=headers)
    assert resp.json() == {"answer_id": answer_id, "vote": "down", "comment": "没说清楚"}
    rows = await BotFeedback.all()
    assert len(rows) == 1 and rows[0].vote == "down"


async def test_another_user_cannot_vote_on_my_answer(client, login):
    mine, theirs = await login("resident"), await login("leader")
    answer_id = await _asked(client, mine)
    assert_envelope(await client.post(feedback_url(answer_id), json={"vote": "down"}, headers=theirs), 403,
                    "not_your_answer")
    assert await BotFeedback.all().count() == 0


async def test_unknown_answers_and_bad_votes(client, login):
    headers = await login("resident")
    assert_envelope(await client.post(feedback_url(uuid.uuid4().hex), json={"vote": "up"}, headers=headers), 404,
                    "answer_not_found")
    assert_envelope(await client.post(feedback_url("not-a-uuid"), json={"vote": "up"}, headers=headers), 404)
    answer_id = await _asked(client, headers)
    assert_envelope(await client.post(feedback_url(answer_id), json={"vote": "meh"}, headers=headers), 422)
    assert_envelope(await client.post(feedback_url(answer_id), json={"vote": "up"}), 401)
    assert await BotFeedback.all().count() == 0
