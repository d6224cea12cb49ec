"""Liveness and readiness probes for load balancers and orchestrators."""

from __future__ import annotations

import asyncio
import logging

from redis.asyncio import Redis
from sanic import Blueprint, Request
from sanic.response import HTTPResponse, json
from sanic_ext import openapi

from backend.auth import public
from backend.db import ping_db
from backend.http_errors import envelope

log = logging.getLogger(__name__)
bp = Blueprint("health")


@bp.get("/healthz")
@openapi.summary("进程存活检查")
@public
async def healthz(request: Request) -> HTTPResponse:
    return json({"status": "ok"})


async def _check(probe: object, name: str) -> str:
    try:
        await asyncio.wait_for(probe, timeout=2)  # type: ignore[arg-type]
        return "ok"
    except Exception as exc:
        log.warning("readiness: %s unreachable: %s", name, type(exc).__name__)
        return "unreachable"


@bp.get("/readyz")
@openapi.summary("就绪检查：数据库与 Redis 是否可达")
@public
async def readyz(request: Request, redis: Redis) -> HTTPResponse:
    status = {"database": await _check(ping_db(), "database"), "redis": await _check(redis.ping(), "redis")}
    down = [name for name, state in status.items() if state != "ok"]
    if down:
        labels = {"database": "数据库", "redis": "Redis"}
        message = "服务未就绪：" + "、".join(labels[n] for n in down) + " 不可达"
        return envelope(request, 503, "not_ready", message, status)
    return json({"status": "ok", **status})
