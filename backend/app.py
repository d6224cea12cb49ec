"""The app factory: settings, resources, error envelope, routes. Served with `sanic --factory`."""

from __future__ import annotations

import importlib
import logging
import os
import pkgutil
from types import ModuleType
from typing import Any

from redis.asyncio import Redis
from sanic import Blueprint, Request, Sanic
from sanic.response import HTTPResponse

from backend.auth import authenticate
from backend.body_limits import setup_body_limits
from backend.botwire import setup_bot
from backend.cache import setup_cache
from backend.console import setup_console
from backend.crypto import PersonalData
from backend.db import setup_db
from backend.errors import NotFoundError
from backend.http_errors import setup_errors
from backend.jobs.embedded import setup_embedded_jobs
from backend.routing import add_head_routes, disable_ext_auto_routes
from backend.services.actor import Actor
from backend.services.checkins import CheckinSigner
from backend.settings import Settings, load_settings_or_exit
from backend.shutdown import setup_graceful_shutdown, setup_listen_backlog
from backend.validation import MAX_DB_ID
from backend.wechat.client import WeChatGateway, setup_wechat

log = logging.getLogger("backend")


def create_app(settings: Settings | None = None, *, name: str = "shezutong") -> Sanic:
    """Build a fully wired application for `settings` (read from the environment by default)."""
    if not isinstance(settings, Settings):  # `sanic --factory` passes its CLI namespace
        settings = load_settings_or_exit()
    setup_logging(settings)
    app = ShezutongApp(name)
    app.ctx.settings = settings
    app.ctx.redis = None
    disable_ext_auto_routes(app)  # before anything touches app.ext
    _configure(app, settings)
    setup_errors(app)
    setup_db(app)
    setup_cache(app)
    setup_wechat(app)
    setup_bot(app)
    setup_embedded_jobs(app)
    setup_graceful_shutdown(app, drain_seconds=settings.shutdown_drain_seconds)
    setup_listen_backlog(app, settings.listen_backlog)
    _setup_request_guards(app, settings)
    _setup_injection(app, settings)
    _register_routes(app, settings)
    setup_console(app)
    add_head_routes(app)  # last: every route, the docs pages included, is registered by now
    return app


class ShezutongApp(Sanic):
    """Sanic whose start-up banner says which APP_ENV runs (Sanic's own says "production" whenever
    debug is off, which in dev reads as if the demo were talking to production)."""

    def get_motd_data(self, server_settings: dict[str, Any] | None = None) -> tuple[dict[str, Any], dict[str, Any]]:
        display, extra = super().get_motd_data(server_settings)
        if not self.state.is_debug:
            env = self.ctx.settings.app_env.value
            display["mode"] = display["mode"].replace(f"{self.state.mode}", f"{env} (APP_ENV)", 1)
        return display, extra


class _NotSanic(logging.Filter):
    """Sanic's loggers print through their own handlers; the root handler would print each line again."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.name.startswith("sanic.")


def setup_logging(settings: Settings) -> None:
    """Our loggers (backend, bot, tortoise …) to stderr in one format; Sanic's lines once, in Sanic's."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    handler.addFilter(_NotSanic())
    logging.basicConfig(level=settings.log_level, handlers=[handler])  # no-op when the root has handlers
    if not settings.is_prod:
        # Sanic warns "running in PRODUCTION mode" on a terminal whenever debug is off; in dev it is not.
        os.environ.setdefault("SANIC_IGNORE_PRODUCTION_WARNING", "1")


def _configure(app: Sanic, settings: Settings) -> None:
    # The protocol-level cap is the upload limit; each route's own, tighter limit is in body_limits.
    app.config.REQUEST_MAX_SIZE = settings.upload_body_limit
    app.config.FALLBACK_ERROR_FORMAT = "json"
    app.config.REQUEST_ID_HEADER = "X-Request-ID"
    # The OpenAPI document is built by backend.contract and served by backend/handlers/docs.py;
    # sanic-ext's own builder and UI (which load from a CDN) are off.
    app.config.OAS = False
    app.config.CORS = False


def _setup_request_guards(app: Sanic, settings: Settings) -> None:
    setup_body_limits(app, settings)

    @app.on_request(priority=90)  # type: ignore[call-arg]
    async def refuse_out_of_range_ids(request: Request) -> None:
        # `<x:int>` path ids accept any digits; past the INTEGER columns' range the database driver would
        # raise (a 500), yet no such row can exist, so it is simply not found.
        if any(isinstance(v, int) and not 0 <= v <= MAX_DB_ID for v in request.match_info.values()):
            raise NotFoundError()

    @app.on_response
    async def add_request_id(request: Request, response: HTTPResponse) -> None:
        response.headers.setdefault("X-Request-ID", str(request.id))


def _settings_of(request: Request) -> Settings:
    return request.app.ctx.settings


def _redis_of(request: Request) -> Redis:
    return request.app.ctx.redis


def _wechat_of(request: Request) -> WeChatGateway:
    return request.app.ctx.wechat


def _personal_data_of(request: Request) -> PersonalData:
    return request.app.ctx.personal_data


def _checkin_signer_of(request: Request) -> CheckinSigner:
    return request.app.ctx.checkin_signer


def _setup_injection(app: Sanic, settings: Settings) -> None:
    """Handlers declare what they need by type and sanic-ext passes it in.

    `actor: Actor` is the authenticated caller (401 when there is none); the personal-data cipher
    and the check-in signer are built once from the settings' secrets.
    """
    app.ctx.personal_data = PersonalData(settings.data_encryption_key.get_secret_value())
    app.ctx.checkin_signer = CheckinSigner(settings.secret_key.get_secret_value())
    app.ext.add_dependency(Actor, authenticate)
    app.ext.add_dependency(Settings, _settings_of)
    app.ext.add_dependency(Redis, _redis_of)
    app.ext.add_dependency(WeChatGateway, _wechat_of)
    app.ext.add_dependency(PersonalData, _personal_data_of)
    app.ext.add_dependency(CheckinSigner, _checkin_signer_of)


def _register_routes(app: Sanic, settings: Settings) -> None:
    import backend.handlers
    import miniprogram_api

    for package in (backend.handlers, miniprogram_api):
        for bp in collect_blueprints(package, settings):
            app.blueprint(bp)


def collect_blueprints(package: ModuleType, settings: Settings) -> list[Blueprint]:
    """Every `bp` in the package's modules, plus `dev_bp` outside prod (dev-only routes vanish in prod)."""
    found: list[Blueprint] = []
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        found.extend(bp for bp in [getattr(module, "bp", None)] if isinstance(bp, Blueprint))
        dev_bp = getattr(module, "dev_bp", None)
        if isinstance(dev_bp, Blueprint) and not settings.is_prod:
            found.append(dev_bp)
    return found
