"""Shared fixtures: a small tokenizer and a toy two-sided corpus (no app, no network)."""

from __future__ import annotations

import pytest

from recommenders import Document, Tokenizer
from recommenders.lexicon import Chain

CHAINS = (
    Chain("new-energy", "新能源装备", ("碳化硅", "功率模块", "锂离子电池", "光伏组件", "IGBT")),
    Chain("materials", "先进材料", ("碳纤维", "复合材料", "涂层", "热障涂层")),
    Chain("textiles", "纺织服装", ("活性染料", "印染", "无盐染色", "纺纱")),
)

CHALLENGES = [
    Document(
        "c1",
        "碳化硅功率模块散热不足",
        "我公司生产逆变器，碳化硅功率模块工作温度过高，散热器体积大。",
        ("new-energy",),
        ("碳化硅", "散热"),
    ),
    Document(
        "c2",
        "活性染料染色用盐量大",
        "印染厂活性染料染棉用盐量大，废水含盐高，希望无盐染色。",
        ("textiles",),
        ("活性染料",),
    ),
    Document("c3", "碳纤维复合材料钻孔分层", "碳纤维板钻孔时出口分层起毛，刀具寿命短。", ("materials",), ()),
]

CAPABILITIES = [
    Document(
        "p1",
        "碳化硅功率模块封装与散热",
        "团队研究碳化硅功率模块的双面散热封装，降低热阻。",
        ("new-energy",),
        ("碳化硅", "功率模块"),
    ),
    Document(
        "p2", "棉织物阳离子改性无盐染色", "阳离子改性棉织物，活性染料无盐染色，色牢度好。", ("textiles",), ("无盐染色",)
    ),
    Document(
        "p3",
        "碳纤维复合材料超声辅助制孔",
        "超声振动辅助钻削碳纤维复合材料，抑制出口分层与毛刺。",
        ("materials",),
        ("碳纤维", "制孔"),
    ),
    Document("p4", "锂离子电池热管理", "锂离子电池包液冷散热与热失控预警。", ("new-energy",), ("锂离子电池",)),
    Document("p5", "印染废水膜处理回用", "印染废水双膜法处理，含盐废水回用。", ("textiles", "chemicals"), ()),
]


@pytest.fixture(scope="session")
def tokenizer() -> Tokenizer:
    terms = [t for c in CHAINS for t in (c.name, *c.keywords)]
    return Tokenizer(terms, {"锂电池": "锂离子电池"}, chains=CHAINS)


@pytest.fixture(scope="session")
def plain_tokenizer() -> Tokenizer:
    return Tokenizer()
