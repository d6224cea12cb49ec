"""Automatic HEAD routes, added once while the app is built instead of one at a time at start-up.

sanic-ext's HTTP_AUTO_HEAD / HTTP_AUTO_OPTIONS add their routes in a before_server_start listener, when
the router is already finalized, so every `add_route` runs inside `app.amend()` and re-finalizes the
router and the signal router: ~200 routes took 15–28 s of a busy machine's CPU, and workers missed
Sanic's start-up acknowledgement. Added here, before the first finalize, the same routes cost
milliseconds. OPTIONS is not added: CORS is off (the console is served from the same origin), so an
OPTIONS answer would only repeat the `Allow` header a 405 already gives.
"""

from __future__ import annotations

from functools import partial
from inspect import isawaitable
from typing import Any

from sanic import Request, Sanic


def disable_ext_auto_routes(app: Sanic) -> None:
    """Turn off sanic-ext's start-time route generation; must run before `app.ext` is first used."""
    app.config.HTTP_AUTO_HEAD = False
    app.config.HTTP_AUTO_OPTIONS = False
    app.config.HTTP_AUTO_TRACE = False


async def _head(request: Request, *args: Any, get_handler: Any, **kwargs: Any) -> Any:
    # Sanic's HTTP/1 writer sends only the headers of the GET response for a HEAD request.
    response = get_handler(request, *args, **kwargs)
    return await response if isawaitable(response) else response


def add_head_routes(app: Sanic) -> int:
    """Answer HEAD on every GET route by running its GET handler; returns how many were added."""
    added = 0
    for group in list(app.router.groups.values()):
        if "GET" not in group.methods or "HEAD" in group.methods:
            continue
        for route in group:
            if "GET" not in route.methods:
                continue
            handler: Any = partial(_head, get_handler=route.handler)
            handler.__auto_handler__ = True  # derived, not a route of its own (tests and docs skip it)
            app.add_route(handler, group.uri, methods=["HEAD"], strict_slashes=group.strict,
                          name=f"{route.name}_head", host=route.requirements.get("host"), unquote=group.unquote)
            added += 1
    return added
