"""What the recommendation panels need in templates: permission, data, term highlighting."""

from __future__ import annotations

import re

from flask import Blueprint
from flask_login import current_user
from markupsafe import Markup, escape

from matchmaker.authz import is_organiser, owns
from matchmaker.matching.documents import Post
from matchmaker.matching.queries import Recommendation, recommendations_for


def visible_recommendations(post: Post) -> list[Recommendation] | None:
    """None when the viewer may not see them: only the owner and organisers do."""
    if not (owns(current_user, post) or is_organiser(current_user)):
        return None
    return recommendations_for(post)


def highlight(text: str, terms: list[str], limit: int = 160) -> Markup:
    """Escape `text`, cut it around the first matched term, and wrap terms in <mark>."""
    terms = [t for t in terms if t]
    start = 0
    if terms:
        hits = [i for i in (text.find(t) for t in terms) if i >= 0]
        start = max(0, min(hits) - 30) if hits else 0
    snippet = text[start : start + limit]
    safe = str(escape(("…" if start else "") + snippet + ("…" if start + limit < len(text) else "")))
    if terms:
        pattern = re.compile("|".join(re.escape(str(escape(t))) for t in sorted(terms, key=len, reverse=True)))
        safe = pattern.sub(lambda m: f"<mark>{m.group(0)}</mark>", safe)
    return Markup(safe)


def register(bp: Blueprint) -> None:
    @bp.app_context_processor
    def _helpers() -> dict:
        return {"visible_recommendations": visible_recommendations}

    bp.add_app_template_filter(highlight, "highlight_terms")
