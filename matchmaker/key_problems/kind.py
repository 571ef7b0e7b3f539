"""The key-problem list as a yearly list kind (matchmaker/yearly_lists)."""

from __future__ import annotations

from flask_babel import gettext as _

from matchmaker.models import Challenge, ChallengeStatus, KeyProblemEntry, KeyProblemList
from matchmaker.yearly_lists.kind import YearlyKind


def default_title(year: int) -> str:
    return _("%(year)d年度产业关键技术难题榜单", year=year)


KEY_PROBLEMS = YearlyKind(
    name="key_problems",
    list_model=KeyProblemList,
    entry_model=KeyProblemEntry,
    item_model=Challenge,
    item_attr="challenge",
    # Challenges the public may see: an entry whose challenge was withdrawn later is not shown.
    shown=(ChallengeStatus.PUBLISHED, ChallengeStatus.IN_REVIEW, ChallengeStatus.CONTRACTED, ChallengeStatus.CLOSED),
    # Challenges organisers may add: still open for solutions.
    pool=(ChallengeStatus.PUBLISHED,),
    default_title=default_title,
)
