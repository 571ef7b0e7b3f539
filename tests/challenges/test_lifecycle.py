"""The challenge lifecycle table: allowed moves succeed, audit and notify; others are refused."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from matchmaker.challenges.lifecycle import ALLOWED, TransitionError, can_transition, transition
from matchmaker.extensions import db
from matchmaker.models import AuditLog, ChallengeStatus, Notification, OutboxMessage, Role

S = ChallengeStatus
ALLOWED_MOVES = [
    (S.DRAFT, S.PUBLISHED),
    (S.PUBLISHED, S.WITHDRAWN),
    (S.PUBLISHED, S.IN_REVIEW),
    (S.IN_REVIEW, S.CONTRACTED),
    (S.IN_REVIEW, S.PUBLISHED),
    (S.CONTRACTED, S.CLOSED),
    (S.WITHDRAWN, S.DRAFT),
]
REFUSED_MOVES = [(old, new) for old in S for new in S if (old, new) not in ALLOWED_MOVES]


def test_table_is_exactly_the_documented_moves():
    assert {(old, new) for old, targets in ALLOWED.items() for new in targets} == set(ALLOWED_MOVES)
    assert set(ALLOWED) == set(S)


@pytest.mark.parametrize(("old", "new"), ALLOWED_MOVES)
def test_allowed_move_changes_status_audits_and_notifies(request_ctx, make_user, make_challenge, old, new):
    owner = make_user(Role.FIRM)
    organiser = make_user(Role.ORGANISER)
    challenge = make_challenge(owner.organization, status=old)

    transition(challenge, new, organiser)
    db.session.flush()

    assert challenge.status == new
    entry = db.session.scalar(sa.select(AuditLog).where(AuditLog.action == "challenge.status"))
    assert entry.entity_id == challenge.id
    assert entry.actor_id == organiser.id
    assert entry.detail == {"old": old.value, "new": new.value}
    notes = db.session.scalars(sa.select(Notification).where(Notification.user_id == owner.id)).all()
    assert len(notes) == 1
    assert challenge.title in notes[0].title
    assert notes[0].link.endswith(f"/challenges/{challenge.id}")
    assert db.session.scalar(
        sa.select(OutboxMessage).where(OutboxMessage.dedupe_key == f"refresh:challenge:{challenge.id}")
    )


@pytest.mark.parametrize(("old", "new"), REFUSED_MOVES)
def test_refused_move_raises_and_changes_nothing(request_ctx, make_user, make_challenge, old, new):
    owner = make_user(Role.FIRM)
    challenge = make_challenge(owner.organization, status=old)

    assert not can_transition(challenge, new)
    with pytest.raises(TransitionError, match="不能从"):
        transition(challenge, new, owner)

    assert challenge.status == old
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AuditLog)) == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Notification)) == 0


def test_first_publication_sets_published_at(request_ctx, make_user, make_challenge):
    owner = make_user(Role.FIRM)
    challenge = make_challenge(owner.organization, status=S.DRAFT)
    assert challenge.published_at is None

    transition(challenge, S.PUBLISHED, owner)

    assert challenge.published_at is not None
