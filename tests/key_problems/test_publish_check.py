"""Publishing the yearly list says what is missing (count against the target, English titles,
entries the public will not see) and goes ahead only when the organiser confirms."""

from __future__ import annotations

from datetime import timedelta

from matchmaker.extensions import db
from matchmaker.key_problems import operations
from matchmaker.models import ChallengeStatus
from matchmaker.timezones import local_today


def test_a_short_list_without_english_is_not_published_unconfirmed(
    client, login_as, organiser, firm, make_list, make_challenge
):
    english = make_challenge(firm.organization, title="有英文的需求", title_en="Spindle thermal drift")
    bare = make_challenge(firm.organization, title="没有英文的需求")
    kp_list = make_list(challenges=[english, bare])
    login_as(organiser)

    page = client.get("/key-problems/manage/2026").get_data(as_text=True)
    assert "发布前检查" in page
    assert "已选 2 项，距目标 100 项还差 98 项" in page
    assert "1 项尚无英文标题" in page and "没有英文的需求" in page
    assert 'name="confirm_gaps"' in page

    refused = client.post("/key-problems/manage/2026/publish", follow_redirects=True).get_data(as_text=True)
    assert "请勾选确认后再发布" in refused
    db.session.expire_all()
    assert kp_list.published_at is None

    client.post("/key-problems/manage/2026/publish", data={"confirm_gaps": "1"})
    db.session.expire_all()
    assert kp_list.published_at is not None


def test_a_complete_list_publishes_without_a_question(client, login_as, organiser, firm, make_list, make_challenge):
    challenge = make_challenge(firm.organization, title_en="Spindle thermal drift")
    kp_list = make_list(target=1, challenges=[challenge], intro_en="The year's key problems.")
    assert not operations.publish_gaps(kp_list)
    login_as(organiser)
    assert "发布前检查" not in client.get("/key-problems/manage/2026").get_data(as_text=True)
    client.post("/key-problems/manage/2026/publish")
    db.session.expire_all()
    assert kp_list.published_at is not None


def test_gaps_name_withdrawn_and_expired_entries(firm, make_list, make_challenge):
    withdrawn = make_challenge(firm.organization, title_en="Gone", status=ChallengeStatus.WITHDRAWN)
    expired = make_challenge(firm.organization, title_en="Late")
    expired.deadline = local_today() - timedelta(days=1)
    kp_list = make_list(target=2, challenges=[withdrawn, expired], intro_en="Intro")
    gaps = operations.publish_gaps(kp_list)
    assert gaps.short_by == 0 and not gaps.without_english
    assert [e.challenge for e in gaps.not_shown] == [withdrawn]
    assert [e.challenge for e in gaps.past_deadline] == [expired]
