"""Reference and demo data: the district's towns/streets and communities, demo staff and admin accounts.

Town/street names are 薛城区's; the communities listed under each are sample reference data for the
demo that admins edit to match the current 行政区划.
"""

from __future__ import annotations

import re
import secrets
from pathlib import Path

from tortoise.transactions import in_transaction

from backend.models.region import Region, RegionLevel
from backend.models.user import Role, User
from backend.services import users

DISTRICT = {
    "临城街道": ["临山社区", "永福社区", "泰山路社区", "沙河社区"],
    "常庄街道": ["常庄社区", "张桥社区", "奚仲社区"],
    "巨山街道": ["巨山社区", "燕山社区", "龙潭社区"],
    "新城街道": ["长江社区", "黄河社区", "珠江社区"],
    "陶庄镇": ["陶庄村", "夏庄村", "西仓桥村"],
    "沙沟镇": ["沙沟村", "大吕巷村", "前辛庄村"],
    "周营镇": ["周营村", "沙沟口村", "前良村"],
    "邹坞镇": ["邹坞村", "西邹坞村", "北辛庄村"],
}
DEMO_STAFF = "demo_staff"
DEMO_TOWN_STAFF = "demo_town_staff"
DEMO_SECOND_STAFF = "demo_staff2"
DEMO_ADMIN = "demo_admin"
# (username, what the line says, role, scoped to the first town, real name). The district staff come
# first: the browser tests read the first two 用户名 as the district and the town officer. A notice to
# the whole district waits for a second district officer's approval, hence demo_staff2.
DEMO_ACCOUNTS = [
    (DEMO_STAFF, "全区工作人员", Role.staff, False, "区民政局演示"),
    (DEMO_TOWN_STAFF, "镇街工作人员", Role.staff, True, "镇街演示"),
    (DEMO_SECOND_STAFF, "全区工作人员（第二审核人）", Role.staff, False, "区民政局演示二"),
    (DEMO_ADMIN, "管理员", Role.admin, False, "系统管理员演示"),
]
MINIPROGRAM_DEMO = ("居民/负责人：小程序登录（本地模拟微信）用 code `demo-<openid>`，"
                    "或开发登录 POST /api/mp/v1/auth/dev-login {\"openid\": \"o-demo\", \"role\": \"leader\"}")


def credentials_file(var_dir: Path, db_url: str) -> Path:
    """Where the demo passwords of this database are kept: one file per database, so that seeding a
    second database (another APP_ENV, a PostgreSQL URL) does not overwrite the first one's passwords."""
    without_secret = re.sub(r"//[^@/]*@", "//", db_url)  # never a database password in a file name
    name = Path(without_secret.split("://", 1)[-1].split("?", 1)[0]).stem if db_url.startswith("sqlite") \
        else re.sub(r"[^A-Za-z0-9]+", "-", without_secret.split("://", 1)[-1]).strip("-")
    return var_dir / f"demo-credentials-{name or 'default'}.txt"


async def seed_regions() -> int:
    """Insert the towns and communities that are missing; returns how many were added."""
    added = 0
    async with in_transaction():
        for t_index, (town_name, communities) in enumerate(DISTRICT.items(), start=1):
            town_code = f"370403{t_index:03d}"
            town, created = await Region.get_or_create(
                code=town_code, defaults={"name": town_name, "level": RegionLevel.town})
            added += created
            for c_index, name in enumerate(communities, start=1):
                _, created = await Region.get_or_create(
                    code=f"{town_code}{c_index:03d}",
                    defaults={"name": name, "level": RegionLevel.community, "parent": town})
                added += created
    return added


async def seed_demo(*, var_dir: Path, creds_file: Path | None = None) -> list[str]:
    """Load the demo once: regions, organizations, templates and the demo staff and admin accounts; the
    last lines are every demo credential (new accounts get a random password, kept in `creds_file`)."""
    creds_file = creds_file or var_dir / "demo-credentials.txt"
    lines = []
    added = await seed_regions()
    lines.append(f"镇街/社区：新增 {added} 条" if added else "镇街/社区：已存在")
    orgs_added = await seed_demo_orgs()
    lines.append(f"演示社会组织：新增 {orgs_added} 个" if orgs_added else "演示社会组织：已存在")
    from backend.services.subscriptions import seed_templates

    templates = await seed_templates()
    lines.append(f"订阅消息模板：新增 {templates} 个" if templates else "订阅消息模板：已存在")
    known = _read_credentials(creds_file)
    first_town = await Region.filter(level=RegionLevel.town).order_by("id").first()
    created = []
    for username, what, role, town_scoped, real_name in DEMO_ACCOUNTS:
        if await User.exists(username=username):
            continue
        password = secrets.token_urlsafe(9)
        await users.create_staff(username=username, password=password, role=role, real_name=real_name,
                                 scope_region_id=first_town.id if town_scoped and first_town else None)
        known[username] = f"{what}  用户名 {username}  密码 {password}"
        created.append(username)
    if created:
        var_dir.mkdir(parents=True, exist_ok=True)
        creds_file.write_text("".join(known[u] + "\n" for u, *_ in DEMO_ACCOUNTS if u in known), encoding="utf-8")
        creds_file.chmod(0o600)
    made = "已创建演示账号 " + "、".join(created) if created else "演示账号已存在"
    lines.append(f"{made}，凭据保存在 {creds_file}")
    return lines + credential_lines(creds_file)


def credential_lines(creds_file: Path) -> list[str]:
    """Every demo credential of this database, as `make seed` and `make run` print them last."""
    known = _read_credentials(creds_file)
    lines = ["演示账号（工作台 /console/，或 POST /api/admin/v1/auth/login 用户名密码登录）："]
    for username, what, *_ in DEMO_ACCOUNTS:
        lines.append("  " + known.get(username, f"{what}  用户名 {username}  密码未知（凭据文件 {creds_file.name} "
                                                "不在；用 python -m backend create-staff 另建账号）"))
    return [*lines, MINIPROGRAM_DEMO]


def _read_credentials(path: Path) -> dict[str, str]:
    """username → its line, from a credentials file written by an earlier seed (empty when there is none)."""
    if not path.exists():
        return {}
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        words = line.split()
        if "用户名" in words and words.index("用户名") + 1 < len(words):
            found[words[words.index("用户名") + 1]] = line.strip()
    return found


DEMO_CHARTER = "第一条 本组织坚持中国共产党的全面领导，遵守宪法、法律、法规和国家政策，践行社会主义核心价值观。"
# (name, category, town index, community index or None, status, party members, own party org, instructor, groups)
DEMO_ORGS = [
    ("临山社区爱心助老协会", "community_service", 0, 0, "active", 3, True, "", ["孤寡老人"]),
    ("薛城区青少年科技教育促进会", "science_tech", 0, None, "active", 2, False, "", ["青少年"]),
    ("常庄街道助残服务中心", "charity", 1, None, "active", 1, False, "", ["残疾人"]),
    ("巨山街道儿童关爱服务社", "charity", 2, None, "active", 0, False, "王建华", ["困境儿童", "留守儿童"]),
    ("陶庄镇特困人员帮扶协会", "charity", 4, None, "active", 0, False, "", ["特困人员"]),
    ("新城街道邻里互助会", "community_service", 3, 0, "pending", 1, False, "", ["社区居民"]),
]


async def seed_demo_orgs() -> int:
    """A few sample organizations (active and one pending, with party data), loaded once."""
    from datetime import UTC, datetime

    from backend.models.organization import CoverageForm, Organization, OrgStatus

    if await Organization.exists(name=DEMO_ORGS[0][0]):
        return 0
    towns = await Region.filter(level=RegionLevel.town).order_by("id")
    async with in_transaction():
        for name, category, t_index, c_index, status, members, own, instructor, groups in DEMO_ORGS:
            town = towns[t_index]
            community = None
            if c_index is not None:
                community = await Region.filter(parent_id=town.id).order_by("id").offset(c_index).first()
            form = CoverageForm.own if own else CoverageForm.instructor if instructor else CoverageForm.none
            await Organization.create(
                name=name, legal_form="social_group", category=category, town=town, community=community,
                address=f"{town.name}演示地址", description=f"{name}（演示数据）", served_groups=groups,
                served_groups_text="".join(f"|{g}|" for g in groups), contact_name="演示联系人",
                status=status, charter_text=DEMO_CHARTER, charter_party_clause=True,
                party_member_count=members, own_party_org=own, instructor_name=instructor, coverage_form=form,
                blank_spot=status == OrgStatus.active and form is CoverageForm.none and members == 0,
                approved_at=datetime.now(UTC) if status == OrgStatus.active else None)
    return len(DEMO_ORGS)
