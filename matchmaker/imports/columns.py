"""The 征集表 columns of each import kind: the Chinese heading users see in Excel, the model field
it fills, and how its text is read. The template, the reader, the row checks and the export all
work from these tables, so a heading is spelled in exactly one place."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from flask_babel import lazy_gettext as _l


class Kind(StrEnum):
    CHALLENGES = "challenges"
    CAPABILITIES = "capabilities"


class Parse(StrEnum):
    TEXT = "text"  # one line, max_len characters
    LONG = "long"  # multi-line text
    CHAINS = "chains"  # names or codes, first is the primary chain
    KEYWORDS = "keywords"
    MONEY = "money"  # 万元, >= 0
    DATE = "date"
    SOLUTION_MODE = "solution_mode"
    CHALLENGE_MODE = "challenge_mode"
    COOPERATION_MODES = "cooperation_modes"
    TRL = "trl"


@dataclass(frozen=True)
class Column:
    heading: str
    attr: str
    parse: Parse
    required: bool = False
    max_len: int = 0
    help: str = ""
    example: str = ""


# Limits mirror the models and the posting forms (名称 ≤ 120 字, 关键字 ≤ 5, 产业链 1–2).
TITLE_MAX = 120
LONG_MAX = 5000
MAX_KEYWORDS = 5
MAX_CHAINS = 2
# Separators people type between list items in one cell: 、，,；; and line breaks (not spaces:
# keywords such as "OPC UA" contain them).
LIST_SEPARATORS = re.compile(r"\s*[、，,；;\n]+\s*")

CHALLENGE_COLUMNS = (
    Column(
        "需求名称",
        "title",
        Parse.TEXT,
        True,
        TITLE_MAX,
        _l("不超过120字，建议40字以内"),
        "大型结构件焊缝外观缺陷在线视觉检测",
    ),
    Column(
        "英文名称",
        "title_en",
        Parse.TEXT,
        False,
        200,
        _l("可选，用于年度榜单对外发布"),
        "Inline vision inspection of weld defects",
    ),
    Column(
        "所属产业链",
        "chains",
        Parse.CHAINS,
        True,
        0,
        _l("填写产业链名称或代码，最多2条，用顿号分隔，第一条为主产业链"),
        "高端装备、新一代信息技术",
    ),
    Column(
        "主要问题",
        "problem",
        Parse.LONG,
        True,
        LONG_MAX,
        _l("生产中遇到的技术难题及现状"),
        "焊后外观检验依靠人工目视，漏检率高。",
    ),
    Column(
        "技术关键与主要指标",
        "indicators",
        Parse.LONG,
        False,
        LONG_MAX,
        _l("需要达到的技术指标"),
        "漏检率≤1%，误报率≤5%",
    ),
    Column("预期目标", "goal", Parse.LONG, False, LONG_MAX, _l("希望取得的成果"), "完成样机部署并稳定运行3个月"),
    Column("关键字", "keywords", Parse.KEYWORDS, False, 0, _l("最多5个，用顿号分隔"), "焊缝检测、3D视觉、深度学习"),
    Column("拟投入资金下限（万元）", "budget_min", Parse.MONEY, False, 0, _l("数字，单位万元，可不填"), "80"),
    Column("拟投入资金上限（万元）", "budget_max", Parse.MONEY, False, 0, _l("数字，单位万元，不小于下限"), "150"),
    Column(
        "解决方式",
        "solution_mode",
        Parse.SOLUTION_MODE,
        False,
        0,
        _l("独立研发、委托研发、合作研发或其他，默认合作研发"),
        "合作研发",
    ),
    Column("需求时限", "deadline", Parse.DATE, False, 0, _l("日期，如 2027-06-30"), "2027-06-30"),
    Column("联系人", "contact_name", Parse.TEXT, False, 40, _l("仅对授权用户可见"), "刘工"),
    Column("联系电话", "contact_phone", Parse.TEXT, False, 40, _l("仅对授权用户可见"), "0532-86917325"),
    Column(
        "对接方式", "mode", Parse.CHALLENGE_MODE, False, 0, _l("精准对接、揭榜挂帅或赛马，默认精准对接"), "精准对接"
    ),
    Column(
        "保密信息",
        "confidential_detail",
        Parse.LONG,
        False,
        LONG_MAX,
        _l("仅对授权团队可见的详细资料"),
        "现有设备型号及故障数据",
    ),
)

CAPABILITY_COLUMNS = (
    Column(
        "成果名称",
        "title",
        Parse.TEXT,
        True,
        TITLE_MAX,
        _l("不超过120字，建议40字以内"),
        "机床热误差建模与实时补偿技术",
    ),
    Column("英文名称", "title_en", Parse.TEXT, False, 200, _l("可选"), "Thermal error modelling and compensation"),
    Column(
        "所属产业链",
        "chains",
        Parse.CHAINS,
        True,
        0,
        _l("填写产业链名称或代码，最多2条，用顿号分隔，第一条为主产业链"),
        "高端装备",
    ),
    Column("团队名称", "team_name", Parse.TEXT, True, 80, _l("不超过80字"), "精密制造课题组"),
    Column("负责人", "leader", Parse.TEXT, True, 40, _l("不超过120字，建议40字以内"), "赵教授"),
    Column("职称", "leader_title", Parse.TEXT, False, 40, _l("如 教授、研究员、高级工程师"), "教授"),
    Column(
        "成果介绍",
        "description",
        Parse.LONG,
        True,
        LONG_MAX,
        _l("成果内容、技术优势与应用情况"),
        "基于温度场测量的主轴热误差建模，补偿后精度提升80%。",
    ),
    Column("技术成熟度", "trl", Parse.TRL, True, 0, _l("1–9 的数字或“6级”"), "6级"),
    Column(
        "合作方式",
        "cooperation_modes",
        Parse.COOPERATION_MODES,
        False,
        0,
        _l("转让、许可、合作开发、作价入股，可多选，用顿号分隔"),
        "许可、合作开发",
    ),
    Column("知识产权", "ip", Parse.LONG, False, LONG_MAX, _l("专利、软著等"), "发明专利2项"),
    Column("关键字", "keywords", Parse.KEYWORDS, False, 0, _l("最多5个，用顿号分隔"), "热误差、数控机床"),
    Column("应用领域", "applications", Parse.LONG, False, LONG_MAX, _l("可应用的行业和场景"), "数控机床、加工中心"),
    Column(
        "财政资助项目名称",
        "funded_project",
        Parse.TEXT,
        False,
        120,
        _l("成果来自财政资助科技计划项目的填写，可不填"),
        "山东省重点研发计划（重大科技创新工程）项目",
    ),
    Column("项目编号", "funded_project_no", Parse.TEXT, False, 60, _l("可不填"), "2023CXGC010203"),
    Column(
        "转化产品",
        "product",
        Parse.TEXT,
        False,
        200,
        _l("可转化成果形成的产品或工艺，可不填"),
        "数控机床热误差补偿模块",
    ),
)

COLUMNS: dict[Kind, tuple[Column, ...]] = {Kind.CHALLENGES: CHALLENGE_COLUMNS, Kind.CAPABILITIES: CAPABILITY_COLUMNS}

# A row whose name starts with this marker is the template's example and is skipped on import.
EXAMPLE_MARKER = "【示例】"


def normalize_heading(text: object) -> str:
    """Match headings the way people type them: full- or half-width brackets, stray spaces,
    a required-field star."""
    folded = unicodedata.normalize("NFKC", str(text or ""))
    return re.sub(r"\s+", "", folded).rstrip("*")


def template_heading(column: Column) -> str:
    return column.heading + ("*" if column.required else "")
