"""Operator commands: `python -m backend migrate | wait-db | seed-demo | demo-credentials | create-staff | redraw |
openapi`."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import time

from backend.settings import Settings, load_settings_or_exit


def _settings() -> Settings:
    return load_settings_or_exit()


async def _migrate(settings: Settings) -> None:
    from backend.db import migrate

    applied = await migrate(settings)
    print("已应用迁移：" + ", ".join(applied) if applied else "数据库已是最新")


async def _wait_db(settings: Settings, timeout: float) -> None:
    from backend.db import close_db, open_db, ping_db

    deadline = time.monotonic() + timeout
    while True:
        try:
            await open_db(settings)
            await ping_db()
            await close_db()
            print("数据库可用")
            return
        except Exception as exc:
            if time.monotonic() > deadline:
                raise SystemExit(f"等待数据库超时：{type(exc).__name__}") from None
            await asyncio.sleep(1)


async def _with_db(settings: Settings, work):
    from backend.db import close_db, open_db

    await open_db(settings)
    try:
        return await work()
    finally:
        await close_db()


async def _seed(settings: Settings) -> None:
    from backend.seed import credentials_file, seed_demo

    creds = credentials_file(settings.var_dir, settings.db_url)
    for line in await _with_db(settings, lambda: seed_demo(var_dir=settings.var_dir, creds_file=creds)):
        print(line)


def _print_credentials(settings: Settings) -> None:
    from backend.seed import credential_lines, credentials_file

    print("\n".join(credential_lines(credentials_file(settings.var_dir, settings.db_url))))


async def _create_staff(settings: Settings, args: argparse.Namespace) -> None:
    from backend.models.user import Role
    from backend.services.users import create_staff

    password = args.password or getpass.getpass("密码：")
    user = await _with_db(settings, lambda: create_staff(
        username=args.username, password=password, role=Role(args.role), scope_region_id=args.scope_region_id,
        real_name=args.real_name))
    print(f"已创建 {args.role} 账号 {user.username}（id={user.id}）")


async def _redraw(settings: Settings, plan_id: int) -> bool:
    """Recompute a plan's draw from its published seed and candidate list; True when it matches."""
    from backend.services.inspections import verify

    v = await _with_db(settings, lambda: verify(plan_id=plan_id))
    print(f"计划 {plan_id}：种子 {v.plan.seed}，候选组织 {len(v.plan.draw_input.get('orgs', []))} 个，"
          f"算法 {v.plan.draw_input.get('algorithm')}")
    for org_id, inspector_ids in v.computed:
        print(f"  组织 {org_id}：检查人员 {', '.join(str(i) for i in inspector_ids)}")
    print("复算结果与公布结果一致" if v.matches else "复算结果与公布结果不一致")
    return v.matches


def _write_openapi(output: str) -> None:
    import sys
    from pathlib import Path

    from backend.app import create_app
    from backend.openapi_export import dumps, openapi_document

    text = dumps(openapi_document(create_app(_settings(), name="shezutong_openapi")))
    if output == "-":
        sys.stdout.write(text)
    else:
        Path(output).write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m backend", description="社组通运维命令")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("migrate", help="应用数据库迁移")
    wait = sub.add_parser("wait-db", help="等待数据库可用")
    wait.add_argument("--timeout", type=float, default=60)
    sub.add_parser("seed-demo", help="加载演示数据（只加载一次），并打印演示账号")
    sub.add_parser("demo-credentials", help="打印当前数据库的演示账号（make run 启动前打印）")
    staff = sub.add_parser("create-staff", help="创建工作人员账号")
    staff.add_argument("username")
    staff.add_argument("--password", help="不提供则交互输入")
    staff.add_argument("--role", choices=["staff", "admin"], default="staff")
    staff.add_argument("--scope-region-id", type=int, default=None, help="管辖镇街 id；留空为全区")
    staff.add_argument("--real-name", default="")
    redraw = sub.add_parser("redraw", help="按公开的种子与候选名单复算抽查计划的抽取结果")
    redraw.add_argument("plan_id", type=int)
    sub.add_parser("error-codes", help="打印全部错误码表（Markdown，README 中发布）")
    spec = sub.add_parser("openapi", help="输出 OpenAPI 文档（与 /docs/openapi.json 相同，无需启动服务）")
    spec.add_argument("--output", "-o", default="-", help="输出文件；默认标准输出")
    args = parser.parse_args(argv)
    if args.command == "openapi":
        _write_openapi(args.output)
        return
    if args.command == "error-codes":
        import backend.wechat.client  # noqa: F401  (its WeChatError codes belong in the table)
        from backend.errors import error_code_table

        print(error_code_table())
        return
    settings = _settings()
    from backend.errors import DomainError

    try:
        if args.command == "migrate":
            asyncio.run(_migrate(settings))
        elif args.command == "wait-db":
            asyncio.run(_wait_db(settings, args.timeout))
        elif args.command == "seed-demo":
            asyncio.run(_seed(settings))
        elif args.command == "demo-credentials":
            _print_credentials(settings)
        elif args.command == "create-staff":
            asyncio.run(_create_staff(settings, args))
        elif args.command == "redraw" and not asyncio.run(_redraw(settings, args.plan_id)):
            raise SystemExit(1)
    except DomainError as exc:
        raise SystemExit(f"失败：{exc.message}") from None


if __name__ == "__main__":
    main()
