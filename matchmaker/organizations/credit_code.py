"""统一社会信用代码 (GB 32100-2015): structure and check-character validation.

python-stdnum computes the check character, but its format check demands eight leading digits
and so rejects valid codes whose registration department is 'Y' (其他); the structure rules
of the standard are checked here instead.
"""

from __future__ import annotations

import hashlib

from flask_babel import gettext as _
from stdnum.cn.uscc import calc_check_digit

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # no I, O, Z, S, V
# 登记管理部门代码 → allowed 机构类别代码 (GB 32100-2015 Table 1).
DEPARTMENTS = {
    "1": "1239",  # 机构编制
    "2": "19",  # 外交
    "3": "1239",  # 司法行政
    "4": "19",  # 文化
    "5": "1239",  # 民政
    "6": "129",  # 旅游
    "7": "129",  # 宗教
    "8": "19",  # 工会
    "9": "123",  # 工商 (1 企业, 2 个体工商户, 3 农民专业合作社)
    "A": "19",  # 中央军委改革和编制办公室
    "N": "1239",  # 农业
    "Y": "1",  # 其他
}

# 行政区划代码 of Shandong's 16 prefecture-level cities, for fictional demo codes.
CITY_DIVISION_CODES = {
    "济南市": "370100", "青岛市": "370200", "淄博市": "370300", "枣庄市": "370400",
    "东营市": "370500", "烟台市": "370600", "潍坊市": "370700", "济宁市": "370800",
    "泰安市": "370900", "威海市": "371000", "日照市": "371100", "临沂市": "371300",
    "德州市": "371400", "聊城市": "371500", "滨州市": "371600", "菏泽市": "371700",
}  # fmt: skip


class CreditCodeError(ValueError):
    """Raised with a message fit to show the user (Chinese)."""


def normalize(code: str) -> str:
    # Users paste codes with spaces, dashes or full-width characters.
    halfwidth = "".join(chr(ord(c) - 0xFEE0) if "！" <= c <= "～" else c for c in code)
    return halfwidth.replace(" ", "").replace("-", "").strip().upper()


def validate(code: str) -> str:
    """Return the normalised code or raise CreditCodeError saying what is wrong."""
    code = normalize(code)
    if len(code) != 18:
        raise CreditCodeError(_("统一社会信用代码应为18位，当前为%(n)d位。", n=len(code)))
    if bad := sorted({c for c in code if c not in ALPHABET}):
        raise CreditCodeError(
            _("统一社会信用代码含有不允许的字符：%(chars)s（不使用I、O、Z、S、V）。", chars="、".join(bad))
        )
    department, category = code[0], code[1]
    if department not in DEPARTMENTS or category not in DEPARTMENTS[department]:
        raise CreditCodeError(_("统一社会信用代码前两位（登记管理部门和机构类别）无效。"))
    if not code[2:8].isdigit():
        raise CreditCodeError(_("统一社会信用代码第3至8位应为行政区划代码（数字）。"))
    if calc_check_digit(code[:17]) != code[17]:
        raise CreditCodeError(_("统一社会信用代码校验位不正确，请核对后重新输入。"))
    return code


def _org_code_check(body: str) -> str:
    """GB 11714 check character of an 8-character organisation code body."""
    weights = (3, 7, 9, 10, 5, 8, 4, 2)
    total = sum(ALPHABET.index(c) * w for c, w in zip(body, weights, strict=True))
    value = 11 - total % 11
    return {10: "X", 11: "0"}.get(value, str(value))


def fictional(seed: str, city: str, prefix: str = "91") -> str:
    """A deterministic, checksum-valid code for demo organisations (never a real one)."""
    digest = hashlib.sha256(seed.encode()).digest()
    body = "MA" + "".join(ALPHABET[b % 31] for b in digest[:6])  # 'MA' marks post-2015 issue
    org_code = body + _org_code_check(body)
    first17 = prefix + CITY_DIVISION_CODES.get(city, "370000") + org_code
    return first17 + calc_check_digit(first17)
