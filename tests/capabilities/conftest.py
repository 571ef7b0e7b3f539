"""Fixtures of the capability tests: a complete 成果 form as form data."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from werkzeug.datastructures import MultiDict


@pytest.fixture
def capability_data(chains) -> Callable[..., MultiDict]:
    """Form data of a complete capability; keyword arguments replace fields (lists for several values)."""

    def make(**values: object) -> MultiDict:
        data: dict[str, object] = {
            "title": "动力电池梯次利用与材料再生",
            "title_en": "",
            "chain": str(chains["new-energy"].id),
            "chain_extra": "",
            "team_name": "电化学储能课题组",
            "leader": "孙教授",
            "leader_title": "教授",
            "description": "湿法冶金回收正极材料，\n锂回收率96%。",
            "trl": "6",
            "cooperation_modes": ["license", "joint_development"],
            "ip": "发明专利3项",
            "keywords": "锂电池 回收",
            "applications": "动力电池回收企业",
            "save": "1",
        }
        data.update(values)
        return MultiDict([(k, x) for k, v in data.items() for x in (v if isinstance(v, list) else [v])])

    return make
