"""Dates in the workflow follow each other: a contract is signed on or after the selection (itself
after the submission), and a challenge is open only with time left before its deadline."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from matchmaker.challenges.lifecycle import TransitionError, transition
from matchmaker.extensions import db
from matchmaker.models import ChallengeStatus, Role
from matchmaker.proposals import agreements, selection
from matchmaker.proposals.operations import ProposalError
from matchmaker.timezones import local_today


@pytest.fixture
def selected(challenge, make_user, make_proposal, firm):
    proposal = make_proposal(challenge, make_user(Role.TEAM))
    proposal.created_at = datetime.now(UTC) - timedelta(days=10)
    selection.select(proposal, firm)
    proposal.decided_at = datetime.now(UTC) - timedelta(days=3)
    db.session.flush()
    return proposal


def test_agreement_before_the_submission_is_refused(firm, selected):
    with pytest.raises(ProposalError, match="不能早于中选日期"):
        agreements.record(selected, 50, local_today() - timedelta(days=30), "", firm)
    assert agreements.of_proposal(selected) is None


def test_agreement_between_submission_and_selection_is_refused(firm, selected):
    with pytest.raises(ProposalError, match="不能早于中选日期"):
        agreements.record(selected, 50, local_today() - timedelta(days=5), "", firm)


def test_agreement_on_the_selection_day_is_recorded(firm, selected):
    earliest = agreements.earliest_signing(selected)
    assert earliest == local_today() - timedelta(days=3)
    assert agreements.record(selected, 50, earliest, "", firm).signed_on == earliest


def test_the_form_says_why_at_the_field(client, login_as, firm, selected):
    early = (local_today() - timedelta(days=30)).isoformat()
    page = login_as(firm).post(f"/proposals/{selected.id}/agreement", data={"amount": "10", "signed_on": early})
    html = page.get_data(as_text=True)
    assert page.status_code == 400 and "签约日期不能早于中选日期" in html and early in html
    assert agreements.of_proposal(selected) is None


def test_reopening_a_challenge_past_its_deadline_is_refused(firm, challenge, selected):
    assert challenge.status == ChallengeStatus.IN_REVIEW
    challenge.deadline = local_today()
    with pytest.raises(TransitionError, match="应晚于今天"):
        transition(challenge, ChallengeStatus.PUBLISHED, firm)
    assert challenge.status == ChallengeStatus.IN_REVIEW
