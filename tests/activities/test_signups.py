"""Signing up without overbooking, the waitlist, cancelling with promotion, and the refusals."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from backend.models.activity import Activity, ActivityStatus, Signup, SignupStatus
from backend.models.organization import OrgStatus
from backend.models.outbox import OutboxEvent
from backend.services import signups
from tests.activities.conftest import ONLY_PG
from tests.factories import auth_headers, make_activity, make_org, make_user
from tests.helpers import assert_envelope


def url(activity_id: int) -> str:
    return f"/api/mp/v1/activities/{activity_id}/signups"


async def _residents(app, n: int) -> list[dict[str, str]]:
    return [await auth_headers(app.ctx.redis, await make_user()) for _ in range(n)]


async def test_confirmed_then_waitlisted_with_position_and_double_submit_is_one_row(app, client):
    activity = await make_activity(org=await make_org(), capacity=1, waitlist_limit=5)
    a, b, c = await _residents(app, 3)
    first = await client.post(url(activity.id), headers=a)
    assert first.status_code == 201 and first.json()["status"] == "confirmed" and first.json()["position"] is None
    assert (await client.post(url(activity.id), headers=b)).json() == {
        "status": "waitlisted", "position": 1, "signup_id": (await Signup.all().order_by("id"))[-1].id}
    assert (await client.post(url(activity.id), headers=c)).json()["position"] == 2
    again = await client.post(url(activity.id), headers=b)
    assert again.status_code == 200 and again.json()["position"] == 1
    assert await Signup.all().count() == 3
    fresh = await Activity.get(id=activity.id)
    assert (fresh.confirmed_count, fresh.waitlist_count) == (1, 2)


async def test_refusals(app, client):
    org = await make_org()
    now = datetime.now(UTC).replace(microsecond=0)
    headers = (await _residents(app, 1))[0]
    closed = await make_activity(org=org, signup_deadline=now - timedelta(minutes=1))
    assert_envelope(await client.post(url(closed.id), headers=headers), 409, "signup_closed")
    started = await make_activity(org=org, starts_at=now - timedelta(minutes=1), ends_at=now + timedelta(hours=1),
                                  signup_deadline=now - timedelta(minutes=1))
    assert_envelope(await client.post(url(started.id), headers=headers), 409, "activity_started")
    cancelled = await make_activity(org=org, status=ActivityStatus.cancelled)
    assert_envelope(await client.post(url(cancelled.id), headers=headers), 409, "activity_cancelled")
    draft = await make_activity(org=org, status=ActivityStatus.draft)
    assert_envelope(await client.post(url(draft.id), headers=headers), 409, "activity_not_published")
    inactive = await make_activity(org=await make_org(status=OrgStatus.deregistered))
    assert_envelope(await client.post(url(inactive.id), headers=headers), 409, "org_not_active")
    assert_envelope(await client.post(url(999999), headers=headers), 404, "activity_not_found")
    full = await make_activity(org=org, capacity=1, waitlist_limit=1)
    x, y = await _residents(app, 2)
    await client.post(url(full.id), headers=x)
    await client.post(url(full.id), headers=y)
    assert_envelope(await client.post(url(full.id), headers=headers), 409, "waitlist_full")
    no_waitlist = await make_activity(org=org, capacity=1, waitlist_limit=0)
    await client.post(url(no_waitlist.id), headers=x)
    assert_envelope(await client.post(url(no_waitlist.id), headers=headers), 409, "activity_full")
    assert_envelope(await client.post(url(full.id)), 401)
    # Every refusal above wrote nothing: only the three accepted signups of x and y exist, none of the refused caller.
    assert await Signup.all().count() == 3
    refused = [closed.id, started.id, cancelled.id, draft.id, inactive.id]
    assert await Signup.filter(activity_id__in=refused).count() == 0


async def test_cancel_promotes_earliest_waitlisted(app, client):
    activity = await make_activity(org=await make_org(), capacity=1)
    a, b, c = await _residents(app, 3)
    for h in (a, b, c):
        await client.post(url(activity.id), headers=h)
    resp = await client.delete(url(activity.id) + "/me", headers=a)
    assert resp.status_code == 200
    statuses = [s.status for s in await Signup.all().order_by("id")]
    assert statuses == [SignupStatus.cancelled, SignupStatus.confirmed, SignupStatus.waitlisted]
    assert (await client.post(url(activity.id), headers=c)).json()["position"] == 1
    fresh = await Activity.get(id=activity.id)
    assert (fresh.confirmed_count, fresh.waitlist_count) == (1, 1)
    promoted = await OutboxEvent.get(kind="signup.promoted")
    assert promoted.payload["user_id"] == (await Signup.all().order_by("id"))[1].user_id
    assert_envelope(await client.delete(url(activity.id) + "/me", headers=a), 404, "signup_not_found")


async def test_signing_up_again_after_cancelling_goes_to_the_back(app, client):
    activity = await make_activity(org=await make_org(), capacity=1)
    a, b = await _residents(app, 2)
    first = await client.post(url(activity.id), headers=a)
    await client.post(url(activity.id), headers=b)
    await client.delete(url(activity.id) + "/me", headers=a)  # b is promoted
    again = await client.post(url(activity.id), headers=a)
    # The cancelled row is reused (one row per person and activity), now at the back of the waitlist.
    assert again.status_code == 201 and again.json() == {"status": "waitlisted", "position": 1,
                                                          "signup_id": first.json()["signup_id"]}
    assert await Signup.all().count() == 2


async def test_two_simultaneous_cancellations_promote_two_different_residents(app, client, monkeypatch):
    activity = await make_activity(org=await make_org(), capacity=2, waitlist_limit=5)
    headers = await _residents(app, 5)
    for h in headers:
        await client.post(url(activity.id), headers=h)
    real = signups.promote_waitlisted

    async def slow_promotion(**kwargs):  # holds the first transaction open while the second arrives
        await asyncio.sleep(0.2)
        return await real(**kwargs)

    monkeypatch.setattr(signups, "promote_waitlisted", slow_promotion)
    results = await asyncio.gather(*(client.delete(url(activity.id) + "/me", headers=h) for h in headers[:2]))
    assert [r.status_code for r in results] == [200, 200]
    rows = await Signup.all().order_by("id")
    assert [r.status for r in rows] == ["cancelled", "cancelled", "confirmed", "confirmed", "waitlisted"]
    promoted = await OutboxEvent.filter(kind="signup.promoted")
    assert sorted(e.payload["user_id"] for e in promoted) == [rows[2].user_id, rows[3].user_id]
    fresh = await Activity.get(id=activity.id)
    assert (fresh.confirmed_count, fresh.waitlist_count) == (2, 1)


async def _storm(app, client, *, residents: int, capacity: int, doubles: int):
    activity = await make_activity(org=await make_org(), capacity=capacity, waitlist_limit=residents)
    headers = await _residents(app, residents)
    calls = [client.post(url(activity.id), headers=h) for h in headers]
    calls += [client.post(url(activity.id), headers=h) for h in headers[:doubles]]  # double submits
    results = await asyncio.gather(*calls)
    assert all(r.status_code in (200, 201) for r in results), {r.status_code for r in results}
    rows = await Signup.filter(activity_id=activity.id)
    assert len(rows) == residents  # one row per resident, however often they pressed
    confirmed = sum(r.status == SignupStatus.confirmed for r in rows)
    waitlisted = [r for r in rows if r.status == SignupStatus.waitlisted]
    assert (confirmed, len(waitlisted)) == (capacity, residents - capacity)
    assert sorted(r.queue_no for r in waitlisted) == list(range(1, residents - capacity + 1))
    fresh = await Activity.get(id=activity.id)
    assert (fresh.confirmed_count, fresh.waitlist_count) == (capacity, residents - capacity)
    positions = sorted(r.json()["position"] for r in results[:residents] if r.json()["status"] == "waitlisted")
    assert positions == list(range(1, residents - capacity + 1))


async def test_concurrent_signups_small_on_any_database(app, client):
    await _storm(app, client, residents=30, capacity=5, doubles=10)


async def test_200_concurrent_signups_for_20_places_on_postgres(app, client, on_postgres):
    if not on_postgres:
        pytest.skip(ONLY_PG)
    await _storm(app, client, residents=200, capacity=20, doubles=50)


async def test_a_place_freed_between_the_two_claims_is_taken_not_queued(app, client, monkeypatch):
    """Full, nobody waiting; a confirmed resident cancels right after our place-claim fails: we get the place."""
    activity = await make_activity(org=await make_org(), capacity=1, waitlist_limit=5)
    holder, late = await _residents(app, 2)
    await client.post(url(activity.id), headers=holder)
    real = signups._claim_confirmed
    fired = False

    async def cancel_in_between(conn, activity_id):
        nonlocal fired
        got = await real(conn, activity_id)
        if not got and not fired:
            fired = True
            await Signup.filter(activity_id=activity_id).using_db(conn).update(status=SignupStatus.cancelled)
            await Activity.filter(id=activity_id).using_db(conn).update(confirmed_count=0)
        return got

    monkeypatch.setattr(signups, "_claim_confirmed", cancel_in_between)
    monkeypatch.setattr(signups, "_one_statement_claims", lambda: False)  # the transaction's retry loop
    resp = await client.post(url(activity.id), headers=late)
    assert fired and resp.status_code == 201
    assert resp.json()["status"] == "confirmed" and resp.json()["position"] is None
    fresh = await Activity.get(id=activity.id)
    assert (fresh.confirmed_count, fresh.waitlist_count) == (1, 0)


async def test_signup_refusals_change_nothing(app, client):
    activity = await make_activity(org=await make_org(), capacity=1, waitlist_limit=0)
    a, b = await _residents(app, 2)
    await client.post(url(activity.id), headers=a)
    for _ in range(3):
        assert_envelope(await client.post(url(activity.id), headers=b), 409, "activity_full")
    fresh = await Activity.get(id=activity.id)
    assert (fresh.confirmed_count, fresh.waitlist_count, fresh.waitlist_seq) == (1, 0, 0)
    assert await Signup.filter(activity_id=activity.id).count() == 1


async def test_only_participants_sign_up_and_cancel(app, client, login):
    activity = await make_activity(org=await make_org())
    for role in ("staff", "admin"):
        headers = await login(role)
        assert_envelope(await client.post(url(activity.id), headers=headers), 403, "forbidden")
        assert_envelope(await client.delete(url(activity.id) + "/me", headers=headers), 403, "forbidden")
    assert_envelope(await client.delete(url(activity.id) + "/me"), 401)
    assert_envelope(await client.get("/api/mp/v1/me/signups"), 401)
    assert_envelope(await client.get("/api/mp/v1/me/service-hours"), 401)
    leader = await auth_headers(app.ctx.redis, await make_user("leader"))
    assert (await client.post(url(activity.id), headers=leader)).status_code == 201  # leaders are residents too
    assert await Signup.all().count() == 1


async def test_concurrent_resignups_after_cancelling_are_one_signup(app, client, on_postgres):
    if not on_postgres:
        pytest.skip(ONLY_PG)
    activity = await make_activity(org=await make_org(), capacity=1, waitlist_limit=10)
    first = (await _residents(app, 1))[0]
    resident = await make_user()
    again = await auth_headers(app.ctx.redis, resident)
    await client.post(url(activity.id), headers=first)
    await client.post(url(activity.id), headers=again)
    await client.delete(url(activity.id) + "/me", headers=again)
    results = await asyncio.gather(*(client.post(url(activity.id), headers=again) for _ in range(10)))
    assert sorted(r.status_code for r in results) == [200] * 9 + [201]
    assert {r.json()["signup_id"] for r in results} == {(await Signup.get(user_id=resident.id)).id}
    assert {(r.json()["status"], r.json()["position"]) for r in results} == {("waitlisted", 1)}
    fresh = await Activity.get(id=activity.id)
    assert (fresh.confirmed_count, fresh.waitlist_count) == (1, 1)


async def test_signups_and_cancellations_racing_keep_the_counters_true(app, client, on_postgres):
    """Residents join and leave at once: never over capacity, no one waits while a place is free."""
    if not on_postgres:
        pytest.skip(ONLY_PG)
    capacity = 10
    activity = await make_activity(org=await make_org(), capacity=capacity, waitlist_limit=200)
    early = await _residents(app, 20)
    for h in early:
        await client.post(url(activity.id), headers=h)
    late = await _residents(app, 60)
    calls = [client.delete(url(activity.id) + "/me", headers=h) for h in early[:15]]
    calls += [client.post(url(activity.id), headers=h) for h in late]
    results = await asyncio.gather(*calls)
    assert all(r.status_code < 500 for r in results), {r.status_code for r in results}
    rows = await Signup.filter(activity_id=activity.id)
    confirmed = [r for r in rows if r.status == SignupStatus.confirmed]
    waiting = sorted(r.queue_no for r in rows if r.status == SignupStatus.waitlisted)
    fresh = await Activity.get(id=activity.id)
    assert len(confirmed) == fresh.confirmed_count == capacity
    assert len(waiting) == fresh.waitlist_count == len(early) + len(late) - 15 - capacity
    assert len(set(waiting)) == len(waiting)


@pytest.mark.parametrize("closing", ["started", "deadline", "cancelled"])
async def test_the_claim_itself_refuses_an_activity_that_closed_after_the_first_look(app, client, monkeypatch,
                                                                                    closing):
    """The state may change between the unlocked first read and the UPDATE; the UPDATE re-checks it."""
    activity = await make_activity(org=await make_org())
    headers = (await _residents(app, 1))[0]
    snapshot = await Activity.get(id=activity.id)
    now = datetime.now(UTC).replace(microsecond=0)
    change = {"started": {"starts_at": now - timedelta(minutes=1), "signup_deadline": now - timedelta(minutes=1)},
              "deadline": {"signup_deadline": now - timedelta(seconds=1)},
              "cancelled": {"status": ActivityStatus.cancelled}}[closing]
    await Activity.filter(id=activity.id).update(**change)
    real_load = signups._load

    async def stale_load(activity_id):
        _, org_status = await real_load(activity_id)
        return snapshot, org_status

    monkeypatch.setattr(signups, "_load", stale_load)
    resp = await client.post(url(activity.id), headers=headers)
    expected = {"started": "activity_started", "deadline": "signup_closed", "cancelled": "activity_cancelled"}
    assert_envelope(resp, 409, expected[closing])
    fresh = await Activity.get(id=activity.id)
    assert (fresh.confirmed_count, fresh.waitlist_count) == (0, 0) and await Signup.all().count() == 0
