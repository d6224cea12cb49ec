"""Towns/streets and their communities, for pickers in the mini-program."""

from __future__ import annotations

from sanic import Blueprint, Request
from sanic.response import HTTPResponse
from sanic_ext import openapi

from backend.auth import public
from backend.contract import returns
from backend.responses import respond
from backend.schemas import Items
from backend.schemas.regions import CommunityPick, TownPick
from backend.services import regions

bp = Blueprint("mp_regions", url_prefix="/api/mp/v1/regions")


@bp.get("/")
@openapi.summary("镇街及其社区/村列表")
@returns(Items[TownPick])
@public
async def list_regions(request: Request) -> HTTPResponse:
    items = [TownPick(id=town.id, name=town.name, code=town.code,
                      communities=[CommunityPick(id=c.id, name=c.name, code=c.code) for c in communities])
             for town, communities in await regions.towns_with_communities()]
    return respond(Items[TownPick](items=items))
