"""One rule for other organizations' objects (services/access.py): they answer as if they did not exist.

A leader probing another organization's activity, grant application, incubation admission and roster
must not learn that the object exists: each answer is the slice's own 404, identical (status, code,
message, details) to the answer for an id that was never issued.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

from tests.factories import auth_headers, make_activity, make_org, make_user
from tests.grants.conftest import APPLICATION, make_program
from tests.helpers import assert_envelope

MISSING = 2_000_000_000


def _without_request_id(resp) -> dict:
    return {k: v for k, v in resp.json().items() if k != "request_id"}


async def test_a_leader_probing_another_organization_learns_nothing(app, client):
    owner, stranger = await make_user("leader"), await make_user("leader")
    org = await make_org(leader=owner)
    await make_org(leader=stranger)
    owner_h, stranger_h = await auth_headers(app.ctx.redis, owner), await auth_headers(app.ctx.redis, stranger)
    staff_h = await auth_headers(app.ctx.redis, await make_user("staff"))

    activity = await make_activity(org=org)
    program = await make_program(SimpleNamespace(current=datetime.now(UTC)))
    resp = await client.post(f"/api/mp/v1/grants/programs/{program.id}/applications", json=APPLICATION,
                             headers=owner_h)
    assert resp.status_code == 201, resp.text
    application_id = resp.json()["id"]
    base = (await client.post("/api/admin/v1/incubation/bases", headers=staff_h, json={
        "name": "区社会组织孵化基地", "tier": "district", "region_id": None, "quota": 3,
        "support_types": ["活动场地"]})).json()
    now = datetime.now(UTC)
    assert (await client.post(f"/api/admin/v1/incubation/bases/{base['id']}/windows", headers=staff_h, json={
        "opens_at": (now - timedelta(days=1)).isoformat(),
        "closes_at": (now + timedelta(days=9)).isoformat()})).status_code == 201
    resp = await client.post(f"/api/mp/v1/incubation/bases/{base['id']}/admissions", headers=owner_h,
                             json={"support_types": ["活动场地"], "statement": "需要场地", "materials": []})
    assert resp.status_code == 201, resp.text
    admission_id = resp.json()["id"]

    probes = {
        "activity": ("patch", "/api/mp/v1/activities/{}", {"title": "改个标题"}, activity.id),
        "activity cancel": ("post", "/api/mp/v1/activities/{}/cancel", {"reason": "取消"}, activity.id),
        "grant application": ("get", "/api/mp/v1/grants/applications/{}", None, application_id),
        "incubation admission": ("get", "/api/mp/v1/incubation/admissions/{}", None, admission_id),
        "roster": ("get", "/api/mp/v1/activities/{}/roster", None, activity.id),
    }
    for name, (method, template, body, real_id) in probes.items():
        kwargs = {"json": body} if body is not None else {}
        # The owner reaches each object, so the probe below is about ownership, not a broken route.
        assert (await client.request(method, template.format(real_id), headers=owner_h, **kwargs)).status_code \
            in (200, 201), name
        foreign = await client.request(method, template.format(real_id), headers=stranger_h, **kwargs)
        missing = await client.request(method, template.format(MISSING), headers=stranger_h, **kwargs)
        assert_envelope(foreign, 404)
        assert _without_request_id(foreign) == _without_request_id(missing), name
