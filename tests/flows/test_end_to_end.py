"""The whole story of the 揭榜挂帅 workflow, through the web routes as users click them:
a firm posts a challenge, a team finds it by keyword, asks for and receives the confidential
detail, proposes, is selected and signs; an organiser publishes the yearly list."""

from __future__ import annotations

import re
from datetime import date, timedelta

import sqlalchemy as sa

from matchmaker.extensions import db
from matchmaker.models import (
    AccessRequest,
    Agreement,
    Challenge,
    ChallengeStatus,
    KeyProblemEntry,
    Notification,
    Proposal,
    ProposalStatus,
    Role,
)
from matchmaker.timezones import local_today

SECRET = "现用浸出槽供应商：某化工机械厂，槽体腐蚀严重"


def as_user(client, login_as, user):
    client.post("/logout")
    login_as(user)
    return client


def test_from_a_firms_problem_to_a_signed_agreement(client, login_as, make_user, chains):
    firm, team, organiser = make_user(Role.FIRM), make_user(Role.TEAM), make_user(Role.ORGANISER)

    # 1. The firm posts and publishes a challenge.
    as_user(client, login_as, firm)
    response = client.post(
        "/challenges/new",
        data={
            "title": "退役锂离子电池回收锂收率提升",
            "chain": str(chains["new-energy"].id),
            "chain_extra": "",
            "mode": "open_call",
            "problem": "每年回收退役电池3000吨，湿法浸出锂回收率只有80%，酸耗高。",
            "indicators": "锂回收率≥95%，酸耗降低30%",
            "goal": "形成万吨级绿色回收工艺包",
            "keywords": "锂离子电池、回收、浸出",
            "solution_mode": "cooperative",
            "deadline": (date.today() + timedelta(days=60)).isoformat(),
            "contact_name": "王工",
            "contact_phone": "0632-88880000",
            "confidential_detail": SECRET,
            "publish": "1",
        },
    )
    assert response.status_code == 302
    challenge = db.session.scalar(sa.select(Challenge))
    assert challenge.status == ChallengeStatus.PUBLISHED

    # 1b. While it is open, an organiser puts it on the yearly list and publishes the list.
    as_user(client, login_as, organiser)
    year = local_today().year
    client.post("/key-problems/manage", data={"year": str(year), "target": "100", "title": ""})
    client.post(f"/key-problems/manage/{year}/entries", data={"challenge_id": str(challenge.id)})
    assert db.session.scalar(sa.select(KeyProblemEntry.challenge_id)) == challenge.id
    client.post(f"/key-problems/manage/{year}/publish", data={"confirm_gaps": "1"})  # 1 of 100, confirmed
    client.post("/logout")
    public = client.get(f"/key-problems/{year}")
    assert public.status_code == 200 and challenge.title in public.get_data(as_text=True)

    # 2. A team finds it by a colloquial keyword (锂电池 is not in the text; 锂离子电池 is).
    as_user(client, login_as, team)
    listing = client.get("/challenges/", query_string={"q": "锂电池回收"}).get_data(as_text=True)
    # The matched words are marked in the title (<mark>锂离子电池</mark>…), so compare without tags.
    assert challenge.title in re.sub(r"</?mark>", "", listing)
    page = client.get(f"/challenges/{challenge.id}").get_data(as_text=True)
    assert SECRET not in page

    # 3. It asks for the confidential detail; the firm approves; the team sees it.
    client.post(f"/access/challenges/{challenge.id}/request", data={"reason": "团队做湿法冶金回收十年，想了解槽体工况"})
    access = db.session.scalar(sa.select(AccessRequest))
    as_user(client, login_as, firm)
    client.post(f"/access/requests/{access.id}/approve")
    as_user(client, login_as, team)
    assert SECRET in client.get(f"/challenges/{challenge.id}").get_data(as_text=True)

    # 4. The team proposes (揭榜).
    response = client.post(
        f"/proposals/challenges/{challenge.id}/new",
        data={
            "summary": "低温焙烧-选择性浸出两段工艺",
            "technical_route": "1. 焙烧转型；2. 选择性浸出；3. 萃取分离",
            "budget": "300",
            "duration_months": "18",
            "members": "赵教授、钱副教授、两名博士生",
            "capability_id": "",
        },
    )
    assert response.status_code == 302
    proposal = db.session.scalar(sa.select(Proposal))

    # 5. The firm selects it and records the agreement.
    as_user(client, login_as, firm)
    assert "低温焙烧" in client.get(f"/proposals/challenges/{challenge.id}").get_data(as_text=True)
    client.post(f"/proposals/{proposal.id}/select")
    db.session.refresh(proposal)
    assert proposal.status == ProposalStatus.SELECTED
    client.post(
        f"/proposals/{proposal.id}/agreement",
        data={"amount": "280", "signed_on": local_today().isoformat(), "contract_no": "2026370100000123"},
    )
    agreement = db.session.scalar(sa.select(Agreement))
    assert agreement is not None and agreement.amount == 280
    db.session.refresh(challenge)
    assert challenge.status == ChallengeStatus.CONTRACTED

    # 6. Both sides were told along the way.
    titles = [n.title for n in db.session.scalars(sa.select(Notification).where(Notification.user_id == team.id))]
    assert len(titles) >= 3, titles
