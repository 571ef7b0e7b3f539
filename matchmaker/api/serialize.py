"""Models to JSON. The shapes are described in openapi.py; tests hold the two together."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from flask import url_for

from matchmaker.models import Capability, Chain, Challenge, Organization


def chain_json(chain: Chain) -> dict[str, Any]:
    return {"code": chain.code, "name": chain.name, "name_en": chain.name_en, "active": chain.active}


def organization_json(org: Organization) -> dict[str, Any]:
    return {"id": org.id, "name": org.name, "kind": org.kind.value, "city": org.city, "verified": org.is_verified}


def _post_json(post: Challenge | Capability) -> dict[str, Any]:
    return {
        "id": post.id,
        "title": post.title,
        "title_en": post.title_en,
        "status": post.status.value,
        "chains": [c.code for c in ordered_chains(post)],
        "keywords": list(post.keywords or []),
        "organization": organization_json(post.organization),
        "version": post.version,
        "published_at": _iso(post.published_at),
        "created_at": _iso(post.created_at),
        "updated_at": _iso(post.updated_at),
    }


def ordered_chains(post: Challenge | Capability) -> list[Chain]:
    """Primary chain first, as the API takes them on writes."""
    return post.ordered_chains


def challenge_json(challenge: Challenge, confidential: bool = False) -> dict[str, Any]:
    """Public fields always; the confidential ones only when the caller may see them."""
    data = _post_json(challenge) | {
        "mode": challenge.mode.value,
        "solution_mode": challenge.solution_mode.value,
        "problem": challenge.problem,
        "indicators": challenge.indicators,
        "goal": challenge.goal,
        "budget_min": _number(challenge.budget_min),
        "budget_max": _number(challenge.budget_max),
        "deadline": _iso(challenge.deadline),
        "summary_en": challenge.summary_en,
        "url": url_for("challenges.detail", challenge_id=challenge.id, _external=True),
    }
    if confidential:
        data |= {
            "confidential_detail": challenge.confidential_detail,
            "contact_name": challenge.contact_name,
            "contact_phone": challenge.contact_phone,
        }
    return data


def capability_json(capability: Capability) -> dict[str, Any]:
    return _post_json(capability) | {
        "team_name": capability.team_name,
        "leader": capability.leader,
        "leader_title": capability.leader_title,
        "description": capability.description,
        "trl": capability.trl,
        "cooperation_modes": list(capability.cooperation_modes or []),
        "ip": capability.ip,
        "applications": capability.applications,
        "funded_project": capability.funded_project,
        "funded_project_no": capability.funded_project_no,
        "product": capability.product,
        "url": url_for("capabilities.detail", capability_id=capability.id, _external=True),
    }


def _iso(value: date | datetime | None) -> str | None:
    if isinstance(value, datetime) and value.tzinfo is None:
        value = value.replace(tzinfo=UTC)  # SQLite hands back naive UTC datetimes
    return value.isoformat() if value is not None else None


def _number(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None
