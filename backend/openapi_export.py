"""The OpenAPI document as `/docs/openapi.json` serves it, built offline from the app factory.

The console's TypeScript client is generated from this document (`make console-types`); building it
without a running server keeps that step free of a database, Redis or a free port.
"""

from __future__ import annotations

import json
from typing import Any

from sanic import Sanic
from sanic_ext.extensions.openapi.builders import SpecificationBuilder


def openapi_document(app: Sanic) -> dict[str, Any]:
    """Run sanic-ext's spec builder on an app that has not started and return the document."""
    extension = next(e for e in app.ext.extensions if e.name == "openapi")
    listeners = extension.bp._future_listeners  # type: ignore[attr-defined]
    build_spec = next(f.listener for f in listeners if f.listener.__name__ == "build_spec")
    app.router.finalize()  # the builder walks finalized routes, as a starting server has them
    build_spec(app)
    return SpecificationBuilder().build(app).serialize()  # type: ignore[no-any-return]


def dumps(document: dict[str, Any]) -> str:
    """Stable text: sorted keys, so regenerating an unchanged API changes no byte."""
    return json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
