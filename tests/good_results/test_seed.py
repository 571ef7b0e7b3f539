"""The demo's good results (seed_data/good_results.yaml): a published 2026 selection across the
chains, mostly in English and evaluated, a 2027 one in the making with nominations; the rows obey
the product's rules and re-seeding changes nothing."""

from pathlib import Path

import pytest
import sqlalchemy as sa

from matchmaker.extensions import db
from matchmaker.good_results.kind import GOOD_RESULTS
from matchmaker.models import Capability, GoodResultEntry, GoodResultList, ResultEntryStatus
from matchmaker.seed.loader import load_all
from matchmaker.yearly_lists import queries as shared

SEED_DIR = Path(__file__).resolve().parents[2] / "seed_data"


@pytest.fixture
def seeded(db):
    report = load_all(SEED_DIR)
    db.session.commit()
    return report


def test_a_published_selection_and_one_in_the_making(seeded, client):
    published, draft = (
        db.session.scalar(sa.select(GoodResultList).where(GoodResultList.year == y)) for y in (2026, 2027)
    )
    assert published.published_at is not None and draft.published_at is None
    groups = shared.grouped(GOOD_RESULTS, published, public=True)
    entries = [e for g in groups for e in g.entries]
    assert 15 <= len(entries) <= 20 and len(groups) >= 8
    assert sum(bool(e.english_summary) for e in entries) > len(entries) / 2
    assert all(e.english_title for e in entries) and all(e.evaluated for e in entries)
    for entry in entries:  # the reviewer is from outside the result's organisation
        assert entry.reviewer.is_reviewer and entry.reviewer.organization_id != entry.capability.organization_id
    waiting = [e for e in draft.entries if e.status == ResultEntryStatus.NOMINATED]
    assert waiting and all(e.nominated_by.organization_id == e.capability.organization_id for e in waiting)
    products = db.session.scalar(sa.select(sa.func.count()).select_from(Capability).where(Capability.product != ""))
    assert products >= 10

    page = client.get("/good-results/").get_data(as_text=True)
    assert "2026年度山东好成果" in page and "板带表面缺陷在线检测仪" in page


def test_second_load_changes_nothing(seeded):
    rows = db.session.scalar(sa.select(sa.func.count()).select_from(GoodResultEntry))
    again = load_all(SEED_DIR)
    db.session.commit()
    assert again["good_results"] == (0, 0), again
    assert db.session.scalar(sa.select(sa.func.count()).select_from(GoodResultEntry)) == rows
