"""The demo's work in progress (seed_data/workflow.yaml): every step of the workflow has rows, the
rows obey the product's rules, the demo users meet them, and re-seeding changes nothing."""

from collections import Counter
from pathlib import Path

import pytest
import sqlalchemy as sa

from matchmaker.extensions import db
from matchmaker.models import (
    AccessRequest,
    AccessStatus,
    Agreement,
    KeyProblemList,
    Notification,
    Proposal,
    ProposalStatus,
    Review,
    ReviewStatus,
    User,
)
from matchmaker.seed.loader import load_all
from matchmaker.timezones import local_today, to_local

SEED_DIR = Path(__file__).resolve().parents[2] / "seed_data"


@pytest.fixture
def seeded(db):
    report = load_all(SEED_DIR)
    db.session.commit()
    return report


def _count(model, *where) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model).where(*where))


def test_a_realistic_spread_of_work_in_progress(seeded):
    assert seeded["workflow"][0] > 0
    access = Counter(db.session.scalars(sa.select(AccessRequest.status)))
    assert access[AccessStatus.PENDING] >= 2 and access[AccessStatus.APPROVED] >= 2 and access[AccessStatus.DECLINED]
    proposals = Counter(db.session.scalars(sa.select(Proposal.status)))
    for status in (ProposalStatus.SUBMITTED, ProposalStatus.SHORTLISTED, ProposalStatus.SELECTED):
        assert proposals[status] >= 1, status
    reviews = Counter(db.session.scalars(sa.select(Review.status)))
    assert reviews[ReviewStatus.DONE] >= 1 and reviews[ReviewStatus.REQUESTED] >= 1
    assert _count(Agreement) >= 1

    kp_list = db.session.scalar(sa.select(KeyProblemList).where(KeyProblemList.year == local_today().year))
    assert kp_list.published_at is not None and len(kp_list.entries) >= 20
    with_english = [e for e in kp_list.entries if e.title_en]
    assert 0 < len(with_english) < len(kp_list.entries)


def test_the_seeded_rows_obey_the_workflow_rules(seeded):
    for agreement in db.session.scalars(sa.select(Agreement)):
        proposal = agreement.proposal
        assert proposal.status == ProposalStatus.SELECTED
        assert agreement.challenge.status.value == "contracted"
        assert to_local(proposal.created_at).date() <= agreement.signed_on <= local_today()
        assert agreement.signed_on >= to_local(proposal.decided_at).date()
    for review in db.session.scalars(sa.select(Review)):
        proposal, reviewer = review.proposal, review.reviewer
        assert reviewer.is_reviewer
        assert reviewer.organization_id not in (proposal.organization_id, proposal.challenge.organization_id)
        rivals = {
            p.organization_id
            for p in db.session.scalars(sa.select(Proposal).filter_by(challenge_id=proposal.challenge_id))
        }
        assert reviewer.organization_id not in rivals
    for proposal in db.session.scalars(sa.select(Proposal)):
        assert proposal.organization.is_verified
        if proposal.status != ProposalStatus.SUBMITTED:
            assert proposal.challenge.status.value in ("in_review", "contracted", "closed")


def test_second_load_changes_nothing_and_sends_no_second_notice(seeded):
    notes = _count(Notification)
    again = load_all(SEED_DIR)
    db.session.commit()
    assert again["workflow"] == (0, 0), again
    assert _count(Notification) == notes


def test_demo_users_meet_the_work(seeded, client):
    def sign_in(email: str, password: str):
        client.post("/logout")
        assert client.post("/login", data={"email": email, "password": password}).status_code == 302

    sign_in("firm@demo.cn", "Demo-firm-2026")
    firm = db.session.scalar(sa.select(User).filter_by(email="firm@demo.cn"))
    assert "待审批" in client.get("/access/requests").get_data(as_text=True)
    assert _count(Notification, Notification.user_id == firm.id) >= 3
    sign_in("team@demo.cn", "Demo-team-2026")
    assert "评审" in client.get("/proposals/reviews").get_data(as_text=True)
    mine = client.get("/proposals/mine").get_data(as_text=True)
    assert "中选" in mine and "万元" in mine
    sign_in("expert@demo.cn", "Demo-expert-2026")
    assert client.get("/proposals/reviews").status_code == 200
    html = client.get(f"/key-problems/{local_today().year}").get_data(as_text=True)
    assert "大型结构件焊缝外观缺陷在线视觉检测" in html
