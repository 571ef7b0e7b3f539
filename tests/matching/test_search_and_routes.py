import sqlalchemy as sa

from matchmaker.extensions import db
from matchmaker.matching.cli import precision_at
from matchmaker.matching.presentation import highlight
from matchmaker.matching.search import rank_ids
from matchmaker.models import Match, MatchFeedback, Role


def test_search_segments_and_maps_synonyms(battery_pair, saved):
    challenge, answer, decoy = battery_pair
    saved(challenge, answer, decoy)
    # "锂电池" is the colloquial form of 锂离子电池: the capability says only the latter.
    assert rank_ids("capability", "锂电池回收")[0] == answer.id
    assert rank_ids("capability", "   ") == []


def test_owner_firm_gives_feedback_others_may_not(battery_pair, saved, client, login_as, firm, make_user):
    challenge, answer, _ = battery_pair
    saved(challenge, answer)
    match = db.session.scalar(sa.select(Match).where(Match.challenge_id == challenge.id))
    login_as(make_user(Role.FIRM))
    assert client.post(f"/matching/matches/{match.id}/feedback", data={"feedback": "relevant"}).status_code == 403
    client.post("/logout")
    login_as(firm)
    response = client.post(f"/matching/matches/{match.id}/feedback", data={"feedback": "contacted"})
    assert response.status_code == 302
    db.session.refresh(match)
    assert match.feedback == MatchFeedback.CONTACTED and match.feedback_by_id == firm.id


def test_recommendations_show_to_the_owner_only(battery_pair, saved, client, login_as, firm, team):
    challenge, answer, _ = battery_pair
    saved(challenge, answer)
    login_as(firm)
    page = client.get(f"/challenges/{challenge.id}").get_data(as_text=True)
    assert "推荐的科研团队" in page and answer.title in page and "<mark>" in page
    client.post("/logout")
    login_as(team)
    assert "推荐的科研团队" not in client.get(f"/challenges/{challenge.id}").get_data(as_text=True)


def test_precision_at_k_from_feedback(battery_pair, saved, make_capability, team):
    challenge, answer, _ = battery_pair
    second = make_capability(team.organization, title="锂离子电池回收", keywords=["锂离子电池", "回收"])
    saved(challenge, answer, second)
    matches = db.session.scalars(
        sa.select(Match).where(Match.challenge_id == challenge.id).order_by(Match.score.desc())
    ).all()
    assert len(matches) == 2
    matches[0].feedback, matches[1].feedback = MatchFeedback.RELEVANT, MatchFeedback.IRRELEVANT
    db.session.commit()
    assert precision_at(1) == (1.0, 1, 1)
    assert precision_at(2) == (0.5, 1, 2)


def test_suggest_chains(battery_pair, saved, client, login_as, firm):
    saved(*battery_pair)
    login_as(firm)
    response = client.get("/matching/suggest-chains", query_string={"text": "退役锂离子电池回收，锂回收率低，酸耗高"})
    codes = [s["code"] for s in response.get_json()["suggestions"]]
    assert codes[0] == "new-energy"


def test_highlight_escapes_before_marking():
    out = str(highlight("<script>x</script> 碳化硅功率模块", ["碳化硅", "script"]))
    assert "<script>" not in out and "&lt;<mark>script</mark>&gt;" in out and "<mark>碳化硅</mark>" in out


def test_highlight_ignores_case_like_the_recommender():
    out = str(highlight("采用SiC MOSFET与IGBT混合模块", ["igbt", "sic"]))
    assert "<mark>SiC</mark>" in out and "<mark>IGBT</mark>" in out


def test_explanation_terms_shown_as_written(
    firm, team, make_challenge, make_capability, chains, saved, client, login_as
):
    """The index lower-cases ASCII terms; the page shows them as the posts write them."""
    challenge = make_challenge(
        firm.organization,
        title="新能源汽车电驱IGBT模块散热",
        problem="电机控制器中IGBT模块温升高，需要新的散热与封装方案。",
        keywords=["IGBT", "散热"],
        primary_chain=chains["new-energy"],
        chains=[chains["new-energy"]],
    )
    answer = make_capability(
        team.organization,
        title="IGBT功率模块封装与散热",
        description="团队研究IGBT功率模块的双面散热封装、烧结银连接和热阻测试。",
        keywords=["IGBT", "功率模块"],
        primary_chain=chains["new-energy"],
        chains=[chains["new-energy"]],
    )
    saved(challenge, answer)
    login_as(firm)
    page = client.get(f"/challenges/{challenge.id}").get_data(as_text=True)
    section = page[page.index('id="recommendations"') :]
    assert '<span class="badge text-bg-warning me-1">IGBT</span>' in section
    assert ">igbt<" not in section and "<mark>IGBT</mark>" in section


def test_team_sees_recommended_challenges_without_feedback_buttons(battery_pair, saved, client, login_as, firm, team):
    challenge, answer, _ = battery_pair
    saved(challenge, answer)
    login_as(team)
    page = client.get(f"/capabilities/{answer.id}").get_data(as_text=True)
    section = page[page.index('id="recommendations"') :]
    assert "推荐的企业技术需求" in section and challenge.title in section
    assert f"/challenges/{challenge.id}" in section and "<mark>" in section
    assert 'name="feedback"' not in section  # feedback is the firm's, on its own challenge
    client.post("/logout")
    login_as(firm)
    assert "推荐的企业技术需求" not in client.get(f"/capabilities/{answer.id}").get_data(as_text=True)
