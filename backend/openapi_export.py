"""The OpenAPI document as `/docs/openapi.json` serves it, built offline from the app factory.

The console's TypeScript client is generated from this document (`make console-types`); building it
without a running server keeps that step free of a database, Redis or a free port.
"""

from __future__ import annotations

import json
from typing import Any

from sanic import Sanic

from backend import contract


def openapi_document(app: Sanic) -> dict[str, Any]:
    """The document backend.contract builds for the app's routes (no server needed)."""
    return contract.build(app)


def dumps(document: dict[str, Any]) -> str:
    """Stable text: sorted keys, so regenerating an unchanged API changes no byte."""
    return json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
