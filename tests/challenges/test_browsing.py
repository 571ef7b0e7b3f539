"""The challenge list: filters, keyword search, sorting, pagination; bad values are ignored."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from matchmaker.challenges import queries
from matchmaker.models import ChallengeMode, ChallengeStatus, OrgKind, Role


def titles(body: str) -> list[str]:
    """Titles of the challenge cards, in page order."""
    return re.findall(r'<a href="/challenges/\d+">([^<]+)</a>', body)


@pytest.fixture
def listed(make_org, make_challenge, chains):
    """Four challenges that differ in every filterable way."""
    jinan = make_org(OrgKind.FIRM)
    qingdao = make_org(OrgKind.FIRM)
    qingdao.city = "青岛市"
    institute = make_org(OrgKind.INSTITUTE)
    today = date.today()
    now = datetime.now(UTC)
    made = {
        "机床": make_challenge(
            jinan, budget_min=Decimal(50), budget_max=Decimal(100), deadline=today + timedelta(days=30)
        ),
        "电池": make_challenge(
            qingdao,
            primary_chain=chains["new-energy"],
            chains=[chains["new-energy"]],
            mode=ChallengeMode.OPEN_CALL,
            budget_min=None,
            budget_max=Decimal(800),
            deadline=today + timedelta(days=10),
        ),
        "评审": make_challenge(institute, status=ChallengeStatus.IN_REVIEW, deadline=None),
        "草稿": make_challenge(jinan, status=ChallengeStatus.DRAFT),
    }
    for n, (name, challenge) in enumerate(made.items()):
        challenge.title = f"需求{name}"
        challenge.published_at = now - timedelta(days=n)
    return made


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["需求机床", "需求电池", "需求评审"]),
        ("?chain=new-energy", ["需求电池"]),
        ("?city=青岛市", ["需求电池"]),
        ("?org_kind=institute", ["需求评审"]),
        ("?mode=open_call", ["需求电池"]),
        ("?status=in_review", ["需求评审"]),
        ("?budget_min=200", ["需求电池"]),
        ("?budget_max=100", ["需求机床"]),
        ("?budget_min=60&budget_max=90", ["需求机床"]),
        ("?budget_min=900&budget_max=60", ["需求机床", "需求电池"]),  # reversed range read as meant
        ("?sort=deadline", ["需求电池", "需求机床", "需求评审"]),
        ("?sort=budget", ["需求电池", "需求机床", "需求评审"]),
        ("?sort=newest", ["需求机床", "需求电池", "需求评审"]),
        ("?chain=new-energy&city=济南市", []),
    ],
)
def test_filters_and_sorting(client, listed, query, expected):
    response = client.get(f"/challenges/{query}")

    assert response.status_code == 200
    assert titles(response.get_data(as_text=True)) == expected


@pytest.mark.parametrize(
    "query",
    [
        "?chain=no-such-chain-" + "x" * 200,
        "?city=<script>",
        "?status=draft",  # not for the public
        "?status=bogus&mode=bogus&org_kind=bogus&sort=bogus",
        "?budget_min=abc&budget_max=1e999",
        "?budget_min=-1&budget_max=NaN",
        "?page=abc",
        "?page=-3",
        "?page=99999",
    ],
)
def test_bad_filter_values_are_ignored(client, listed, query):
    response = client.get(f"/challenges/{query}")

    assert response.status_code == 200
    found = titles(response.get_data(as_text=True))
    assert "需求草稿" not in found


def test_organisers_may_filter_drafts(login_as, make_user, listed):
    client = login_as(make_user(Role.ORGANISER))

    assert titles(client.get("/challenges/?status=draft").get_data(as_text=True)) == ["需求草稿"]


def test_search_restricts_and_orders_by_rank_ids(client, listed, monkeypatch):
    asked = []

    def rank_ids(side, text, limit=500):
        asked.append((side, text))
        return [listed["评审"].id, listed["草稿"].id, listed["机床"].id]

    monkeypatch.setattr(queries, "rank_ids", rank_ids)

    body = client.get("/challenges/?q=锂电池回收").get_data(as_text=True)

    assert asked == [("challenge", "锂电池回收")]
    assert titles(body) == ["需求评审", "需求机床"]  # ranked order; the draft stays hidden
    assert 'value="锂电池回收"' in body
    sorted_body = client.get("/challenges/?q=锂电池回收&sort=newest").get_data(as_text=True)
    assert titles(sorted_body) == ["需求机床", "需求评审"]


def test_search_without_hits_says_what_to_do(client, listed, monkeypatch):
    monkeypatch.setattr(queries, "rank_ids", lambda side, text, limit=500: [])

    body = client.get("/challenges/?q=不存在的技术").get_data(as_text=True)

    assert titles(body) == []
    assert "试试换个关键词" in body


def test_pagination_keeps_the_filters(app, client, make_org, make_challenge, chains):
    org = make_org()
    for n in range(app.config["PAGE_SIZE"] + 1):
        make_challenge(org, title=f"储能需求{n}", primary_chain=chains["new-energy"], chains=[chains["new-energy"]])
    make_challenge(org, title="机床需求")

    body = client.get("/challenges/?chain=new-energy&sort=newest").get_data(as_text=True)

    assert re.search(r'href="/challenges/\?chain=new-energy&amp;sort=newest&amp;page=2"', body)
    second = client.get("/challenges/?chain=new-energy&sort=newest&page=2").get_data(as_text=True)
    assert len(titles(second)) == 1
    assert "机床需求" not in second
