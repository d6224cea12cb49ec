"""Uploaded file names refuse control and bidirectional-override characters (422 naming `file`)."""

from __future__ import annotations

from backend.models.grant import Attachment
from tests.grants.conftest import PDF, draft, make_leader, make_program, upload
from tests.helpers import assert_envelope


async def test_uploaded_file_name_with_a_bidi_override_is_refused_and_nothing_is_stored(app, client, clock):
    program = await make_program(clock)
    leader = await make_leader(app)
    created = await draft(client, leader, program)
    for name in ("\u202efdp.exe.pdf", "方案\x1b.pdf", "\u2067方案.pdf"):  # httpx escapes a newline itself
        body = assert_envelope(await upload(client, leader, created["id"], data=PDF, name=name), 422)
        assert [f["field"] for f in body["details"]["fields"]] == ["file"] and "U+" in body["message"], body
    assert await Attachment.all().count() == 0
    assert (await upload(client, leader, created["id"], data=PDF, name="项目方案.pdf")).status_code == 201
