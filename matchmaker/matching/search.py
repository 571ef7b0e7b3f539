"""Keyword search for the lists: ranked ids of one side for a free-text query."""

from __future__ import annotations

from typing import Literal

import sqlalchemy as sa

from matchmaker.extensions import db
from matchmaker.models import Capability, Challenge

Side = Literal["challenge", "capability"]


def rank_ids(side: Side, text: str, limit: int = 500) -> list[int]:
    """Ids of posts of `side` matching `text`, best first. (Interim: substring match on the
    title and main text; replaced by the recommender index, which segments with jieba.)"""
    model = Challenge if side == "challenge" else Capability
    body = Challenge.problem if side == "challenge" else Capability.description
    terms = [t for t in text.split() if t][:8]
    if not terms:
        return []
    conditions = [sa.or_(model.title.contains(t), body.contains(t)) for t in terms]
    return list(db.session.scalars(sa.select(model.id).where(sa.and_(*conditions)).limit(limit)))
