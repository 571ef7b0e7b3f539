"""The deals forms under any input (random Unicode, lone surrogates, huge values, any ids): a
page or a clear 4xx, never a 500."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.fuzz.conftest import examples
from tests.fuzz.test_form_posts import ID, VALUE, post

NUMBER = st.sampled_from(["NaN", "-0", "1e400", "1e-400", "99999999999.999", "12.345", "0", "-5"]) | VALUE


@given(
    fields=st.fixed_dictionaries(
        {
            "kind": st.sampled_from(["intent", "agreement", "follow_up"]) | VALUE,
            "amount": NUMBER,
            "agreed_on": st.sampled_from(["2026-02-30", "99999-01-01", "2020-01-01"]) | VALUE,
            "comment": VALUE,
        }
    )
)
@settings(max_examples=examples(40))
def test_the_outcome_form_answers_any_input(client, login_as, held, fields) -> None:
    h = held()
    login_as(h.firm_user)
    response = post(client, f"/deals/meetings/{h.meeting.id}/outcome", fields)
    assert response.status_code < 500, response.get_data(as_text=True)[:500]
    response = post(
        client, f"/deals/events/{h.event.id}/feedback", {"rating": fields["amount"], "comment": fields["comment"]}
    )
    assert response.status_code < 500, response.get_data(as_text=True)[:500]
    client.post("/logout")


@given(
    fields=st.fixed_dictionaries(
        {
            "stage": st.sampled_from(["negotiating", "implementing", "failed"]) | VALUE,
            "reason": VALUE,
            "amount": NUMBER,
            "signed_on": VALUE,
            "next_action": VALUE,
            "next_action_on": VALUE,
            "body": VALUE,
            "manager": ID,
        }
    )
)
@settings(max_examples=examples(40))
def test_the_deal_forms_answer_any_input(client, login_as, organiser, firm, team, fields) -> None:
    from matchmaker.extensions import db
    from matchmaker.models import Deal, DealSource

    deal = Deal(
        title="对接", firm_org_id=firm.organization_id, team_org_id=team.organization_id, source=DealSource.MANUAL
    )
    db.session.add(deal)
    db.session.commit()
    login_as(organiser)
    for path in ("stage", "next", "notes", "assign"):
        response = post(client, f"/deals/{deal.id}/{path}", fields)
        assert response.status_code < 500, (path, response.get_data(as_text=True)[:500])
    for query in (f"manager={fields['manager']}", f"chain={fields['manager']}&stage=x&page={fields['manager']}"):
        assert client.get(f"/deals/?{query}").status_code < 500
    client.post("/logout")
