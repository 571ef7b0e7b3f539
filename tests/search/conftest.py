import pytest

from matchmaker.models import ChallengeStatus
from tests.matching.conftest import battery_pair, saved  # noqa: F401  (fixtures, shared)


@pytest.fixture
def battery_list(firm, make_org, make_challenge, chains):
    """Challenges around 锂电池回收: each shares one of its two words, or both."""

    def make(*, with_answer: bool = True):
        other = make_org()
        posts = {
            "binder": make_challenge(
                firm.organization,
                title="锂电池粘结剂PVDF凝胶控制",
                problem="锂电池正极浆料用PVDF粘结剂分子量分布宽，浆料凝胶，涂布缺陷多。",
                keywords=["锂离子电池", "粘结剂"],
                primary_chain=chains["new-energy"],
                chains=[chains["new-energy"]],
            ),
            "solvent": make_challenge(
                other,
                title="医药中间体车间DMF溶剂回收",
                problem="车间DMF溶剂回收率低，精馏能耗高，高盐废水难处理。",
                keywords=["溶剂回收", "DMF"],
                primary_chain=chains["equipment"],
                chains=[chains["equipment"]],
            ),
        }
        if with_answer:
            posts["answer"] = make_challenge(
                other,
                title="退役锂电池回收中镍钴锂的高效浸出",
                problem="公司每年回收退役锂电池3000吨，湿法浸出工艺锂回收率只有80%，酸耗高。",
                keywords=["锂离子电池", "回收", "浸出"],
                primary_chain=chains["new-energy"],
                chains=[chains["new-energy"]],
                status=ChallengeStatus.PUBLISHED,
            )
        return posts

    return make
