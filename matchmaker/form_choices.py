"""Select options for WTForms (3.3+ wants SelectChoice objects, not tuples)."""

from __future__ import annotations

from collections.abc import Iterable

from wtforms import SelectChoice

from matchmaker.models.enums import LabelledEnum


def choices(pairs: Iterable[tuple[str, str]]) -> list[SelectChoice]:
    return [SelectChoice(str(value), str(label)) for value, label in pairs]


def enum_choices(members: Iterable[LabelledEnum]) -> list[SelectChoice]:
    return choices((m.value, m.label) for m in members)
