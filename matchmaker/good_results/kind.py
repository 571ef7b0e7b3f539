"""The good-results selection (山东好成果) as a yearly list kind (matchmaker/yearly_lists):
selected entries are on the list; a team's nomination waits outside it until organisers accept."""

from __future__ import annotations

from flask_babel import gettext as _

from matchmaker.models import Capability, CapabilityStatus, GoodResultEntry, GoodResultList, ResultEntryStatus
from matchmaker.yearly_lists.kind import YearlyKind


def default_title(year: int) -> str:
    return _("%(year)d年度山东好成果", year=year)


GOOD_RESULTS = YearlyKind(
    name="good_results",
    list_model=GoodResultList,
    entry_model=GoodResultEntry,
    item_model=Capability,
    item_attr="capability",
    shown=(CapabilityStatus.PUBLISHED,),
    pool=(CapabilityStatus.PUBLISHED,),
    default_title=default_title,
    listed=lambda: (GoodResultEntry.status == ResultEntryStatus.SELECTED,),
)
