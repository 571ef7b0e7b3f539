"""The web forms under any input, through the real routes: random Unicode, control characters,
bytes that are not UTF-8 (lone surrogates encoded anyway), huge and empty values. The answer is a
page (a redirect when saved, the form with its errors otherwise, or a clear 4xx), never a 500; and
what a person can type is saved as typed, not silently changed."""

from __future__ import annotations

from urllib.parse import quote_from_bytes

import sqlalchemy as sa
from hypothesis import given, settings
from hypothesis import strategies as st

from matchmaker.extensions import db as _db
from matchmaker.models import Challenge, Event, KeyProblemList
from tests.events.conftest import make_event  # noqa: F401  (fixture)
from tests.fuzz.conftest import examples
from tests.key_problems.conftest import make_list  # noqa: F401  (fixture)

ANY = st.text(st.characters(codec=None, categories=None), max_size=200)  # surrogates included
HUGE = st.builds(lambda s, n: s * n, st.text(min_size=1, max_size=10), st.integers(1000, 3000))
VALUE = ANY | HUGE | st.just("")
CHALLENGE_FIELDS = [
    "title",
    "chain",
    "mode",
    "problem",
    "indicators",
    "keywords",
    "budget_min",
    "budget_max",
    "deadline",
    "contact_phone",
    "confidential_detail",
    "publish",
]
TYPED = st.text(st.characters(exclude_categories=["Cs", "Cc", "Cf", "Zl", "Zp"]), min_size=1, max_size=300)


def form_body(fields: dict[str, str]) -> bytes:
    """x-www-form-urlencoded, encoding lone surrogates too: the bytes a broken client could send."""
    return b"&".join(
        quote_from_bytes(k.encode()).encode() + b"=" + quote_from_bytes(v.encode("utf-8", "surrogatepass")).encode()
        for k, v in fields.items()
    )


def post(client, url: str, fields: dict[str, str]):
    return client.post(url, data=form_body(fields), content_type="application/x-www-form-urlencoded")


def _visible(text: str) -> str:
    """What a form keeps of typed text: the same characters, without surrounding blanks."""
    return text.strip()


@given(
    fields=st.fixed_dictionaries(
        {},
        optional={name: VALUE for name in CHALLENGE_FIELDS},
    )
)
@settings(max_examples=examples(60))
def test_the_challenge_form_answers_any_input(client, login_as, firm, chains, fields) -> None:
    login_as(firm)
    response = post(client, "/challenges/new", fields)
    assert response.status_code < 500, response.get_data(as_text=True)[:500]


@given(fields=st.fixed_dictionaries({name: VALUE for name in ["kind", "org_name", "credit_code", "city", "name"]}))
@settings(max_examples=examples(40))
def test_sign_up_and_sign_in_answer_any_input(client, chains, fields) -> None:
    response = post(client, "/signup", fields | {"email": "fuzz@example.cn", "password": fields["name"]})
    assert response.status_code < 500, response.get_data(as_text=True)[:500]
    response = post(client, "/login", {"email": fields["org_name"], "password": fields["credit_code"]})
    assert response.status_code < 500, response.get_data(as_text=True)[:500]


# Ids sent by forms: any size of number (PostgreSQL's INTEGER keys refuse those past 2**31-1), or text.
ID = st.integers(-(2**80), 2**80).map(str) | st.integers(2**31 - 2, 2**31 + 2).map(str) | VALUE


@given(value=ID)
@settings(max_examples=examples(40))
def test_id_fields_answer_any_value(client, login_as, organiser, make_list, make_event, value) -> None:  # noqa: F811
    if not _db.session.scalar(sa.select(KeyProblemList.id).where(KeyProblemList.year == 2026)):
        make_list(2026)
        make_event()
    event_id = _db.session.scalar(sa.select(Event.id))
    login_as(organiser)
    for url, fields in (
        ("/key-problems/manage/2026/entries", {"challenge_id": value}),
        (f"/events/{event_id}/invite", {"org": value}),
        (f"/events/{event_id}/participants/add", {"organization": value}),
    ):
        response = post(client, url, fields)
        assert response.status_code < 500, response.get_data(as_text=True)[:500]


@given(title=TYPED, problem=TYPED, goal=TYPED)
@settings(max_examples=examples(40))
def test_typed_text_is_saved_as_typed(client, login_as, firm, chains, title, problem, goal) -> None:
    login_as(firm)
    fields = {"title": title[:100], "chain": str(chains["equipment"].id), "problem": problem, "goal": goal}
    response = post(client, "/challenges/new", fields)
    assert response.status_code < 500
    if response.status_code != 302:
        return  # refused with the form's own messages (e.g. a title of blanks only)
    saved = _db.session.scalar(sa.select(Challenge).order_by(Challenge.id.desc()).limit(1))
    assert (saved.title, saved.problem, saved.goal) == (_visible(title[:100]), _visible(problem), _visible(goal))
