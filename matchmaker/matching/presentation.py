"""What the recommendation panels need in templates: permission, data, term highlighting."""

from __future__ import annotations

import re
import unicodedata

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


def as_written(terms: list[str], *posts: Post) -> list[str]:
    """Explanation terms in the casing the posts use ("IGBT", not the index's "igbt").

    The recommender matches on lower-cased, NFKC-normalised text; a term is looked up,
    ignoring case, in the posts' text (normalised the same way) and shown as found there.
    """
    cased = [t for t in terms if t.lower() != t.upper()]  # only letters can differ in case
    if not cased:
        return terms
    text = unicodedata.normalize(
        "NFKC", "\n".join(part for p in posts for part in (p.title, *(p.keywords or ()), p.text_for_matching))
    )
    found = {t: m.group(0) for t in cased if (m := re.search(re.escape(t), text, re.IGNORECASE))}
    return [found.get(t, t) for t in terms]


def highlight(text: str, terms: list[str], limit: int = 160) -> Markup:
    """Escape `text`, cut it around the first matched term, and wrap terms in <mark>.

    Matching ignores case, as the recommender does ("igbt" marks "IGBT"). Terms are found in
    the raw text and each piece is escaped on its own, so a term can never match inside an
    entity the escaping made ("lt" in "&lt;") or inject markup.
    """
    text = text or ""
    ordered = sorted({t for t in terms if t}, key=len, reverse=True)
    pattern = re.compile("|".join(map(re.escape, ordered)), re.IGNORECASE) if ordered else None
    first = pattern.search(text) if pattern is not None else None
    start = max(0, first.start() - 30) if first else 0
    snippet = text[start : start + limit]
    pieces: list[str] = ["…" if start else ""]
    at = 0
    for m in pattern.finditer(snippet) if pattern is not None else ():
        pieces += [str(escape(snippet[at : m.start()])), f"<mark>{escape(m.group(0))}</mark>"]
        at = m.end()
    pieces += [str(escape(snippet[at:])), "…" if start + limit < len(text) else ""]
    return Markup("".join(pieces))


def register(bp: Blueprint) -> None:
    @bp.app_context_processor
    def _helpers() -> dict:
        return {"visible_recommendations": visible_recommendations}

    bp.add_app_template_filter(highlight, "highlight_terms")
    bp.add_app_template_filter(as_written, "as_written")
