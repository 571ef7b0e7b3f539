"""Fixtures for the 揭榜 workflow: a firm with a published challenge, teams, proposals, reviewers."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from matchmaker.extensions import db
from matchmaker.models import AuditLog, ChallengeMode, Notification, Proposal, Role


@pytest.fixture(autouse=True)
def _request(app, db):
    """Operations called directly need a request context (url_for, the request-chosen locale)."""
    with app.test_request_context():
        yield


@pytest.fixture
def other_team(make_user):
    return make_user(Role.TEAM)


@pytest.fixture
def challenge(firm, make_challenge):
    return make_challenge(firm.organization)


@pytest.fixture
def horse_race(firm, make_challenge):
    return make_challenge(firm.organization, mode=ChallengeMode.HORSE_RACE)


@pytest.fixture
def make_proposal(db):
    def make(challenge, team_user, **values) -> Proposal:
        fields = {"summary": "热误差建模方案", "technical_route": "温度场测量+神经网络", "members": "赵教授"}
        proposal = Proposal(
            challenge=challenge,
            organization_id=team_user.organization_id,
            submitted_by_id=team_user.id,
            **(fields | values),
        )
        db.session.add(proposal)
        db.session.flush()
        return proposal

    return make


@pytest.fixture
def reviewer(make_user, make_org):
    from matchmaker.models import OrgKind

    return make_user(Role.TEAM, org=make_org(OrgKind.INSTITUTE), title="研究员", is_reviewer=True)


def notes(user, kind: str | None = None) -> list[Notification]:
    query = sa.select(Notification).where(Notification.user_id == user.id)
    if kind:
        query = query.where(Notification.kind == kind)
    return list(db.session.scalars(query))


def audit_actions(entity) -> list[str]:
    return list(
        db.session.scalars(
            sa.select(AuditLog.action)
            .where(AuditLog.entity_type == type(entity).__name__, AuditLog.entity_id == entity.id)
            .order_by(AuditLog.id)
        )
    )
