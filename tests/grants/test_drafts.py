"""Budget rules and attachments are refused with field-level messages and leave nothing behind;
leaders and staff see only what is theirs."""

from __future__ import annotations

import hashlib

import pytest

from backend.errors import Unprocessable
from backend.models.grant import Attachment, GrantApplication
from backend.services import attachments
from tests.grants.conftest import (
    APPLICATION,
    ELF,
    EXE,
    PDF,
    PNG,
    docx_bytes,
    draft,
    make_leader,
    make_program,
    staff_headers,
    upload,
)
from tests.helpers import assert_envelope


def _uploaded_files(app) -> set[str]:
    folder = attachments.upload_dir(app.ctx.settings.var_dir)
    return {p.name for p in folder.iterdir()} if folder.exists() else set()


async def test_budget_over_the_cap_is_refused_naming_budget_lines(app, client, clock):
    program = await make_program(clock)
    leader = await make_leader(app)
    lines = [{"category": "活动物料", "amount": "60000"}, {"category": "场地租赁", "amount": "40000.01"}]
    body = assert_envelope(await client.post(f"/api/mp/v1/grants/programs/{program.id}/applications",
                                             headers=leader.headers, json={**APPLICATION, "budget_lines": lines}), 422)
    assert body["details"]["fields"] == [{"field": "budget_lines", "message": body["details"]["fields"][0]["message"]}]
    assert "100000.01" in body["message"] and "100000.00" in body["message"]
    assert await GrantApplication.all().count() == 0


async def test_forbidden_category_is_refused_naming_the_line(app, client, clock):
    program = await make_program(clock)
    leader = await make_leader(app)
    lines = [{"category": "活动物料", "amount": "1000"}, {"category": "项目人员奖金", "amount": "2000"}]
    body = assert_envelope(await client.post(f"/api/mp/v1/grants/programs/{program.id}/applications",
                                             headers=leader.headers, json={**APPLICATION, "budget_lines": lines}), 422)
    assert body["details"]["fields"][0]["field"] == "budget_lines[1].category"
    assert "人员奖金" in body["message"]
    assert await GrantApplication.all().count() == 0
    # Editing a draft into a forbidden category is refused too, and the draft is unchanged.
    created = await draft(client, leader, program)
    body = assert_envelope(await client.put(f"/api/mp/v1/grants/applications/{created['id']}", headers=leader.headers,
                                            json={"budget_lines": [{"category": "招待费", "amount": "10"}]}), 422)
    assert body["details"]["fields"][0]["field"] == "budget_lines[0].category"
    assert (await GrantApplication.get(id=created["id"])).budget_lines[0]["category"] == "活动物料"


async def test_focus_area_must_be_one_of_the_programs(app, client, clock):
    program = await make_program(clock)
    leader = await make_leader(app)
    body = assert_envelope(await client.post(f"/api/mp/v1/grants/programs/{program.id}/applications",
                                             headers=leader.headers, json={**APPLICATION, "focus_area": "娱乐"}), 422)
    assert body["details"]["fields"][0]["field"] == "focus_area"


@pytest.mark.parametrize("payload", [EXE, ELF])
async def test_an_executable_named_pdf_is_refused_and_nothing_is_stored(app, client, clock, payload):
    program = await make_program(clock)
    leader = await make_leader(app)
    created = await draft(client, leader, program)
    before = _uploaded_files(app)
    body = assert_envelope(await upload(client, leader, created["id"], data=payload, name="项目方案.pdf"), 422)
    assert body["details"]["fields"][0]["field"] == "file" and "可执行" in body["message"]
    assert await Attachment.all().count() == 0
    assert _uploaded_files(app) == before


async def test_accepted_types_are_sniffed_and_stored_outside_the_web_root(app, client, clock):
    program = await make_program(clock)
    leader = await make_leader(app)
    created = await draft(client, leader, program)
    for data, name, kind in [(PDF, "方案.pdf", "pdf"), (docx_bytes(), "预算.docx", "docx"), (PNG, "照片.png", "png")]:
        resp = await upload(client, leader, created["id"], data=data, name=name, kind="其他")
        assert resp.status_code == 201, resp.text
        att = await Attachment.get(id=resp.json()["id"])
        assert att.sha256 == hashlib.sha256(data).hexdigest() and att.stored_name.endswith("." + kind)
        assert name not in att.stored_name
        stored = attachments.upload_dir(app.ctx.settings.var_dir) / att.stored_name
        assert stored.read_bytes() == data
        assert "static" not in str(stored)
    # Staff download through an authorised route, as an attachment that browsers will not sniff.
    staff = await staff_headers(app)
    resp = await client.get(f"/api/admin/v1/grants/applications/{created['id']}/attachments/{att.id}", headers=staff)
    assert resp.content == PNG and resp.headers["content-type"] == "image/png"
    assert resp.headers["x-content-type-options"] == "nosniff" and "attachment" in resp.headers["content-disposition"]
    resp = await client.get(f"/api/mp/v1/grants/applications/{created['id']}/attachments/{att.id}",
                            headers=leader.headers)
    assert resp.content == PNG
    # Deleting removes the row and the file.
    resp = await client.delete(f"/api/mp/v1/grants/applications/{created['id']}/attachments/{att.id}",
                               headers=leader.headers)
    assert resp.status_code == 200 and not stored.exists()


@pytest.mark.parametrize(("data", "name", "words"), [
    (PNG, "方案.pdf", "不符"),
    (b"PK\x03\x04" + b"\x00" * 40, "方案.docx", "只接受"),
    (b"hello world", "说明.txt", "只接受"),
    (b"", "空.pdf", "为空"),
])
async def test_other_uploads_are_refused_with_a_field_message(app, client, clock, data, name, words):
    program = await make_program(clock)
    leader = await make_leader(app)
    created = await draft(client, leader, program)
    body = assert_envelope(await upload(client, leader, created["id"], data=data, name=name), 422)
    assert body["details"]["fields"][0]["field"] == "file" and words in body["message"]
    assert await Attachment.all().count() == 0


def test_size_limit_is_a_field_error():
    with pytest.raises(Unprocessable) as err:
        attachments.check_upload(data=PDF + b"x" * 2048, filename="a.pdf", max_bytes=1024)
    assert err.value.details["fields"][0]["field"] == "file"


async def test_upload_needs_a_file_and_an_editable_application(app, client, clock):
    program = await make_program(clock)
    leader = await make_leader(app)
    created = await draft(client, leader, program)
    body = assert_envelope(await client.post(f"/api/mp/v1/grants/applications/{created['id']}/attachments",
                                             headers=leader.headers, data={"kind": "其他"}), 422)
    assert body["details"]["fields"][0]["field"] == "file"
    body = assert_envelope(await upload(client, leader, created["id"], kind="不存在的类别"), 422)
    assert body["details"]["fields"][0]["field"] == "kind"
    assert (await upload(client, leader, created["id"])).status_code == 201
    await client.post(f"/api/mp/v1/grants/applications/{created['id']}/submit", headers=leader.headers)
    assert_envelope(await upload(client, leader, created["id"]), 409, "illegal_transition")


async def test_a_leader_cannot_read_another_organizations_application(app, client, clock):
    program = await make_program(clock)
    owner = await make_leader(app)
    other = await make_leader(app)
    created = await draft(client, owner, program)
    url = f"/api/mp/v1/grants/applications/{created['id']}"
    assert (await client.get(url, headers=owner.headers)).status_code == 200
    assert_envelope(await client.get(url, headers=other.headers), 404, "application_not_found")
    assert_envelope(await client.put(url, headers=other.headers, json={"objectives": "篡改"}), 404)
    assert_envelope(await client.post(f"{url}/submit", headers=other.headers), 404)
    assert_envelope(await upload(client, other, created["id"]), 404)
    assert (await client.get("/api/mp/v1/grants/applications", headers=other.headers)).json()["items"] == []
    # Town staff see only their own town's applications.
    assert (await client.get(f"/api/admin/v1/grants/applications/{created['id']}",
                             headers=await staff_headers(app, town_index=0))).status_code == 200
    other_town = await staff_headers(app, town_index=1)
    assert_envelope(await client.get(f"/api/admin/v1/grants/applications/{created['id']}", headers=other_town), 404)
    listed = await client.get(f"/api/admin/v1/grants/programs/{program.id}/applications", headers=other_town)
    assert listed.json()["items"] == []


async def test_a_leader_of_several_organizations_chooses_one(app, client, clock):
    from tests.factories import make_org

    program = await make_program(clock)
    leader = await make_leader(app)
    second = await make_org(leader=leader.user)
    url = f"/api/mp/v1/grants/programs/{program.id}/applications"
    body = assert_envelope(await client.post(url, headers=leader.headers, json=APPLICATION), 422)
    assert body["details"]["fields"][0]["field"] == "org_id"
    resp = await client.post(f"{url}?org_id={second.id}", headers=leader.headers, json=APPLICATION)
    assert resp.status_code == 201 and resp.json()["org_id"] == second.id
    stranger = await make_leader(app)
    assert_envelope(await client.post(f"{url}?org_id={stranger.org.id}", headers=leader.headers, json=APPLICATION),
                    404, "org_not_found")
