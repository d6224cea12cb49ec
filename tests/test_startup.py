"""Worker start-up does no per-route work: automatic HEAD routes exist before the server starts.

sanic-ext's automatic routes were added one at a time in a start-up listener, each re-finalizing the
whole router (15–28 s on a busy machine); `bench/startup.py` measures the start time itself.
"""

from __future__ import annotations

from sanic import Sanic

from backend.app import create_app


def test_head_routes_are_built_with_the_app_not_at_server_start(settings):
    app = create_app(settings, name="startup_probe")
    try:
        assert app.config.HTTP_AUTO_HEAD is False and app.config.HTTP_AUTO_OPTIONS is False
        groups = list(app.router.groups.values())
        gets = [g for g in groups if "GET" in g.methods]
        assert gets and all("HEAD" in g.methods for g in gets), [g.uri for g in gets if "HEAD" not in g.methods]
        # Nothing left for a start-up listener to add: sanic-ext's route generator is not registered.
        listeners = [getattr(fl.listener, "__qualname__", "") for fl in app._future_listeners]
        assert not any("_add_handlers" in name for name in listeners), listeners
    finally:
        Sanic._app_registry.pop("startup_probe", None)


async def test_head_answers_like_get_without_a_body(client):
    resp = await client.head("/healthz")
    assert resp.status_code == 200 and resp.content == b""
    assert (await client.head("/api/mp/v1/inbox")).status_code == 401  # the GET handler's guard still runs
