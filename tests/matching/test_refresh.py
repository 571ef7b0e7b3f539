from datetime import date, timedelta

import sqlalchemy as sa

from matchmaker.extensions import db
from matchmaker.matching.queries import recommendations_for
from matchmaker.models import CapabilityStatus, Match, OutboxMessage, OutboxStatus


def test_saving_posts_caches_tokens_and_stores_explained_matches(battery_pair, saved):
    challenge, answer, decoy = battery_pair
    saved(answer, decoy, challenge)
    assert challenge.tokens and answer.tokens  # cached: a rebuild does not segment again
    recs = recommendations_for(challenge)
    assert recs[0].post.id == answer.id
    assert {"锂离子电池", "回收"} <= set(recs[0].match.terms)
    assert decoy.id not in {r.post.id for r in recs}
    assert (
        db.session.scalar(
            sa.select(sa.func.count()).select_from(OutboxMessage).where(OutboxMessage.status != OutboxStatus.DONE)
        )
        == 0
    )


def test_recommendations_work_in_both_directions(battery_pair, saved):
    challenge, answer, _ = battery_pair
    saved(challenge, answer)
    assert [r.post.id for r in recommendations_for(answer)] == [challenge.id]


def test_ineligible_posts_are_not_recommended(battery_pair, saved, make_org):
    challenge, answer, _ = battery_pair
    saved(challenge, answer)
    answer.organization.verified_at = None  # pending organisation
    db.session.commit()
    assert recommendations_for(challenge) == []
    answer.organization.verified_at = challenge.organization.verified_at
    challenge.deadline = date.today() - timedelta(days=1)  # deadline passed
    db.session.commit()
    assert recommendations_for(answer) == []


def test_own_organisation_is_never_recommended(firm, make_challenge, make_capability, saved, chains):
    # A firm that also posted a capability (e.g. an institute of a group) does not see itself.
    challenge = make_challenge(firm.organization, keywords=["热误差"])
    capability = make_capability(firm.organization, keywords=["热误差"])
    saved(challenge, capability)
    assert recommendations_for(challenge) == []


def test_withdrawing_drops_untouched_suggestions_but_keeps_judged_ones(battery_pair, saved, make_capability, team):
    challenge, answer, _ = battery_pair
    other = make_capability(team.organization, title="锂离子电池回收湿法冶金", keywords=["锂离子电池", "回收"])
    saved(challenge, answer, other)
    judged = db.session.scalar(sa.select(Match).where(Match.capability_id == answer.id))
    judged.feedback = "relevant"
    db.session.commit()
    other.status = CapabilityStatus.WITHDRAWN
    answer.status = CapabilityStatus.WITHDRAWN
    saved(other, answer)
    remaining = {
        m.capability_id for m in db.session.scalars(sa.select(Match).where(Match.challenge_id == challenge.id))
    }
    assert answer.id in remaining and other.id not in remaining


def test_a_later_edit_reaches_a_process_that_loaded_an_older_index(battery_pair, saved, make_org):
    """Another process (reset cache) loads the stored artifact and then the posts changed since."""
    from matchmaker.matching import index_store, operations

    challenge, answer, decoy = battery_pair
    saved(challenge, answer, decoy)
    operations.refresh_changed()  # stores an artifact
    db.session.commit()
    decoy.title, decoy.keywords = "锂离子电池回收新工艺", ["锂离子电池", "回收"]
    saved(decoy)
    index_store.reset()
    index = index_store.current_index()
    assert decoy.id in {int(r.id) for r in index.rank_for("challenge", str(challenge.id), k=5)}


def test_rebuild_stores_an_artifact_and_all_matches(battery_pair):
    from matchmaker.matching import operations
    from matchmaker.models import IndexArtifact

    challenge, answer, _ = battery_pair
    seen = []
    report = operations.rebuild(lambda percent, message: seen.append(percent))
    db.session.commit()
    assert report["challenges"] >= 1 and seen[-1] == 100
    assert db.session.scalar(sa.select(IndexArtifact.version)) == report["version"]
    assert recommendations_for(challenge)[0].post.id == answer.id
    assert not operations.rebuild_needed()


def test_rebuild_fits_the_latent_model_and_stores_it(battery_pair):
    from matchmaker.matching import index_store, operations
    from matchmaker.models import IndexArtifact
    from recommenders import MatchIndex

    operations.rebuild()
    db.session.commit()
    artifact = db.session.scalar(sa.select(IndexArtifact).order_by(IndexArtifact.id.desc()))
    stored = MatchIndex.from_bytes(artifact.data, index_store.tokenizer())
    assert stored.latent is not None  # three posts: enough rows for a basis
    index_store.reset()
    assert index_store.current_index().latent.stamp == stored.latent.stamp


def test_an_artifact_of_an_older_index_format_is_rebuilt_not_fatal(battery_pair):
    from matchmaker.matching import index_store, operations
    from matchmaker.models import IndexArtifact

    challenge, answer, _ = battery_pair
    operations.rebuild()
    db.session.commit()
    old = IndexArtifact(
        version="from-format-1", data=_as_format_1(index_store.current_index()), challenges=1, capabilities=2
    )
    db.session.add(old)
    db.session.commit()
    index_store.reset()
    index = index_store.current_index()  # served from the database meanwhile
    assert index.rank_for("challenge", str(challenge.id))[0].id == str(answer.id)
    operations._set_setting(operations.FINGERPRINT_KEY, index_store.tokenizer().fingerprint)  # format 1's record
    assert operations.rebuild_needed()


def test_caching_tokens_does_not_bump_the_version(battery_pair, saved):
    """The refresh is derived data: a user's next edit with the version they saw must not conflict."""
    challenge, answer, _ = battery_pair
    before = challenge.version
    saved(challenge, answer)
    db.session.expire_all()
    assert db.session.get(type(challenge), challenge.id).version == before
    assert db.session.get(type(challenge), challenge.id).tokens


def test_a_changed_lexicon_makes_a_rebuild_needed(battery_pair, chains):
    from matchmaker.matching import operations

    operations.rebuild()
    db.session.commit()
    assert not operations.rebuild_needed()
    chains["new-energy"].keywords = [*chains["new-energy"].keywords, "固态电解质"]
    db.session.commit()
    assert operations.rebuild_needed()


def test_a_rebuild_that_crashes_leaves_the_previous_index_serving(battery_pair):
    import pytest

    from matchmaker.matching import operations
    from matchmaker.models import IndexArtifact

    _, answer, _ = battery_pair
    operations.rebuild()
    db.session.commit()
    serving = db.session.scalar(sa.select(IndexArtifact.version).order_by(IndexArtifact.id.desc()))
    answer.title, answer.keywords = "完全不同的课题", ["别的"]
    db.session.commit()

    def crash(percent, message):
        if percent >= 45:  # after the new index was built in memory, before it is stored
            raise RuntimeError("worker lost")

    with pytest.raises(RuntimeError):
        operations.rebuild(crash)
    db.session.rollback()
    assert db.session.scalar(sa.select(IndexArtifact.version).order_by(IndexArtifact.id.desc())) == serving


def _as_format_1(index) -> bytes:
    """The index's bytes with the meta a format-1 library wrote (no latent model then)."""
    import io
    import json
    import zipfile

    src, out = zipfile.ZipFile(io.BytesIO(index.to_bytes())), io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for name in src.namelist():
            data = src.read(name)
            if name == "meta.json":
                data = json.dumps({**json.loads(data), "format_version": 1}).encode()
            if not name.startswith("latent."):
                dst.writestr(name, data)
    return out.getvalue()
