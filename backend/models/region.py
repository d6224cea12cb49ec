"""Towns/streets (镇街) and their communities/villages (社区/村): the district's reference data."""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model


class RegionLevel(StrEnum):
    town = "town"  # 镇/街道
    community = "community"  # 社区/村


class Region(Model):
    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=64)
    level = fields.CharEnumField(RegionLevel, max_length=16)
    parent: fields.ForeignKeyNullableRelation[Region] = fields.ForeignKeyField(
        "models.Region", related_name="children", null=True, on_delete=fields.RESTRICT
    )
    parent_id: int | None
    code = fields.CharField(max_length=32, unique=True)
    active = fields.BooleanField(default=True)

    class Meta:
        table = "region"
        unique_together = (("parent", "name"),)

    def __str__(self) -> str:
        return self.name
