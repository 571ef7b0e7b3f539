"""Deterministic synthetic corpora: chain lexicon terms in a small stock of phrases.

Documents read like short 技术需求 / 成果介绍 texts (150-400 characters) so that jieba,
the vocabulary size and the posting-list lengths behave like production data.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path

from recommenders import Document
from recommenders.lexicon import Chain, load_chains

_FALLBACK = [
    Chain("it", "新一代信息技术", ("工业互联网", "机器视觉", "边缘计算", "数字孪生", "PLC", "5G专网")),
    Chain("equipment", "高端装备", ("数控机床", "工业机器人", "减速器", "激光熔覆", "AGV", "轴承")),
    Chain("new-energy", "新能源装备", ("锂离子电池", "碳化硅", "IGBT", "光伏组件", "储能", "电解槽")),
    Chain("materials", "先进材料", ("碳纤维", "复合材料", "热障涂层", "PEEK", "高温合金", "陶瓷")),
]

_CHALLENGE_OPENERS = [
    "我公司是一家从事{c}相关产品生产的企业，",
    "我厂主要生产{k1}配套产品，年产值约{n}亿元，",
    "本企业长期承担{c}领域的制造任务，",
    "",
]
_PROBLEMS = [
    "目前{k1}在使用中存在{p}问题，影响{k2}的稳定运行。",
    "现场反映{k1}出现{p}，返修率达到{n}%以上。",
    "{k1}与{k2}匹配不好，{p}现象明显，客户投诉较多。",
    "由于{k1}工艺不成熟，产品{p}，成本居高不下。",
]
_TARGETS = [
    "希望引进{k3}技术，将{m}提高{n}%，寿命不低于{n}000小时。",
    "要求{m}达到国际先进水平，{k3}国产化替代。",
    "期望通过{k3}改造，实现{m}在线检测和闭环控制。",
    "拟与高校合作开发{k3}，形成可推广的解决方案。",
]
_CAPABILITY_BODIES = [
    "团队长期从事{k1}与{k2}研究，建立了{k3}理论模型和仿真平台，",
    "课题组围绕{k1}中的{p}问题，提出了基于{k3}的新方法，",
    "依托省重点实验室，开发了{k1}关键工艺与{k2}装备，",
]
_RESULTS = [
    "在{n}家企业应用后{m}提升{n}%，{p}基本消除。",
    "已获授权发明专利{n}项，技术成熟度TRL{t}，可提供{k2}测试与分析服务。",
    "研制的样机{m}达到{n}.{t}级，优于同类进口产品。",
    "形成了{k3}成套技术，可开展技术转让或联合开发。",
]
_SYMPTOMS = [
    "磨损快",
    "开裂",
    "变形大",
    "效率低",
    "能耗高",
    "噪声大",
    "精度漂移",
    "腐蚀严重",
    "一致性差",
    "良品率低",
    "响应慢",
    "温升过高",
    "漏检多",
    "寿命短",
]
_METRICS = [
    "加工精度",
    "能量密度",
    "转换效率",
    "疲劳寿命",
    "检测准确率",
    "良品率",
    "生产节拍",
    "表面硬度",
    "热导率",
    "定位精度",
    "循环寿命",
    "耐蚀性",
]


def _chains() -> list[Chain]:
    path = Path(__file__).resolve().parent.parent / "seed_data" / "chains.yaml"
    if path.is_file():
        return load_chains(path)
    return _FALLBACK


def _fill(rng: random.Random, template: str, chain: Chain) -> str:
    k = rng.sample(chain.keywords, 3) if len(chain.keywords) >= 3 else list(chain.keywords) * 3
    return template.format(
        c=chain.name,
        k1=k[0],
        k2=k[1],
        k3=k[2],
        p=rng.choice(_SYMPTOMS),
        m=rng.choice(_METRICS),
        n=rng.randint(2, 95),
        t=rng.randint(3, 9),
    )


def documents(kind: str, n: int, seed: int = 7, prefix: str | None = None) -> Iterator[Document]:
    """`n` synthetic challenges (kind="challenge") or capabilities, deterministic per seed."""
    rng = random.Random(f"{seed}:{kind}:{n}")
    chains = _chains()
    tag = prefix or ("c" if kind == "challenge" else "p")
    for i in range(n):
        chain = rng.choice(chains)
        other = rng.choice(chains)
        parts: list[str] = []
        target = rng.randint(150, 400)
        if kind == "challenge":
            parts.append(_fill(rng, rng.choice(_CHALLENGE_OPENERS), chain))
            while sum(map(len, parts)) < target:
                parts.append(_fill(rng, rng.choice(_PROBLEMS), chain))
                parts.append(_fill(rng, rng.choice(_TARGETS), rng.choice((chain, other))))
        else:
            while sum(map(len, parts)) < target:
                parts.append(_fill(rng, rng.choice(_CAPABILITY_BODIES), chain))
                parts.append(_fill(rng, rng.choice(_RESULTS), rng.choice((chain, other))))
        text = "".join(parts)[:target]
        title = _fill(rng, "{k1}{p}问题与{k2}技术" if kind == "challenge" else "{k1}与{k2}关键技术", chain)
        chain_tags = (chain.code,) if other is chain or rng.random() < 0.6 else (chain.code, other.code)
        keywords = tuple(rng.sample(chain.keywords, min(3, len(chain.keywords))))
        yield Document(f"{tag}{i:06d}", title, text, chain_tags, keywords)


def write_jsonl(docs: Iterator[Document] | list[Document], path: Path) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for d in docs:
            row = {
                "id": d.id,
                "title": d.title,
                "description": d.description,
                "chains": list(d.chains),
                "keywords": list(d.keywords),
            }
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path
