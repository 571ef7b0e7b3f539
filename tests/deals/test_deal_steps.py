"""A manager works on the deals assigned to them: stage moves (未成 needs a reason, 落实 a sum),
the next action and notes, each audited; firms and teams read their own deals only."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from matchmaker.extensions import db
from matchmaker.models import AuditLog, Deal, DealNote, DealSource, DealStage, Role


@pytest.fixture
def deal(firm, team):
    made = Deal(
        title="主轴热误差补偿",
        firm_org_id=firm.organization_id,
        team_org_id=team.organization_id,
        source=DealSource.MANUAL,
    )
    db.session.add(made)
    db.session.commit()
    return made


def actions(deal: Deal) -> list[str]:
    return list(
        db.session.scalars(
            sa.select(AuditLog.action)
            .where(AuditLog.entity_type == "Deal", AuditLog.entity_id == deal.id)
            .order_by(AuditLog.id)
        )
    )


def test_manager_moves_a_deal_through_its_stages_with_notes(client, login_as, deal, make_manager):
    manager = make_manager()
    deal.manager_id = manager.id
    db.session.commit()
    login_as(manager)
    url = f"/deals/{deal.id}"
    assert client.post(f"{url}/stage", data={"stage": "negotiating"}).status_code == 302
    assert client.post(f"{url}/notes", data={"body": "双方就技术路线达成一致"}).status_code == 302
    assert (
        client.post(f"{url}/next", data={"next_action": "起草合同", "next_action_on": "2030-01-05"}).status_code == 302
    )
    # 落实 without a sum is refused with the reason, and what was typed stays.
    response = client.post(f"{url}/stage", data={"stage": "implementing", "reason": ""})
    assert response.status_code == 400 and "协议金额" in response.get_data(as_text=True)
    day = (date.today() - timedelta(days=1)).isoformat()
    response = client.post(f"{url}/stage", data={"stage": "implementing", "amount": "60", "signed_on": day})
    assert response.status_code == 302
    db.session.refresh(deal)
    assert (deal.stage, str(deal.amount), deal.next_action) == (DealStage.IMPLEMENTING, "60.00", "起草合同")
    assert [n.body for n in deal.notes] == ["双方就技术路线达成一致"]
    assert actions(deal) == ["deal.stage", "deal.note", "deal.next_action", "deal.stage"]
    page = client.get(url).get_data(as_text=True)
    assert "双方就技术路线达成一致" in page and "会商 → 落实" in page


def test_failed_needs_a_reason(client, login_as, deal, organiser):
    login_as(organiser)
    response = client.post(f"/deals/{deal.id}/stage", data={"stage": "failed", "reason": "  "})
    assert response.status_code == 400 and "请填写未成的原因" in response.get_data(as_text=True)
    assert client.post(f"/deals/{deal.id}/stage", data={"stage": "failed", "reason": "企业预算冻结"}).status_code == 302
    db.session.refresh(deal)
    assert (deal.stage, deal.failed_reason) == (DealStage.FAILED, "企业预算冻结")


@pytest.mark.parametrize(
    "data",
    [
        {"stage": "bogus"},
        {"stage": "implementing", "amount": "NaN", "signed_on": "2026-01-01"},
        {"stage": "implementing", "amount": "5", "signed_on": "2026-02-30"},
        {"stage": "implementing", "amount": "1e30", "signed_on": "2026-01-01"},
    ],
)
def test_bad_stage_input_is_a_clear_400(client, login_as, deal, organiser, data):
    login_as(organiser)
    assert client.post(f"/deals/{deal.id}/stage", data=data).status_code == 400
    db.session.refresh(deal)
    assert deal.stage == DealStage.CONTACT


def test_a_manager_not_assigned_and_a_stranger_find_nothing(client, as_user, deal, make_manager, make_user):
    as_user(make_manager(role=Role.TEAM))
    assert client.get(f"/deals/{deal.id}").status_code == 404
    assert client.post(f"/deals/{deal.id}/notes", data={"body": "x"}).status_code == 404
    as_user(make_user(Role.FIRM))
    assert client.get(f"/deals/{deal.id}").status_code == 404
    assert "主轴热误差补偿" not in client.get("/deals/mine").get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(DealNote)) == 0


def test_the_two_organisations_read_their_deal_and_who_follows_it(client, as_user, deal, firm, team, make_manager):
    manager = make_manager(name="周启航")
    deal.manager_id, deal.stage, deal.next_action = manager.id, DealStage.NEGOTIATING, "约定二次会商"
    db.session.commit()
    for user in (firm, team):
        as_user(user)
        page = client.get("/deals/mine").get_data(as_text=True)
        assert "主轴热误差补偿" in page and "会商" in page and "周启航" in page and "高级技术经理人" in page
        detail = client.get(f"/deals/{deal.id}").get_data(as_text=True)
        assert "约定二次会商" in detail and "跟进记录" not in detail  # read only: no forms, no notes
        assert client.post(f"/deals/{deal.id}/stage", data={"stage": "failed", "reason": "x"}).status_code == 403


def test_board_shows_the_managers_deals_by_stage_and_flags_stale_ones(client, login_as, deal, make_manager):
    manager = make_manager()
    deal.manager_id = manager.id
    deal.last_action_at = deal.last_action_at - timedelta(days=30)
    db.session.commit()
    login_as(manager)
    page = client.get("/deals/board").get_data(as_text=True)
    assert "主轴热误差补偿" in page and "久未跟进" in page
    retired = make_manager(is_tech_manager=False)
    client.post("/logout")
    login_as(retired)
    assert client.get("/deals/board").status_code == 403
