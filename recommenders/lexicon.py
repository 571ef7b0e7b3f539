"""Chain lexicons (seed_data/chains.yaml) and the small built-in domain dictionary."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml


@dataclass(frozen=True)
class Chain:
    """One industrial chain and the technical terms that characterise it."""

    code: str
    name: str
    keywords: tuple[str, ...] = ()
    description: str = ""


def load_chains(path: str | Path) -> list[Chain]:
    """Chains from a YAML list of {code, name, keywords, description, ...}."""
    path = Path(path)
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    if not isinstance(data, list):
        raise ValueError(f"{path}: expected a YAML list of chains")
    chains = []
    for i, item in enumerate(data, start=1):
        if not isinstance(item, dict) or not item.get("code"):
            raise ValueError(f"{path}: chain #{i} has no code")
        chains.append(
            Chain(
                code=str(item["code"]),
                name=str(item.get("name") or ""),
                keywords=tuple(str(k) for k in item.get("keywords") or ()),
                description=str(item.get("description") or ""),
            )
        )
    return chains


# General domain vocabulary that jieba's default dictionary splits apart. Written from
# general knowledge of the eleven chains, never from benchmark texts.
DOMAIN_TERMS: tuple[str, ...] = (
    "锂离子电池",
    "钠离子电池",
    "燃料电池",
    "光伏组件",
    "挖掘机",
    "装载机",
    "起重机",
    "收获机",
    "废水处理",
    "有限元",
    "计算流体力学",
    "可编程控制器",
    "蓄电池",
    "电动机",
)

# Variant -> canonical spelling (colloquial or abbreviated -> standard term). Only
# unambiguous, general equivalences; a variant must segment as one jieba word.
DOMAIN_SYNONYMS: dict[str, str] = {
    "锂电池": "锂离子电池",
    "锂电": "锂离子电池",
    "钠电池": "钠离子电池",
    "钠电": "钠离子电池",
    "光伏板": "光伏组件",
    "太阳能板": "光伏组件",
    "太阳能电池板": "光伏组件",
    "挖机": "挖掘机",
    "铲车": "装载机",
    "吊车": "起重机",
    "收割机": "收获机",
    "污水": "废水",
    "污水处理": "废水处理",
    "电瓶": "蓄电池",
    "马达": "电动机",
    "电机": "电动机",
    "fea": "有限元",
    "fem": "有限元",
    "cfd": "计算流体力学",
    "plc": "可编程控制器",
    "ai": "人工智能",
    "iot": "物联网",
    "bms": "电池管理系统",
}
