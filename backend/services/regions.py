"""Admins keep the district's towns/streets and communities current (create, rename, deactivate)."""

from __future__ import annotations

from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from backend.errors import RegionCodeTaken, RegionNameTaken, RegionNotFound, field_error
from backend.models.region import Region, RegionLevel
from backend.services import audit
from backend.services.actor import Actor


def _snapshot(region: Region) -> dict[str, Any]:
    """The region's fields for the audit trail's before/after."""
    return {"id": region.id, "name": region.name, "level": str(region.level), "code": region.code,
            "parent_id": region.parent_id, "active": region.active}


async def list_regions() -> list[Region]:
    """Every region, inactive ones included (the admin console shows them greyed out)."""
    return await Region.all().order_by("level", "id")


async def towns_with_communities() -> list[tuple[Region, list[Region]]]:
    """Active towns in id order, each with its active communities, for pickers."""
    towns = await Region.filter(level=RegionLevel.town, active=True).order_by("id")
    communities = await Region.filter(level=RegionLevel.community, active=True).order_by("id")
    by_town: dict[int, list[Region]] = {}
    for community in communities:
        if community.parent_id is not None:
            by_town.setdefault(community.parent_id, []).append(community)
    return [(town, by_town.get(town.id, [])) for town in towns]


async def create_region(*, actor: Actor, name: str, level: str, code: str,
                        parent_id: int | None) -> Region:
    """A new town (no parent) or community (under an existing town)."""
    if level == RegionLevel.town and parent_id is not None:
        raise field_error("parent_id", "镇街不能有上级区域")
    if level == RegionLevel.community:
        if parent_id is None or not await Region.exists(id=parent_id, level=RegionLevel.town):
            raise field_error("parent_id", "社区/村必须属于一个已有的镇街")
    if await Region.exists(code=code):
        raise RegionCodeTaken()
    if await Region.exists(name=name, parent_id=parent_id):
        raise RegionNameTaken()
    try:
        async with in_transaction():
            region = await Region.create(name=name, level=level, code=code, parent_id=parent_id)
            await audit.record(actor=actor, action="region.create", object_type="region",
                               object_id=region.id, after=_snapshot(region))
    except IntegrityError:
        raise RegionCodeTaken() from None
    return region


async def update_region(*, actor: Actor, region_id: int, name: str | None, active: bool | None) -> Region:
    """Rename or (de)activate; deactivated regions vanish from pickers but keep their history."""
    region = await Region.get_or_none(id=region_id)
    if region is None:
        raise RegionNotFound()
    if name is not None and name != region.name and \
            await Region.filter(name=name, parent_id=region.parent_id).exclude(id=region.id).exists():
        raise RegionNameTaken()
    async with in_transaction():
        before = _snapshot(region)
        if name is not None:
            region.name = name
        if active is not None:
            region.active = active
        await region.save()
        await audit.record(actor=actor, action="region.update", object_type="region",
                           object_id=region.id, before=before, after=_snapshot(region))
    return region
