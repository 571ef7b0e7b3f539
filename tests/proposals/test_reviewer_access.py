"""A reviewer's access is checked at every visit: revoked or conflicted reviewers lose it
(issue 13 item 15)."""

from __future__ import annotations

import pytest

from matchmaker.authz import can_view_confidential
from matchmaker.extensions import db
from matchmaker.models import Role
from matchmaker.proposals import reviews
from matchmaker.proposals.operations import ProposalError


def test_revoked_reviewer_loses_the_review_page_proposal_and_detail(
    client, login_as, firm, team, organiser, challenge, make_proposal, reviewer
):
    proposal = make_proposal(challenge, team)
    review = reviews.request_review(proposal, reviewer, firm)
    db.session.commit()
    login_as(reviewer)
    assert client.get(f"/proposals/reviews/{review.id}").status_code == 200
    reviews.appoint(reviewer, False, organiser)
    db.session.commit()
    assert client.get(f"/proposals/reviews/{review.id}").status_code == 403
    assert client.post(f"/proposals/reviews/{review.id}", data={"score": "90", "comment": "好"}).status_code == 403
    assert client.get(f"/proposals/{proposal.id}").status_code == 404
    assert client.get("/proposals/reviews").status_code == 403
    assert not can_view_confidential(reviewer, challenge)
    assert challenge.confidential_detail not in client.get(f"/challenges/{challenge.id}").get_data(as_text=True)


def test_a_rival_teams_expert_cannot_be_asked_to_review(firm, team, challenge, make_proposal, make_user):
    proposal = make_proposal(challenge, team)
    rival = make_user(Role.TEAM, title="教授")
    make_proposal(challenge, rival)
    rival_expert = make_user(Role.TEAM, org=rival.organization, title="教授", is_reviewer=True)
    with pytest.raises(ProposalError, match="利益冲突"):
        reviews.request_review(proposal, rival_expert, firm)


def test_the_firm_is_not_offered_rival_experts(client, login_as, firm, team, challenge, make_proposal, make_user):
    make_proposal(challenge, team)
    rival = make_user(Role.TEAM)
    make_proposal(challenge, rival)
    rival_expert = make_user(Role.TEAM, org=rival.organization, title="教授", is_reviewer=True, name="对手专家")
    independent = make_user(Role.TEAM, title="教授", is_reviewer=True, name="独立专家")
    db.session.commit()
    page = login_as(firm).get(f"/proposals/challenges/{challenge.id}").get_data(as_text=True)
    assert independent.name in page and rival_expert.name not in page


def test_a_reviewer_whose_organisation_later_proposes_loses_access(
    client, login_as, firm, team, challenge, make_proposal, reviewer, make_user
):
    proposal = make_proposal(challenge, team)
    review = reviews.request_review(proposal, reviewer, firm)
    colleague = make_user(Role.TEAM, org=reviewer.organization)
    make_proposal(challenge, colleague)  # the reviewer's own institute now competes
    db.session.commit()
    login_as(reviewer)
    assert client.get(f"/proposals/reviews/{review.id}").status_code == 403
    assert client.get(f"/proposals/{proposal.id}").status_code == 404
    assert not can_view_confidential(reviewer, challenge)
