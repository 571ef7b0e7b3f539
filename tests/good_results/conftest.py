"""Fixtures for the good-results selection (山东好成果)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from matchmaker.extensions import db as _db
from matchmaker.models import GoodResultEntry, GoodResultList, ResultEntryStatus, Role


@pytest.fixture
def make_gr_list(db):
    def make(year: int = 2026, target: int = 100, capabilities=(), published: bool = False, **values) -> GoodResultList:
        the_list = GoodResultList(
            year=year,
            target=target,
            title=f"{year}年度山东好成果",
            published_at=datetime.now(UTC) if published else None,
            **values,
        )
        for position, capability in enumerate(capabilities, start=1):
            the_list.entries.append(
                GoodResultEntry(capability=capability, position=position, status=ResultEntryStatus.SELECTED)
            )
        _db.session.add(the_list)
        _db.session.commit()
        return the_list

    return make


@pytest.fixture
def reviewer(make_user, make_org):
    from matchmaker.models import OrgKind

    return make_user(Role.TEAM, org=make_org(OrgKind.INSTITUTE), title="研究员", is_reviewer=True, name="孙研究员")
