"""Database rules that hold whichever database runs the suite (SQLite by default, PostgreSQL in CI)."""

from decimal import Decimal

import pytest
import sqlalchemy as sa
from sqlalchemy.orm.exc import StaleDataError

from matchmaker.extensions import db
from matchmaker.models import Challenge, ChallengeStatus, Match, OrgKind, Role, User


def test_email_is_unique(make_user):
    user = make_user(Role.FIRM)
    db.session.add(User(organization=user.organization, email=user.email, name="x", role=Role.FIRM, password_hash="h"))
    with pytest.raises(sa.exc.IntegrityError):
        db.session.flush()
    db.session.rollback()


def test_credit_code_is_unique(make_org):
    org = make_org(OrgKind.FIRM)
    with pytest.raises(sa.exc.IntegrityError):
        make_org(OrgKind.FIRM, credit_code=org.credit_code)
    db.session.rollback()


def test_budget_range_is_checked(make_org, make_challenge):
    with pytest.raises(sa.exc.IntegrityError):
        make_challenge(make_org(), budget_min=Decimal("500"), budget_max=Decimal("100"))
    db.session.rollback()


def test_trl_must_be_1_to_9(make_org, make_capability):
    with pytest.raises(sa.exc.IntegrityError):
        make_capability(make_org(OrgKind.UNIVERSITY), trl=10)
    db.session.rollback()


def test_unknown_enum_value_is_refused(make_org, make_challenge):
    challenge = make_challenge(make_org())
    with pytest.raises((sa.exc.StatementError, LookupError)):
        db.session.execute(sa.update(Challenge).where(Challenge.id == challenge.id).values(status="bogus"))
    db.session.rollback()


def test_a_pair_is_matched_once(make_org, make_challenge, make_capability):
    challenge = make_challenge(make_org())
    capability = make_capability(make_org(OrgKind.UNIVERSITY))
    db.session.add_all(
        [Match(challenge=challenge, capability=capability), Match(challenge=challenge, capability=capability)]
    )
    with pytest.raises(sa.exc.IntegrityError):
        db.session.flush()
    db.session.rollback()


def test_concurrent_edit_is_detected_by_the_version_column(make_org, make_challenge):
    challenge = make_challenge(make_org())
    # Another writer saved the row meanwhile (the version moved on behind our back).
    db.session.execute(
        sa.update(Challenge).where(Challenge.id == challenge.id).values(version=Challenge.version + 1),
        execution_options={"synchronize_session": False},
    )
    challenge.title = "我的修改"
    with pytest.raises(StaleDataError):
        db.session.flush()
    db.session.rollback()


def test_version_increments_on_each_update(make_org, make_challenge):
    challenge = make_challenge(make_org())
    start = challenge.version
    challenge.status = ChallengeStatus.WITHDRAWN
    db.session.commit()
    assert challenge.version == start + 1


def test_deleting_an_organisation_removes_its_posts(make_org, make_challenge):
    org = make_org()
    challenge_id = make_challenge(org).id
    db.session.delete(org)
    db.session.commit()
    assert db.session.get(Challenge, challenge_id) is None
