"""Export → import is a round trip for every column of both kinds, and the main chain stays
first everywhere (issue 13 item 2)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
import sqlalchemy as sa

from matchmaker.extensions import db
from matchmaker.imports.columns import CAPABILITY_COLUMNS, CHALLENGE_COLUMNS
from matchmaker.models import Capability, Challenge, ChallengeMode, CooperationMode, SolutionMode
from tests.imports.conftest import latest_run, upload


@pytest.fixture
def main_second_by_id(chains):
    """Main chain 新能源装备 has the larger id, so id order would put 高端装备 first."""
    main, other = chains["new-energy"], chains["equipment"]
    assert main.id > other.id
    return main, other


def _values(post, columns) -> dict[str, object]:
    values = {c.attr: getattr(post, c.attr) for c in columns if c.attr != "chains"}
    # Main chain first (written out here, not with the model's helper, to test that helper too).
    values["chains"] = [c.code for c in sorted(post.chains, key=lambda c: c.id != post.primary_chain_id)]
    return values


def _reimport(client, user, kind: str) -> None:
    exported = client.get(f"/imports/export/{kind}.xlsx")
    assert exported.status_code == 200
    assert upload(client, f"{kind}.xlsx", exported.data).status_code == 302
    run = latest_run(user)
    assert [r["errors"] for r in run.result["rows"]] == [[]]
    # Same title as the original: a duplicate of the organisation's own post, imported on purpose.
    assert client.post(f"/imports/{run.id}/confirm", data={"include_duplicates": "y"}).status_code == 302


CHALLENGE = {
    "title": "风电主轴承滚道疲劳寿命提升",
    "title_en": "Fatigue life of wind turbine main bearing raceways",
    "problem": "主轴承滚道早期剥落，\n寿命不足设计值的60%。",
    "indicators": "接触疲劳寿命≥20年",
    "goal": "完成台架验证",
    "keywords": ["轴承", "疲劳寿命", "滚道"],
    "budget_min": Decimal("50.50"),
    "budget_max": Decimal("120.25"),
    "solution_mode": SolutionMode.COMMISSIONED,
    "deadline": date.today() + timedelta(days=120),
    "contact_name": "李工",
    "contact_phone": "0531-88880000 转 12",
    "mode": ChallengeMode.HORSE_RACE,
    "confidential_detail": "现用轴承供应商及失效数据",
}
CAPABILITY = {
    "title": "锂电池极片缺陷在线检测",
    "title_en": "Inline inspection of electrode defects",
    "team_name": "智能检测团队",
    "leader": "陈教授",
    "leader_title": "教授",
    "description": "基于深度学习的极片表面缺陷识别，\n检出率99%。",
    "trl": 7,
    "cooperation_modes": [CooperationMode.LICENSE.value, CooperationMode.EQUITY.value],
    "ip": "发明专利3项",
    "keywords": ["锂离子电池", "缺陷检测"],
    "applications": "动力电池制造",
    "funded_project": "山东省重点研发计划（重大科技创新工程）项目",
    "funded_project_no": "2023CXGC010203",
    "product": "极片缺陷在线检测系统",
}


@pytest.mark.parametrize(
    ("kind", "owner", "factory", "model", "columns", "fields"),
    [
        ("challenges", "firm", "make_challenge", Challenge, CHALLENGE_COLUMNS, CHALLENGE),
        ("capabilities", "team", "make_capability", Capability, CAPABILITY_COLUMNS, CAPABILITY),
    ],
)
def test_round_trip_keeps_every_column(
    request, client, login_as, main_second_by_id, kind, owner, factory, model, columns, fields
):
    main, other = main_second_by_id
    user = request.getfixturevalue(owner)
    original = request.getfixturevalue(factory)(user.organization, primary_chain=main, chains=[other, main], **fields)
    login_as(user)
    _reimport(client, user, kind)
    copy = db.session.scalars(
        sa.select(model).where(model.organization_id == user.organization_id, model.id != original.id)
    ).one()
    assert _values(copy, columns) == _values(original, columns)
    assert copy.primary_chain_id == main.id


def test_main_chain_first_on_lists_detail_and_api(client, login_as, firm, make_challenge, main_second_by_id):
    main, other = main_second_by_id
    challenge = make_challenge(firm.organization, primary_chain=main, chains=[other, main])
    login_as(firm)
    for path in (f"/challenges/{challenge.id}", "/challenges/", "/challenges/mine"):
        page = client.get(path).get_data(as_text=True)
        card = page.index(challenge.title)  # past the chain filter's options
        assert page.index(main.name, card) < page.index(other.name, card), path
    api = client.get(f"/api/v1/challenges/{challenge.id}").get_json()
    assert api["chains"] == [main.code, other.code]
