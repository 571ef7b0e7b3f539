"""Demo data of 山东好成果 (seed_data/good_results.yaml): the results-library fields of some
capabilities, a published selection and one still being made, with evaluations by the
workflow's expert reviewers and teams' nominations.

Rows are found by natural keys (capability seed key; list year; list + capability), so a second
run changes nothing; editing the file and re-seeding updates texts, while evaluation and
nomination times are set only when a row is made. The file is checked against the product's
rules (a reviewer is appointed and from outside the result's organisation; a nomination is the
team's own published result), so the demo never shows what the product would refuse.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa
import yaml

from matchmaker.extensions import db
from matchmaker.models import (
    Capability,
    CapabilityStatus,
    GoodResultEntry,
    GoodResultList,
    ResultCategory,
    ResultEntryStatus,
    User,
)
from matchmaker.seed.loader import assign, upsert

LIBRARY_FIELDS = ("funded_project", "funded_project_no", "product")
EVALUATION = ("category", "trl", "ip_status", "comment")


class GoodResultsSeedError(ValueError):
    pass


class GoodResultsSeeder:
    def __init__(self, data_dir: Path) -> None:
        path = data_dir / "good_results.yaml"
        self.data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}
        self.now = datetime.now(UTC)
        self.created = self.updated = 0

    def load(self) -> tuple[int, int]:
        for key, values in (self.data.get("library") or {}).items():
            self.updated += int(assign(self._capability(key), {f: values.get(f, "") for f in LIBRARY_FIELDS}))
        for spec in self.data.get("lists", []):
            self._list(spec)
        db.session.flush()
        return self.created, self.updated

    def _list(self, spec: dict[str, Any]) -> None:
        year = int(spec["year"])
        values = {
            "target": int(spec.get("target", 100)),
            "title": spec.get("title", f"{year}年度山东好成果"),
            "intro": spec.get("intro", ""),
            "intro_en": spec.get("intro_en", ""),
        }
        days = spec.get("published_days_ago")
        published = {"published_at": self.now - timedelta(days=days) if days is not None else None}
        the_list, created, updated = upsert(GoodResultList, {"year": year}, values, published)
        self.created, self.updated = self.created + created, self.updated + updated
        db.session.flush()
        for position, row in enumerate(spec.get("entries", []), start=1):
            self._entry(the_list, row, position, ResultEntryStatus.SELECTED, None)
        for position, row in enumerate(spec.get("nominations", []), start=1000):
            nominator = self._user(row["by"])
            capability = self._capability(row["capability"])
            if (
                nominator.organization_id != capability.organization_id
                or capability.status != CapabilityStatus.PUBLISHED
            ):
                raise GoodResultsSeedError(f"{row['capability']}: a team nominates only its own published result")
            created_at = self.now - timedelta(days=int(row.get("days_ago", 0)))
            self._entry(the_list, row, position, ResultEntryStatus.NOMINATED, nominator.id, created_at)

    def _entry(
        self,
        the_list: GoodResultList,
        row: dict[str, Any],
        position: int,
        status: ResultEntryStatus,
        nominated_by_id: int | None,
        created_at: datetime | None = None,
    ) -> None:
        capability = self._capability(row["capability"])
        values: dict[str, Any] = {
            "position": position,
            "status": status,
            "title_en": row.get("title_en") or capability.title_en,
            "summary_en": row.get("summary_en", ""),
        }
        reviewer = self._reviewer(row["reviewer"], capability) if row.get("reviewer") else None
        values["reviewer_id"] = reviewer.id if reviewer else None
        evaluated = all(row.get(name) for name in EVALUATION)
        if evaluated:
            values |= {
                "category": ResultCategory(row["category"]),
                "eval_trl": int(row["trl"]),
                "ip_status": row["ip_status"],
                "comment": row["comment"],
            }
        created_with: dict[str, Any] = {"nominated_by_id": nominated_by_id}
        if created_at is not None:
            created_with["created_at"] = created_at
        if evaluated:
            created_with["reviewed_at"] = self.now - timedelta(days=25)
        lookup = {"list_id": the_list.id, "capability_id": capability.id}
        _entry, created, updated = upsert(GoodResultEntry, lookup, values, created_with)
        self.created, self.updated = self.created + created, self.updated + updated

    def _capability(self, key: str) -> Capability:
        capability = db.session.scalar(sa.select(Capability).where(Capability.seed_key == key))
        if capability is None:
            raise GoodResultsSeedError(f"good_results.yaml names an unknown capability {key!r}")
        return capability

    def _user(self, email: str) -> User:
        user = db.session.scalar(sa.select(User).where(User.email == email))
        if user is None:
            raise GoodResultsSeedError(f"good_results.yaml names an unknown user {email!r}")
        return user

    def _reviewer(self, email: str, capability: Capability) -> User:
        reviewer = self._user(email)
        if not reviewer.is_reviewer or reviewer.organization_id == capability.organization_id:
            raise GoodResultsSeedError(f"{email} may not evaluate {capability.seed_key}")
        return reviewer
