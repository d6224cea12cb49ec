"""GB 32100-2015 credit codes: the pure check and the 422 naming `credit_code` at the API."""

from __future__ import annotations

import pytest

from backend.services.credit_code import CHARSET, check_character, credit_code_problem, is_valid_credit_code
from tests.factories import town
from tests.helpers import assert_envelope
from tests.orgs.support import make_credit_code, org_payload

# Real codes from published business licences, checked against GB 32100-2015 by hand:
REAL_CODES = [
    "914403001922038216",  # 华为技术有限公司
    "9144030071526726XG",  # 腾讯科技（深圳）有限公司
    "91350100M000100Y43",  # the worked example used in explanations of GB 32100-2015
]


@pytest.mark.parametrize("code", REAL_CODES)
def test_real_codes_pass(code):
    assert is_valid_credit_code(code)


def test_computed_codes_pass_and_changed_check_character_fails():
    for seq in (1, 42, 987654, 3141592653):
        code = make_credit_code(seq)
        assert is_valid_credit_code(code), code
        wrong = next(ch for ch in CHARSET if ch != code[-1])
        assert credit_code_problem(code[:-1] + wrong) == "校验码不正确，请核对后重新输入"


def test_check_value_31_maps_to_zero():
    # Search a body whose weighted sum is a multiple of 31: the check character must be "0".
    for seq in range(2000):
        body = f"51370400{seq:09d}"
        if sum(CHARSET.index(c) * w for c, w in zip(body, (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10,
                                                            30, 28), strict=True)) % 31 == 0:
            assert check_character(body) == "0"
            return
    pytest.fail("no body with sum ≡ 0 (mod 31) found")


@pytest.mark.parametrize("code", ["91440300192203821", "9144030019220382166", ""])
def test_wrong_length_fails(code):
    assert "应为 18 位" in credit_code_problem(code)


@pytest.mark.parametrize("letter", list("IOZSV"))
def test_illegal_letters_fail(letter):
    code = make_credit_code(7)
    bad = code[:10] + letter + code[11:]
    assert "不允许的字符" in credit_code_problem(bad) and letter in credit_code_problem(bad)


async def _register(client, login, code):
    headers = await login("resident")
    return await client.post("/api/mp/v1/orgs", json=org_payload((await town(0)).id, credit_code=code),
                             headers=headers)


@pytest.mark.parametrize("code", [REAL_CODES[0][:-1] + "7", "91440300192203821", "91440300192203821I",
                                  "9144030O192203821" + "6", "914403001922038S16", "Z14403001922038216",
                                  "914403001922V38216"])
async def test_api_refuses_bad_codes_naming_the_field(client, login, code):
    body = assert_envelope(await _register(client, login, code), 422, "validation_failed")
    assert body["details"]["fields"][0]["field"] == "credit_code"
    assert "统一社会信用代码" in body["details"]["fields"][0]["message"]


async def test_api_accepts_a_valid_code_typed_in_lower_case(client, login):
    resp = await _register(client, login, "9144030071526726xg")
    assert resp.status_code == 201, resp.text
    assert resp.json()["credit_code"] == "9144030071526726XG"
