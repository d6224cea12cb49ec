"""The mini-program's HTTP contract: blueprints under /api/mp/v1 and their schemas."""

from __future__ import annotations

from sanic import Blueprint

from backend.settings import Settings


def build_blueprints(settings: Settings) -> list[Blueprint]:
    """Every mini-program blueprint; dev-only routes are left out entirely in prod."""
    from miniprogram_api import auth, regions

    bps = [auth.bp, regions.bp]
    if not settings.is_prod:
        bps.append(auth.dev_bp)
    return bps
