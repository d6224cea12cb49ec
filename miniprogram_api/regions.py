"""Towns/streets and their communities, for pickers in the mini-program."""

from __future__ import annotations

from sanic import Blueprint, Request
from sanic.response import HTTPResponse, json
from sanic_ext import openapi

from backend.auth import public
from backend.models.region import Region, RegionLevel

bp = Blueprint("mp_regions", url_prefix="/api/mp/v1/regions")


@bp.get("/")
@openapi.summary("镇街及其社区/村列表")
@public
async def list_regions(request: Request) -> HTTPResponse:
    towns = await Region.filter(level=RegionLevel.town, active=True).order_by("id")
    communities = await Region.filter(level=RegionLevel.community, active=True).order_by("id")
    by_town: dict[int, list[dict]] = {}
    for c in communities:
        if c.parent_id is None:
            continue
        by_town.setdefault(c.parent_id, []).append({"id": c.id, "name": c.name, "code": c.code})
    items = [{"id": t.id, "name": t.name, "code": t.code, "communities": by_town.get(t.id, [])} for t in towns]
    return json({"items": items}, ensure_ascii=False)
