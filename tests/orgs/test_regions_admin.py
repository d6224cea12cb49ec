"""Admins edit the district's regions: create, rename, deactivate (and registration follows)."""

from __future__ import annotations

from backend.models.audit import AuditLog
from tests.factories import town
from tests.helpers import assert_envelope
from tests.orgs.support import org_payload


async def test_admin_creates_renames_and_deactivates_regions(client, login):
    admin = await login("admin")
    resp = await client.post("/api/admin/v1/regions", headers=admin,
                             json={"name": "高新街道", "level": "town", "code": "370403901"})
    assert resp.status_code == 201, resp.text
    new_town = resp.json()
    resp = await client.post("/api/admin/v1/regions", headers=admin,
                             json={"name": "光明社区", "level": "community", "code": "370403901001",
                                   "parent_id": new_town["id"]})
    assert resp.status_code == 201 and resp.json()["parent_id"] == new_town["id"]
    assert_envelope(await client.post("/api/admin/v1/regions", headers=admin,
                                      json={"name": "重复代码", "level": "town", "code": "370403901"}), 409)
    body = assert_envelope(await client.post("/api/admin/v1/regions", headers=admin,
                                             json={"name": "孤立社区", "level": "community", "code": "370403999001"}),
                           422)
    assert body["details"]["fields"][0]["field"] == "parent_id"
    resp = await client.patch(f"/api/admin/v1/regions/{new_town['id']}", headers=admin, json={"name": "高新区街道"})
    assert resp.json()["name"] == "高新区街道"
    await client.patch(f"/api/admin/v1/regions/{new_town['id']}", headers=admin, json={"active": False})
    picker = (await client.get("/api/mp/v1/regions")).json()["items"]
    assert new_town["id"] not in [t["id"] for t in picker]
    body = assert_envelope(await client.post("/api/mp/v1/orgs", json=org_payload(new_town["id"]),
                                             headers=await login("resident")), 422)
    assert body["details"]["fields"][0]["field"] == "town_id"
    assert await AuditLog.filter(object_type="region").count() == 4
    # Put the seeded reference data back the way other tests expect it (regions survive truncation).
    from backend.models.region import Region

    await Region.filter(code="370403901001").delete()
    await Region.filter(code="370403901").delete()
    assert (await town(0)).active


async def test_staff_list_regions_but_cannot_edit(client, login):
    staff = await login("staff")
    items = (await client.get("/api/admin/v1/regions", headers=staff)).json()["items"]
    assert len([r for r in items if r["level"] == "town"]) >= 8
    assert_envelope(await client.post("/api/admin/v1/regions", headers=staff,
                                      json={"name": "新街道", "level": "town", "code": "370403902"}), 403)
