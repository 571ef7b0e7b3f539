"""Forms of the yearly key-problem list: the shared yearly-list forms."""

from matchmaker.yearly_lists.forms import AddEntryForm, ButtonForm, CreateListForm, EditListForm, EnglishForm

__all__ = ["AddEntryForm", "ButtonForm", "CreateListForm", "EditListForm", "EnglishForm"]
