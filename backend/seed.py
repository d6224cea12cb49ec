"""Reference and demo data: the district's towns/streets and communities, a demo staff account.

Town/street names are 薛城区's; the communities listed under each are sample reference data for the
demo that admins edit to match the current 行政区划.
"""

from __future__ import annotations

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


async def seed_demo(*, var_dir: Path) -> list[str]:
    """Load the demo once: regions, a district staff account and a town staff account."""
    lines = []
    added = await seed_regions()
    lines.append(f"镇街/社区：新增 {added} 条" if added else "镇街/社区：已存在")
    orgs_added = await seed_demo_orgs()
    lines.append(f"演示社会组织：新增 {orgs_added} 个" if orgs_added else "演示社会组织：已存在")
    from backend.services.subscriptions import seed_templates

    templates = await seed_templates()
    lines.append(f"订阅消息模板：新增 {templates} 个" if templates else "订阅消息模板：已存在")
    creds_file = var_dir / "demo-credentials.txt"
    if await User.exists(username=DEMO_STAFF):
        lines.append(f"演示账号已存在，凭据见 {creds_file}")
        return lines
    first_town = await Region.filter(level=RegionLevel.town).order_by("id").first()
    password = secrets.token_urlsafe(9)
    town_password = secrets.token_urlsafe(9)
    await users.create_staff(username=DEMO_STAFF, password=password, role=Role.staff, real_name="区民政局演示")
    await users.create_staff(username=DEMO_TOWN_STAFF, password=town_password, role=Role.staff,
                             scope_region_id=first_town.id if first_town else None, real_name="镇街演示")
    creds = (f"全区工作人员  用户名 {DEMO_STAFF}  密码 {password}\n"
             f"镇街工作人员  用户名 {DEMO_TOWN_STAFF}  密码 {town_password}\n")
    var_dir.mkdir(parents=True, exist_ok=True)
    creds_file.write_text(creds, encoding="utf-8")
    creds_file.chmod(0o600)
    lines.append("已创建演示账号（POST /api/admin/v1/auth/login）：\n" + creds.rstrip())
    return lines


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
