"""Who is acting, as services see it (services never import sanic, so not the auth Principal)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Actor:
    """The signed-in caller plus the request id for the audit trail."""

    user_id: int
    role: str
    scope_region_id: int | None = None
    request_id: str = ""

    @property
    def is_staff(self) -> bool:
        return self.role in ("staff", "admin")

    @property
    def is_district_staff(self) -> bool:
        return self.role == "admin" or (self.role == "staff" and self.scope_region_id is None)


def actor_of(principal: object, request_id: object = "") -> Actor:
    """An Actor from the auth Principal (duck-typed so services need not import the web layer)."""
    return Actor(user_id=principal.user_id, role=str(principal.role),  # type: ignore[attr-defined]
                 scope_region_id=principal.scope_region_id, request_id=str(request_id))  # type: ignore[attr-defined]
