import pytest

from matchmaker.background import outbox
from matchmaker.extensions import db
from matchmaker.matching.hooks import post_saved
from matchmaker.models import OrgKind


@pytest.fixture
def saved(db):
    """Save posts the way the product does: post_saved in the transaction, dispatch after commit."""

    def save(*posts):
        for post in posts:
            post_saved(post)
        db.session.commit()
        outbox.dispatch_committed()
        return posts

    return save


@pytest.fixture
def battery_pair(firm, team, make_org, make_challenge, make_capability, chains):
    """A challenge and the capability that answers it, plus a decoy on another topic."""
    challenge = make_challenge(
        firm.organization,
        title="退役锂电池回收中镍钴锂的高效浸出",
        problem="公司每年回收退役锂电池3000吨，现有湿法浸出工艺锂回收率只有80%，酸耗高。",
        indicators="锂回收率≥95%，镍钴回收率≥98%",
        goal="形成万吨级退役电池绿色回收工艺包",
        keywords=["锂离子电池", "回收", "浸出"],
        primary_chain=chains["new-energy"],
        chains=[chains["new-energy"]],
    )
    answer = make_capability(
        team.organization,
        title="退役锂离子电池选择性浸出回收技术",
        description="团队研究退役锂离子电池正极材料的低温焙烧与选择性浸出，锂回收率96%，镍钴回收率99%。",
        keywords=["锂离子电池", "回收", "选择性浸出"],
        primary_chain=chains["new-energy"],
        chains=[chains["new-energy"]],
    )
    decoy = make_capability(
        make_org(OrgKind.UNIVERSITY),
        title="数控机床主轴热误差补偿",
        description="基于温度传感器布点优化与神经网络的机床热误差建模和实时补偿。",
        keywords=["数控机床", "热误差"],
    )
    db.session.commit()
    return challenge, answer, decoy
