"""A yearly list kind: its models, the post each entry holds, and which of those posts the
public sees and organisers may add."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa


@dataclass(frozen=True)
class YearlyKind:
    name: str  # audit prefix and settings key: "key_problems", "good_results"
    list_model: type
    entry_model: type
    item_model: type  # Challenge, Capability
    item_attr: str  # the entry's relationship to its post: "challenge", "capability"
    shown: tuple  # post statuses the public may see: an entry whose post left them is not shown
    pool: tuple  # post statuses organisers may add
    default_title: Callable[[int], str]
    # Conditions on an entry for it to count as "on the list" (good results: selected, not a nomination).
    listed: Callable[[], tuple[sa.ColumnElement[bool], ...]] = field(default=lambda: ())

    @property
    def item_id(self) -> Any:
        return getattr(self.entry_model, f"{self.item_attr}_id")

    @property
    def item_rel(self) -> Any:
        return getattr(self.entry_model, self.item_attr)

    @property
    def target_setting(self) -> str:
        return f"{self.name}.target"
