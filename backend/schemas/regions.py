"""What the region endpoints return: regions for the admin console, towns with communities for pickers."""

from __future__ import annotations

from pydantic import Field

from backend.models.region import Region, RegionLevel
from backend.schemas import ReadModel


class RegionRead(ReadModel):
    id: int
    name: str
    level: RegionLevel = Field(description="town 镇街 / community 社区村")
    code: str
    parent_id: int | None
    active: bool

    @classmethod
    def of(cls, region: Region) -> RegionRead:
        return cls(id=region.id, name=region.name, level=str(region.level), code=region.code,
                   parent_id=region.parent_id, active=region.active)


class CommunityPick(ReadModel):
    id: int
    name: str
    code: str


class TownPick(ReadModel):
    id: int
    name: str
    code: str
    communities: list[CommunityPick]
