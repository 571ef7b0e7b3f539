"""Bad input is a clear 4xx, never a 500 (issue 13 item 16, NUL bytes from item 17)."""

from __future__ import annotations

import threading

import pytest
import sqlalchemy as sa
from werkzeug.routing import IntegerConverter

from matchmaker.extensions import db
from matchmaker.models import Challenge, Organization, OrgKind, Role, TaskRun, TaskStatus, User
from tests.conftest import PASSWORD, _reset_schema

HUGE = str(2**64)


def _huge_id_urls(app) -> list[tuple[str, str]]:
    """Every route with a numeric part, that part set beyond 64 bits."""
    urls = []
    for rule in app.url_map.iter_rules():
        ints = {name for name, conv in rule._converters.items() if isinstance(conv, IntegerConverter)}
        if not ints or set(rule.arguments) - ints:
            continue
        path = rule.rule
        for name in ints:
            path = path.replace(f"<int:{name}>", HUGE)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            urls.append((method, path))
    return urls


def test_ids_beyond_64_bits_are_404_on_every_numeric_route(app, client, login_as, organiser):
    login_as(organiser)
    urls = _huge_id_urls(app)
    assert len(urls) > 30
    answers = {(method, path): client.open(path, method=method).status_code for method, path in urls}
    # The id finds nothing (404); a route this role (or a call without a token) may not use says so
    # first (403, 401). Never a 500,
    # never a 405 for a method the route takes.
    assert {key: code for key, code in answers.items() if code not in (401, 403, 404)} == {}
    assert list(answers.values()).count(404) > 30


def test_ids_within_64_bits_still_route(client, firm, make_challenge):
    challenge = make_challenge(firm.organization)
    assert client.get(f"/challenges/{challenge.id}").status_code == 200
    assert client.get(f"/challenges/{2**63 - 1}").status_code == 404


@pytest.mark.parametrize("path", ["/challenges/", "/capabilities/", "/inbox/", "/challenges/mine"])
def test_huge_page_number_shows_an_empty_page(client, login_as, firm, path):
    login_as(firm)
    assert client.get(f"{path}?page={10**30}").status_code == 200
    assert client.get(f"{path}?page=-3").status_code == 200


def test_api_page_beyond_the_limit_is_422(client):
    response = client.get(f"/api/v1/challenges?page={10**30}")
    assert response.status_code == 422 and "page" in response.get_json()["error"]["fields"]


@pytest.mark.parametrize("value", ["²", "٣", "10**30", "1e3", "-1"])
def test_odd_trl_filters_are_ignored(client, value):
    assert client.get("/capabilities/", query_string={"trl_min": value, "trl_max": value}).status_code == 200


@pytest.mark.parametrize("value", ["sNaN", "NaN", "Infinity", "-inf", "1e999999"])
def test_non_numbers_in_money_fields_are_a_form_error(client, login_as, firm, challenge_form, value):
    login_as(firm)
    response = client.post("/challenges/new", data=challenge_form(budget_min=value))
    assert response.status_code == 200
    assert "请填写数字" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(Challenge.id))) == 0


@pytest.fixture
def challenge_form(chains):
    def make(**values: str) -> dict[str, str]:
        data = {"title": "废旧锂离子电池高效回收技术", "chain": str(chains["equipment"].id), "save": "1"}
        return data | values

    return make


@pytest.fixture
def api_token(firm):
    from matchmaker.api.operations import create_token

    issued = create_token(firm, "测试")
    db.session.commit()
    return {"Authorization": f"Bearer {issued.secret}", "Content-Type": "application/json"}


@pytest.mark.parametrize(
    "body",
    [
        b'{"title": "\\ud800", "chains": ["equipment"], "problem": "x"}',  # lone surrogate
        b'{"title": "a\\u0000b", "chains": ["equipment"], "problem": "x"}',  # NUL
        b'{"title": "t", "chains": ["equipment"], "problem": "x", "budget_min": NaN}',
        b"[" * 100_000 + b"]" * 100_000,
        b'{"a":' * 40 + b"1" + b"}" * 40,
        b'{"title": "\xff"}',  # not UTF-8
    ],
    ids=["surrogate", "nul", "nan", "nested-100000", "nested-40", "not-utf8"],
)
def test_api_refuses_json_it_cannot_store(client, api_token, chains, body):
    response = client.post("/api/v1/challenges", data=body, headers=api_token)
    assert response.status_code == 400
    assert response.get_json()["error"]["message"]
    assert db.session.scalar(sa.select(sa.func.count(Challenge.id))) == 0


@pytest.mark.parametrize("where", ["query", "form"])
def test_nul_characters_are_refused_in_chinese(client, login_as, firm, challenge_form, where):
    login_as(firm)
    if where == "query":
        response = client.get("/challenges/", query_string={"q": "电池\x00"})
    else:
        response = client.post("/challenges/new", data=challenge_form(title="电池\x00回收"))
    assert response.status_code == 400
    assert "控制字符" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(Challenge.id))) == 0


def test_yearly_list_title_with_line_breaks_still_downloads(client, firm, make_challenge, db):
    from matchmaker.models import KeyProblemEntry, KeyProblemList

    kp_list = KeyProblemList(year=2031, target=100, title="2031年度\r\nSet-Cookie: x=1\n榜单/汇总")
    kp_list.entries.append(KeyProblemEntry(challenge=make_challenge(firm.organization), position=1))
    kp_list.published_at = sa.func.now()
    db.session.add(kp_list)
    db.session.commit()
    response = client.get("/key-problems/2031.xlsx")
    assert response.status_code == 200
    disposition = response.headers["Content-Disposition"]
    assert "\r" not in disposition and "\n" not in disposition and "Set-Cookie" not in response.headers


def test_simultaneous_confirmations_of_one_import_import_once(other_app):
    """Four clicks at once on SQLite: one import, three clear refusals, no "database is locked"."""
    from matchmaker.imports import operations
    from matchmaker.imports.columns import Kind
    from tests.imports.conftest import CHALLENGE_HEADINGS, challenge_row, csv_bytes

    app = other_app()
    _reset_schema(app)
    with app.app_context():
        from matchmaker.models import Chain

        db.session.add(Chain(code="equipment", name="高端装备", keywords=[], sort_order=0))
        org = Organization(kind=OrgKind.FIRM, name="并发企业", city="济南市", verified_at=sa.func.now())
        user = User(organization=org, email="race@example.cn", name="并发", role=Role.FIRM)
        user.set_password(PASSWORD)
        db.session.add_all([org, user])
        db.session.flush()
        rows = [challenge_row(需求名称=f"并发导入的需求{n}") for n in range(30)]
        run = operations.stage(user, Kind.CHALLENGES, "race.csv", csv_bytes(CHALLENGE_HEADINGS, rows))
        db.session.commit()
        run_id = run.id
    clients = []
    for _ in range(4):
        client = app.test_client()
        assert client.post("/login", data={"email": "race@example.cn", "password": PASSWORD}).status_code == 302
        clients.append(client)
    barrier = threading.Barrier(len(clients))
    answers: list[tuple[int, str]] = []

    def click(client) -> None:
        barrier.wait()
        response = client.post(f"/imports/{run_id}/confirm", follow_redirects=True)
        answers.append((response.status_code, response.get_data(as_text=True)))

    threads = [threading.Thread(target=click, args=(c,)) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(code for code, _page in answers) == [200] * 4  # an exception would be missing here
    assert sum("已经处理过了" in page for _code, page in answers) == 3
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Challenge.id))) == 30
        assert db.session.get(TaskRun, run_id).status == TaskStatus.SUCCEEDED
