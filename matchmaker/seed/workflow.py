"""Demo work in progress (seed_data/workflow.yaml): expert reviewers, access requests, proposals in
every state, reviews, agreements and this year's published list of key problems, with the inbox
notices they would have sent.

Rows are found by their natural keys (challenge + organisation, proposal + reviewer, list year),
so a second run changes nothing; the states and texts in the file are applied again (editing the
file and re-seeding updates them), while times and notices are written only when a row is made.
The file is checked against the product's rules (an agreement needs a selected proposal and comes
after the selection; a reviewer is from neither party and has no proposal of his own there; the
challenge's status fits its proposals), so the demo never shows what the product would refuse.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import sqlalchemy as sa
import yaml

from matchmaker.extensions import db
from matchmaker.models import (
    AccessRequest,
    AccessStatus,
    Agreement,
    Challenge,
    ChallengeStatus,
    KeyProblemEntry,
    KeyProblemList,
    Notification,
    Organization,
    Proposal,
    ProposalStatus,
    Review,
    ReviewStatus,
    Role,
    User,
)
from matchmaker.seed.loader import assign, upsert
from matchmaker.timezones import local_today, to_local

Counts = tuple[int, int]
# What a proposal's state needs of its challenge: a decision puts the challenge in review at least.
DECIDED = (ProposalStatus.SHORTLISTED, ProposalStatus.SELECTED, ProposalStatus.NOT_SELECTED)
IN_REVIEW_OR_LATER = (ChallengeStatus.IN_REVIEW, ChallengeStatus.CONTRACTED, ChallengeStatus.CLOSED)


class WorkflowSeedError(ValueError):
    pass


class WorkflowSeeder:
    def __init__(self, data_dir: Path, orgs: dict[str, Organization]) -> None:
        path = data_dir / "workflow.yaml"
        self.data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}
        self.orgs = orgs
        self.now = datetime.now(UTC)
        self.created = self.updated = 0
        self._challenges: dict[str, Challenge] = {}

    def load(self) -> Counts:
        if not self.data:
            return 0, 0
        self._experts()
        self._access_requests()
        self._proposals()
        self._reviews()
        self._agreements()
        self._key_problems()
        db.session.flush()
        return self.created, self.updated

    # ------------------------------------------------------------ rows

    def _experts(self) -> None:
        for row in self.data.get("experts", []):
            values = {"name": row["name"], "organization": self._org(row["org"]), "title": row["title"]}
            user = self._upsert(User, {"email": row["email"]}, values, role=Role.TEAM)
            if user is not None:
                user.set_password(row["password"])
        db.session.flush()
        for email in self.data.get("reviewers", []):
            self._set(self._user(email), {"is_reviewer": True})

    def _access_requests(self) -> None:
        for row in self.data.get("access_requests", []):
            challenge, org = self._challenge(row["challenge"]), self._org(row["org"])
            status = AccessStatus(row["status"])
            when = self._when(row["days_ago"], after=challenge.published_at)
            entry = self._upsert(
                AccessRequest,
                {"challenge_id": challenge.id, "organization_id": org.id},
                {"status": status, "reason": row["reason"]},
                requested_by_id=self._member(org),
                created_at=when,
            )
            if entry is None:
                continue
            if status != AccessStatus.PENDING:
                entry.decided_at = min(when + timedelta(days=1), self.now)
                entry.decided_by_id = self._member(challenge.organization)
            self._tell(
                challenge.organization,
                "access_requested",
                f"{org.name} 申请查看《{challenge.title}》的详细资料",
                "/access/requests",
                when,
            )
            if status != AccessStatus.PENDING:
                verdict = "已同意" if status == AccessStatus.APPROVED else "未同意"
                link = f"/challenges/{challenge.id}"
                self._tell(
                    org, "access_decided", f"《{challenge.title}》：企业{verdict}您的查看申请", link, entry.decided_at
                )

    def _proposals(self) -> None:
        for row in self.data.get("proposals", []):
            challenge, org = self._challenge(row["challenge"]), self._org(row["org"])
            status = ProposalStatus(row["status"])
            if status in DECIDED and challenge.status not in IN_REVIEW_OR_LATER:
                raise WorkflowSeedError(f"{row['challenge']}: a {status.value} proposal needs the challenge in review")
            values = {
                "status": status,
                "summary": row["summary"].strip(),
                "technical_route": row["technical_route"].strip(),
                "budget": Decimal(str(row["budget"])) if row.get("budget") is not None else None,
                "duration_months": row.get("duration_months"),
                "members": row.get("members", ""),
            }
            when = self._when(row["days_ago"], after=challenge.published_at)
            proposal = self._upsert(
                Proposal,
                {"challenge_id": challenge.id, "organization_id": org.id},
                values,
                submitted_by_id=self._member(org),
                created_at=when,
            )
            if proposal is None:
                continue
            if "decided_days_ago" in row:
                proposal.decided_at = max(self._when(row["decided_days_ago"]), when + timedelta(hours=1))
            db.session.flush()
            self._tell(
                challenge.organization,
                "proposal_received",
                f"收到揭榜申请：{org.name} 揭榜《{challenge.title}》",
                f"/proposals/challenges/{challenge.id}",
                when,
            )
            if status == ProposalStatus.SELECTED:
                self._tell(
                    org,
                    "proposal_selected",
                    f"恭喜！您的团队在《{challenge.title}》揭榜中中选",
                    "/proposals/mine",
                    proposal.decided_at,
                )

    def _reviews(self) -> None:
        for row in self.data.get("reviews", []):
            challenge = self._challenge(row["challenge"])
            proposal = self._proposal(challenge, self._org(row["org"]))
            reviewer = self._user(row["reviewer"])
            self._check_reviewer(reviewer, proposal)
            status = ReviewStatus(row["status"])
            values: dict[str, Any] = {"status": status, "score": row.get("score"), "comment": row.get("comment", "")}
            when = self._when(row["days_ago"], after=proposal.created_at)
            review = self._upsert(
                Review,
                {"proposal_id": proposal.id, "reviewer_id": reviewer.id},
                values,
                requested_by_id=self._member(challenge.organization),
                created_at=when,
                completed_at=min(when + timedelta(days=2), self.now) if status == ReviewStatus.DONE else None,
            )
            if review is None:
                continue
            db.session.flush()
            if status == ReviewStatus.REQUESTED:
                self._tell_user(
                    reviewer,
                    "review_requested",
                    f"评审邀请：《{challenge.title}》的揭榜申请",
                    f"/proposals/reviews/{review.id}",
                    when,
                )

    def _agreements(self) -> None:
        for row in self.data.get("agreements", []):
            challenge = self._challenge(row["challenge"])
            proposal = self._proposal(challenge, self._org(row["org"]))
            if proposal.status != ProposalStatus.SELECTED or challenge.status != ChallengeStatus.CONTRACTED:
                raise WorkflowSeedError(
                    f"{row['challenge']}: an agreement needs a selected proposal and a contracted challenge"
                )
            decided = to_local(proposal.decided_at or proposal.created_at).date()
            signed_on = min(max(local_today() - timedelta(days=row["signed_days_ago"]), decided), local_today())
            agreement = self._upsert(
                Agreement,
                {"proposal_id": proposal.id},
                {"amount": Decimal(str(row["amount"])), "contract_no": str(row.get("contract_no", ""))},
                challenge=challenge,
                organization_id=proposal.organization_id,
                signed_on=signed_on,
                recorded_by_id=self._member(challenge.organization),
            )
            if agreement is None:
                continue
            self._tell(
                proposal.organization,
                "agreement_recorded",
                f"《{challenge.title}》已登记签约",
                "/proposals/mine",
                _noon(signed_on),
            )

    def _key_problems(self) -> None:
        spec = self.data.get("key_problems")
        if not spec:
            return
        year = local_today().year
        values = {
            "target": int(spec.get("target", 100)),
            "title": f"{year}年度产业关键技术难题榜单",
            "intro": spec.get("intro", ""),
            "intro_en": spec.get("intro_en", ""),
        }
        published_at = {"published_at": self._when(spec.get("published_days_ago", 0))}
        kp_list, created, updated = upsert(KeyProblemList, {"year": year}, values, published_at)
        self.created += created
        self.updated += updated
        db.session.flush()
        existing = {e.challenge_id: e for e in kp_list.entries}
        english = spec.get("title_en", {})
        for position, key in enumerate(spec.get("entries", []), start=1):
            challenge = self._challenge(key)
            title_en = english.get(key) or challenge.title_en
            entry = existing.get(challenge.id)
            if entry is None:
                kp_list.entries.append(KeyProblemEntry(challenge=challenge, position=position, title_en=title_en))
                self.created += 1
            else:
                self._set(entry, {"position": position, "title_en": title_en})

    # ------------------------------------------------------------ helpers

    def _upsert(self, model: type, lookup: dict[str, Any], values: dict[str, Any], **created_with: Any) -> Any:
        """Bring the row found by `lookup` up to `values`; or make it, with `created_with` (times and
        who did it, which a re-seed leaves alone). Returns the new row, None when it existed."""
        obj, created, updated = upsert(model, lookup, values, created_with)
        self.created += created
        self.updated += updated
        return obj if created else None

    def _set(self, obj: object, values: dict[str, Any]) -> None:
        self.updated += int(assign(obj, values))

    def _when(self, days_ago: int, after: datetime | None = None) -> datetime:
        """`days_ago` before now, but after `after` (a challenge published later) and never ahead."""
        moment = self.now - timedelta(days=int(days_ago), hours=3)
        if after is not None:
            after = after if after.tzinfo else after.replace(tzinfo=UTC)
            moment = max(moment, after + timedelta(hours=2))
        return min(moment, self.now)

    def _org(self, key: str) -> Organization:
        if key not in self.orgs:
            raise WorkflowSeedError(f"workflow.yaml: unknown organisation key {key!r}")
        return self.orgs[key]

    def _challenge(self, key: str) -> Challenge:
        if key not in self._challenges:
            challenge = db.session.scalar(sa.select(Challenge).filter_by(seed_key=key))
            if challenge is None or challenge.status == ChallengeStatus.DRAFT:
                raise WorkflowSeedError(f"workflow.yaml: {key!r} is not a published challenge")
            self._challenges[key] = challenge
        return self._challenges[key]

    def _user(self, email: str, required: bool = True) -> User | None:
        user = db.session.scalar(sa.select(User).filter_by(email=email))
        if user is None and required:
            raise WorkflowSeedError(f"workflow.yaml: unknown user {email!r}")
        return user

    def _proposal(self, challenge: Challenge, org: Organization, required: bool = True) -> Proposal | None:
        proposal = db.session.scalar(sa.select(Proposal).filter_by(challenge_id=challenge.id, organization_id=org.id))
        if proposal is None and required:
            raise WorkflowSeedError(f"workflow.yaml: no proposal of {org.name} on {challenge.seed_key}")
        return proposal

    def _check_reviewer(self, reviewer: User, proposal: Proposal) -> None:
        stake = sa.select(Proposal.id).filter_by(
            challenge_id=proposal.challenge_id, organization_id=reviewer.organization_id
        )
        parties = (proposal.organization_id, proposal.challenge.organization_id)
        if not reviewer.is_reviewer or reviewer.organization_id in parties or db.session.scalar(stake) is not None:
            raise WorkflowSeedError(f"workflow.yaml: {reviewer.email} may not review proposal {proposal.id}")

    def _member(self, org: Organization) -> int | None:
        """The organisation's first user (demo organisations mostly have none)."""
        return db.session.scalar(sa.select(User.id).filter_by(organization_id=org.id).order_by(User.id).limit(1))

    def _tell(self, org: Organization, kind: str, title: str, link: str, when: datetime | None) -> None:
        for user in db.session.scalars(sa.select(User).filter_by(organization_id=org.id, active=True)):
            self._tell_user(user, kind, title, link, when)

    def _tell_user(self, user: User, kind: str, title: str, link: str, when: datetime | None) -> None:
        # Inbox rows only: seeding sends no e-mail.
        db.session.add(
            Notification(user_id=user.id, kind=kind, title=title[:200], link=link, created_at=when or self.now)
        )


def _noon(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 4, tzinfo=UTC)  # 12:00 in China
