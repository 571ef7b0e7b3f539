"""The published selection: published years only, each result with the open challenges it is
recommended for (public fields only), wholly English with ?lang=en, the .xlsx and the print page."""

from __future__ import annotations

import io
from datetime import UTC, datetime

from openpyxl import load_workbook

from matchmaker.extensions import db
from matchmaker.models import CapabilityStatus, ChallengeStatus, Match, OrgKind, ResultCategory, Role
from tests.i18n.helpers import assert_english_page


def _evaluated(entry, category=ResultCategory.TRANSFER_READY, trl=7):
    entry.category, entry.eval_trl, entry.ip_status, entry.comment = category, trl, "授权发明专利3项", "补偿效果显著。"
    entry.reviewed_at = datetime.now(UTC)


def _published(make_gr_list, capabilities, year=2026, **values):
    the_list = make_gr_list(year=year, capabilities=capabilities, published=True, **values)
    for entry in the_list.entries:
        _evaluated(entry)
    db.session.commit()
    return the_list


def test_only_published_years_are_public(client, team, make_gr_list, make_capability):
    make_gr_list(capabilities=[make_capability(team.organization, title="未发布名单里的成果")])
    latest = client.get("/good-results/").get_data(as_text=True)
    assert "尚未发布" in latest and "未发布名单里的成果" not in latest
    for suffix in ("", ".xlsx", "/print"):
        assert client.get(f"/good-results/2026{suffix}").status_code == 404


def test_public_page_shows_selected_results_by_chain_with_recommended_challenges(
    client, team, firm, make_org, make_user, make_gr_list, make_capability, make_challenge
):
    result = make_capability(team.organization, title="主轴热误差补偿", product="热误差补偿模块")
    withdrawn = make_capability(team.organization, title="已撤回的成果")
    _published(make_gr_list, [result, withdrawn])
    open_one = make_challenge(firm.organization, title="机床热变形难题", title_en="Machine tool thermal growth")
    closed = make_challenge(firm.organization, title="已撤回的需求", status=ChallengeStatus.WITHDRAWN)
    pending_firm = make_user(Role.FIRM, org=make_org(OrgKind.FIRM, verified=False))
    unverified = make_challenge(pending_firm.organization, title="未审核企业的需求")
    for challenge, score in ((open_one, 0.9), (closed, 0.8), (unverified, 0.7)):
        db.session.add(Match(challenge=challenge, capability=result, score=score, terms=["热误差"]))
    withdrawn.status = CapabilityStatus.WITHDRAWN
    db.session.commit()

    page = client.get("/good-results/").get_data(as_text=True)

    assert "2026年度山东好成果" in page and "高端装备" in page
    assert "主轴热误差补偿" in page and "热误差补偿模块" in page and "可转化" in page
    assert "已撤回的成果" not in page
    assert "机床热变形难题" in page and f"/challenges/{open_one.id}" in page
    assert "已撤回的需求" not in page and "未审核企业的需求" not in page
    # Public summaries only: a challenge's confidential detail and contact never appear.
    assert "某精机" not in page and "0531-88880000" not in page and "王工" not in page


def test_nominations_are_not_public(client, team, make_gr_list, make_capability):
    from matchmaker.good_results import operations

    the_list = _published(make_gr_list, [make_capability(team.organization)])
    the_list.published_at = None
    operations.nominate(the_list, make_capability(team.organization, title="只是被推荐"), team)
    the_list.published_at = datetime.now(UTC)
    db.session.commit()
    assert "只是被推荐" not in client.get("/good-results/2026").get_data(as_text=True)


def test_public_page_wholly_english(client, team, firm, make_gr_list, make_capability, make_challenge):
    english = make_capability(team.organization, title="主轴热误差补偿", title_en="Spindle thermal error compensation")
    chinese_only = make_capability(team.organization, title="只有中文的成果", product="补偿模块")
    the_list = _published(make_gr_list, [english, chinese_only], intro_en="The year's best results.")
    the_list.entries[0].summary_en = "Cuts thermal error by 80%."
    challenge = make_challenge(firm.organization, title="机床热变形难题", title_en="Machine tool thermal growth")
    db.session.add(Match(challenge=challenge, capability=english, score=0.9, terms=["热误差"]))
    db.session.commit()

    page = client.get("/good-results/2026?lang=en").get_data(as_text=True)

    assert_english_page(page)
    assert "Shandong Good Research Results 2026" in page and "The year&#39;s best results." in page
    assert "Spindle thermal error compensation" in page and "Cuts thermal error by 80%." in page
    assert "Ready for transfer" in page and "TRL 7" in page and "Machine tool thermal growth" in page
    assert "2 results" in page and "Developed by" in page
    assert '<span lang="zh" class="zh-fallback">只有中文的成果</span>' in page and "Chinese only" in page

    printed = client.get("/good-results/2026/print?lang=en").get_data(as_text=True)
    assert_english_page(printed)
    assert "Spindle thermal error compensation" in printed and "Ctrl+P" in printed


def test_excel_has_both_languages_and_the_evaluation(client, team, make_gr_list, make_capability):
    capability = make_capability(
        team.organization,
        title="主轴热误差补偿",
        product="热误差补偿模块",
        funded_project="山东省重点研发计划项目",
        funded_project_no="2023CXGC010203",
    )
    the_list = _published(make_gr_list, [capability])
    the_list.entries[0].title_en = "Spindle thermal error compensation"
    db.session.commit()

    response = client.get("/good-results/2026.xlsx")

    rows = [[c.value for c in r] for r in load_workbook(io.BytesIO(response.data)).worksheets[0].iter_rows()]
    assert rows[0][0] == "2026年度山东好成果"
    assert rows[2][:5] == [1, "高端装备", None, "主轴热误差补偿", "Spindle thermal error compensation"]
    assert {"可转化", 7, "授权发明专利3项", "热误差补偿模块", "山东省重点研发计划项目", "2023CXGC010203"} <= set(
        rows[2]
    )


def test_print_page_has_no_navigation(client, team, make_gr_list, make_capability):
    _published(make_gr_list, [make_capability(team.organization, title="主轴热误差补偿")])
    page = client.get("/good-results/2026/print").get_data(as_text=True)
    assert "主轴热误差补偿" in page and "navbar" not in page and "key_problems.css" in page


def test_team_writes_english_for_its_own_entry_only(client, login_as, team, make_user, make_gr_list, make_capability):
    entry = _published(make_gr_list, [make_capability(team.organization)]).entries[0]
    url = f"/good-results/entries/{entry.id}/english"
    login_as(make_user(Role.TEAM))
    assert client.post(url, data={"title_en": "Hijacked"}).status_code == 403
    client.post("/logout")

    login_as(team)
    response = client.post(url, data={"title_en": "Thermal compensation", "summary_en": "Cuts error by 80%."})
    assert response.status_code == 302
    db.session.expire_all()
    assert (entry.title_en, entry.summary_en) == ("Thermal compensation", "Cuts error by 80%.")
    too_long = client.post(url, data={"title_en": "x" * 201})
    assert too_long.status_code == 200 and "最多200个字符" in too_long.get_data(as_text=True)


def test_capability_page_shows_the_selection(client, team, make_gr_list, make_capability):
    capability = make_capability(team.organization)
    _published(make_gr_list, [capability])
    page = client.get(f"/capabilities/{capability.id}").get_data(as_text=True)
    assert "入选 2026年度山东好成果" in page and "/good-results/2026" in page
