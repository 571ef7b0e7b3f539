from matchmaker.models import ChallengeStatus, Role


def test_public_home_counts_only_listed_challenges(client, make_org, make_challenge):
    org = make_org()
    make_challenge(org)
    make_challenge(org, status=ChallengeStatus.DRAFT)
    page = client.get("/").get_data(as_text=True)
    assert "1 项需求" in page and "2 项需求" not in page


def test_each_role_is_told_what_to_do_next(client, make_user, login_as, make_org):
    from matchmaker.models import OrgKind

    make_org(OrgKind.FIRM, verified=False)
    for role, expected in [
        (Role.FIRM, "还没有发布技术需求"),
        (Role.TEAM, "还没有发布科研能力或成果"),
        (Role.ORGANISER, "家单位待审核"),
    ]:
        login_as(make_user(role))
        assert expected in client.get("/").get_data(as_text=True), role
        client.post("/logout")
