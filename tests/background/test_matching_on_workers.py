"""Publish a challenge through the web while a real Celery worker runs (PostgreSQL, Redis):
the worker caches its tokens and stores its explained matches."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa

from matchmaker.background.outbox import dispatch_committed
from matchmaker.extensions import db
from matchmaker.matching.hooks import post_saved
from matchmaker.models import Capability, CapabilityStatus, Chain, Challenge, Match, Organization, OrgKind, Role, User
from matchmaker.organizations.credit_code import fictional
from tests.background import services
from tests.background.test_services import live, pg_app, read, signed_in, workers  # noqa: F401 (fixtures)
from tests.conftest import PASSWORD

pytestmark = pytest.mark.services


def _world(app) -> tuple[int, str, int]:
    with app.app_context():
        chain = Chain(code="new-energy", name="新能源装备", keywords=["锂离子电池", "正极材料"], sort_order=1)
        now = datetime.now(UTC)
        firm = Organization(
            kind=OrgKind.FIRM,
            name="测试电池企业",
            city="枣庄市",
            verified_at=now,
            credit_code=fictional("workers-firm", "枣庄市"),
        )
        team = Organization(
            kind=OrgKind.UNIVERSITY,
            name="测试大学",
            city="济南市",
            verified_at=now,
            credit_code=fictional("workers-team", "济南市", "12"),
        )
        user = User(organization=firm, email="firm@example.cn", name="企业用户", role=Role.FIRM)
        user.set_password(PASSWORD)
        capability = Capability(
            organization=team,
            title="退役锂离子电池选择性浸出回收",
            team_name="资源循环团队",
            leader="赵教授",
            description="退役锂离子电池正极材料低温焙烧与选择性浸出，锂回收率96%。",
            trl=6,
            keywords=["锂离子电池", "回收"],
            primary_chain=chain,
            chains=[chain],
            status=CapabilityStatus.PUBLISHED,
            published_at=now,
        )
        db.session.add_all([chain, user, capability])
        db.session.flush()
        post_saved(capability)
        db.session.commit()
        dispatch_committed()
        ids = chain.id, user.email, capability.id
        db.session.remove()
    return ids


def test_publishing_a_challenge_on_the_web_gets_matches_from_the_worker(live, workers):  # noqa: F811
    chain_id, email, capability_id = _world(live)
    workers.start("w1")
    response = signed_in(live, email).post(
        "/challenges/new",
        data={
            "title": "退役锂电池回收锂收率提升",
            "chain": str(chain_id),
            "chain_extra": "",
            "mode": "matchmaking",
            "problem": "每年回收退役锂电池3000吨，湿法浸出锂回收率只有80%。",
            "indicators": "锂回收率≥95%",
            "goal": "形成绿色回收工艺包",
            "keywords": "锂离子电池、回收",
            "solution_mode": "cooperative",
            "deadline": (date.today() + timedelta(days=90)).isoformat(),
            "contact_name": "王工",
            "contact_phone": "0632-88880000",
            "publish": "1",
        },
    )
    assert response.status_code == 302
    challenge_id = read(live, lambda: db.session.scalar(sa.select(Challenge.id)))

    def matched():
        return db.session.scalar(sa.select(Match).where(Match.challenge_id == challenge_id))

    services.wait_for(lambda: read(live, matched), 60, "the worker's matches")
    match = read(live, matched)
    assert match.capability_id == capability_id and "锂离子电池" in match.terms
    # The tokens are cached by the same task; under load the read may come a moment before its commit.
    services.wait_for(
        lambda: read(live, lambda: db.session.scalar(sa.select(Challenge.tokens).where(Challenge.id == challenge_id))),
        30,
        "the challenge's cached tokens",
    )
