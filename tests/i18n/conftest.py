"""A published yearly list with one entry translated into English and one in Chinese only."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from matchmaker.extensions import db as _db
from matchmaker.models import KeyProblemEntry, KeyProblemList


@pytest.fixture
def published_list(firm, chains, make_challenge) -> KeyProblemList:
    chains["equipment"].name_en = "High-End Equipment"
    translated = make_challenge(firm.organization, title="主轴热变形补偿", title_en="Spindle thermal growth")
    chinese_only = make_challenge(firm.organization, title="只有中文的难题")
    kp_list = KeyProblemList(
        year=2026,
        target=100,
        title="2026年度产业关键技术难题榜单",
        intro="面向全球发布",
        published_at=datetime(2026, 3, 5, 20, 0, tzinfo=UTC),  # 6 March in China
    )
    kp_list.entries.append(KeyProblemEntry(challenge=translated, position=1, summary_en="Grows 25 um in 4 h."))
    kp_list.entries.append(KeyProblemEntry(challenge=chinese_only, position=2))
    _db.session.add(kp_list)
    earlier = KeyProblemList(year=2025, target=100, title="2025年度榜单", published_at=datetime(2025, 3, 1, tzinfo=UTC))
    _db.session.add(earlier)
    _db.session.commit()
    return kp_list
