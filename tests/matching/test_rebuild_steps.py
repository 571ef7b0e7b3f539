"""The full rebuild in steps: every eligible post keeps recommendations, judged rows stay, a crashed
run resumes, unchanged posts are not segmented again; the per-process index sync settles."""

import pytest
import sqlalchemy as sa

from matchmaker.extensions import db
from matchmaker.matching import index_store, operations, ranking
from matchmaker.matching.queries import recommendations_for
from matchmaker.models import Match, MatchFeedback, OrgKind
from recommenders import MatchIndex

TOPICS = [
    ("锂离子电池", "退役锂离子电池回收浸出工艺，锂回收率低。"),
    ("数控机床", "数控机床主轴热误差补偿，精度漂移。"),
    ("碳纤维", "碳纤维复合材料固化变形控制。"),
    ("工业机器人", "工业机器人减速器寿命与精度保持。"),
]


@pytest.fixture
def crowd(make_org, make_challenge, make_capability, chains):
    """24 challenges and 12 capabilities on four topics, from many organisations."""
    firms = [make_org(OrgKind.FIRM) for _ in range(6)]
    teams = [make_org(OrgKind.UNIVERSITY) for _ in range(4)]
    challenges = [
        make_challenge(firms[n % 6], title=f"{word}难题{n}", problem=text, keywords=[word])
        for n in range(24)
        for word, text in [TOPICS[n % 4]]
    ]
    capabilities = [
        make_capability(teams[n % 4], title=f"{word}技术{n}", description=f"团队研究{text}", keywords=[word])
        for n in range(12)
        for word, text in [TOPICS[n % 4]]
    ]
    return challenges, capabilities


def test_every_eligible_post_keeps_recommendations_after_a_rebuild(crowd, monkeypatch):
    monkeypatch.setattr(ranking, "TOP_K", 2)  # each capability ranks 2 of its 6 challenges
    challenges, capabilities = crowd
    operations.rebuild()
    db.session.commit()
    assert all(recommendations_for(p) for p in [*challenges, *capabilities])


def test_a_rebuild_keeps_judged_rows_and_resumes_after_a_crash(crowd, monkeypatch):
    monkeypatch.setattr(ranking, "TOP_K", 2)
    challenges, capabilities = crowd
    operations.rebuild()
    db.session.commit()
    judged = db.session.scalar(sa.select(Match).where(Match.challenge_id == challenges[0].id))
    judged.feedback = MatchFeedback.IRRELEVANT
    challenges[0].problem, challenges[0].keywords = "完全无关的纺织印染废水处理。", ["印染"]
    db.session.commit()

    def crash(percent, message):
        if percent >= 71:  # in the capability pass: the challenge pass is committed
            raise RuntimeError("worker lost")

    with pytest.raises(RuntimeError):
        operations.rebuild(crash)
    db.session.rollback()
    report = operations.rebuild()
    db.session.commit()
    assert report["resumed"] and report["segmented"] == 0  # the changed post was segmented before the crash
    assert db.session.get(Match, judged.id).feedback == MatchFeedback.IRRELEVANT
    assert all(recommendations_for(p) for p in [*challenges[1:], *capabilities])


def test_a_rebuild_segments_only_posts_whose_text_changed(crowd):
    challenges, _ = crowd
    assert operations.rebuild()["segmented"] == 36
    db.session.commit()
    challenges[3].goal = "新的预期目标：寿命提高一倍"
    db.session.commit()
    assert operations.rebuild()["segmented"] == 1


def test_the_index_sync_does_not_apply_the_same_posts_again(crowd, monkeypatch):
    """Every post changed shortly before the stored index was re-applied on every sync, forever."""
    operations.rebuild()
    db.session.commit()
    index_store.reset()
    index_store.current_index()  # loads the artifact, applies the posts within the clock slack once
    applied = []
    real = MatchIndex.upsert
    monkeypatch.setattr(MatchIndex, "upsert", lambda self, *a, **k: applied.append(a) or real(self, *a, **k))
    index_store.current_index(force=True)
    index_store.current_index(force=True)
    assert applied == []
    challenges, _ = crowd
    challenges[0].title = "改过的标题"
    operations.store_tokens(challenges[0])
    db.session.commit()
    index_store.current_index(force=True)
    assert [(side, doc.id) for side, doc, *_ in applied] == [("challenge", str(challenges[0].id))]
