"""Fixtures of the challenge tests: a complete 征集表 as form data, and a request context."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, timedelta

import pytest
from flask import Flask


@pytest.fixture
def request_ctx(app: Flask, db: object) -> Iterator[None]:
    """Operations called directly (not through the client) still translate their messages,
    and Flask-Babel's locale selector reads the request."""
    with app.test_request_context("/"):
        yield


@pytest.fixture
def challenge_data(chains) -> Callable[..., dict[str, str]]:
    """Form data of a complete challenge; keyword arguments replace fields."""

    def make(**values: str) -> dict[str, str]:
        data = {
            "title": "废旧锂离子电池高效回收技术",
            "title_en": "Efficient recycling of spent lithium-ion batteries",
            "chain": str(chains["new-energy"].id),
            "chain_extra": "",
            "mode": "open_call",
            "problem": "退役动力电池拆解效率低，\n正极材料回收率不足85%。",
            "indicators": "锂回收率≥95%，处理能力≥1万吨/年",
            "goal": "建成示范线",
            "keywords": "锂电池, 回收、梯次利用",
            "budget_min": "200",
            "budget_max": "500",
            "solution_mode": "cooperative",
            "deadline": (date.today() + timedelta(days=60)).isoformat(),
            "confidential_detail": "现有产线参数见附件",
            "contact_name": "李工",
            "contact_phone": "0531-88886666",
            "summary_en": "",
            "save": "1",
        }
        data.update(values)
        return data

    return make
