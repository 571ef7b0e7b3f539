"""Organisers appoint technology managers (a 职称, chains) and hand deals to them, by hand or by
chain (the manager of the deal's chain with the fewest open deals; never a party's own)."""

from __future__ import annotations

import sqlalchemy as sa

from matchmaker.deals import managers
from matchmaker.extensions import db
from matchmaker.models import Deal, DealSource, DealStage, Notification, Role, User, manager_chains


def chain_ids(user: User) -> set[int]:
    return set(db.session.scalars(sa.select(manager_chains.c.chain_id).where(manager_chains.c.user_id == user.id)))


def test_appoint_with_title_and_chains_then_retire(client, login_as, organiser, make_user, chains):
    candidate = make_user(Role.TEAM, name="孙立新")
    login_as(organiser)
    page = client.post(
        f"/deals/managers/{candidate.id}", data={f"u{candidate.id}-title": "", f"u{candidate.id}-chains": []}
    )
    assert page.status_code == 400 and "请填写职称" in page.get_data(as_text=True)
    response = client.post(
        f"/deals/managers/{candidate.id}",
        data={f"u{candidate.id}-title": "高级技术经理人", f"u{candidate.id}-chains": [str(chains["equipment"].id)]},
    )
    assert response.status_code == 302
    db.session.refresh(candidate)
    assert (candidate.is_tech_manager, candidate.title) == (True, "高级技术经理人")
    assert chain_ids(candidate) == {chains["equipment"].id}
    assert (
        db.session.scalar(sa.select(Notification.title).where(Notification.user_id == candidate.id))
        == "您已被聘任为技术经理人"
    )
    assert client.post(f"/deals/managers/{candidate.id}/retire").status_code == 302
    db.session.refresh(candidate)
    assert candidate.is_tech_manager is False


def test_a_firm_account_or_a_bad_chain_is_refused(client, login_as, organiser, firm, team):
    login_as(organiser)
    response = client.post(f"/deals/managers/{firm.id}", data={f"u{firm.id}-title": "技术经理人"})
    assert response.status_code == 400 and "不能是企业账号" in response.get_data(as_text=True)
    response = client.post(
        f"/deals/managers/{team.id}", data={f"u{team.id}-title": "技术经理人", f"u{team.id}-chains": ["99999999999"]}
    )
    assert response.status_code == 400
    db.session.refresh(firm)
    db.session.refresh(team)
    assert not firm.is_tech_manager and not team.is_tech_manager


def deal(firm_org_id: int, team_org_id: int, chain_id: int | None, **values) -> Deal:
    made = Deal(
        title="对接",
        firm_org_id=firm_org_id,
        team_org_id=team_org_id,
        chain_id=chain_id,
        source=DealSource.MANUAL,
        **values,
    )
    db.session.add(made)
    db.session.flush()
    return made


def test_assign_by_chain_gives_the_least_loaded_manager_of_the_chain(
    ctx, organiser, firm, team, chains, make_manager, make_org
):
    equipment, energy = chains["equipment"].id, chains["new-energy"].id
    busy = make_manager((equipment,), name="张")
    free = make_manager((equipment, energy), name="赵")
    deal(firm.organization_id, team.organization_id, equipment, manager_id=busy.id)
    deal(firm.organization_id, team.organization_id, equipment, manager_id=busy.id)
    a = deal(firm.organization_id, team.organization_id, equipment)
    b = deal(firm.organization_id, team.organization_id, equipment)
    c = deal(firm.organization_id, team.organization_id, equipment)
    d = deal(firm.organization_id, team.organization_id, energy)
    orphan = deal(firm.organization_id, team.organization_id, None)
    ended = deal(firm.organization_id, team.organization_id, equipment, stage=DealStage.FAILED)
    # 赵 has 0 open, 张 has 2: a, b go to 赵 (0 then 1), c to the first by name at 2 each (张 < 赵).
    assert managers.assign_by_chain(organiser) == (4, 1)
    assert [x.manager_id for x in (a, b, c, d)] == [free.id, free.id, busy.id, free.id]
    assert orphan.manager_id is None and ended.manager_id is None


def test_a_manager_never_follows_their_own_organisations_deal(ctx, organiser, firm, team, chains, make_manager):
    equipment = chains["equipment"].id
    make_manager((equipment,), role=Role.TEAM, org=team.organization)  # the team's own transfer office
    own = deal(firm.organization_id, team.organization_id, equipment)
    assert managers.assign_by_chain(organiser) == (0, 1)
    assert own.manager_id is None


def test_assign_by_hand_and_the_manager_is_told(client, login_as, organiser, firm, team, make_manager):
    manager = make_manager()
    made = deal(firm.organization_id, team.organization_id, None)
    db.session.commit()
    login_as(organiser)
    assert client.post(f"/deals/{made.id}/assign", data={"manager": str(manager.id)}).status_code == 302
    assert made.manager_id == manager.id
    assert (
        db.session.scalar(sa.select(Notification.title).where(Notification.user_id == manager.id))
        == "新的对接跟进：对接"
    )
    for bad in (str(2**40), "abc", str(firm.id)):
        client.post(f"/deals/{made.id}/assign", data={"manager": bad})
        assert made.manager_id == manager.id
