"""Expert reviewers: senior titles only, assigned proposals only, confidential detail while open."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from matchmaker.authz import can_view_confidential
from matchmaker.extensions import db
from matchmaker.models import Review, ReviewStatus, Role
from matchmaker.proposals import reviews
from matchmaker.proposals.operations import ProposalError
from tests.proposals.conftest import audit_actions, notes


@pytest.mark.parametrize(
    ("title", "ok"),
    [
        ("教授", True),
        ("副教授", True),
        ("副研究员", True),
        ("高级工程师", True),
        ("正高级工程师", True),
        ("讲师", False),
        ("工程师", False),
        ("助理研究员", False),
        ("", False),
    ],
)
def test_only_senior_titles_may_be_appointed(make_user, title, ok):
    organiser = make_user(Role.ORGANISER)
    user = make_user(Role.TEAM, title=title)
    if ok:
        reviews.appoint(user, True, organiser)
        assert user.is_reviewer
        assert audit_actions(user) == ["reviewer.appointed"]
    else:
        with pytest.raises(ProposalError, match="副高级及以上"):
            reviews.appoint(user, True, organiser)
        assert not user.is_reviewer


def test_organiser_appoints_from_the_reviewer_page(client, login_as, make_user):
    candidate = make_user(Role.TEAM, title="副教授")
    lecturer = make_user(Role.TEAM, title="讲师")
    login_as(make_user(Role.ORGANISER))
    page = client.get("/proposals/reviewers").get_data(as_text=True)
    assert candidate.email in page and lecturer.email not in page
    client.post(f"/proposals/reviewers/{candidate.id}", data={"appointed": "1"})
    client.post(f"/proposals/reviewers/{lecturer.id}", data={"appointed": "1"})
    assert candidate.is_reviewer and not lecturer.is_reviewer
    assert notes(candidate, "reviewer_appointed")


def test_firm_requests_a_review_and_reviewer_scores_it(
    client, login_as, firm, team, challenge, make_proposal, reviewer
):
    proposal = make_proposal(challenge, team)
    login_as(firm).post(f"/proposals/{proposal.id}/reviews", data={"reviewer_id": str(reviewer.id)})
    [note] = notes(reviewer, "review_requested")
    review_url = note.link
    assert challenge.status.value == "in_review"
    client.post("/logout")

    login_as(reviewer)
    assert team.organization.name in client.get("/proposals/reviews").get_data(as_text=True)
    page = client.get(review_url).get_data(as_text=True)
    assert challenge.confidential_detail in page and proposal.summary in page
    assert can_view_confidential(reviewer, challenge)
    assert "评分应在0至100之间" in client.post(review_url, data={"score": "101", "comment": "好"}).get_data(
        as_text=True
    )
    client.post(review_url, data={"score": "86", "comment": "路线可行，指标可达。"})
    [review] = db.session.scalars(sa.select(Review))
    assert (review.status, review.score) == (ReviewStatus.DONE, 86)
    assert audit_actions(review) == ["review.requested", "review.done"]
    assert not can_view_confidential(reviewer, challenge)  # only while the review is open
    assert challenge.confidential_detail not in client.get(review_url).get_data(as_text=True)
    assert notes(firm, "review_done")
    client.post("/logout")

    page = login_as(firm).get(f"/proposals/challenges/{challenge.id}").get_data(as_text=True)
    assert "86 分" in page and "路线可行，指标可达。" in page


def test_reviewer_sees_only_assigned_proposals(
    client, login_as, firm, team, other_team, challenge, make_proposal, reviewer, make_user
):
    assigned = make_proposal(challenge, team, summary="指派给专家的方案")
    other = make_proposal(challenge, other_team, summary="未指派的方案")
    review = reviews.request_review(assigned, reviewer, firm)
    colleague = make_user(Role.TEAM, title="教授", is_reviewer=True)
    elsewhere = reviews.request_review(other, colleague, firm)
    login_as(reviewer)
    queue = client.get("/proposals/reviews").get_data(as_text=True)
    assert team.organization.name in queue and other_team.organization.name not in queue
    assert client.get(f"/proposals/{assigned.id}").status_code == 200
    assert client.get(f"/proposals/{other.id}").status_code == 404
    assert client.get(f"/proposals/reviews/{elsewhere.id}").status_code == 404
    assert client.get(f"/proposals/reviews/{review.id}").status_code == 200


def test_reviewer_must_be_appointed_and_independent(firm, team, challenge, make_proposal, make_user):
    proposal = make_proposal(challenge, team)
    with pytest.raises(ProposalError, match="聘任"):
        reviews.request_review(proposal, make_user(Role.TEAM, title="教授"), firm)
    insider = make_user(Role.TEAM, org=team.organization, title="教授", is_reviewer=True)
    with pytest.raises(ProposalError, match="不能来自"):
        reviews.request_review(proposal, insider, firm)
