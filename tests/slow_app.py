"""The service plus one route that blocks its worker's event loop, for shutdown tests in a subprocess.

Served as `sanic tests.slow_app:create_slow_app --factory`; never part of the real app.
"""

from __future__ import annotations

import time

from sanic import Request, Sanic
from sanic.response import HTTPResponse, json

from backend.app import create_app
from backend.auth import public


def create_slow_app(*_: object) -> Sanic:
    app = create_app()

    @public
    async def block(request: Request) -> HTTPResponse:
        time.sleep(int(request.args.get("ms", "50")) / 1000)  # blocking on purpose: a busy worker
        return json({"ok": True})

    app.add_route(block, "/_test/block", methods=["GET"], name="test_block")
    return app
