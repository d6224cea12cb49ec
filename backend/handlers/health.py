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
from backend.services import notice_deliveries
from backend.settings import Settings

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


async def _worker_alive(redis: Redis) -> bool:
    try:
        return await asyncio.wait_for(notice_deliveries.any_worker_alive(redis=redis), timeout=2)
    except Exception as exc:
        log.warning("readiness: worker heartbeat unreadable: %s", type(exc).__name__)
        return False


READY_DESCRIPTION = (
    "数据库与 Redis 均可达时返回 200。使用真实 Redis（设置了 REDIS_URL）时还要求至少一个队列 worker"
    "（arq backend.jobs.worker.WorkerSettings）的心跳在 10 秒内刷新过：没有 worker 时通知不会送达，"
    "返回 503 not_ready，details.worker 为 missing。未设置 REDIS_URL 时通知任务在 web 进程内执行，不检查 worker。")


@bp.get("/readyz")
@openapi.summary("就绪检查：数据库与 Redis 是否可达，使用 Redis 时队列 worker 是否在运行")
@openapi.description(READY_DESCRIPTION)
@returns(Ready)
@public
async def readyz(request: Request, redis: Redis, settings: Settings) -> HTTPResponse:
    status = {"database": await _check(ping_db(), "database"), "redis": await _check(redis.ping(), "redis")}
    reasons = []
    down = [name for name, state in status.items() if state != "ok"]
    if down:
        labels = {"database": "数据库", "redis": "Redis"}
        reasons.append("、".join(labels[n] for n in down) + " 不可达")
    elif not settings.embedded_cache:
        # Jobs queued on a real Redis wait for an arq worker; the web process runs none itself.
        if not await _worker_alive(redis):
            status["worker"] = "missing"
            reasons.append("队列 worker 没有心跳（未启动或已停止），通知不会送达；"
                           "请启动 arq backend.jobs.worker.WorkerSettings（make run 会自动启动）")
    if reasons:
        raise NotReady(reason="；".join(reasons), details=status)
    return respond(Ready(status="ok", **status))
