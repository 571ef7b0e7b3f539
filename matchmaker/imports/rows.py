"""Check one imported row and turn its cells into clean field values, with every problem in
Chinese. The rules mirror the models and the posting forms: required fields, lengths, chains by
name or code, enum values by their Chinese label, TRL as 1–9 or "6级".

The posting forms' own rules (lengths, budget range, phone format …) are applied to the
translated row by form_check.py. Values come out JSON-ready (dates as ISO text, money as text,
chains as ids) because the preview is stored in the database between upload and confirmation."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from flask_babel import gettext as _

from matchmaker.imports.columns import (
    COLUMNS,
    EXAMPLE_MARKER,
    LIST_SEPARATORS,
    MAX_CHAINS,
    MAX_KEYWORDS,
    Column,
    Kind,
    Parse,
)
from matchmaker.imports.form_check import FormCheck
from matchmaker.models import Chain
from matchmaker.models.enums import ChallengeMode, CooperationMode, LabelledEnum, SolutionMode

MONEY_MAX = Decimal("9999999999")  # Numeric(12, 2)
KEYWORD_MAX_LEN = 20
DATE_PATTERN = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
TRL_PATTERN = re.compile(r"^(?:TRL)?\s*([1-9])\s*(?:级.*)?$", re.IGNORECASE)


@dataclass
class CheckedRow:
    line: int
    values: dict[str, Any] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    duplicate_of: str = ""  # why the title looks like a repeat (existing post or an earlier line)
    example: bool = False  # the template's example row: skipped, not an error

    @property
    def valid(self) -> bool:
        return not self.errors and not self.example


class ChainLookup:
    """Active chains by code and by name (retired chains are not offered for new posts)."""

    def __init__(self, chains: list[Chain]) -> None:
        self._by_key: dict[str, Chain] = {}
        for chain in chains:
            if chain.active:
                self._by_key[chain.code.lower()] = chain
                self._by_key[_fold(chain.name)] = chain

    def find(self, text: str) -> Chain | None:
        return self._by_key.get(_fold(text)) or self._by_key.get(text.strip().lower())


def check_row(
    kind: Kind, line: int, cells: dict[str, Any], chains: ChainLookup, form_check: FormCheck, today: date
) -> CheckedRow:
    row = CheckedRow(line=line)
    wrong: set[str] = set()
    for column in COLUMNS[kind]:
        raw = cells.get(column.attr)
        text = _text(raw)
        if not text:
            if column.required:
                row.errors.append(_("“%(name)s”不能为空", name=column.heading))
                wrong.add(column.attr)
            continue
        try:
            row.values[column.attr] = _parse(column, raw, text, chains, today)
        except ValueError as error:
            row.errors.append(str(error))
            wrong.add(column.attr)
    if str(row.values.get("title", "")).startswith(EXAMPLE_MARKER):
        row.example = True
    row.errors.extend(form_check.errors(row.values, wrong))
    return row


def _parse(column: Column, raw: Any, text: str, chains: ChainLookup, today: date) -> Any:
    name = column.heading
    match column.parse:
        case Parse.TEXT | Parse.LONG:
            if column.parse == Parse.TEXT:
                text = " ".join(text.split())
            if len(text) > column.max_len:
                raise ValueError(
                    _("“%(name)s”不能超过 %(n)d 字（现有 %(m)d 字）", name=name, n=column.max_len, m=len(text))
                )
            return text
        case Parse.CHAINS:
            return _chains(name, text, chains)
        case Parse.KEYWORDS:
            return _keywords(name, text)
        case Parse.MONEY:
            return _money(name, raw, text)
        case Parse.DATE:
            return _date(name, raw, text, today)
        case Parse.SOLUTION_MODE:
            return _label(name, text, SolutionMode)
        case Parse.CHALLENGE_MODE:
            return _label(name, text, ChallengeMode)
        case Parse.COOPERATION_MODES:
            return list(dict.fromkeys(_label(name, part, CooperationMode) for part in _split(text)))
        case Parse.TRL:
            return _trl(name, raw, text)
    raise AssertionError(column.parse)


def _chains(name: str, text: str, chains: ChainLookup) -> list[int]:
    found: list[int] = []
    for part in _split(text):
        chain = chains.find(part)
        if chain is None:
            raise ValueError(_("“%(name)s”中的“%(value)s”不是平台上的产业链", name=name, value=part))
        if chain.id not in found:
            found.append(chain.id)
    if len(found) > MAX_CHAINS:
        raise ValueError(_("“%(name)s”最多填写 %(n)d 条", name=name, n=MAX_CHAINS))
    return found


def _keywords(name: str, text: str) -> list[str]:
    words = list(dict.fromkeys(_split(text)))
    if len(words) > MAX_KEYWORDS:
        raise ValueError(_("“%(name)s”最多 %(n)d 个（现有 %(m)d 个）", name=name, n=MAX_KEYWORDS, m=len(words)))
    if any(len(word) > KEYWORD_MAX_LEN for word in words):
        raise ValueError(_("“%(name)s”每个不超过 %(n)d 字", name=name, n=KEYWORD_MAX_LEN))
    return words


def _money(name: str, raw: Any, text: str) -> str:
    try:
        amount = (
            Decimal(str(raw))
            if isinstance(raw, int | float)
            else Decimal(_fold(text).replace(",", "").removesuffix("万元").removesuffix("万"))
        )
    except InvalidOperation:
        raise ValueError(_("“%(name)s”应为数字（单位万元），现为“%(value)s”", name=name, value=text)) from None
    if not amount.is_finite() or amount < 0 or amount > MONEY_MAX:
        raise ValueError(_("“%(name)s”应为不小于 0 的金额", name=name))
    return str(amount.quantize(Decimal("0.01")))


def _date(name: str, raw: Any, text: str, today: date) -> str:
    if isinstance(raw, datetime):
        value = raw.date()
    elif isinstance(raw, date):
        value = raw
    else:
        match = DATE_PATTERN.match(_fold(text))
        try:
            value = date(*(int(g) for g in match.groups())) if match else None
        except ValueError:
            value = None
        if value is None:
            raise ValueError(_("“%(name)s”应为日期，如 2027-06-30，现为“%(value)s”", name=name, value=text))
    if value <= today:
        raise ValueError(_("“%(name)s”应晚于今天，现为 %(value)s", name=name, value=value.isoformat()))
    return value.isoformat()


def _label(name: str, text: str, enum: type[LabelledEnum]) -> str:
    folded = _fold(text)
    for member in enum:
        if folded in (_fold(member.label), member.value):
            return member.value
    options = "、".join(m.label for m in enum)
    raise ValueError(_("“%(name)s”应为 %(options)s 之一，现为“%(value)s”", name=name, options=options, value=text))


def _trl(name: str, raw: Any, text: str) -> int:
    if isinstance(raw, int | float) and float(raw).is_integer() and 1 <= raw <= 9:
        return int(raw)
    match = TRL_PATTERN.match(_fold(text))
    if match is None:
        raise ValueError(_("“%(name)s”应为 1–9 的数字或“6级”这样的写法，现为“%(value)s”", name=name, value=text))
    return int(match.group(1))


def _text(raw: Any) -> str:
    """A cell as the user sees it: Excel gives 80.0 or 13800000000 as numbers."""
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if isinstance(raw, datetime | date):
        return raw.isoformat()
    return str(raw).strip()


def _split(text: str) -> list[str]:
    return [part.strip() for part in LIST_SEPARATORS.split(text) if part.strip()]


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().lower()
