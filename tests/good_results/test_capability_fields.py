"""The results-library fields of a capability (funded project, 转化产品): the form keeps them,
the page and the API show them, and too long a value is refused in Chinese."""

from __future__ import annotations

import sqlalchemy as sa

from matchmaker.extensions import db
from matchmaker.models import Capability

FUNDED = "山东省重点研发计划（重大科技创新工程）项目"


def _form(chains, **values) -> dict:
    return {
        "title": "动力电池梯次利用与材料再生",
        "chain": str(chains["new-energy"].id),
        "chain_extra": "",
        "team_name": "电化学储能课题组",
        "leader": "孙教授",
        "description": "湿法冶金回收正极材料，锂回收率96%。",
        "trl": "7",
        "cooperation_modes": "license",
        "applications": "动力电池回收企业",
        "funded_project": FUNDED,
        "funded_project_no": "2023CXGC010203",
        "product": "退役电池正极材料再生产线",
        "save": "1",
    } | values


def test_team_saves_the_results_library_fields_and_they_are_shown(client, login_as, team, chains):
    login_as(team)
    client.post("/capabilities/new", data=_form(chains))
    capability = db.session.scalar(sa.select(Capability).where(Capability.organization_id == team.organization_id))
    assert (capability.funded_project, capability.funded_project_no, capability.product) == (
        FUNDED,
        "2023CXGC010203",
        "退役电池正极材料再生产线",
    )
    page = client.get(f"/capabilities/{capability.id}").get_data(as_text=True)
    assert FUNDED in page and "2023CXGC010203" in page and "退役电池正极材料再生产线" in page

    client.post(f"/capabilities/{capability.id}/publish")  # the API shows published posts
    api = client.get(f"/api/v1/capabilities/{capability.id}").get_json()
    assert (api["funded_project"], api["funded_project_no"], api["product"]) == (
        FUNDED,
        "2023CXGC010203",
        "退役电池正极材料再生产线",
    )


def test_too_long_a_product_is_refused_and_the_form_keeps_what_was_typed(client, login_as, team, chains):
    login_as(team)
    response = client.post("/capabilities/new", data=_form(chains, product="产" * 201))
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "最多200个字" in page and FUNDED in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Capability)) == 0
