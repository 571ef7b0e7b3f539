"""Demo outcomes and deals (seed_data/deals.yaml), on top of the demo meetings and workflow.

The demo technology manager is appointed with their chains; the demo firm and university get one
meeting at a closed event with no outcome yet (to record in the demo); held and closed events'
meetings get outcomes from both sides and feedback; the deals those outcomes open (and the deals
of selected proposals and signed Agreements, through the product's own opening rules) are shaped
once into every stage: quiet ones, one ended with a reason, ones linked to an Agreement.

Rows are found again by their natural keys (meeting + side, participant, source ids) or seed keys;
what a person changed afterwards is left alone. A second run changes nothing."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import sqlalchemy as sa
import yaml

from matchmaker.deals import opening
from matchmaker.extensions import db
from matchmaker.models import (
    Agreement,
    AuditLog,
    Deal,
    DealNote,
    DealStage,
    Event,
    EventFeedback,
    EventParticipant,
    Meeting,
    MeetingOutcome,
    MeetingSource,
    Organization,
    OutcomeKind,
    OutcomeSide,
    ParticipantSource,
    ParticipantStatus,
    Proposal,
    ProposalStatus,
    Role,
    Side,
    User,
    manager_chains,
)
from matchmaker.models.chain import Chain
from matchmaker.seed.meetings import CONFIRMED
from matchmaker.timezones import local_today, zone

SIDES = {"firm": OutcomeSide.FIRM, "team": OutcomeSide.TEAM, "organiser": OutcomeSide.ORGANISER}


class DealSeeder:
    def __init__(self, data_dir: Path, orgs: dict[str, Organization]) -> None:
        path = data_dir / "deals.yaml"
        self.data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}
        self.orgs = orgs
        self.now = datetime.now(UTC)
        self.created = self.updated = 0
        self.organiser = db.session.scalar(
            sa.select(User).where(User.role == Role.ORGANISER, User.is_tech_manager.is_(False)).order_by(User.id)
        )

    def load(self) -> tuple[int, int]:
        if not self.data:
            return 0, 0
        managers = self._managers()
        self._demo_meeting()
        fresh = self._outcomes()
        self._feedback()
        fresh += self._workflow_deals()
        self._shape(fresh, managers[0] if managers else None)
        db.session.flush()
        return self.created, self.updated

    # ------------------------------------------------------------ people

    def _managers(self) -> list[User]:
        chains = {c.code: c.id for c in db.session.scalars(sa.select(Chain))}
        made = []
        for row in self.data.get("managers", []):
            user = db.session.scalar(sa.select(User).where(User.email == row["email"]))
            if user is None:
                continue
            if not user.is_tech_manager or user.title != row["title"]:
                user.is_tech_manager, user.title = True, row["title"]
                self.updated += 1
            have = set(
                db.session.scalars(sa.select(manager_chains.c.chain_id).where(manager_chains.c.user_id == user.id))
            )
            for code in row.get("chains", []):
                if chains.get(code) and chains[code] not in have:
                    db.session.execute(manager_chains.insert().values(user_id=user.id, chain_id=chains[code]))
                    self.created += 1
            made.append(user)
        return made

    def _member(self, org: Organization, role: Role) -> User | None:
        return db.session.scalar(
            sa.select(User).where(User.organization_id == org.id, User.role == role).order_by(User.id)
        )

    # ------------------------------------------------------------ the demo pair's meeting

    def _demo_spec(self) -> tuple[Event, Organization, Organization, int] | None:
        spec = self.data.get("demo_meeting")
        event = spec and db.session.scalar(sa.select(Event).where(Event.seed_key == spec["event"]))
        firm, team = (self.orgs.get(spec["firm"]), self.orgs.get(spec["team"])) if spec else (None, None)
        return (event, firm, team, spec["slot"]) if event and firm and team else None

    def demo_places(self) -> None:
        """Run before the meetings are seeded: the demo pair join the closed event's Latin square
        like any participant (so a re-seed finds the same participants and adds nothing)."""
        found = self._demo_spec()
        if found is not None:
            event, firm, team, _slot = found
            self._place(event, firm, Side.FIRM, Role.FIRM)
            self._place(event, team, Side.TEAM, Role.TEAM)
            db.session.flush()

    def _demo_meeting(self) -> None:
        """One more meeting, the demo pair's, in a slot the square leaves free; no outcome yet."""
        found = self._demo_spec()
        if found is None:
            return
        event, firm, team, slot = found
        key = f"{event.seed_key}:demo"
        if slot >= event.slot_count or not event.tables:
            return
        if db.session.scalar(sa.select(Meeting.id).where(Meeting.seed_key == key)) is not None:
            return
        places = [self._place(event, firm, Side.FIRM, Role.FIRM), self._place(event, team, Side.TEAM, Role.TEAM)]
        if None in places:
            return
        table = event.tables[0]
        published = datetime.combine(event.starts_on - timedelta(days=2), time(10), tzinfo=zone()).astimezone(UTC)
        db.session.add(
            Meeting(
                event_id=event.id,
                firm_participant_id=places[0].id,
                team_participant_id=places[1].id,
                slot=slot,
                table=table,
                published_slot=slot,
                published_table=table,
                published_at=published,
                source=MeetingSource.ORGANISER,
                seed_key=key,
            )
        )
        self.created += 1

    def _place(self, event: Event, org: Organization, side: Side, role: Role) -> EventParticipant | None:
        found = db.session.scalar(
            sa.select(EventParticipant).where(
                EventParticipant.event_id == event.id, EventParticipant.organization_id == org.id
            )
        )
        if found is not None:
            return found if found.side == side and found.status in CONFIRMED else None
        user = self._member(org, role)
        made = EventParticipant(
            event_id=event.id,
            organization_id=org.id,
            user_id=user.id if user else None,
            side=side,
            status=ParticipantStatus.ACCEPTED,
            source=ParticipantSource.MANUAL,
            invited_at=datetime.combine(event.starts_on - timedelta(days=20), time(10), tzinfo=zone()).astimezone(UTC),
        )
        made.responded_at = made.invited_at + timedelta(days=1)
        db.session.add(made)
        db.session.flush()
        self.created += 1
        return made

    # ------------------------------------------------------------ outcomes and feedback

    def _outcomes(self) -> list[Deal]:
        """Outcomes not recorded yet; the deals opened by the new ones (only those are shaped)."""
        opened: list[Deal] = []
        for key, row in self.data.get("outcomes", {}).items():
            meeting = db.session.scalar(sa.select(Meeting).where(Meeting.seed_key == key))
            if meeting is None:
                continue
            day = meeting.event.meeting_date or meeting.event.starts_on
            when = datetime.combine(day + timedelta(days=1), time(15), tzinfo=zone()).astimezone(UTC)
            for name, side in SIDES.items():
                if name not in row or self._outcome(meeting, side) is not None:
                    continue
                kind = OutcomeKind(row[name])
                agreed = kind == OutcomeKind.AGREEMENT
                by = (
                    self.organiser
                    if side == OutcomeSide.ORGANISER
                    else (meeting.firm if side == OutcomeSide.FIRM else meeting.team).user
                )
                outcome = MeetingOutcome(
                    meeting_id=meeting.id,
                    side=side,
                    kind=kind,
                    amount=Decimal(str(row["amount"])) if agreed else None,
                    agreed_on=local_today() - timedelta(days=row["days_ago"]) if agreed else None,
                    comment=row.get("comment", "") if side != OutcomeSide.ORGANISER else "",
                    recorded_by_id=by.id if by else None,
                    created_at=when,
                    updated_at=when,
                )
                db.session.add(outcome)
                db.session.flush()
                self.created += 1
                if kind in (OutcomeKind.INTENT, OutcomeKind.AGREEMENT):
                    deal = opening.from_meeting(meeting, outcome, None)
                    if deal.seed_key is None and deal not in opened:
                        opened.append(deal)
        return opened

    def _outcome(self, meeting: Meeting, side: OutcomeSide) -> MeetingOutcome | None:
        return db.session.scalar(
            sa.select(MeetingOutcome).where(MeetingOutcome.meeting_id == meeting.id, MeetingOutcome.side == side)
        )

    def _feedback(self) -> None:
        for event_key, rows in self.data.get("feedback", {}).items():
            event = db.session.scalar(sa.select(Event).where(Event.seed_key == event_key))
            for row in rows if event else []:
                org = self.orgs.get(row["org"])
                place = org and db.session.scalar(
                    sa.select(EventParticipant).where(
                        EventParticipant.event_id == event.id, EventParticipant.organization_id == org.id
                    )
                )
                if not place or db.session.scalar(
                    sa.select(EventFeedback.id).where(EventFeedback.participant_id == place.id)
                ):
                    continue
                db.session.add(
                    EventFeedback(
                        event_id=event.id, participant_id=place.id, rating=row["rating"], comment=row["comment"]
                    )
                )
                self.created += 1

    # ------------------------------------------------------------ deals

    def _workflow_deals(self) -> list[Deal]:
        """Deals of the demo's selected proposals and signed Agreements, opened as the product would."""
        opened: list[Deal] = []
        taken = sa.select(Deal.proposal_id).where(Deal.proposal_id.is_not(None))
        for proposal in db.session.scalars(
            sa.select(Proposal)
            .where(Proposal.status == ProposalStatus.SELECTED, Proposal.id.not_in(taken))
            .order_by(Proposal.id)
        ):
            opened.append(opening.from_proposal(proposal, None))
        linked = sa.select(Deal.agreement_id).where(Deal.agreement_id.is_not(None))
        for agreement in db.session.scalars(
            sa.select(Agreement).where(Agreement.id.not_in(linked)).order_by(Agreement.id)
        ):
            deal = opening.link_agreement(agreement, None)
            deal.last_action_at = datetime.combine(agreement.signed_on, time(16), tzinfo=zone()).astimezone(UTC)
            if deal not in opened:
                opened.append(deal)
        return [d for d in opened if d.seed_key is None]

    def _backdate_history(self, deal: Deal) -> None:
        """The opening steps happened after the meeting (or at the signing), not at seeding time."""
        if deal.meeting is not None:
            day = deal.meeting.event.meeting_date or deal.meeting.event.starts_on
            at = datetime.combine(day + timedelta(days=1), time(15), tzinfo=zone()).astimezone(UTC)
        else:
            at = deal.last_action_at
        db.session.execute(
            sa.update(AuditLog)
            .where(AuditLog.entity_type == "Deal", AuditLog.entity_id == deal.id)
            .values(created_at=at)
        )

    def _shape(self, fresh: list[Deal], manager: User | None) -> None:
        """Give the deals made in this run their demo state, once (a seed key marks it done)."""
        if not fresh:
            return
        shapes = {}
        for row in self.data.get("deals", []):
            meeting_id = db.session.scalar(sa.select(Meeting.id).where(Meeting.seed_key == row["meeting"]))
            if meeting_id is not None:
                shapes[meeting_id] = row
        for deal in fresh:
            self._backdate_history(deal)
            row = shapes.get(deal.meeting_id)
            if row is None:
                deal.seed_key = f"deal-{deal.id}"
                if deal.stage == DealStage.IMPLEMENTING and manager is not None:
                    deal.manager_id = manager.id  # signed ones on the board's 落实 column
                if deal.agreement_id is None and deal.signed_on is not None:
                    deal.last_action_at = datetime.combine(deal.signed_on, time(16), tzinfo=zone()).astimezone(UTC)
                continue
            deal.seed_key = row["key"]
            deal.manager_id = manager.id if manager is not None else None
            deal.stage = DealStage(row["stage"])
            deal.failed_reason = row.get("reason", "")
            deal.next_action = row.get("next", "")
            deal.next_action_on = local_today() + timedelta(days=row["next_in_days"]) if "next_in_days" in row else None
            last = self.now - timedelta(days=row.get("quiet_days", 0))
            notes = row.get("notes", [])
            for n, body in enumerate(notes):
                at = last - timedelta(days=3 * (len(notes) - 1 - n))
                db.session.add(
                    DealNote(deal_id=deal.id, author_id=manager.id if manager else None, body=body, created_at=at)
                )
                self.created += 1
            deal.last_action_at = last
            self.updated += 1
