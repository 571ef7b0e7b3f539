"""The demo data of seed_data/ loads, meets the product's minimums, and re-loads as a no-op."""

from collections import Counter
from pathlib import Path

import pytest
import sqlalchemy as sa

from matchmaker.extensions import db
from matchmaker.models import Capability, Chain, Challenge, Organization, OrgKind
from matchmaker.organizations.credit_code import validate
from matchmaker.seed.loader import demo_users, load_all

SEED_DIR = Path(__file__).resolve().parents[2] / "seed_data"


@pytest.fixture
def seeded(db):
    report = load_all(SEED_DIR)
    db.session.commit()
    return report


def test_second_load_changes_nothing(seeded):
    again = load_all(SEED_DIR)
    assert all(counts == (0, 0) for counts in again.values()), again


def test_eleven_chains_with_real_lexicons(seeded):
    chains = db.session.scalars(sa.select(Chain).order_by(Chain.sort_order)).all()
    assert [c.code for c in chains][:3] == ["it", "equipment", "new-energy"]
    assert len(chains) == 11
    for chain in chains:
        assert len(set(chain.keywords)) >= 30, chain.code
        assert all(" " not in term for term in chain.keywords), "jieba user-dictionary terms have no spaces"


def test_organisations_cover_shandong(seeded):
    orgs = db.session.scalars(sa.select(Organization)).all()
    kinds = Counter(o.kind for o in orgs)
    assert kinds[OrgKind.UNIVERSITY] + kinds[OrgKind.INSTITUTE] >= 25
    assert len({o.city for o in orgs if o.kind == OrgKind.FIRM}) >= 12
    assert all(validate(o.credit_code) == o.credit_code for o in orgs)
    assert any(not o.is_verified for o in orgs), "the verification queue has demo entries"


def test_posts_per_chain(seeded):
    challenges = Counter(
        db.session.scalars(sa.select(Chain.code).join(Challenge, Challenge.primary_chain_id == Chain.id)).all()
    )
    capabilities = Counter(
        db.session.scalars(sa.select(Chain.code).join(Capability, Capability.primary_chain_id == Chain.id)).all()
    )
    assert sum(challenges.values()) >= 110 and min(challenges.values()) >= 10
    assert sum(capabilities.values()) >= 220 and min(capabilities.values()) >= 20
    assert len(challenges) == len(capabilities) == 11


def test_posts_of_pending_organisations_stay_drafts(seeded):
    published_by_pending = db.session.scalar(
        sa.select(sa.func.count())
        .select_from(Challenge)
        .join(Challenge.organization)
        .where(Organization.verified_at.is_(None), Challenge.status != "draft")
    )
    assert published_by_pending == 0


def test_demo_users_can_sign_in(seeded, client):
    for user in demo_users(SEED_DIR):
        response = client.post("/login", data={"email": user["email"], "password": user["password"]})
        assert response.status_code == 302, user["email"]
        assert "您好" in client.get("/").get_data(as_text=True)
        client.post("/logout")
