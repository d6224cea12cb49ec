"""Who is acting: the only identity services receive.

The web layer builds it once per request from the bearer token (`backend.auth.authenticate`) and
sanic-ext injects it into every handler that declares `actor: Actor`; services never see a request.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Actor:
    """The signed-in caller plus the request id for the audit trail."""

    user_id: int
    role: str
    scope_region_id: int | None = None
    request_id: str = ""
    must_change_password: bool = False

    @property
    def is_staff(self) -> bool:
        return self.role in ("staff", "admin")

    @property
    def is_district_staff(self) -> bool:
        return self.role == "admin" or (self.role == "staff" and self.scope_region_id is None)

