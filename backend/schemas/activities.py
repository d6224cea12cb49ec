"""What the activity endpoints return: list items, the detail view, signups, check-ins, rosters, hours.

The list is the hot path (GET /api/mp/v1/activities, with a speed target): building a model per row
and calling the `Instant` serialiser three times per row cost about ten times the old dict path, so
the list answers with plain dicts in `ActivityListItem`'s shape (`list_row`), instants already in
Asia/Shanghai so that they serialise natively to the same text. tests/activities/test_read_schemas.py
proves the two serialise identically; the model stays the declared contract (OpenAPI, client types).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import Field

from backend.models.activity import Activity, Signup
from backend.schemas import CursorPage, Instant, ReadModel
from backend.services import clock
from backend.services.activities import split_groups


def hours(minutes: int) -> float:
    """Minutes as hours, two decimals: how service hours are shown."""
    return round(minutes / 60, 2)


class _ActivityCard(ReadModel):
    """What the list and the detail both show of an activity."""

    id: int
    title: str
    category: str
    target_groups: list[str]
    starts_at: Instant
    ends_at: Instant
    signup_deadline: Instant
    town_id: int | None
    community_id: int | None
    address: str
    lat: float | None
    lng: float | None
    capacity: int
    confirmed_count: int
    waitlist_count: int
    status: str
    org_id: int
    org_name: str
    places_left: int = Field(description="剩余名额")


class ActivityListItem(_ActivityCard):
    my_status: str | None = Field(None, description="我的报名状态（已登录时）")


class NearbyActivityItem(ActivityListItem):
    distance_m: float = Field(description="距当前位置（米）")


# By distance, each item carries `distance_m`.
ActivityPage = CursorPage[NearbyActivityItem | ActivityListItem]

_LIST_INSTANTS = ("starts_at", "ends_at", "signup_deadline")


def _local(value: datetime) -> datetime:
    return value if value.tzinfo is clock.LOCAL_TZ else clock.local(value)


def list_row(row: dict[str, Any], my_status: str | None = None) -> dict[str, Any]:
    """A row of `activities.LIST_FIELDS` (plus `distance_m` by distance) as an `ActivityListItem`-shaped
    dict: the hot path builds no model per row (see the module docstring)."""
    item = {k: v for k, v in row.items() if k != "org__name"}
    for key in _LIST_INSTANTS:
        item[key] = _local(row[key])
    item.update(org_name=row["org__name"], target_groups=split_groups(row["target_groups"]),
                places_left=max(0, row["capacity"] - row["confirmed_count"]), my_status=my_status)
    return item


class MySignupBadge(ReadModel):
    status: str
    position: int | None = Field(description="候补位次（候补时）")
    checked_in_at: Instant | None
    checked_out_at: Instant | None


class ActivityRead(_ActivityCard):
    description: str
    waitlist_limit: int
    checkin_radius_m: int | None
    cancel_reason: str | None
    published_at: Instant | None
    my_signup: MySignupBadge | None

    @classmethod
    def of(cls, activity: Activity, *, my_signup: Signup | None = None, position: int | None = None
           ) -> ActivityRead:
        """The detail view: everything a phone shows, including the caller's own signup."""
        badge = None if my_signup is None else MySignupBadge(
            status=str(my_signup.status), position=position, checked_in_at=my_signup.checked_in_at,
            checked_out_at=my_signup.checked_out_at)
        return cls(
            id=activity.id, title=activity.title, description=activity.description,
            category=str(activity.category), target_groups=split_groups(activity.target_groups),
            starts_at=activity.starts_at, ends_at=activity.ends_at, signup_deadline=activity.signup_deadline,
            town_id=activity.town_id, community_id=activity.community_id, address=activity.address,
            lat=activity.lat, lng=activity.lng, capacity=activity.capacity,
            waitlist_limit=activity.waitlist_limit, confirmed_count=activity.confirmed_count,
            waitlist_count=activity.waitlist_count, checkin_radius_m=activity.checkin_radius_m,
            status=str(activity.status), cancel_reason=activity.cancel_reason,
            published_at=activity.published_at, org_id=activity.org_id, org_name=activity.org.name,
            places_left=max(0, activity.capacity - activity.confirmed_count), my_signup=badge)


class OrgActivityItem(ReadModel):
    id: int
    title: str
    status: str
    starts_at: Instant
    ends_at: Instant
    capacity: int
    confirmed_count: int
    waitlist_count: int


class SignupRead(ReadModel):
    status: Literal["confirmed", "waitlisted"]
    position: int | None = Field(description="候补位次（候补时）")
    signup_id: int


class CheckinRead(ReadModel):
    checked_in_at: Instant | None
    checked_out_at: Instant | None


class CheckoutRead(CheckinRead):
    minutes: int
    hours: float


class CheckinCodeRead(ReadModel):
    scene: str = Field(description="签到码 scene")
    expires_at: Instant
    ttl_seconds: int
    page: str
    image_base64: str = Field(description="小程序码图片（base64）")
    image_type: str


class HoursCorrectionRead(ReadModel):
    user_id: int
    activity_id: int
    minutes: int
    hours: float
    corrected: bool


class RosterRow(ReadModel):
    signup_id: int
    user_id: int
    name: str
    phone: str = Field(description="手机号（脱敏）")
    status: str
    status_label: str
    signed_up_at: Instant | None
    checked_in_at: Instant | None
    checked_out_at: Instant | None
    minutes: int | None


class RosterRead(ReadModel):
    activity_id: int
    title: str
    capacity: int
    confirmed_count: int
    waitlist_count: int
    items: list[RosterRow]


class MySignupItem(ReadModel):
    activity_id: int
    title: str
    org_name: str
    starts_at: Instant
    ends_at: Instant
    address: str
    activity_status: str
    status: str
    checked_in_at: Instant | None
    checked_out_at: Instant | None

    @classmethod
    def from_row(cls, r: dict[str, Any]) -> MySignupItem:
        return cls(activity_id=r["activity_id"], title=r["activity__title"], org_name=r["activity__org__name"],
                   starts_at=r["activity__starts_at"], ends_at=r["activity__ends_at"],
                   address=r["activity__address"], activity_status=str(r["activity__status"]),
                   status=str(r["status"]), checked_in_at=r["checked_in_at"], checked_out_at=r["checked_out_at"])


class ServiceHoursItem(ReadModel):
    activity_id: int
    title: str
    org_name: str
    starts_at: Instant
    minutes: int
    hours: float
    checked_in_at: Instant | None
    checked_out_at: Instant | None
    corrected: bool

    @classmethod
    def from_row(cls, r: dict[str, Any]) -> ServiceHoursItem:
        return cls(activity_id=r["activity_id"], title=r["activity__title"], org_name=r["activity__org__name"],
                   starts_at=r["activity__starts_at"], minutes=r["minutes"], hours=hours(r["minutes"]),
                   checked_in_at=r["signup__checked_in_at"], checked_out_at=r["signup__checked_out_at"],
                   corrected=r["corrected"])


class ServiceHoursSummary(ReadModel):
    total_minutes: int
    total_hours: float
    count: int
    items: list[ServiceHoursItem]


class SignupCancelled(ReadModel):
    status: Literal["cancelled"] = Field("cancelled", description="总为 cancelled")


class StaffActivityRead(ReadModel):
    """An activity as staff supervising its organization see it, with its signup counts."""

    id: int
    title: str
    category: str
    status: str = Field(description="draft 草稿 / published 已发布 / cancelled 已取消")
    org_id: int
    org_name: str
    org_town_id: int | None = Field(description="组织所属镇街 id")
    town_id: int | None = Field(description="活动所在镇街 id")
    starts_at: Instant
    ends_at: Instant
    capacity: int
    confirmed_count: int = Field(description="报名成功人数")
    waitlist_count: int = Field(description="候补人数")
    cancelled_at: Instant | None
    cancel_reason: str

    @classmethod
    def of_row(cls, row: dict[str, Any]) -> StaffActivityRead:
        values = dict(row)
        values["org_name"], values["org_town_id"] = values.pop("org__name"), values.pop("org__town_id")
        return cls(**values)

    @classmethod
    def of(cls, activity: Activity) -> StaffActivityRead:
        return cls(id=activity.id, title=activity.title, category=str(activity.category),
                   status=str(activity.status), org_id=activity.org_id, org_name=activity.org.name,
                   org_town_id=activity.org.town_id, town_id=activity.town_id, starts_at=activity.starts_at,
                   ends_at=activity.ends_at, capacity=activity.capacity, confirmed_count=activity.confirmed_count,
                   waitlist_count=activity.waitlist_count, cancelled_at=activity.cancelled_at,
                   cancel_reason=activity.cancel_reason)
