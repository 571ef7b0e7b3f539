"""List exports: the list's filters apply; confidential detail only for those who may see it."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from matchmaker.models import ChallengeStatus, Role


def _sheet(response) -> list[list]:
    assert response.status_code == 200
    assert response.mimetype.endswith("spreadsheetml.sheet")
    sheet = load_workbook(io.BytesIO(response.data)).worksheets[0]
    return [[c.value for c in row] for row in sheet.iter_rows()]


def _column(rows: list[list], heading: str) -> list:
    index = rows[0].index(heading)
    return [row[index] for row in rows[1:]]


def test_export_applies_the_list_filters_and_lists_only_listed_posts(client, db, make_org, make_challenge, chains):
    firm = make_org()
    make_challenge(firm, title="装备需求")
    energy = make_challenge(firm, title="能源需求")
    energy.primary_chain, energy.chains = chains["new-energy"], [chains["new-energy"]]
    make_challenge(firm, title="草稿需求", status=ChallengeStatus.DRAFT)
    db.session.commit()

    everything = _sheet(client.get("/imports/export/challenges.xlsx"))
    filtered = _sheet(client.get("/imports/export/challenges.xlsx?chain=new-energy"))

    assert sorted(_column(everything, "需求名称")) == ["能源需求", "装备需求"]
    assert _column(filtered, "需求名称") == ["能源需求"]
    assert _column(filtered, "所属产业链") == ["新能源装备"]
    asking_for_drafts = _sheet(client.get("/imports/export/challenges.xlsx?status=draft"))
    assert "草稿需求" not in _column(asking_for_drafts, "需求名称")  # the public may not filter drafts in


def test_anonymous_export_has_no_confidential_columns(client, make_org, make_challenge):
    make_challenge(make_org())
    rows = _sheet(client.get("/imports/export/challenges.xlsx"))
    text = repr(rows)
    assert "保密信息" not in rows[0] and "联系电话" not in rows[0]
    assert "某精机" not in text and "0531-88880000" not in text


def test_confidential_cells_are_filled_only_where_the_user_may_see_them(client, login_as, make_user, make_challenge):
    owner = make_user(Role.FIRM)
    other = make_user(Role.FIRM)
    make_challenge(owner.organization, title="甲的需求")
    make_challenge(other.organization, title="乙的需求", confidential_detail="乙的秘密")

    login_as(owner)
    rows = _sheet(client.get("/imports/export/challenges.xlsx"))
    detail = dict(zip(_column(rows, "需求名称"), _column(rows, "保密信息"), strict=True))

    assert detail["甲的需求"].startswith("现用主轴供应商")
    assert detail["乙的需求"] in (None, "")
    assert "乙的秘密" not in repr(rows)


def test_organiser_export_includes_confidential_detail(client, login_as, make_user, make_org, make_challenge):
    make_challenge(make_org(), confidential_detail="组织方可见")
    login_as(make_user(Role.ORGANISER))
    rows = _sheet(client.get("/imports/export/challenges.xlsx"))
    assert _column(rows, "保密信息") == ["组织方可见"]


def test_user_text_is_never_written_as_a_formula(client, make_org, make_challenge):
    make_challenge(make_org(), title='=HYPERLINK("http://evil.example","点我")')
    response = client.get("/imports/export/challenges.xlsx")
    sheet = load_workbook(io.BytesIO(response.data)).worksheets[0]
    title = sheet.cell(row=2, column=1)
    assert title.value.startswith("=HYPERLINK") and title.data_type == "s"


def test_capability_export_uses_labels(client, make_org, make_capability, chains):
    make_capability(make_org(), title="成果甲", trl=6, cooperation_modes=["license", "equity"])
    rows = _sheet(client.get("/imports/export/capabilities.xlsx"))
    assert _column(rows, "成果名称") == ["成果甲"]
    assert _column(rows, "技术成熟度") == ["6级"]
    assert _column(rows, "合作方式") == ["许可、作价入股"]


def test_an_exported_file_can_be_imported_again(client, login_as, make_user, make_challenge):
    from tests.imports.conftest import challenges_of, latest_run, upload

    firm = make_user(Role.FIRM)
    make_challenge(firm.organization, title="原有需求")
    login_as(firm)
    exported = client.get("/imports/export/challenges.xlsx").data

    upload(client, "export.xlsx", exported)
    run = latest_run(firm)
    [row] = run.result["rows"]
    assert row["errors"] == [] and "同名" in row["duplicate_of"]
    assert len(challenges_of(firm.organization_id)) == 1
