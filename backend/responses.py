"""Success responses: JSON with Chinese kept readable (errors go through backend.errors)."""

from __future__ import annotations

from typing import Any

from sanic.response import HTTPResponse, json


def json_response(data: Any, status: int = 200) -> HTTPResponse:
    return json(data, status=status, ensure_ascii=False)
