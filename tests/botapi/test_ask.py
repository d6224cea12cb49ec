"""POST /api/mp/v1/bot/ask: cited answers, refusals, sessions, personal answers, rate limits, logs."""

from __future__ import annotations

from backend.models.bot import BotChannel, BotQuestionLog
from backend.models.user import Role
from tests.factories import auth_headers, make_org, make_user
from tests.helpers import assert_envelope

ASK = "/api/mp/v1/bot/ask"
SHAPE = {"answered", "answer", "citations", "session_id", "answer_id"}
CITATION_SHAPE = {"doc", "number", "heading", "quote", "score"}


def assert_quotes_are_verbatim(app, body: dict) -> None:
    """Every quote is text that exists in the unit it cites."""
    units = app.ctx.bot.engine.kb.units
    for citation in body["citations"]:
        assert set(citation) == CITATION_SHAPE
        cited = [u for u in units if u.doc_title == citation["doc"] and u.heading == citation["heading"]
                 and (u.number == citation["number"] or u.kind == "meta")]
        assert cited, citation
        assert any(citation["quote"] in u.text for u in cited), citation["quote"]


async def test_policy_question_is_answered_with_verbatim_citations(client, login, app):
    headers = await login("resident")
    resp = await client.post(ASK, json={"question": "联合党支部最多覆盖几个单位？"}, headers=headers)
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert set(body) == SHAPE
    assert body["answered"] is True and "5个" in body["answer"]
    assert body["citations"][0]["number"] == 2
    assert body["session_id"] and body["answer_id"]
    assert_quotes_are_verbatim(app, body)


async def test_out_of_domain_question_is_refused_with_the_contact(client, login, app):
    resp = await client.post(ASK, json={"question": "明天限号吗？"}, headers=await login("leader"))
    body = resp.json()
    assert resp.status_code == 200 and body["answered"] is False and body["citations"] == []
    assert app.ctx.settings.bot_contact in body["answer"]


async def test_quotes_are_verbatim_across_many_questions(client, login, app):
    headers = await login("resident")
    for question in ("社会组织年报啥时候交", "哪些社会组织可以直接登记？", "公益创投资金支持哪些领域？",
                     "这个文件的文号是什么？", "活动异常名录的责任单位是谁？", "双随机一公开怎么抽查？"):
        body = (await client.post(ASK, json={"question": question}, headers=headers)).json()
        assert body["answered"], question
        assert_quotes_are_verbatim(app, body)


async def test_follow_up_resolves_within_a_session(client, login):
    headers = await login("resident")
    first = (await client.post(ASK, json={"question": "社会组织怎么成立党组织？"}, headers=headers)).json()
    assert first["citations"][0]["number"] == 2
    session = first["session_id"]
    # The example names 联合党支部 itself, so it resolves to item 2 in a session and alone.
    follow = (await client.post(ASK, json={"question": "那联合党支部最多几个单位？", "session_id": session},
                                headers=headers)).json()
    assert follow["session_id"] == session and follow["citations"][0]["number"] == 2 and "5个" in follow["answer"]
    alone = (await client.post(ASK, json={"question": "那联合党支部最多几个单位？"}, headers=headers)).json()
    assert alone["citations"][0]["number"] == 2
    # A bare follow-up only makes sense with the session's topic.
    pronoun = (await client.post(ASK, json={"question": "它的责任单位是谁？", "session_id": session},
                                 headers=headers)).json()
    assert pronoun["answered"] and pronoun["citations"][0]["number"] == 2
    fresh = (await client.post(ASK, json={"question": "它的责任单位是谁？"}, headers=headers)).json()
    assert fresh["answered"] is False and fresh["session_id"] != session


async def test_session_topic_lives_in_redis_with_a_ttl(client, login, app):
    headers = await login("resident")
    body = (await client.post(ASK, json={"question": "社会组织怎么成立党组织？"}, headers=headers)).json()
    key = f"bot:session:{body['session_id']}"
    assert "党组织" in (await app.ctx.redis.hget(key, "topic"))
    assert 0 < await app.ctx.redis.ttl(key) <= app.ctx.settings.bot_session_ttl_seconds


async def test_another_users_session_is_not_continued(client, login):
    alice, bob = await login("resident"), await login("resident")
    first = (await client.post(ASK, json={"question": "社会组织怎么成立党组织？"}, headers=alice)).json()
    stolen = (await client.post(ASK, json={"question": "它的责任单位是谁？", "session_id": first["session_id"]},
                                headers=bob)).json()
    assert stolen["session_id"] != first["session_id"]
    assert stolen["answered"] is False  # Bob gets no context from Alice's session
    own = (await client.post(ASK, json={"question": "它的责任单位是谁？", "session_id": first["session_id"]},
                             headers=alice)).json()
    assert own["answered"] and own["session_id"] == first["session_id"]


async def test_leader_personal_question_uses_their_organizations_member_count(client, app):
    leader = await make_user(Role.leader)
    await make_org(leader=leader, name="阳光志愿服务协会", party_member_count=2, coverage_form="none")
    headers = await auth_headers(app.ctx.redis, leader)
    body = (await client.post(ASK, json={"question": "我们需要成立党组织吗？"}, headers=headers)).json()
    assert body["answered"] and "阳光志愿服务协会" in body["answer"] and "正式党员2名" in body["answer"]
    assert "联合党支部" in body["answer"] and body["citations"][0]["number"] == 2
    assert (await BotQuestionLog.get(id=body["answer_id"])).personal is True


async def test_leader_with_three_members_is_told_to_set_up_its_own(client, app):
    leader = await make_user(Role.leader)
    await make_org(leader=leader, name="红帆社工服务中心", party_member_count=4, coverage_form="own")
    body = (await client.post(ASK, json={"question": "我们需要成立党组织吗？"},
                              headers=await auth_headers(app.ctx.redis, leader))).json()
    assert "正式党员4名" in body["answer"] and "单独成立党组织" in body["answer"] and "已落实" in body["answer"]


async def test_resident_without_an_organization_gets_the_general_rule(client, login):
    body = (await client.post(ASK, json={"question": "我们需要成立党组织吗？"}, headers=await login("resident"))).json()
    assert body["answered"] and "现有正式党员" not in body["answer"]


async def test_every_question_is_logged(client, login):
    headers = await login("resident")
    answered = (await client.post(ASK, json={"question": "联合党支部最多覆盖几个单位？"}, headers=headers)).json()
    refused = (await client.post(ASK, json={"question": "明天限号吗？"}, headers=headers)).json()
    row = await BotQuestionLog.get(id=answered["answer_id"])
    assert row.answered and row.top_number == 2 and row.channel == BotChannel.miniprogram
    assert row.question == "联合党支部最多覆盖几个单位？" and row.user_id is not None and row.kb_version
    miss = await BotQuestionLog.get(id=refused["answer_id"])
    assert miss.answered is False and miss.refusal_reason and miss.top_number is None


async def test_asking_too_fast_gets_429(client, login, app, monkeypatch):
    monkeypatch.setattr(app.ctx.settings, "bot_rate_limit_per_minute", 3)
    headers, other = await login("resident"), await login("resident")
    for _ in range(3):
        assert (await client.post(ASK, json={"question": "年报啥时候交"}, headers=headers)).status_code == 200
    body = assert_envelope(await client.post(ASK, json={"question": "年报啥时候交"}, headers=headers), 429,
                           "rate_limited")
    assert body["details"]["retry_after"] >= 1
    # The limit is per user.
    assert (await client.post(ASK, json={"question": "年报啥时候交"}, headers=other)).status_code == 200


async def test_ask_needs_sign_in_and_a_valid_body(client, login):
    assert_envelope(await client.post(ASK, json={"question": "年报啥时候交"}), 401)
    headers = await login("resident")
    assert_envelope(await client.post(ASK, json={"question": ""}, headers=headers), 422)
    assert_envelope(await client.post(ASK, json={"question": "x" * 501}, headers=headers), 422)
    assert_envelope(await client.post(ASK, json={"question": "年报", "session_id": "../x"}, headers=headers), 422)


async def test_every_role_may_ask(client, login):
    for role in ("resident", "leader", "staff", "admin"):
        resp = await client.post(ASK, json={"question": "年报啥时候交"}, headers=await login(role))
        assert resp.status_code == 200, role
