"""Run an imported row through the posting feature's own form, so an imported draft obeys the
same rules as one typed on the site (lengths, phone format, budget range …) without writing them
twice. rows.py only translates cells (chain names, Chinese labels, Excel dates) into form data."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict

from matchmaker.imports.columns import COLUMNS, Kind

# Form fields whose name is not the column's attr.
FIELD_COLUMN = {"chain": "chains", "chain_extra": "chains"}


class FormCheck:
    """Built once per file: the form class and its chain choices are shared by every row."""

    def __init__(self, kind: Kind) -> None:
        self._make = _form_factory(kind)
        self._headings = {c.attr: c.heading for c in COLUMNS[kind]}

    def errors(self, values: dict[str, Any], already_wrong: set[str]) -> list[str]:
        form = self._make(_formdata(values))
        form.validate()
        messages = []
        for name, errors in form.errors.items():
            attr = FIELD_COLUMN.get(name, name)
            if attr in already_wrong or attr not in self._headings:
                continue
            messages.extend(f"“{self._headings[attr]}”：{error}" for error in errors)
        return messages


def _formdata(values: dict[str, Any]) -> MultiDict:
    data = MultiDict()
    for name, value in values.items():
        if name not in ("chains", "keywords", "cooperation_modes") and value is not None:
            data[name] = str(value)
    chains = values.get("chains") or []
    data["chain"] = str(chains[0]) if chains else ""
    data["chain_extra"] = str(chains[1]) if len(chains) > 1 else ""
    data["keywords"] = "、".join(values.get("keywords", []))
    data.setlist("cooperation_modes", values.get("cooperation_modes", []))
    return data


def _form_factory(kind: Kind) -> Callable[[MultiDict], FlaskForm]:
    from matchmaker.capabilities.forms import CapabilityForm
    from matchmaker.challenges.forms import ChallengeForm
    from matchmaker.posts.chains import chain_choices

    form_class = ChallengeForm if kind == Kind.CHALLENGES else CapabilityForm
    chain, extra = chain_choices(None, blank="—"), chain_choices(None, blank="—")

    def make(formdata: MultiDict) -> FlaskForm:
        form = form_class(formdata=formdata, meta={"csrf": False})
        form.chain.choices, form.chain_extra.choices = chain, extra
        return form

    return make
