"""The home pages: a participant's meetings still to report, and the organiser's deals at a glance."""

from __future__ import annotations

from matchmaker.extensions import db
from matchmaker.models import Deal, DealSource


def test_participant_home_lists_the_event_until_its_outcomes_are_in(client, login_as, held):
    h = held()
    login_as(h.team_user)
    page = client.get("/").get_data(as_text=True)
    assert "待填写成果" in page and f"/deals/events/{h.event.id}/report" in page
    client.post(f"/deals/meetings/{h.meeting.id}/outcome", data={"kind": "intent"})
    page = client.get("/").get_data(as_text=True)
    assert "待填写成果" not in page
    deal = db.session.query(Deal).one()  # the deal the intent opened, on the panel
    assert f'href="/deals/{deal.id}"' in page


def test_organiser_home_counts_open_and_unassigned_deals(client, login_as, organiser, firm, team):
    db.session.add(
        Deal(title="对接", firm_org_id=firm.organization_id, team_org_id=team.organization_id, source=DealSource.MANUAL)
    )
    db.session.commit()
    login_as(organiser)
    page = client.get("/").get_data(as_text=True)
    assert "进行中的对接跟进 1 项" in page and "待分派 1" in page
