"""Shared helpers for the organization tests."""

from __future__ import annotations

from typing import Any

from backend.services.credit_code import CHARSET, check_character

PARTY_CHARTER = "第一条 本会坚持中国共产党的全面领导，遵守宪法、法律、法规和国家政策。"
PLAIN_CHARTER = "第一条 本会遵守宪法、法律、法规和国家政策，践行社会主义核心价值观。"


def make_credit_code(seq: int, prefix: str = "5137040") -> str:
    """A valid code for a 民政-registered organization: prefix + serial digits + check character."""
    body = prefix + f"{seq:010d}"
    body = "".join(ch if ch in CHARSET else "0" for ch in body)[:17]
    return body + check_character(body)


def org_payload(town_id: int, **overrides: Any) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "name": "临山社区爱心助老协会", "legal_form": "social_group", "category": "charity",
        "town_id": town_id, "address": "临山路 8 号", "description": "为辖区孤寡老人提供助餐、陪护服务",
        "served_groups": ["孤寡老人"], "contact_name": "王芳", "contact_phone": "13812345678",
        "charter_text": PARTY_CHARTER,
    }
    payload.update(overrides)
    return payload
