"""Building the year's selection: organisers select published results, teams nominate only their
own published ones, an invited reviewer evaluates, and publication checks what is missing."""

from __future__ import annotations

import sqlalchemy as sa

from matchmaker.extensions import db
from matchmaker.good_results import operations, queries
from matchmaker.good_results.kind import GOOD_RESULTS
from matchmaker.models import (
    AuditLog,
    CapabilityStatus,
    GoodResultEntry,
    Notification,
    ResultCategory,
    ResultEntryStatus,
    Role,
)
from matchmaker.yearly_lists import queries as shared


def test_organiser_creates_a_year_and_selects_only_published_results(
    client, login_as, organiser, team, make_capability
):
    published = make_capability(team.organization, title_en="Thermal error compensation")
    draft = make_capability(team.organization, status=CapabilityStatus.DRAFT)
    login_as(organiser)

    response = client.post("/good-results/manage", data={"year": 2026, "target": 80, "title": ""})
    assert response.headers["Location"].endswith("/good-results/manage/2026")
    the_list = queries.by_year(2026)
    assert (the_list.title, the_list.target) == ("2026年度山东好成果", 80)

    client.post("/good-results/manage/2026/entries", data={"challenge_id": published.id})
    refused = client.post("/good-results/manage/2026/entries", data={"challenge_id": draft.id}, follow_redirects=True)
    assert "只能选入已发布的科研成果" in refused.get_data(as_text=True)

    db.session.expire_all()
    [entry] = the_list.entries
    assert entry.capability_id == published.id and entry.status == ResultEntryStatus.SELECTED
    assert entry.title_en == "Thermal error compensation"  # prefilled from the capability
    assert shared.entry_count(GOOD_RESULTS, the_list.id) == 1


def test_team_nominates_only_its_own_published_results(
    client, login_as, team, make_user, make_capability, make_gr_list
):
    own = make_capability(team.organization, title="本单位的成果")
    own_draft = make_capability(team.organization, status=CapabilityStatus.DRAFT)
    other_team = make_user(Role.TEAM)
    foreign = make_capability(other_team.organization, title="别人的成果")
    the_list = make_gr_list()
    login_as(team)

    page = client.get("/good-results/mine").get_data(as_text=True)
    assert "本单位的成果" in page and "别人的成果" not in page and own_draft.title not in page

    client.post("/good-results/nominate", data={"capability_id": foreign.id})
    client.post("/good-results/nominate", data={"capability_id": own_draft.id})
    bad = client.post("/good-results/nominate", data={"capability_id": "99999999999"}, follow_redirects=True)
    assert bad.status_code == 200 and "请从列出的选项中选择" in bad.get_data(as_text=True)
    client.post("/good-results/nominate", data={"capability_id": own.id})

    db.session.expire_all()
    [entry] = the_list.entries
    assert entry.capability_id == own.id and entry.status == ResultEntryStatus.NOMINATED
    assert entry.nominated_by_id == team.id
    # A nomination is not on the list until organisers accept it.
    assert shared.entry_count(GOOD_RESULTS, the_list.id) == 0
    assert shared.grouped(GOOD_RESULTS, the_list, public=False) == []


def test_nominate_operation_refuses_another_organisations_result(team, make_user, make_capability, make_gr_list):
    foreign = make_capability(make_user(Role.TEAM).organization)
    the_list = make_gr_list()
    try:
        operations.nominate(the_list, foreign, team)
    except operations.ListError as error:
        assert "本单位" in str(error)
    else:
        raise AssertionError("a team nominated another organisation's result")


def test_nominations_go_into_the_open_year_only(client, login_as, team, make_capability, make_gr_list):
    make_gr_list(year=2026, published=True)
    login_as(team)
    assert "没有正在遴选" in client.get("/good-results/mine").get_data(as_text=True)
    response = client.post("/good-results/nominate", data={"capability_id": make_capability(team.organization).id})
    assert response.status_code == 302
    assert db.session.scalar(sa.select(sa.func.count()).select_from(GoodResultEntry)) == 0


def test_organiser_accepts_or_declines_a_nomination_and_the_team_is_told(
    client, login_as, organiser, team, make_capability, make_gr_list
):
    the_list = make_gr_list()
    kept, dropped = make_capability(team.organization), make_capability(team.organization)
    for capability in (kept, dropped):
        operations.nominate(the_list, capability, team)
    db.session.commit()
    entries = {e.capability_id: e for e in the_list.entries}
    login_as(organiser)

    page = client.get("/good-results/manage/2026").get_data(as_text=True)
    assert "团队推荐（待遴选）" in page and kept.title in page

    client.post(f"/good-results/manage/2026/entries/{entries[kept.id].id}/accept")
    client.post(f"/good-results/manage/2026/entries/{entries[dropped.id].id}/remove")

    db.session.expire_all()
    assert [(e.capability_id, e.status) for e in the_list.entries] == [(kept.id, ResultEntryStatus.SELECTED)]
    titles = db.session.scalars(sa.select(Notification.title).where(Notification.user_id == team.id)).all()
    assert any("入选" in t and "候选" in t for t in titles) and any("未入选" in t for t in titles)


def test_an_invited_reviewer_evaluates_once(
    client, login_as, organiser, team, reviewer, make_user, make_capability, make_gr_list
):
    capability = make_capability(team.organization, trl=6)
    entry = make_gr_list(capabilities=[capability]).entries[0]
    login_as(organiser)
    choices = client.get(f"/good-results/manage/2026/entries/{entry.id}/reviewer").get_data(as_text=True)
    assert "孙研究员" in choices
    client.post(f"/good-results/manage/2026/entries/{entry.id}/reviewer", data={"reviewer_id": reviewer.id})
    db.session.expire_all()
    assert entry.reviewer_id == reviewer.id
    client.post("/logout")

    stranger = make_user(Role.TEAM, title="教授", is_reviewer=True)
    login_as(stranger)
    assert client.get(f"/good-results/entries/{entry.id}/evaluate").status_code == 404
    client.post("/logout")

    login_as(reviewer)
    assert capability.title in client.get("/good-results/reviews").get_data(as_text=True)
    form = client.get(f"/good-results/entries/{entry.id}/evaluate").get_data(as_text=True)
    assert '<option selected value="6">' in form  # the team's own TRL is the starting point
    missing = client.post(f"/good-results/entries/{entry.id}/evaluate", data={"category": "nonsense", "eval_trl": "7"})
    text = missing.get_data(as_text=True)
    assert "请从列出的选项中选择" in text and "请填写评价意见" in text
    assert '<option selected value="7">' in text  # what was typed stays

    client.post(
        f"/good-results/entries/{entry.id}/evaluate",
        data={"category": "transfer_ready", "eval_trl": "7", "ip_status": "授权发明专利3项", "comment": "补偿效果好。"},
    )
    db.session.expire_all()
    assert (entry.category, entry.eval_trl, entry.ip_status) == (ResultCategory.TRANSFER_READY, 7, "授权发明专利3项")
    assert entry.reviewed_at is not None
    again = client.post(
        f"/good-results/entries/{entry.id}/evaluate",
        data={"category": "basic", "eval_trl": "2", "ip_status": "x", "comment": "改写"},
    )
    assert again.status_code == 200
    db.session.expire_all()
    assert entry.category == ResultCategory.TRANSFER_READY  # written once
    assert db.session.scalar(sa.select(AuditLog).where(AuditLog.action == "good_results.evaluated")) is not None


def test_reviewer_from_the_results_own_organisation_is_refused(
    organiser, team, make_user, make_capability, make_gr_list
):
    colleague = make_user(Role.TEAM, org=team.organization, title="教授", is_reviewer=True)
    not_appointed = make_user(Role.TEAM, title="教授")
    entry = make_gr_list(capabilities=[make_capability(team.organization)]).entries[0]
    assert colleague not in queries.reviewers_for(entry)
    for who in (colleague, not_appointed):
        try:
            operations.assign_reviewer(entry, who, organiser)
        except operations.ListError:
            pass
        else:
            raise AssertionError(f"{who.name} was invited")


def test_publish_check_names_unevaluated_entries_and_waiting_nominations(
    client, login_as, organiser, team, make_capability, make_gr_list
):
    evaluated = make_capability(team.organization, title="已评价成果", title_en="Evaluated")
    bare = make_capability(team.organization, title="未评价成果", title_en="Bare")
    the_list = make_gr_list(target=2, capabilities=[evaluated, bare], intro_en="Results")
    done = the_list.entries[0]
    done.category, done.eval_trl, done.ip_status, done.comment = ResultCategory.APPLIED, 5, "专利", "好"
    from datetime import UTC, datetime

    done.reviewed_at = datetime.now(UTC)
    operations.nominate(the_list, make_capability(team.organization), team)
    db.session.commit()

    gaps = operations.publish_gaps(the_list)
    assert gaps.short_by == 0 and [e.capability for e in gaps.not_evaluated] == [bare] and gaps.nominations == 1
    login_as(organiser)
    page = client.get("/good-results/manage/2026").get_data(as_text=True)
    assert "1 项尚无专家评价" in page and "1 项团队推荐尚待处理" in page

    client.post("/good-results/manage/2026/publish")
    db.session.expire_all()
    assert the_list.published_at is None  # gaps need the confirmation
    client.post("/good-results/manage/2026/publish", data={"confirm_gaps": "1"})
    db.session.expire_all()
    assert the_list.published_at is not None
    notes = db.session.scalars(sa.select(Notification.title).where(Notification.user_id == team.id)).all()
    assert any(t == "您的科研成果入选2026年度山东好成果" for t in notes)


def test_only_organisers_curate(client, login_as, team, make_capability, make_gr_list):
    the_list = make_gr_list()
    capability = make_capability(team.organization)
    login_as(team)
    assert client.post("/good-results/manage/2026/entries", data={"challenge_id": capability.id}).status_code == 403
    assert client.post("/good-results/manage/2026/publish", data={"confirm_gaps": "1"}).status_code == 403
    db.session.expire_all()
    assert the_list.entries == [] and the_list.published_at is None


def test_an_id_beyond_any_row_is_refused_before_a_query(client, login_as, organiser, make_gr_list):
    make_gr_list()
    login_as(organiser)
    response = client.post("/good-results/manage/2026/entries", data={"challenge_id": str(2**40)})
    assert response.status_code == 302  # back to the page, nothing added
    assert client.get("/good-results/manage/2026/entries/99999999999999/reviewer").status_code == 404
