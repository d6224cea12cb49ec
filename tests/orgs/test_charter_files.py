"""Charter files (issue 12 item 8): uploaded as PDF/DOCX, text extracted and checked for item 5; scans flagged."""

from __future__ import annotations

import io

import docx
from pypdf import PdfWriter

from backend.models.organization import CharterFile, Organization
from backend.services import attachments
from tests.bot.pdfgen import make_pdf
from tests.factories import auth_headers, make_org, make_user, town
from tests.helpers import assert_envelope
from tests.orgs.support import PARTY_CHARTER, PLAIN_CHARTER, org_payload

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def word_file(*paragraphs: str) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def scanned_pdf() -> bytes:
    """A PDF page with no text layer, as a scanner produces."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


async def upload(client, headers, data: bytes, name: str):
    return await client.post("/api/mp/v1/orgs/charter-files", headers=headers,
                             files={"file": (name, data, "application/octet-stream")})


def stored_files(app) -> set[str]:
    folder = attachments.upload_dir(app.ctx.settings.var_dir)
    return {p.name for p in folder.iterdir()} if folder.exists() else set()


async def test_a_pdf_charter_is_read_and_its_party_clause_found(app, client, login):
    founder = await login("resident", openid="o-charter")
    pdf = make_pdf([["临山社区爱心助老协会章程", "第一章 总则"], [PARTY_CHARTER, "第二条 本会的宗旨是为老服务。"]])
    resp = await upload(client, founder, pdf, "协会章程.pdf")
    assert resp.status_code == 201, resp.text
    file = resp.json()
    assert file["readable"] is True and file["party_clause"] is True and file["content_type"] == "application/pdf"
    assert "协会章程" in (await CharterFile.get(id=file["id"])).text
    payload = org_payload((await town(0)).id, charter_text="", charter_file_id=file["id"])
    resp = await client.post("/api/mp/v1/orgs", json=payload, headers=founder)
    assert resp.status_code == 201, resp.text
    org = resp.json()
    assert org["charter_party_clause"] is True and org["charter_flags"] == []
    assert org["charter_file"]["id"] == file["id"] and org["charter_file"]["original_name"] == "协会章程.pdf"
    # Town staff of the organization's town read the file; staff of another town do not see it exists.
    staff = await login("staff", scope_region_id=(await town(0)).id)
    resp = await client.get(f"/api/admin/v1/orgs/{org['id']}/charter-files/{file['id']}", headers=staff)
    assert resp.status_code == 200 and resp.content == pdf
    assert resp.headers["content-type"] == "application/pdf" and "attachment" in resp.headers["content-disposition"]
    other = await login("staff", scope_region_id=(await town(1)).id)
    assert_envelope(await client.get(f"/api/admin/v1/orgs/{org['id']}/charter-files/{file['id']}", headers=other),
                    404)
    # The leader reads the organization's charter; the staff list shows the file too.
    resp = await client.get(f"/api/mp/v1/orgs/{org['id']}/charter-files/{file['id']}", headers=founder)
    assert resp.status_code == 200 and resp.content == pdf
    listed = (await client.get("/api/admin/v1/orgs", headers=staff)).json()["items"]
    assert [o["charter_file"]["id"] for o in listed if o["id"] == org["id"]] == [file["id"]]


async def test_a_word_charter_without_the_clause_is_flagged(client, login):
    founder = await login("resident")
    resp = await upload(client, founder, word_file("社区读书会章程", PLAIN_CHARTER), "章程.docx")
    assert resp.status_code == 201, resp.text
    assert resp.json()["readable"] is True and resp.json()["party_clause"] is False
    payload = org_payload((await town(0)).id, charter_text="", charter_file_id=resp.json()["id"])
    org = (await client.post("/api/mp/v1/orgs", json=payload, headers=founder)).json()
    assert org["charter_party_clause"] is False and org["charter_flags"] == ["party_clause_missing"]


async def test_a_scanned_pdf_is_flagged_for_manual_reading(client, login):
    founder = await login("resident")
    resp = await upload(client, founder, scanned_pdf(), "章程扫描件.pdf")
    assert resp.status_code == 201, resp.text
    assert resp.json()["readable"] is False and resp.json()["party_clause"] is False
    payload = org_payload((await town(0)).id, charter_text="", charter_file_id=resp.json()["id"])
    org = (await client.post("/api/mp/v1/orgs", json=payload, headers=founder)).json()
    assert org["charter_flags"] == ["charter_file_unreadable"]
    assert (await Organization.get(id=org["id"])).charter_file_readable is False


async def test_images_and_executables_are_refused_and_nothing_is_stored(app, client, login):
    founder = await login("resident")
    before = stored_files(app)
    body = assert_envelope(await upload(client, founder, PNG, "章程.png"), 422)
    assert body["details"]["fields"][0]["field"] == "file" and "PDF" in body["message"]
    body = assert_envelope(await upload(client, founder, b"MZ" + b"\x00" * 100, "章程.pdf"), 422)
    assert "可执行" in body["message"]
    assert_envelope(await client.post("/api/mp/v1/orgs/charter-files", headers=founder, data={"x": "1"}), 422)
    assert await CharterFile.all().count() == 0 and stored_files(app) == before


async def test_nobody_names_or_reads_another_persons_upload(client, login):
    owner = await login("resident", openid="o-owner")
    file_id = (await upload(client, owner, word_file(PARTY_CHARTER), "章程.docx")).json()["id"]
    stranger = await login("resident", openid="o-stranger")
    payload = org_payload((await town(0)).id, charter_text="", charter_file_id=file_id)
    body = assert_envelope(await client.post("/api/mp/v1/orgs", json=payload, headers=stranger), 422)
    assert body["details"]["fields"][0]["field"] == "charter_file_id"
    assert not await Organization.exists(name=payload["name"])
    missing = {**payload, "charter_file_id": file_id + 1000}
    assert_envelope(await client.post("/api/mp/v1/orgs", json=missing, headers=owner), 422)
    assert (await client.get(f"/api/mp/v1/orgs/charter-files/{file_id}", headers=owner)).status_code == 200
    assert_envelope(await client.get(f"/api/mp/v1/orgs/charter-files/{file_id}", headers=stranger), 404,
                    "charter_file_not_found")


async def test_only_residents_and_leaders_upload(client, login):
    staff = await login("staff")
    assert_envelope(await upload(client, staff, word_file(PARTY_CHARTER), "章程.docx"), 403)
    assert_envelope(await upload(client, {}, word_file(PARTY_CHARTER), "章程.docx"), 401)


async def test_a_change_naming_a_new_charter_file_goes_to_review_with_its_flags(app, client, login):
    leader = await make_user("leader")
    org = await make_org(leader=leader, charter_text=PARTY_CHARTER, charter_party_clause=True)
    headers = await auth_headers(app.ctx.redis, leader)
    scan = scanned_pdf()
    file_id = (await upload(client, headers, scan, "新章程.pdf")).json()["id"]
    resp = await client.patch(f"/api/mp/v1/orgs/{org.id}", headers=headers,
                              json={"charter_text": "", "charter_file_id": file_id})
    assert resp.status_code == 200, resp.text
    change = resp.json()["pending_change"]
    assert change["charter_file_id"] == file_id and change["charter_flags"] == ["charter_file_unreadable"]
    assert resp.json()["charter_flags"] == []  # the registered charter is unchanged until the change is approved
    staff = await login("staff")
    resp = await client.get(f"/api/admin/v1/orgs/{org.id}/charter-files/{file_id}", headers=staff)
    assert resp.status_code == 200 and resp.content == scan
    assert_envelope(await client.get(f"/api/admin/v1/orgs/{org.id}/charter-files/{file_id + 1}", headers=staff), 404)
