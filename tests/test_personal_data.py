"""Personal-data rights (PIPL arts. 45 and 47): export, erasure, and the retention purge."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from tortoise import Tortoise

from backend.crypto import PersonalData
from backend.jobs.retention import purge_expired_records
from backend.models.activity import ServiceHours, Signup, SignupStatus
from backend.models.audit import AuditLog
from backend.models.bot import BotChannel, BotFeedback, BotQuestionLog, Vote
from backend.models.grant import Expert
from backend.models.notice import Channel, Delivery, DeliveryStatus, Notice, NoticeStatus, Subscription
from backend.models.organization import MemberRole, Organization, OrgMember
from backend.models.user import Role, User
from backend.services import audit, clock, personal_data
from backend.services.actor import Actor
from tests.factories import auth_headers, make_activity, make_org, make_user
from tests.helpers import assert_envelope

PHONE = "13912345678"
NAME = "王小明"
OPENID = "o-pipl-person-0001"
UNIONID = "u-pipl-person-0001"
EXPORT = "/api/mp/v1/me/data-export"
ERASE = "/api/mp/v1/me/erasure"
REQUESTS = "/api/admin/v1/personal-data/requests"


def _pd(app) -> PersonalData:
    return app.ctx.personal_data


async def _person(app, role: Role = Role.resident) -> User:
    return await make_user(role, openid=OPENID, unionid=UNIONID, real_name=NAME, nickname="小明同学",
                           phone_encrypted=_pd(app).encrypt(PHONE))


async def _question(user: User | None, text: str, *, vote: Vote | None = None) -> BotQuestionLog:
    row = await BotQuestionLog.create(id=uuid.uuid4(), question=text, question_key=text, answered=True,
                                      answer="根据第二项……", user=user, channel=BotChannel.miniprogram)
    if vote is not None and user is not None:
        await BotFeedback.create(answer=row, user=user, vote=vote, comment="有用", question_key=text)
    return row


async def _notice(title: str = "活动通知") -> Notice:
    return await Notice.create(title=title, body="请按时参加", status=NoticeStatus.completed, channels=["inbox"])


async def _rich_person(app) -> dict[str, Any]:
    """A leader (with a co-leader) who signed up, served, asked the bot, got notices and subscribed."""
    person = await _person(app, Role.leader)
    co_leader = await make_user("leader")
    org = await make_org(leader=co_leader, contact_name=NAME, contact_phone_encrypted=_pd(app).encrypt(PHONE))
    await OrgMember.create(org=org, user=person, role=MemberRole.leader, confirmed=True)
    start = clock.now() - timedelta(days=3)
    past = await make_activity(org=org, starts_at=start, ends_at=start + timedelta(hours=2), signup_deadline=start,
                               confirmed_count=1)
    signup = await Signup.create(activity=past, user=person, status=SignupStatus.confirmed, confirmed_at=start,
                                 checked_in_at=start, checked_out_at=start + timedelta(hours=2))
    await ServiceHours.create(signup=signup, user=person, activity=past, minutes=120)
    future = await make_activity(org=org, capacity=1, confirmed_count=1, waitlist_count=1, waitlist_seq=1)
    await Signup.create(activity=future, user=person, status=SignupStatus.confirmed, confirmed_at=clock.now())
    waiting = await make_user()
    await Signup.create(activity=future, user=waiting, status=SignupStatus.waitlisted, queue_no=1)
    await _question(person, f"我叫{NAME}，电话{PHONE}，怎么成立党支部？", vote=Vote.up)
    other_question = await _question(waiting, "社会组织年报什么时候交？")
    notice = await _notice()
    await Delivery.create(notice=notice, user=person, channel=Channel.inbox, status=DeliveryStatus.sent,
                          sent_at=clock.now())
    await Subscription.create(user=person, template_id="tpl-activity", remaining=2, accepted_total=2,
                              last_result="accept")
    await Expert.create(name=NAME, affiliation="某大学", expertise="社会工作", user=person)
    actor = Actor(user_id=person.id, role="leader")
    staff = Actor(user_id=co_leader.id, role="staff")
    await audit.record(actor=staff, action="user.update", object_type="user", object_id=person.id,
                       before={"real_name": "", "phone": None}, after={"real_name": NAME, "phone": PHONE})
    await audit.record(actor=actor, action="org.update", object_type="organization", object_id=org.id,
                       after={"pending_change": {"contact_name": NAME, "address": "测试路 1 号"}},
                       reason=f"联系人改为{NAME}（{PHONE[:3]}****{PHONE[-4:]}）")
    return {"person": person, "org": org, "past": past, "future": future, "waiting": waiting,
            "co_leader": co_leader, "other_question": other_question}


# --- export --------------------------------------------------------------------------------------------


async def test_export_and_erasure_need_sign_in(client):
    assert_envelope(await client.get(EXPORT), 401, "unauthorized")
    assert_envelope(await client.post(ERASE, json={"confirm": True}), 401, "unauthorized")
    assert_envelope(await client.get(EXPORT, headers={"Authorization": "Bearer nope"}), 401, "token_invalid")


async def test_export_holds_everything_about_the_caller_with_phone_in_full(app, client):
    data = await _rich_person(app)
    person = data["person"]
    resp = await client.get(EXPORT, headers=await auth_headers(app.ctx.redis, person))
    assert resp.status_code == 200, resp.text
    assert resp.headers["cache-control"] == "no-store"
    body = resp.json()
    assert body["profile"] | {"created_at": None} == {
        "id": person.id, "role": "leader", "nickname": "小明同学", "real_name": NAME, "phone": PHONE,
        "phone_verified": False, "consent_version": None, "consent_at": None,
        "openid": OPENID, "unionid": UNIONID, "username": None, "scope_region_id": None, "created_at": None,
        "last_login_at": None}
    assert body["profile"]["created_at"].endswith("+08:00")
    [membership] = body["organizations"]
    assert (membership["org_id"], membership["role"], membership["confirmed"]) == (data["org"].id, "leader", True)
    assert (membership["contact_name"], membership["contact_phone"]) == (NAME, PHONE)
    assert sorted(s["activity_id"] for s in body["signups"]) == sorted([data["past"].id, data["future"].id])
    assert [h["minutes"] for h in body["service_hours"]] == [120] and body["service_minutes_total"] == 120
    assert [q["question"] for q in body["bot_questions"]] == [f"我叫{NAME}，电话{PHONE}，怎么成立党支部？"]
    assert [v["vote"] for v in body["bot_votes"]] == ["up"]
    assert [(i["notice_title"], i["channel"]) for i in body["inbox"]] == [("活动通知", "inbox")]
    assert [s["template_id"] for s in body["subscriptions"]] == ["tpl-activity"]
    assert {r["kind"] for r in body["records"]} == {"grant_expert"}
    assert [a["action"] for a in body["actions"]] == ["org.update"]
    row = await AuditLog.get(action="personal_data.export")
    assert (row.actor_id, row.object_id) == (person.id, str(person.id))
    assert PHONE not in str(row.after) and NAME not in str(row.after)


async def test_export_holds_only_the_callers_data(app, client):
    data = await _rich_person(app)
    resp = await client.get(EXPORT, headers=await auth_headers(app.ctx.redis, data["waiting"]))
    body = resp.json()
    assert [q["question"] for q in body["bot_questions"]] == ["社会组织年报什么时候交？"]
    assert body["organizations"] == [] and body["inbox"] == [] and body["service_hours"] == []
    assert PHONE not in resp.text and NAME not in resp.text


async def test_a_member_does_not_get_the_organizations_contact_phone(app, client):
    person = await _person(app)
    org = await make_org(leader=await make_user("leader"), contact_phone_encrypted=_pd(app).encrypt("13700000000"))
    await OrgMember.create(org=org, user=person, role=MemberRole.member)
    body = (await client.get(EXPORT, headers=await auth_headers(app.ctx.redis, person))).json()
    assert [(m["role"], m["contact_phone"]) for m in body["organizations"]] == [("member", None)]


# --- erasure -------------------------------------------------------------------------------------------


async def _everything_in_the_database(pd: PersonalData) -> str:
    """Every row of every table as text, with encrypted values decrypted, to search for leftovers."""
    found: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)
        elif isinstance(value, str):
            found.append(value)
            try:
                found.append(pd.decrypt(value))
            except ValueError:
                pass
        else:
            found.append(str(value))

    for model in Tortoise.apps["models"].values():
        walk(await model.all().values())
    return "\n".join(found)


async def test_erasure_leaves_no_phone_openid_or_name_anywhere(app, client):
    data = await _rich_person(app)
    person = data["person"]
    headers = await auth_headers(app.ctx.redis, person)
    second_session = await auth_headers(app.ctx.redis, person)
    before = await _everything_in_the_database(_pd(app))
    assert all(secret in before for secret in (PHONE, OPENID, UNIONID, NAME))  # the search finds them

    resp = await client.post(ERASE, json={"confirm": True}, headers=headers)
    assert resp.status_code == 200, resp.text
    receipt = resp.json()
    assert receipt["erased"] is True
    assert (receipt["signups_kept_anonymous"], receipt["service_minutes_kept_anonymous"]) == (1, 120)
    assert receipt["deleted"] | {"cancelled_signups": 0} == {
        "bot_votes": 1, "bot_questions": 1, "deliveries": 1, "subscriptions": 1, "memberships": 1,
        "cancelled_signups": 0}

    # every session is gone, and so is the account
    for h in (headers, second_session):
        assert_envelope(await client.get(EXPORT, headers=h), 401, "token_invalid")
    assert await app.ctx.redis.keys(f"auth:*{person.id}*") == []

    # the organization's records keep anonymous totals; the freed place went to the waitlist
    tomb = await User.get(id=person.id)
    assert (tomb.active, tomb.nickname, tomb.real_name, tomb.phone_encrypted) == (False, "已注销用户", "", None)
    assert tomb.openid and tomb.openid.startswith("erased-") and OPENID not in tomb.openid
    assert await Signup.filter(user_id=person.id, activity_id=data["past"].id, status=SignupStatus.confirmed).exists()
    assert await ServiceHours.filter(user_id=person.id, minutes=120).exists()
    future = await data["future"].__class__.get(id=data["future"].id)
    assert (future.confirmed_count, future.waitlist_count) == (1, 0)
    assert (await Signup.get(user_id=data["waiting"].id)).status == SignupStatus.confirmed
    assert await BotQuestionLog.filter(id=data["other_question"].id).exists()  # others' questions stay
    org = await Organization.get(id=data["org"].id)
    assert (org.contact_name, org.contact_phone_encrypted) == ("", None)

    # audit rows keep the action, without the personal data
    assert await AuditLog.filter(action="org.update", actor_id=person.id).exists()
    erasure = await AuditLog.get(action="personal_data.erasure")
    assert (erasure.actor_id, erasure.object_type, erasure.object_id) == (person.id, "user", str(person.id))

    everything = await _everything_in_the_database(_pd(app))
    for secret in (PHONE, OPENID, UNIONID, NAME, "小明同学", PHONE[-4:] + "）"):
        assert secret not in everything, secret

    # staff see the request; its summary holds no personal data either
    staff = await make_user("admin")
    listed = await client.get(REQUESTS, headers=await auth_headers(app.ctx.redis, staff))
    assert listed.status_code == 200, listed.text
    assert [(i["action"], i["user_id"]) for i in listed.json()["items"]] == [("personal_data.erasure", person.id)]
    assert listed.json()["items"][0]["summary"]["signups_kept_anonymous"] == 1
    roster = await client.get(f"/api/mp/v1/activities/{data['past'].id}/roster",
                              headers=await auth_headers(app.ctx.redis, data["co_leader"]))
    assert roster.status_code == 200, roster.text
    for text in (resp.text, listed.text, roster.text):
        for secret in (PHONE, OPENID, NAME):
            assert secret not in text


async def test_signing_in_again_after_erasure_opens_a_fresh_account(app, client):
    person = await _person(app)
    await client.post(ERASE, json={"confirm": True}, headers=await auth_headers(app.ctx.redis, person))
    resp = await client.post("/api/mp/v1/auth/dev-login", json={"openid": OPENID, "role": "resident"})
    assert resp.status_code == 200, resp.text
    fresh = await User.get(openid=OPENID)
    assert fresh.id != person.id and fresh.real_name == ""


async def test_the_only_leader_of_an_active_organization_must_hand_over_first(app, client):
    person = await _person(app, Role.leader)
    org = await make_org(leader=person, name="幸福社区志愿者协会")
    other = await make_org(leader=await make_user("leader"))
    future = await make_activity(org=other, confirmed_count=1)
    await Signup.create(activity=future, user=person, status=SignupStatus.confirmed, confirmed_at=clock.now())
    headers = await auth_headers(app.ctx.redis, person)
    body = assert_envelope(await client.post(ERASE, json={"confirm": True}, headers=headers), 409, "sole_leader")
    assert "幸福社区志愿者协会" in body["message"] and "移交" in body["message"]
    # nothing changed: still signed in, still the leader, no erasure recorded
    assert (await client.get(EXPORT, headers=headers)).status_code == 200
    assert await OrgMember.filter(org_id=org.id, user_id=person.id).exists()
    assert (await User.get(id=person.id)).real_name == NAME
    assert not await AuditLog.filter(action="personal_data.erasure").exists()
    assert (await Signup.get(user_id=person.id)).status == SignupStatus.confirmed  # no partial write
    assert (await future.__class__.get(id=future.id)).confirmed_count == 1


async def test_an_unconfirmed_co_leader_does_not_count_but_a_pending_organization_does_not_block(app, client):
    person = await _person(app, Role.leader)
    org = await make_org(leader=person)
    await OrgMember.create(org=org, user=await make_user(), role=MemberRole.leader, confirmed=False)
    headers = await auth_headers(app.ctx.redis, person)
    assert_envelope(await client.post(ERASE, json={"confirm": True}, headers=headers), 409, "sole_leader")
    await Organization.filter(id=org.id).update(status="pending")
    assert (await client.post(ERASE, json={"confirm": True}, headers=headers)).status_code == 200


async def test_erasure_needs_an_explicit_confirmation(app, client):
    headers = await auth_headers(app.ctx.redis, await _person(app))
    for payload in ({}, {"confirm": False}):
        body = assert_envelope(await client.post(ERASE, json=payload, headers=headers), 422)
        assert body["details"]["fields"][0]["field"] == "confirm"
    assert (await User.get(openid=OPENID)).active


@pytest.mark.parametrize("role", ["staff", "admin"])
async def test_staff_accounts_are_closed_by_an_admin_not_by_self_service(app, client, role):
    staff = await make_user(role, username=f"pipl-{role}")
    assert_envelope(await client.post(ERASE, json={"confirm": True},
                                      headers=await auth_headers(app.ctx.redis, staff)), 403, "forbidden")
    assert (await client.get(EXPORT, headers=await auth_headers(app.ctx.redis, staff))).status_code == 200


async def test_only_district_staff_read_the_request_log(app, client):
    from tests.factories import town

    resident = await make_user()
    town_staff = await make_user("staff", scope_region_id=(await town(0)).id)
    assert_envelope(await client.get(REQUESTS, headers=await auth_headers(app.ctx.redis, resident)), 403, "forbidden")
    assert_envelope(await client.get(REQUESTS, headers=await auth_headers(app.ctx.redis, town_staff)), 403,
                    "district_staff_only")
    assert_envelope(await client.get(REQUESTS), 401, "unauthorized")
    district = await make_user("staff")
    resp = await client.get(REQUESTS, params={"action": "personal_data.export"},
                            headers=await auth_headers(app.ctx.redis, district))
    assert resp.status_code == 200 and resp.json()["total"] == 0


# --- retention -----------------------------------------------------------------------------------------


@pytest.fixture
def move_clock(monkeypatch):
    def move(days: int) -> None:
        moved = datetime.now(UTC) + timedelta(days=days)
        monkeypatch.setattr(clock, "now", lambda: moved)
    return move


async def test_purge_deletes_old_bot_logs_and_finished_deliveries_only(app, move_clock):
    user = await make_user()
    old_question = await _question(user, "旧问题", vote=Vote.down)
    notice = await _notice()
    statuses = [DeliveryStatus.sent, DeliveryStatus.refused, DeliveryStatus.cancelled, DeliveryStatus.failed,
                DeliveryStatus.pending, DeliveryStatus.review]
    for status in statuses:
        await Delivery.create(notice=notice, user=await make_user(), channel=Channel.subscribe, status=status)
    retrying = await Delivery.create(notice=notice, user=user, channel=Channel.subscribe,
                                     status=DeliveryStatus.failed, next_attempt_at=clock.now())

    move_clock(100)
    assert await personal_data.purge_expired(bot_log_days=180, delivery_days=365) == {
        "bot_questions": 0, "deliveries": 0}
    fresh_question = await _question(user, "新问题")
    # asked 100 days on (auto_now_add stamps the real time, so the row is moved with the clock)
    await BotQuestionLog.filter(id=fresh_question.id).update(created_at=clock.now())

    move_clock(200)
    assert await personal_data.purge_expired(bot_log_days=180, delivery_days=365) == {
        "bot_questions": 1, "deliveries": 0}
    assert not await BotQuestionLog.filter(id=old_question.id).exists()
    assert not await BotFeedback.filter(answer_id=old_question.id).exists()
    assert await BotQuestionLog.filter(id=fresh_question.id).exists()

    move_clock(400)
    purged = await personal_data.purge_expired(bot_log_days=180, delivery_days=365)
    assert purged == {"bot_questions": 1, "deliveries": 4}
    left = sorted(str(d.status) for d in await Delivery.all())
    assert left == ["failed", "pending", "review"] and await Delivery.filter(id=retrying.id).exists()
    row = await AuditLog.filter(action="personal_data.retention_purge").order_by("-id").first()
    assert row is not None and row.actor_role == "system" and row.after["deliveries"] == 4


async def test_the_scheduled_job_reads_its_periods_from_the_settings(app, move_clock):
    await _question(await make_user(), "会被清理的问题")
    settings = app.ctx.settings.model_copy(update={"bot_log_retention_days": 30, "delivery_retention_days": 30})
    move_clock(31)
    assert await purge_expired_records({"settings": settings}) == {"bot_questions": 1, "deliveries": 0}
    assert await purge_expired_records({"settings": settings}) == {"bot_questions": 0, "deliveries": 0}


def test_the_purge_is_scheduled_in_the_worker():
    from backend.jobs import worker

    assert "purge_expired_records" in worker.FUNCTIONS
    assert any(job.coroutine is purge_expired_records for job in worker._WorkerSettings.cron_jobs)
