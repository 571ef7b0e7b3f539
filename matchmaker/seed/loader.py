"""Load seed_data/*.yaml into the database, upserting by stable keys.

A second run finds every row equal and changes nothing; editing a file and re-running updates
the rows it changed. Passwords of existing users are never reset.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import sqlalchemy as sa
import yaml

from matchmaker.extensions import db
from matchmaker.models import (
    Capability,
    CapabilityStatus,
    Chain,
    Challenge,
    ChallengeMode,
    ChallengeStatus,
    Organization,
    OrgKind,
    Role,
    SolutionMode,
    User,
)
from matchmaker.organizations.credit_code import fictional

Report = dict[str, tuple[int, int]]
CREDIT_PREFIX = {OrgKind.FIRM: "91", OrgKind.UNIVERSITY: "12", OrgKind.INSTITUTE: "12", OrgKind.AGENCY: "11"}


class SeedError(ValueError):
    pass


def _read(path: Path) -> list[dict[str, Any]]:
    rows = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    if not isinstance(rows, list):
        raise SeedError(f"{path}: expected a list of entries")
    return rows


def _read_dir(folder: Path) -> Iterable[tuple[Path, dict[str, Any]]]:
    for path in sorted(folder.glob("*.yaml")):
        for row in _read(path):
            yield path, row


def assign(obj: object, values: dict[str, Any]) -> bool:
    """Set attributes that differ; return whether anything changed. Every seeder compares this way:
    chains as sets of ids, times without their zone (SQLite returns them naive)."""
    changed = False
    for name, value in values.items():
        current = getattr(obj, name)
        if isinstance(current, list) and current and isinstance(current[0], Chain):
            same = {c.id for c in current} == {c.id for c in value}  # loaded in sort order
        elif isinstance(current, datetime) and isinstance(value, datetime):
            same = current.replace(tzinfo=None) == value.replace(tzinfo=None)
        else:
            same = current == value
        if not same:
            setattr(obj, name, value)
            changed = True
    return changed


def upsert(
    model: type, lookup: dict[str, Any], values: dict[str, Any], created_with: dict[str, Any] | None = None
) -> tuple[Any, int, int]:
    """The row found by `lookup` with `values` set, or a new one that also gets `created_with`
    (what a re-seed must not move, such as when it happened); with (created, updated) as 0/1."""
    obj = db.session.scalar(sa.select(model).filter_by(**lookup))
    if obj is None:
        obj = model(**lookup, **values, **(created_with or {}))
        db.session.add(obj)
        return obj, 1, 0
    return obj, 0, int(assign(obj, values))


def _stable_moment(key: str) -> datetime:
    """A fixed publication time per key (so re-seeding changes nothing), spread over 2026."""
    days = int(hashlib.sha256(key.encode()).hexdigest(), 16) % 300
    return datetime(2026, 1, 15, 9, tzinfo=UTC) + timedelta(days=days, minutes=days * 7 % 600)


class Loader:
    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.chains: dict[str, Chain] = {}
        self.orgs: dict[str, Organization] = {}
        self.report: Report = {}

    def _count(self, kind: str, created: int, updated: int) -> None:
        c, u = self.report.get(kind, (0, 0))
        self.report[kind] = (c + created, u + updated)

    def _chains_for(self, codes: list[str], where: str) -> list[Chain]:
        unknown = [c for c in codes if c not in self.chains]
        if unknown or not codes:
            raise SeedError(f"{where}: unknown or missing chain codes {unknown or codes}")
        return [self.chains[c] for c in codes]

    def load_chains(self) -> None:
        for row in _read(self.data_dir / "chains.yaml"):
            chain, created, updated = upsert(
                Chain,
                {"code": row["code"]},
                {
                    "name": row["name"],
                    "name_en": row.get("name_en", ""),
                    "description": row.get("description", ""),
                    "keywords": list(row.get("keywords", [])),
                    "sort_order": int(row.get("sort_order", 0)),
                    "active": bool(row.get("active", True)),
                },
            )
            self.chains[chain.code] = chain
            self._count("chains", created, updated)
        db.session.flush()

    def load_organizations(self) -> None:
        for _path, row in _read_dir(self.data_dir / "organizations"):
            kind = OrgKind(row["kind"])
            values = {
                "kind": kind,
                "name": row["name"],
                "city": row["city"],
                "tiers": list(row.get("tiers", [])),
                "description": row.get("description", ""),
                "credit_code": row.get("credit_code") or fictional(row["key"], row["city"], CREDIT_PREFIX[kind]),
                "chains": [self.chains[c] for c in row.get("chains", []) if c in self.chains],
            }
            org, created, updated = upsert(Organization, {"seed_key": row["key"]}, values)
            if row.get("verified", True) and org.verified_at is None:
                org.verified_at = _stable_moment(row["key"]) - timedelta(days=30)
                updated = updated or not created
            self.orgs[row["key"]] = org
            self._count("organizations", created, updated)
        db.session.flush()

    def _org(self, key: str, where: Path) -> Organization:
        if key not in self.orgs:
            raise SeedError(f"{where}: unknown organisation key {key!r}")
        return self.orgs[key]

    def load_users(self) -> None:
        path = self.data_dir / "demo_users.yaml"
        for row in _read(path):
            org = self._org(row["org"], path)
            values = {
                "name": row["name"],
                "role": Role(row["role"]),
                "organization": org,
                "title": row.get("title", ""),
            }
            user, created, updated = upsert(User, {"email": row["email"]}, values)
            if created:
                user.set_password(row["password"])
            self._count("users", created, updated)
        db.session.flush()

    def _post(self, path: Path, row: dict[str, Any], status: Any, draft: Any) -> dict[str, Any]:
        """The fields challenges and capabilities share. A pending organisation cannot publish, so
        its posts stay drafts."""
        chains = self._chains_for(row.get("chains", []), f"{path}:{row['key']}")
        org = self._org(row["org"], path)
        if not org.is_verified:
            status = draft
        return {
            "organization": org,
            "title": row["title"],
            "title_en": row.get("title_en", ""),
            "primary_chain": chains[0],
            "chains": chains,
            "keywords": list(row.get("keywords", []))[:5],
            "status": status,
            "published_at": None if status == draft else _stable_moment(row["key"]),
        }

    def load_challenges(self) -> None:
        for path, row in _read_dir(self.data_dir / "challenges"):
            values = self._post(path, row, ChallengeStatus(row.get("status", "published")), ChallengeStatus.DRAFT)
            values |= {
                "problem": row["problem"].strip(),
                "indicators": row.get("indicators", "").strip(),
                "goal": row.get("goal", "").strip(),
                "budget_min": _money(row.get("budget_min")),
                "budget_max": _money(row.get("budget_max")),
                "solution_mode": SolutionMode(row.get("solution_mode", "cooperative")),
                "deadline": _date(row.get("deadline")),
                "contact_name": row.get("contact_name", ""),
                "contact_phone": str(row.get("contact_phone", "")),
                "mode": ChallengeMode(row.get("mode", "matchmaking")),
                "confidential_detail": row.get("confidential_detail", "").strip(),
            }
            _, created, updated = upsert(Challenge, {"seed_key": row["key"]}, values)
            self._count("challenges", created, updated)

    def load_capabilities(self) -> None:
        for path, row in _read_dir(self.data_dir / "capabilities"):
            status = CapabilityStatus(row.get("status", "published"))
            values = self._post(path, row, status, CapabilityStatus.DRAFT)
            values |= {
                "team_name": row["team"],
                "leader": row["leader"],
                "leader_title": row.get("leader_title", ""),
                "description": row["description"].strip(),
                "trl": int(row["trl"]),
                "cooperation_modes": list(row.get("cooperation_modes", [])),
                "ip": row.get("ip", ""),
                "applications": row.get("applications", ""),
            }
            _, created, updated = upsert(Capability, {"seed_key": row["key"]}, values)
            self._count("capabilities", created, updated)


def _money(value: Any) -> Decimal | None:
    return None if value in (None, "") else Decimal(str(value)).quantize(Decimal("0.01"))


def _date(value: Any) -> date | None:
    if value in (None, "") or isinstance(value, date):
        return value or None
    return date.fromisoformat(str(value))


def demo_users(data_dir: Path) -> list[dict[str, Any]]:
    return _read(data_dir / "demo_users.yaml")


def load_all(data_dir: Path) -> Report:
    loader = Loader(data_dir)
    loader.load_chains()
    loader.load_organizations()
    loader.load_users()
    loader.load_challenges()
    loader.load_capabilities()
    db.session.flush()
    from matchmaker.seed.workflow import WorkflowSeeder  # access, proposals, reviews, agreements, yearly list

    loader._count("workflow", *WorkflowSeeder(data_dir, loader.orgs).load())
    from matchmaker.seed.events import EventSeeder  # after posts: participants are picked from them

    loader._count("events", *EventSeeder(data_dir, loader.orgs, loader.chains).load())
    from matchmaker.seed.deals import DealSeeder  # outcomes and deals, after meetings and the workflow

    deals = DealSeeder(data_dir, loader.orgs)
    deals.demo_places()  # before meetings: the demo firm and university took part in a closed event
    from matchmaker.seed.meetings import MeetingSeeder  # after events: meetings need their participants

    loader._count("meetings", *MeetingSeeder(loader.orgs).load())
    loader._count("deals", *deals.load())
    from matchmaker.seed.good_results import GoodResultsSeeder  # after the workflow: its experts evaluate

    loader._count("good_results", *GoodResultsSeeder(data_dir).load())
    return loader.report
