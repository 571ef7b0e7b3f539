"""Fixtures for the yearly key-problem list."""

from __future__ import annotations

import pytest

from matchmaker.extensions import db as _db
from matchmaker.models import KeyProblemEntry, KeyProblemList


@pytest.fixture
def make_list(db):
    def make(year: int = 2026, target: int = 100, challenges=(), **values) -> KeyProblemList:
        kp_list = KeyProblemList(year=year, target=target, title=f"{year}年度产业关键技术难题榜单", **values)
        for position, challenge in enumerate(challenges, start=1):
            kp_list.entries.append(KeyProblemEntry(challenge=challenge, position=position))
        _db.session.add(kp_list)
        _db.session.commit()
        return kp_list

    return make
