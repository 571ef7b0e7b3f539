"""Recommendation feedback and chain suggestions."""

from tests.route_access import FORBIDDEN, LOGIN, OK, REDIRECT, signed_in


def _match_of_firm_a(w):
    from matchmaker.extensions import db
    from matchmaker.models import Match

    match = Match(challenge=w.published, capability=w.capability, score=0.5, terms=["热误差"])
    db.session.add(match)
    db.session.commit()
    return match


ROUTES = {
    "matching.feedback": (
        "POST",
        lambda w: f"/matching/matches/{_match_of_firm_a(w).id}/feedback",
        # The form is empty here, so firm A is redirected back with a message.
        {"anon": LOGIN, "firm_a": REDIRECT, "firm_b": FORBIDDEN, "team": FORBIDDEN, "organiser": FORBIDDEN},
    ),
    "matching.suggest_chains": ("GET", lambda w: "/matching/suggest-chains?text=x", signed_in(OK)),
}
