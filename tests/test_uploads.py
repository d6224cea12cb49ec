"""Every upload route reads its form through backend.uploads: a multipart body without a boundary is a 400
in the envelope (found by the fuzz profile: Sanic's form parser failed inside with a KeyError)."""

from __future__ import annotations

from backend.models.user import Role
from tests.factories import auth_headers, make_user
from tests.helpers import assert_envelope

NO_BOUNDARY = {"content-type": "multipart/form-data"}


async def test_a_form_without_a_boundary_is_refused_on_every_upload_route(app, client, login):
    leader = await auth_headers(app.ctx.redis, await make_user(Role.leader))
    staff = await login("staff")
    for method, path, headers in [
        ("post", "/api/mp/v1/grants/applications/1/attachments", leader),
        ("post", "/api/mp/v1/incubation/admissions/1/materials", leader),
        ("post", "/api/admin/v1/bot/documents", staff),
        ("put", "/api/admin/v1/bot/documents/a.txt", staff),
    ]:
        resp = await client.request(method, path, headers={**headers, **NO_BOUNDARY}, content=b"--x\r\n\r\n")
        assert_envelope(resp, 400, "malformed_form")



async def test_a_part_without_headers_is_refused_without_a_traceback(app, client, login, caplog):
    staff = await login("staff")
    body = b"--xyz\r\nno colon here\r\n\r\ndata\r\n--xyz--\r\n"
    resp = await client.post("/api/admin/v1/bot/documents", content=body,
                             headers={**staff, "content-type": "multipart/form-data; boundary=xyz"})
    assert_envelope(resp, 400, "malformed_form")
    assert "Failed when parsing form" not in caplog.text
