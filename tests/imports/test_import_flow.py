"""Upload → preview → confirm / cancel, end to end through the routes."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

from matchmaker.extensions import db
from matchmaker.imports import operations
from matchmaker.models import (
    AuditLog,
    Capability,
    ChallengeMode,
    ChallengeStatus,
    OutboxMessage,
    Role,
    SolutionMode,
    TaskStatus,
)
from tests.imports.conftest import (
    CAPABILITY_HEADINGS,
    CHALLENGE_HEADINGS,
    capability_row,
    challenge_row,
    challenges_of,
    csv_bytes,
    latest_run,
    upload,
)


def confirm(client, run, **data):
    return client.post(f"/imports/{run.id}/confirm", data=data)


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8-sig", "utf-8"])
def test_csv_in_every_encoding_excel_writes_is_imported(client, login_as, firm, encoding):
    title = "高温合金叶片精密铸造" if encoding != "gb18030" else "䶮𠀀高温合金叶片精密铸造"  # outside GBK
    data = csv_bytes(CHALLENGE_HEADINGS, [challenge_row(需求名称=title)], encoding)
    if encoding == "gbk":
        with pytest.raises(UnicodeDecodeError):
            data.decode("utf-8")
    login_as(firm)

    response = upload(client, "需求.csv", data)

    assert response.status_code == 302
    run = latest_run(firm)
    assert [r["errors"] for r in run.result["rows"]] == [[]]
    assert confirm(client, run).status_code == 302
    [challenge] = challenges_of(firm.organization_id)
    assert challenge.title == title
    assert challenge.status == ChallengeStatus.DRAFT
    assert challenge.created_by_id == firm.id
    assert challenge.primary_chain.code == "equipment"
    assert challenge.budget_min == Decimal("50.00") and challenge.budget_max == Decimal("120.00")
    assert challenge.solution_mode == SolutionMode.COMMISSIONED
    assert challenge.mode == ChallengeMode.OPEN_CALL
    assert challenge.keywords == ["轴承", "疲劳寿命"]
    assert challenge.confidential_detail == "现用轴承供应商及失效数据"


def test_xlsx_round_trip_from_the_downloaded_template(client, login_as, firm):
    login_as(firm)
    template = client.get("/imports/template/challenges.xlsx")
    assert template.status_code == 200
    workbook = load_workbook(io.BytesIO(template.data))
    sheet = workbook.worksheets[0]
    assert "填写说明" in workbook.sheetnames
    headings = [c.value for c in sheet[1]]
    assert headings[0] == "需求名称*"
    row = challenge_row(需求名称="氢燃料电池双极板涂层", 所属产业链="新能源装备、equipment")
    sheet.append([row.get(h.rstrip("*"), "") for h in headings])
    sheet.cell(row=3, column=headings.index("拟投入资金上限（万元）") + 1, value=200)  # a number cell
    buffer = io.BytesIO()
    workbook.save(buffer)

    assert upload(client, "filled.xlsx", buffer.getvalue()).status_code == 302
    run = latest_run(firm)
    example, filled = run.result["rows"]
    assert example["example"] and example["line"] == 2
    assert filled["line"] == 3 and filled["errors"] == []
    confirm(client, run)

    [challenge] = challenges_of(firm.organization_id)  # the example row was skipped
    assert challenge.title == "氢燃料电池双极板涂层"
    assert challenge.primary_chain.code == "new-energy"  # the first one named
    assert {c.code for c in challenge.chains} == {"new-energy", "equipment"}
    assert challenge.budget_max == Decimal("200.00")


def test_csv_template_downloads_with_bom_and_the_headings(client, login_as, team):
    login_as(team)
    response = client.get("/imports/template/capabilities.csv")
    assert response.data.startswith(b"\xef\xbb\xbf")
    assert response.data.decode("utf-8-sig").splitlines()[0].startswith("成果名称*,")


def test_every_bad_row_is_reported_with_its_line_and_reasons(client, login_as, firm):
    rows = [
        challenge_row(),  # line 2: fine
        challenge_row(需求名称="", 主要问题=""),  # line 3: two missing fields
        challenge_row(需求名称="未知产业链", 所属产业链="火星采矿"),  # line 4
        challenge_row(需求名称="资金倒挂", **{"拟投入资金下限（万元）": "90", "拟投入资金上限（万元）": "10"}),  # 5
        challenge_row(需求名称="方式不对", 解决方式="外包", 需求时限="明年"),  # line 6
        challenge_row(需求名称="关键字太多", 关键字="a、b、c、d、e、f"),  # line 7
        challenge_row(需求名称="电话不对", 联系电话="请找王工"),  # line 8: a rule of the posting form itself
    ]
    login_as(firm)
    upload(client, "bad.csv", csv_bytes(CHALLENGE_HEADINGS, rows))
    run = latest_run(firm)
    errors = {r["line"]: r["errors"] for r in run.result["rows"]}

    assert errors[2] == []
    assert errors[3] == ["“需求名称”不能为空", "“主要问题”不能为空"]
    assert "火星采矿" in errors[4][0] and "产业链" in errors[4][0]
    assert any("上限不能低于下限" in e for e in errors[5])
    assert len(errors[6]) == 2 and "外包" in errors[6][0] and "明年" in errors[6][1]
    assert "最多 5 个" in errors[7][0]
    assert errors[8] == ["“联系电话”：电话只能包含数字、空格、+、-、括号和“转”。"]

    page = client.get(f"/imports/{run.id}").get_data(as_text=True)
    for line in (3, 4, 5, 6, 7, 8):
        assert f"第 {line} 行" in page
    assert "“需求名称”不能为空" in page and "火星采矿" in page
    assert "导入 1 条有效数据" in page

    confirm(client, run)
    assert [c.title for c in challenges_of(firm.organization_id)] == ["风电主轴承滚道疲劳寿命提升"]


def test_cancel_imports_nothing(client, login_as, firm):
    login_as(firm)
    upload(client, "a.csv", csv_bytes(CHALLENGE_HEADINGS, [challenge_row()]))
    run = latest_run(firm)

    response = client.post(f"/imports/{run.id}/cancel")

    assert response.status_code == 302
    assert challenges_of(firm.organization_id) == []
    db.session.refresh(run)
    assert run.status == TaskStatus.FAILED and run.result["rows"] == []
    assert confirm(client, run).status_code == 302  # refused: already handled
    assert challenges_of(firm.organization_id) == []


def test_valid_rows_are_imported_together_audited_and_handed_to_the_recommender(client, login_as, firm):
    rows = [challenge_row(需求名称=f"需求{i}") for i in range(3)] + [challenge_row(需求名称="")]
    login_as(firm)
    upload(client, "a.csv", csv_bytes(CHALLENGE_HEADINGS, rows))
    run = latest_run(firm)

    confirm(client, run)

    created = challenges_of(firm.organization_id)
    assert sorted(c.title for c in created) == ["需求0", "需求1", "需求2"]
    audited = db.session.scalars(sa.select(AuditLog.entity_id).where(AuditLog.action == "challenge.imported"))
    assert set(audited) == {c.id for c in created}
    refresh = db.session.scalars(sa.select(OutboxMessage.payload).where(OutboxMessage.task.like("%refresh_post")))
    assert {p["post_id"] for p in refresh} >= {c.id for c in created}


def test_a_failure_midway_leaves_nothing_behind(client, login_as, firm, monkeypatch):
    calls = []

    def fail_on_second(post):
        calls.append(post)
        if len(calls) == 2:
            raise RuntimeError("recommender hook down")

    monkeypatch.setattr(operations, "post_saved", fail_on_second)
    login_as(firm)
    upload(client, "a.csv", csv_bytes(CHALLENGE_HEADINGS, [challenge_row(需求名称=f"需求{i}") for i in range(3)]))
    run = latest_run(firm)

    with pytest.raises(RuntimeError):
        confirm(client, run)

    db.session.rollback()
    assert challenges_of(firm.organization_id) == []
    db.session.refresh(run)
    assert run.status == TaskStatus.QUEUED  # still waiting: the user may try again


def test_duplicate_titles_are_flagged_and_skipped_unless_asked(client, login_as, firm, make_challenge):
    make_challenge(firm.organization, title="已有需求")
    rows = [challenge_row(需求名称="已有需求"), challenge_row(需求名称="新需求"), challenge_row(需求名称="新需求")]
    login_as(firm)
    upload(client, "a.csv", csv_bytes(CHALLENGE_HEADINGS, rows))
    run = latest_run(firm)
    flags = [r["duplicate_of"] for r in run.result["rows"]]
    assert "同名" in flags[0] and flags[1] == "" and "第 3 行" in flags[2]

    confirm(client, run)
    assert sorted(c.title for c in challenges_of(firm.organization_id)) == ["已有需求", "新需求"]


def test_duplicates_are_imported_when_the_user_ticks_the_box(client, login_as, firm, make_challenge):
    make_challenge(firm.organization, title="已有需求")
    login_as(firm)
    upload(client, "a.csv", csv_bytes(CHALLENGE_HEADINGS, [challenge_row(需求名称="已有需求")]))
    confirm(client, latest_run(firm), include_duplicates="y")
    assert [c.title for c in challenges_of(firm.organization_id)] == ["已有需求", "已有需求"]


def test_a_preview_belongs_to_its_uploader(client, login_as, firm, make_user):
    other = make_user(Role.FIRM, org=firm.organization)
    login_as(firm)
    upload(client, "a.csv", csv_bytes(CHALLENGE_HEADINGS, [challenge_row()]))
    run = latest_run(firm)
    client.post("/logout")
    login_as(other)

    assert client.get(f"/imports/{run.id}").status_code == 404
    assert confirm(client, run).status_code == 404
    assert challenges_of(firm.organization_id) == []


def test_team_imports_capabilities_with_trl_and_cooperation_labels(client, login_as, team):
    rows = [
        capability_row(),
        capability_row(成果名称="TRL数字", 技术成熟度="7"),
        capability_row(成果名称="坏", 技术成熟度="10级"),
    ]
    login_as(team)
    upload(client, "c.csv", csv_bytes(CAPABILITY_HEADINGS, rows, "gbk"))
    run = latest_run(team)
    assert [bool(r["errors"]) for r in run.result["rows"]] == [False, False, True]
    assert "技术成熟度" in run.result["rows"][2]["errors"][0]

    confirm(client, run)

    db.session.expire_all()
    made = {
        c.title: c
        for c in db.session.scalars(sa.select(Capability).where(Capability.organization_id == team.organization_id))
    }
    assert made["锂电池极片缺陷在线检测"].trl == 6
    assert made["锂电池极片缺陷在线检测"].cooperation_modes == ["license", "joint_development"]
    assert made["TRL数字"].trl == 7
    assert made["TRL数字"].status.value == "draft"


def test_a_team_uploading_the_firm_template_is_told_the_kind_of_file(client, login_as, team):
    login_as(team)
    response = upload(client, "wrong.csv", csv_bytes(CHALLENGE_HEADINGS, [challenge_row()]))
    assert response.status_code == 400
    assert "这是“技术需求”的导入文件" in response.get_data(as_text=True)
    assert latest_run(team) is None


@pytest.mark.parametrize("name", ["challenges-gbk.csv", "challenges-utf8-bom.csv", "capabilities.xlsx"])
def test_the_sample_files_in_seed_data_behave_as_their_readme_says(app, client, login_as, firm, team, name):
    from pathlib import Path

    data = (Path(app.root_path).parent / "seed_data" / "import_samples" / name).read_bytes()
    user = team if name.startswith("capabilities") else firm
    login_as(user)
    upload(client, name, data)
    rows = latest_run(user).result["rows"]
    if user is team:
        assert [r["errors"] for r in rows] == [[], []]
        assert [r["values"]["trl"] for r in rows] == [5, 6]
    else:
        assert [r["line"] for r in rows if not r["errors"]] == [2, 3]
        assert rows[2]["line"] == 4 and len(rows[2]["errors"]) == 3
