"""How an organization is shown: the public card, the leader's/staff's full record (phone masked)."""

from __future__ import annotations

from typing import Any

from backend.crypto import PersonalData, mask_phone
from backend.errors import OrgNotFound
from backend.models.organization import Organization
from backend.services.orgs import (
    CATEGORY_LABELS,
    LEGAL_FORM_LABELS,
    STATUS_LABELS,
    SUPERVISION_LABELS,
    charter_flags,
    masked_phone,
)
from backend.services.party_building import coverage_view


def _region(region: Any) -> dict[str, Any] | None:
    return {"id": region.id, "name": region.name} if region is not None and hasattr(region, "name") else None


def public_view(org: Organization) -> dict[str, Any]:
    """What anyone may see: no contact person, no phone, no internal review data."""
    return {
        "id": org.id, "name": org.name, "credit_code": org.credit_code,
        "legal_form": str(org.legal_form), "legal_form_label": LEGAL_FORM_LABELS[str(org.legal_form)],
        "category": str(org.category), "category_label": CATEGORY_LABELS[str(org.category)],
        "town": _region(org.town), "community": _region(org.community), "address": org.address,
        "description": org.description, "served_groups": list(org.served_groups or []),
        "approved_at": org.approved_at.isoformat() if org.approved_at else None,
    }


def full_view(org: Organization, pd: PersonalData) -> dict[str, Any]:
    """The whole record for the organization's leader and for staff; the phone is masked."""
    return {
        **public_view(org),
        "status": str(org.status), "status_label": STATUS_LABELS[str(org.status)], "status_reason": org.status_reason,
        "sensitive_areas": list(org.sensitive_areas or []), "registration_mode": str(org.registration_mode),
        "supervisor_unit": org.supervisor_unit, "contact_name": org.contact_name,
        "contact_phone": masked_phone(org, pd), "charter_text": org.charter_text, "charter_file": org.charter_file,
        "charter_party_clause": org.charter_party_clause,
        "charter_flags": charter_flags(charter_text=org.charter_text, charter_file=org.charter_file,
                                       party_clause=org.charter_party_clause),
        "party_building": coverage_view(org),
        "supervision_level": str(org.supervision_level),
        "supervision_label": SUPERVISION_LABELS[str(org.supervision_level)],
        "credit_status": str(org.credit_status),
        "change_status": str(org.change_status), "change_reason": org.change_reason,
        "pending_change": pending_change_view(org.pending_change, pd),
        "created_at": org.created_at.isoformat() if org.created_at else None,
    }


def pending_change_view(change: dict[str, Any] | None, pd: PersonalData) -> dict[str, Any] | None:
    """The proposed change with its phone masked and its charter flags spelled out for the reviewer."""
    if not change:
        return None
    view = {k: v for k, v in change.items() if k not in ("contact_phone_encrypted", "served_groups_text")}
    encrypted = change.get("contact_phone_encrypted")
    view["contact_phone"] = mask_phone(pd.decrypt(encrypted)) if encrypted else ""
    view["charter_flags"] = charter_flags(charter_text=change.get("charter_text") or "",
                                          charter_file=change.get("charter_file"),
                                          party_clause=bool(change.get("charter_party_clause")))
    return view


async def load_for_view(org_id: int) -> Organization:
    """Re-read an organization with the relations the views show."""
    org = await Organization.get_or_none(id=org_id).prefetch_related("town", "community", "joint_branch")
    if org is None:
        raise OrgNotFound()
    return org
