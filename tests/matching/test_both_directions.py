"""A Match row serves both directions: one side's pass must never drop a pair the other side ranks.

The fault this guards against: after a full rebuild at 10k + 10k, 1,718 challenges had no stored
recommendations, because each capability's pass deleted every row outside its own top list,
even rows in a challenge's top list. TOP_K is lowered so a handful of posts shows the same thing.
"""

import pytest
import sqlalchemy as sa

from matchmaker.extensions import db
from matchmaker.matching import operations, ranking
from matchmaker.matching.queries import recommendations_for
from matchmaker.models import Match, OrgKind

STRONG = dict(
    problem="退役锂离子电池正极材料选择性浸出，锂回收率低，酸耗高。",
    indicators="锂回收率≥95%，镍钴回收率≥98%",
    goal="退役锂离子电池回收绿色工艺",
    keywords=["锂离子电池", "回收", "选择性浸出"],
)


@pytest.fixture
def crowded(firm, team, make_org, make_challenge, make_capability, chains):
    """`weak` ranks `answer` first, but `answer` prefers three other challenges to `weak`."""
    energy = {"primary_chain": chains["new-energy"], "chains": [chains["new-energy"]]}
    weak = make_challenge(
        firm.organization,
        title="储能电站电池热管理",
        problem="储能电站锂离子电池簇温差大，夏季需要降温。",
        indicators="温差≤3℃",
        goal="电池热管理方案",
        keywords=["锂离子电池", "热管理"],
        **energy,
    )
    strong = [
        make_challenge(make_org(OrgKind.FIRM), title=f"退役锂离子电池选择性浸出回收{n}", **STRONG, **energy)
        for n in range(3)
    ]
    answer = make_capability(
        team.organization,
        title="退役锂离子电池选择性浸出回收技术",
        description="团队研究退役锂离子电池正极材料的选择性浸出回收，锂回收率96%，镍钴回收率99%。",
        keywords=["锂离子电池", "回收", "选择性浸出"],
        **energy,
    )
    db.session.commit()
    return weak, strong, answer


def test_a_capability_refresh_keeps_the_pairs_challenges_rank(crowded, saved, monkeypatch):
    monkeypatch.setattr(ranking, "TOP_K", 2)
    weak, strong, answer = crowded
    saved(weak, *strong)  # each challenge stores its top list, `answer` first for `weak`
    assert [r.post.id for r in recommendations_for(weak)] == [answer.id]
    saved(answer)  # the capability's own top 2 are strong challenges, not `weak`
    assert [r.post.id for r in recommendations_for(weak)] == [answer.id]
    assert len(recommendations_for(answer)) >= 2


def test_a_rebuild_leaves_every_post_its_top_list_in_both_directions(crowded, monkeypatch):
    monkeypatch.setattr(ranking, "TOP_K", 2)
    weak, strong, answer = crowded
    operations.rebuild()
    db.session.commit()
    assert [r.post.id for r in recommendations_for(weak)] == [answer.id]
    for challenge in strong:
        assert [r.post.id for r in recommendations_for(challenge)] == [answer.id]
    # The union of the top lists, nothing else: answer's own top 2 and the pairs the challenges rank.
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Match)) == 4
    assert recommendations_for(answer)[-1].post.id == weak.id
