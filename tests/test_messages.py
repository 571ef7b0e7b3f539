"""Messages a new user meets (issue 13, item 9): money limits in words, a counter under the
title, an import button that cannot import nothing, a wrong-kind file named as such, and
exported sheets that can be read without resizing columns."""

from __future__ import annotations

import io
import re
from datetime import timedelta

from openpyxl import load_workbook

from matchmaker.proposals import selection
from matchmaker.timezones import local_today
from tests.imports.conftest import (
    CAPABILITY_HEADINGS,
    CHALLENGE_HEADINGS,
    capability_row,
    challenge_row,
    csv_bytes,
    upload,
)


def _challenge_form(**values):
    data = {
        "title": "风电主轴承滚道疲劳寿命提升",
        "chain": "",
        "mode": "matchmaking",
        "solution_mode": "cooperative",
        "problem": "主轴承滚道早期剥落",
        "deadline": (local_today() + timedelta(days=30)).isoformat(),
    }
    return data | values


def test_a_negative_budget_is_told_it_must_not_be_negative(client, firm, chains, login_as):
    form = _challenge_form(chain=str(chains["equipment"].id), budget_min="-5", budget_max="10")
    html = login_as(firm).post("/challenges/new", data=form).get_data(as_text=True)
    assert "资金下限不能为负数。" in html
    assert "9999999999.99万元" not in html and "万万元" not in html


def test_proposal_and_agreement_amounts_say_their_ceiling_once(client, firm, team, make_challenge, login_as):
    challenge = make_challenge(firm.organization)
    form = {"summary": "方案", "technical_route": "路线", "members": "赵教授", "budget": "2000000"}
    html = login_as(team).post(f"/proposals/challenges/{challenge.id}/new", data=form).get_data(as_text=True)
    assert "预算不能超过 1,000,000 万元（100 亿元）。" in html and "万万元" not in html
    html = client.post(f"/proposals/challenges/{challenge.id}/new", data=form | {"budget": "-1"}).get_data(as_text=True)
    assert "预算不能为负数。" in html


def test_agreement_amount_must_not_be_negative(client, firm, team, make_challenge, login_as):
    from matchmaker.extensions import db
    from matchmaker.models import Proposal

    challenge = make_challenge(firm.organization)
    proposal = Proposal(
        challenge=challenge, organization_id=team.organization_id, summary="方案", technical_route="路线"
    )
    db.session.add(proposal)
    db.session.flush()
    selection.select(proposal, firm)
    db.session.commit()
    form = {"amount": "-3", "signed_on": local_today().isoformat()}
    html = login_as(firm).post(f"/proposals/{proposal.id}/agreement", data=form).get_data(as_text=True)
    assert "合同金额不能为负数。" in html


def test_the_title_has_a_character_counter(client, firm, chains, login_as):
    html = login_as(firm).get("/challenges/new").get_data(as_text=True)
    title = re.search(r"<input[^>]*\bname=\"title\"[^>]*>", html).group(0)
    assert 'data-counter="1"' in title and 'maxlength="120"' in title
    with open("static/js/posting.js", encoding="utf-8") as script:
        assert "input[data-counter][maxlength]" in script.read()


def test_an_import_with_nothing_valid_cannot_be_confirmed(client, firm, chains, login_as):
    login_as(firm)
    data = csv_bytes(CHALLENGE_HEADINGS, [challenge_row(主要问题="", 需求名称="缺主要问题的需求")])
    page = upload(client, "需求.csv", data)
    html = client.get(page.location).get_data(as_text=True)
    button = re.search(r"<button class=\"btn btn-primary\" type=\"submit\"[^>]*>", html).group(0)
    assert "disabled" in button
    assert "没有可导入的有效数据" in html and "导入 0 条有效数据" not in html


def test_a_file_of_the_other_kind_is_named(client, firm, team, chains, login_as):
    login_as(firm)
    response = upload(client, "成果.csv", csv_bytes(CAPABILITY_HEADINGS, [capability_row()]))
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and "这是“科研能力与成果”的导入文件" in html and "没有找到表头" not in html
    client.post("/logout")
    login_as(team)
    html = upload(client, "需求.csv", csv_bytes(CHALLENGE_HEADINGS, [challenge_row()])).get_data(as_text=True)
    assert "这是“技术需求”的导入文件" in html


def test_exported_columns_are_wide_and_text_wraps(client, firm, make_challenge):
    make_challenge(firm.organization, problem="很长的主要问题描述。" * 30)
    sheet = load_workbook(io.BytesIO(client.get("/imports/export/challenges.xlsx").data)).worksheets[0]
    headings = [c.value for c in sheet[1]]
    problem = headings.index("主要问题") + 1
    letter = sheet.cell(row=1, column=problem).column_letter
    assert sheet.column_dimensions[letter].width >= 40
    assert sheet.cell(row=2, column=problem).alignment.wrap_text
