"""Names, titles and file names refuse control and bidirectional-override characters (422 naming the field)."""

from __future__ import annotations

import pytest

from backend.models.activity import Activity
from backend.models.organization import Organization
from backend.services.text import unsafe_in_line
from backend.validation import single_line
from tests.activities.conftest import activity_payload
from tests.factories import auth_headers, make_org, make_user, town
from tests.helpers import assert_envelope
from tests.orgs.support import org_payload

UNSAFE = ["\u202egpj.pdf", "第一行\n第二行", "a\rb", "tab\there", "\u2066隔离\u2069", "rtl\u200fmark", "x\u2028y",
          "esc\x1b[31m", "c1\x85"]
SAFE = ["临山社区爱心助老协会", "🎉重阳节敬老🎉", "家庭👨‍👩‍👧活动", "Ａ社区（一期）", "O'Brien & 李"]


@pytest.mark.parametrize("text", UNSAFE)
def test_unsafe_characters_are_named(text):
    assert unsafe_in_line(text) and "U+" in unsafe_in_line(text)
    with pytest.raises(ValueError):
        single_line(text)


@pytest.mark.parametrize("text", SAFE)
def test_ordinary_text_of_any_script_passes(text):
    assert unsafe_in_line(text) is None and single_line(text) == text


def _field(body):
    return [f["field"] for f in body["details"]["fields"]]


async def test_organization_name_with_a_bidi_override_is_refused(app, client, login):
    headers = await login("resident")
    for name in ("\u202e会协老助心爱", "爱心助老\n协会"):
        resp = await client.post("/api/mp/v1/orgs", json=org_payload((await town(0)).id, name=name), headers=headers)
        body = assert_envelope(resp, 422, "validation_failed")
        assert _field(body) == ["name"], body
    resp = await client.post("/api/mp/v1/orgs", json=org_payload((await town(0)).id, contact_name="王\u202e芳"),
                             headers=headers)
    assert _field(assert_envelope(resp, 422)) == ["contact_name"]
    assert await Organization.all().count() == 0


async def test_activity_title_with_a_newline_is_refused_but_the_description_keeps_its_lines(app, client):
    leader = await make_user("leader")
    org = await make_org(leader=leader)
    url = f"/api/mp/v1/orgs/{org.id}/activities"
    headers = await auth_headers(app.ctx.redis, leader)
    body = assert_envelope(await client.post(url, json=activity_payload(title="重阳节\n敬老"), headers=headers), 422)
    assert _field(body) == ["title"]
    assert await Activity.all().count() == 0
    ok = await client.post(url, json=activity_payload(description="第一段\n第二段"), headers=headers)
    assert ok.status_code == 201, ok.text
