"""A small, hand-countable year (2025) for the dashboard. The expected figures in the tests are
worked out by hand from this file; comments say which rows count where.

Chains E (equipment) and N (new-energy). Firms A (济南市) and B (青岛市); teams T1 (济南市), T2 (淄博市).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest

from matchmaker.extensions import db as _db
from matchmaker.models import (
    Agreement,
    ChallengeStatus,
    Deal,
    DealSource,
    DealStage,
    Event,
    EventParticipant,
    EventStatus,
    KeyProblemEntry,
    KeyProblemList,
    Match,
    Meeting,
    MeetingOutcome,
    MeetingSource,
    MeetingStatus,
    OrgKind,
    OutcomeKind,
    OutcomeSide,
    ParticipantSource,
    ParticipantStatus,
    Role,
    Side,
    event_chains,
)

YEAR = 2025


def at(y: int, m: int, d: int, hour: int = 4) -> datetime:
    return datetime(y, m, d, hour, tzinfo=UTC)


@pytest.fixture
def year_2025(chains, make_org, make_user, make_challenge, make_capability):
    E, N = chains["equipment"], chains["new-energy"]
    a = make_org(OrgKind.FIRM, name="甲精机股份", city="济南市")
    b = make_org(OrgKind.FIRM, name="乙储能科技", city="青岛市")
    t1 = make_org(OrgKind.UNIVERSITY, name="丙大学", city="济南市")
    t2 = make_org(OrgKind.UNIVERSITY, name="丁理工大学", city="淄博市")

    def challenge(org, chain, published, status=ChallengeStatus.PUBLISHED):
        made = make_challenge(org, status=status, primary_chain=chain, chains=[chain])
        made.published_at = published
        return made

    c1 = challenge(a, E, at(2025, 3, 1))
    c2 = challenge(a, E, at(2025, 5, 1), ChallengeStatus.CONTRACTED)
    c3 = challenge(b, N, at(2025, 4, 1))
    c4 = challenge(b, N, datetime(2024, 12, 31, 17, tzinfo=UTC))  # 1 January 2025, 01:00 in China
    c5 = challenge(a, E, at(2025, 2, 1), ChallengeStatus.WITHDRAWN)  # never counted
    c6 = challenge(b, E, at(2024, 6, 1))  # an earlier year's, still open demand
    challenge(a, E, None, ChallengeStatus.DRAFT)

    def capability(org, chain):
        made = make_capability(org, primary_chain=chain, chains=[chain])
        made.published_at = at(2025, 2, 1)
        return made

    k1, k2, k3 = capability(t1, E), capability(t2, N), capability(t2, E)
    for ch, cap in ((c1, k1), (c1, k2), (c3, k2), (c4, k3), (c6, k1), (c5, k1)):
        _db.session.add(Match(challenge=ch, capability=cap, score=0.5))

    def event(title, starts, status, chain_list, city="济南市"):
        made = Event(title=title, starts_on=starts, ends_on=starts, status=status, city=city)
        _db.session.add(made)
        _db.session.flush()
        for position, chain in enumerate(chain_list):
            _db.session.execute(event_chains.insert().values(event_id=made.id, chain_id=chain.id, position=position))
        return made

    ev1 = event("高端装备专场", date(2025, 3, 20), EventStatus.HELD, [E])
    ev2 = event("新能源装备专场", date(2025, 6, 10), EventStatus.CLOSED, [N, E], city="青岛市")  # main chain N
    event("取消的专场", date(2025, 7, 1), EventStatus.CANCELLED, [E])
    event("草稿专场", date(2025, 8, 1), EventStatus.DRAFT, [E])

    def place(ev, org, side, status=ParticipantStatus.ACCEPTED):
        made = EventParticipant(event=ev, organization=org, side=side, status=status, source=ParticipantSource.MANUAL)
        _db.session.add(made)
        return made

    a1, t1_1, t2_1 = place(ev1, a, Side.FIRM), place(ev1, t1, Side.TEAM), place(ev1, t2, Side.TEAM)
    place(ev1, b, Side.FIRM, ParticipantStatus.DECLINED)
    b2, t2_2 = place(ev2, b, Side.FIRM, ParticipantStatus.APPROVED), place(ev2, t2, Side.TEAM)
    _db.session.flush()

    def meeting(ev, firm, team, slot, status=MeetingStatus.SCHEDULED):
        made = Meeting(
            event=ev, firm=firm, team=team, slot=slot, table="A1", source=MeetingSource.ORGANISER, status=status
        )
        _db.session.add(made)
        return made

    m1, m2 = meeting(ev1, a1, t1_1, 0), meeting(ev1, a1, t2_1, 1)
    meeting(ev1, a1, t1_1, 2, MeetingStatus.CANCELLED)
    m4, m5 = meeting(ev2, b2, t2_2, 0), meeting(ev2, b2, t2_2, 1, MeetingStatus.NO_SHOW)
    _db.session.flush()
    for m, side, kind, amount in (
        (m1, OutcomeSide.FIRM, OutcomeKind.INTENT, None),
        (m1, OutcomeSide.TEAM, OutcomeKind.FOLLOW_UP, None),
        (m2, OutcomeSide.FIRM, OutcomeKind.NO_INTEREST, None),
        (m4, OutcomeSide.TEAM, OutcomeKind.AGREEMENT, Decimal(50)),
        (m5, OutcomeSide.FIRM, OutcomeKind.INTENT, None),  # a no-show meeting: not counted
    ):
        _db.session.add(MeetingOutcome(meeting=m, side=side, kind=kind, amount=amount))

    manager = make_user(Role.ORGANISER, name="王经理", is_tech_manager=True)
    ag1 = Agreement(challenge=c2, organization_id=t1.id, amount=Decimal(120), signed_on=date(2025, 5, 5))
    ag2 = Agreement(challenge=c3, organization_id=t2.id, amount=Decimal(80), signed_on=date(2025, 9, 1))  # no deal
    ag3 = Agreement(challenge=c1, organization_id=t1.id, amount=Decimal(10), signed_on=date(2024, 11, 1))  # 2024
    _db.session.add_all([ag1, ag2, ag3])
    _db.session.flush()
    long_ago = datetime.now(UTC) - timedelta(days=30)

    def deal(title, firm, team, chain, stage, created, **values):
        made = Deal(
            title=title, firm=firm, team=team, chain=chain, stage=stage, source=DealSource.MANUAL,
            created_at=created, last_action_at=values.pop("last_action_at", datetime.now(UTC)), **values,
        )  # fmt: skip
        _db.session.add(made)
        return made

    deal("储能签约", b, t2, N, DealStage.IMPLEMENTING, at(2025, 6, 11), event=ev2, meeting=m4,
         amount=Decimal(50), signed_on=date(2025, 6, 20), manager=manager, last_action_at=long_ago)  # fmt: skip
    deal("主轴签约", a, t1, E, DealStage.IMPLEMENTING, at(2025, 3, 21), event=ev1, meeting=m1, agreement=ag1)
    stale = deal("主轴会商", a, t2, E, DealStage.NEGOTIATING, at(2025, 3, 22), manager=manager, last_action_at=long_ago)
    deal("电池对接", b, t1, N, DealStage.IMPLEMENTING, at(2025, 7, 1))  # 落实 but no amount: not an agreement

    kp_list = KeyProblemList(year=YEAR, target=100, title="2025年度榜单")
    for position, ch in enumerate((c1, c3, c4), start=1):
        kp_list.entries.append(KeyProblemEntry(challenge=ch, position=position))
    _db.session.add(kp_list)
    _db.session.commit()
    return SimpleNamespace(E=E, N=N, a=a, b=b, t1=t1, t2=t2, ev1=ev1, ev2=ev2, manager=manager, stale=stale, c1=c1)
