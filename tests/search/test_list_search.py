"""The lists' keyword search (issue 17, item 3): precise, highlighted, filtered, honest when
nothing fits; the API's q= gives the same posts."""

from __future__ import annotations

import re

from matchmaker.matching.search import marks, partial_ids, rank_ids
from matchmaker.models import ChallengeStatus


def _titles(page: str) -> list[str]:
    return [
        re.sub(r"<[^>]+>", "", t) for t in re.findall(r'<h2><a href="/(?:challenges|capabilities)/\d+">(.*?)</a>', page)
    ]


def test_lithium_battery_recycling_finds_only_posts_with_both_words(battery_list, saved, client):
    posts = battery_list()
    saved(*posts.values())
    assert rank_ids("challenge", "锂电池回收") == [posts["answer"].id]
    page = client.get("/challenges/", query_string={"q": "锂电池回收"}).get_data(as_text=True)
    assert _titles(page) == [posts["answer"].title]
    # Both words marked, as the post writes them (锂电池, which the index reads as 锂离子电池).
    assert "<mark>锂电池</mark>" in page and "<mark>回收</mark>" in page


def test_a_post_must_hold_most_of_the_query_words(battery_list, saved, firm, make_challenge, chains):
    posts = battery_list()
    three = make_challenge(
        firm.organization,
        title="退役电池回收产线浸出工艺优化",
        problem="退役电池回收线浸出段酸耗高，锂回收率低。",
        keywords=["回收", "浸出"],
    )
    saved(*posts.values(), three)
    # Three words: all three are needed; the answer holds 锂电池, 回收 and 浸出, `three` lacks 锂电池.
    assert rank_ids("challenge", "锂电池 回收 浸出") == [posts["answer"].id]
    # Four words: three of four are enough, so `three` (回收, 浸出, 酸耗) now fits as well,
    # after the answer, which holds all four.
    assert rank_ids("challenge", "锂电池 回收 浸出 酸耗") == [posts["answer"].id, three.id]


def test_highlight_escapes_a_hostile_title(firm, make_challenge, saved, client):
    post = make_challenge(
        firm.organization, title="<script>alert(1)</script>锂电池回收", problem="锂电池回收 <b>粗体</b> lt &amp;"
    )
    saved(post)
    page = client.get("/challenges/", query_string={"q": "锂电池回收 script lt"}).get_data(as_text=True)
    assert "<script>alert(1)" not in page and "<b>粗体" not in page
    assert "&lt;<mark>script</mark>&gt;alert(1)" in page
    # A query word never matches inside an entity the escaping made ("lt" in "&lt;").
    assert "&<mark>lt</mark>;" not in page and "<mark>lt</mark> &amp;amp;" in page


def test_search_combines_with_filters_and_pagination(battery_list, saved, client, firm, make_challenge, chains, app):
    posts = battery_list()
    more = [
        make_challenge(
            firm.organization,
            title=f"退役锂电池回收拆解线{i}",
            problem="退役锂电池回收拆解自动化程度低。",
            keywords=["锂离子电池", "回收"],
            primary_chain=chains["new-energy"],
            chains=[chains["new-energy"]],
        )
        for i in range(3)
    ]
    contracted = make_challenge(
        firm.organization,
        title="锂电池回收黑粉提锂",
        problem="锂电池回收黑粉提锂收率低。",
        status=ChallengeStatus.CONTRACTED,
    )  # chain 高端装备 (the factory's default)
    saved(*posts.values(), *more, contracted)
    both = {"q": "锂电池回收"}
    assert len(_titles(client.get("/challenges/", query_string=both).get_data(as_text=True))) == 5
    by_chain = client.get("/challenges/", query_string=both | {"chain": "new-energy"}).get_data(as_text=True)
    assert contracted.title not in _titles(by_chain) and len(_titles(by_chain)) == 4
    by_status = client.get("/challenges/", query_string=both | {"status": "contracted"}).get_data(as_text=True)
    assert _titles(by_status) == [contracted.title]
    app.config["PAGE_SIZE"], size = 2, app.config["PAGE_SIZE"]
    try:
        pages = [
            _titles(client.get("/challenges/", query_string=both | {"page": n}).get_data(as_text=True))
            for n in (1, 2, 3)
        ]
    finally:
        app.config["PAGE_SIZE"] = size
    assert [len(p) for p in pages] == [2, 2, 1] and len({t for p in pages for t in p}) == 5


def test_nothing_fits_says_so_and_offers_partial_matches(battery_list, saved, client):
    posts = battery_list(with_answer=False)
    saved(*posts.values())
    assert rank_ids("challenge", "锂电池回收") == []
    assert set(partial_ids("challenge", "锂电池回收")) == {posts["binder"].id, posts["solvent"].id}
    page = client.get("/challenges/", query_string={"q": "锂电池回收"}).get_data(as_text=True)
    assert "没有同时包含“锂电池回收”中大部分关键词的结果" in page
    assert page.count("部分匹配</span>") == 2 and set(_titles(page)) == {p.title for p in posts.values()}
    # Under a filter no partial match passes either: the plain empty state.
    page = client.get("/challenges/", query_string={"q": "锂电池回收", "chain": "marine"}).get_data(as_text=True)
    assert "部分匹配</span>" not in page and "清除筛选" in page


def test_capability_list_searches_the_same_way(battery_pair, saved, client):
    challenge, answer, decoy = battery_pair
    saved(challenge, answer, decoy)
    page = client.get("/capabilities/", query_string={"q": "锂电池回收"}).get_data(as_text=True)
    assert _titles(page) == [answer.title] and "<mark>回收</mark>" in page
    page = client.get("/capabilities/", query_string={"q": "锂电池 热误差"}).get_data(as_text=True)
    assert "部分匹配</span>" in page and set(_titles(page)) == {answer.title, decoy.title}


def test_api_q_lists_the_same_posts(battery_list, saved, client):
    posts = battery_list()
    saved(*posts.values())
    body = client.get("/api/v1/challenges", query_string={"q": "锂电池回收"}).get_json()
    assert [item["id"] for item in body["items"]] == [posts["answer"].id]
    assert client.get("/api/v1/challenges", query_string={"q": "锂电池 甲壳素 壳聚糖"}).get_json()["total"] == 0


def test_marks_hold_the_synonyms_the_posts_may_write(battery_list, saved):
    saved(*battery_list().values())
    assert {"锂电池", "锂离子电池", "回收"} <= set(marks("锂电池回收"))
    assert marks("   ") == []
