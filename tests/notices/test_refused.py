"""Refused paths for every notices route: no token, wrong role, a notice of another town."""

from __future__ import annotations

import re

import pytest

from backend.auth import PUBLIC, allowed_roles
from backend.jobs.worker import fan_out_notice
from backend.services import notice_deliveries
from tests.factories import town
from tests.helpers import assert_envelope
from tests.notices.conftest import queued_notice, user_with_quota


def _routes(app, blueprints):
    for route in app.router.routes:
        if (route.name.split(".")[1] if "." in route.name else "") in blueprints:
            path = "/" + re.sub(r"<[^>]+>", "1", route.path).lstrip("/")
            for method in route.methods - {"HEAD", "OPTIONS"}:
                yield method, path, allowed_roles(route.handler)


async def test_every_notice_route_refuses_anonymous_callers(app, client):
    routes = [(m, p) for m, p, roles in _routes(app, ("admin_notices", "mp_notices")) if PUBLIC not in roles]
    assert len(routes) >= 18
    for method, path in routes:
        assert_envelope(await client.request(method, path), 401, "unauthorized")


@pytest.mark.parametrize("role", ["resident", "leader"])
async def test_staff_notice_routes_refuse_residents_and_leaders(app, client, login, role):
    headers = await login(role)
    routes = list(_routes(app, ("admin_notices",)))
    assert len(routes) >= 12
    for method, path, _ in routes:
        assert_envelope(await client.request(method, path, headers=headers, json={}), 403, "forbidden")


async def test_town_staff_cannot_touch_another_towns_notice(app, client, login, ctx, templates):
    tmpl = templates["notice_general"]
    t0 = await town(0)
    users = [await user_with_quota(tmpl, 1) for _ in range(2)]
    notice = await queued_notice(users, tmpl, scope_region_id=t0.id, channels=["inbox", "subscribe"])
    await fan_out_notice(ctx, notice.id)
    delivery = (await notice_deliveries.claim(notice_id=notice.id, limit=1, worker_id="w"))[0]
    other = await login("staff", scope_region_id=(await town(1)).id)
    base = f"/api/admin/v1/notices/{notice.id}"
    for method, url in [("GET", base), ("GET", f"{base}/preview"), ("GET", f"{base}/progress"),
                        ("GET", f"{base}/deliveries"), ("POST", f"{base}/send"), ("POST", f"{base}/cancel"),
                        ("POST", f"{base}/approve"),
                        ("POST", f"/api/admin/v1/notices/deliveries/{delivery.id}/resolve")]:
        resp = await client.request(method, url, headers=other, json={"outcome": "sent"})
        assert resp.status_code == 404, (method, url, resp.text)
        assert_envelope(resp, 404)
    listed = (await client.get("/api/admin/v1/notices/", headers=other)).json()
    assert listed["items"] == [] and listed["total"] == 0
    own = await login("staff", scope_region_id=t0.id)
    assert (await client.get(f"{base}/progress", headers=own)).status_code == 200
    assert (await client.get(f"{base}/deliveries", headers=own)).json()["total"] == 4
