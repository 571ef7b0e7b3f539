"""The firm's side: shortlist, select (one, or several in 赛马), tell the others, sign, accept."""

from __future__ import annotations

import pytest

from matchmaker.extensions import db
from matchmaker.models import ChallengeStatus, ProposalStatus, Role
from matchmaker.proposals import agreements, selection
from matchmaker.proposals.operations import ProposalError
from matchmaker.timezones import local_today
from tests.proposals.conftest import audit_actions, notes


@pytest.fixture
def three(challenge, make_user, make_proposal):
    return [make_proposal(challenge, make_user(Role.TEAM)) for _ in range(3)]


def test_shortlisting_puts_the_challenge_in_review(client, login_as, firm, challenge, three):
    login_as(firm).post(f"/proposals/{three[0].id}/shortlist")
    assert three[0].status == ProposalStatus.SHORTLISTED
    assert challenge.status == ChallengeStatus.IN_REVIEW
    assert "challenge.status" in audit_actions(challenge)
    team_user = three[0].organization.users[0]
    assert "challenge.status" in [n.kind for n in notes(team_user)]


def test_matchmaking_selects_one_and_thanks_the_others(client, login_as, firm, challenge, three):
    login_as(firm).post(f"/proposals/{three[0].id}/select")
    assert [p.status for p in three] == [
        ProposalStatus.SELECTED,
        ProposalStatus.NOT_SELECTED,
        ProposalStatus.NOT_SELECTED,
    ]
    winner, *others = (p.organization.users[0] for p in three)
    assert "proposal_selected" in [n.kind for n in notes(winner)]
    for user in others:
        [note] = notes(user, "proposal_not_selected")
        assert "未中选" in note.title and "感谢" in note.body
    assert audit_actions(three[1]) == ["proposal.not_selected"]


def test_matchmaking_refuses_a_second_winner(firm, challenge, three):
    selection.select(three[0], firm)
    three[1].status = ProposalStatus.SHORTLISTED  # even a shortlisted one
    with pytest.raises(ProposalError, match="只有赛马制"):
        selection.select(three[1], firm)
    assert three[1].status == ProposalStatus.SHORTLISTED


def test_horse_race_selects_several_then_concludes(client, login_as, firm, horse_race, make_user, make_proposal):
    proposals = [make_proposal(horse_race, make_user(Role.TEAM)) for _ in range(3)]
    login_as(firm)
    client.post(f"/proposals/{proposals[0].id}/select")
    client.post(f"/proposals/{proposals[1].id}/select")
    assert [p.status for p in proposals] == [ProposalStatus.SELECTED, ProposalStatus.SELECTED, ProposalStatus.SUBMITTED]
    assert "赛马制" in client.get(f"/proposals/challenges/{horse_race.id}").get_data(as_text=True)
    client.post(f"/proposals/challenges/{horse_race.id}/conclude")
    assert proposals[2].status == ProposalStatus.NOT_SELECTED
    assert notes(proposals[2].organization.users[0], "proposal_not_selected")


def test_no_new_proposals_once_a_team_is_selected(firm, challenge, three, make_user):
    from matchmaker.proposals import operations

    selection.select(three[0], firm)
    with pytest.raises(ProposalError, match="已选定"):
        operations.submit(challenge, make_user(Role.TEAM), {"summary": "晚到", "technical_route": "x", "members": "y"})


def test_agreement_only_for_a_selected_proposal(firm, challenge, three):
    with pytest.raises(ProposalError, match="中选"):
        agreements.record(three[0], 50, local_today(), "", firm)
    assert challenge.status == ChallengeStatus.PUBLISHED


def test_agreement_by_owner_contracts_the_challenge(client, login_as, firm, challenge, three):
    selection.select(three[0], firm)
    db.session.flush()
    login_as(firm)
    form = {"amount": "120.5", "signed_on": local_today().isoformat(), "contract_no": "2026370100000123"}
    assert client.post(f"/proposals/{three[0].id}/agreement", data=form).status_code == 302
    agreement = agreements.of_proposal(three[0])
    assert agreement.amount == pytest.approx(120.5) and agreement.contract_no == "2026370100000123"
    assert challenge.status == ChallengeStatus.CONTRACTED
    assert audit_actions(agreement) == ["agreement.recorded"]
    team_user = three[0].organization.users[0]
    assert notes(team_user, "agreement_recorded")
    assert "2026370100000123" in client.get(f"/challenges/{challenge.id}").get_data(as_text=True)
    client.post("/logout")
    assert "120.50" in login_as(team_user).get("/proposals/mine").get_data(as_text=True)


def test_agreement_form_rejects_future_dates_and_other_firms(client, login_as, make_user, firm, challenge, three):
    selection.select(three[0], firm)
    db.session.flush()
    page = login_as(firm).post(f"/proposals/{three[0].id}/agreement", data={"amount": "10", "signed_on": "2999-01-01"})
    assert "签约日期不能晚于今天" in page.get_data(as_text=True)
    assert agreements.of_proposal(three[0]) is None
    client.post("/logout")
    login_as(make_user(Role.FIRM))
    form = {"amount": "10", "signed_on": local_today().isoformat()}
    assert client.post(f"/proposals/{three[0].id}/agreement", data=form).status_code == 404
    assert agreements.of_proposal(three[0]) is None


def test_acceptance_closes_a_contracted_challenge(client, login_as, firm, challenge, three):
    login_as(firm).post(f"/proposals/challenges/{challenge.id}/accept")
    assert challenge.status == ChallengeStatus.PUBLISHED  # not contracted yet: refused
    selection.select(three[0], firm)
    agreements.record(three[0], 50, local_today(), "", firm)
    db.session.flush()
    client.post(f"/proposals/challenges/{challenge.id}/accept")
    assert challenge.status == ChallengeStatus.CLOSED
