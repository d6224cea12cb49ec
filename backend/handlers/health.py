"""Liveness and readiness probes for load balancers and orchestrators."""

from __future__ import annotations

import asyncio
import logging
from typing import Literal

from pydantic import Field
from redis.asyncio import Redis
from sanic import Blueprint, Request
from sanic.response import HTTPResponse
from sanic_ext import openapi

from backend.auth import public
from backend.contract import returns
from backend.db import ping_db
from backend.errors import NotReady
from backend.responses import respond
from backend.schemas import ReadModel

log = logging.getLogger(__name__)
bp = Blueprint("health")
Probe = Literal["ok", "unreachable"]


class Alive(ReadModel):
    status: Literal["ok"]


class Ready(ReadModel):
    status: Literal["ok"]
    database: Probe = Field(description="数据库")
    redis: Probe = Field(description="Redis")


@bp.get("/healthz")
@openapi.summary("进程存活检查")
@returns(Alive)
@public
async def healthz(request: Request) -> HTTPResponse:
    return respond(Alive(status="ok"))


async def _check(probe: object, name: str) -> str:
    try:
        await asyncio.wait_for(probe, timeout=2)  # type: ignore[arg-type]
        return "ok"
    except Exception as exc:
        log.warning("readiness: %s unreachable: %s", name, type(exc).__name__)
        return "unreachable"


@bp.get("/readyz")
@openapi.summary("就绪检查：数据库与 Redis 是否可达")
@returns(Ready)
@public
async def readyz(request: Request, redis: Redis) -> HTTPResponse:
    status = {"database": await _check(ping_db(), "database"), "redis": await _check(redis.ping(), "redis")}
    down = [name for name, state in status.items() if state != "ok"]
    if down:
        labels = {"database": "数据库", "redis": "Redis"}
        raise NotReady(down="、".join(labels[n] for n in down), details=status)
    return respond(Ready(status="ok", **status))
