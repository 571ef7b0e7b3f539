"""Confidential access requests, 揭榜 proposals, expert reviews, agreements and the inbox."""

from matchmaker.extensions import db
from matchmaker.models import AccessRequest, Notification, Proposal, Review, Role
from tests.route_access import FORBIDDEN, LOGIN, MISSING, OK, REDIRECT, only, signed_in


def _add(obj):
    db.session.add(obj)
    db.session.flush()
    return obj


def proposal(w, org=None) -> Proposal:
    """A proposal on firm A's published challenge, by the world's team unless `org` is given."""
    return _add(
        Proposal(
            challenge=w.published,
            organization_id=(org or w.team.organization).id,
            summary="方案",
            technical_route="路线",
            members="赵教授",
        )
    )


def other_team_proposal(w) -> Proposal:
    return proposal(w, w.make_user(Role.TEAM).organization)


def access_request(w) -> AccessRequest:
    return _add(AccessRequest(challenge=w.published, organization_id=w.team.organization_id, reason="了解细节"))


def review_by(w, reviewer) -> Review:
    return _add(Review(proposal=other_team_proposal(w), reviewer=reviewer))


def appointed(user):
    """The review page checks the appointment at every visit (issue 13 item 15)."""
    user.is_reviewer = True
    db.session.flush()
    return user


def as_reviewer(user):
    user.is_reviewer = True
    db.session.flush()
    return "/proposals/reviews"


def foreign_note(w) -> Notification:
    return _add(Notification(user_id=w.target_user.id, kind="test", title="别人的通知"))


# Firm A owns the challenge; firm B must not learn its proposals exist (404), other roles are refused (403).
OWNER_ONLY = {"anon": LOGIN, "firm_a": REDIRECT, "firm_b": MISSING, "team": FORBIDDEN, "organiser": FORBIDDEN}
OWNER_OR_ORGANISER = {"anon": LOGIN, "firm_a": OK, "firm_b": MISSING, "team": FORBIDDEN, "organiser": OK}
TEAM_ONLY_POST = only(("team",), REDIRECT)
NOBODY_BUT = {"anon": LOGIN, "firm_a": MISSING, "firm_b": MISSING, "team": MISSING, "organiser": MISSING}

ROUTES = {
    "access.request_access": ("POST", lambda w: f"/access/challenges/{w.published.id}/request", TEAM_ONLY_POST),
    "access.requests": ("GET", lambda w: "/access/requests", only(("firm_a", "firm_b"))),
    "access.decide": ("POST", lambda w: f"/access/requests/{access_request(w).id}/approve", OWNER_ONLY),
    "access.decide#decline": ("POST", lambda w: f"/access/requests/{access_request(w).id}/decline", OWNER_ONLY),
    "proposals.new": ("GET", lambda w: f"/proposals/challenges/{w.published.id}/new", only(("team",))),
    "proposals.new#draft": (
        "GET",
        lambda w: f"/proposals/challenges/{w.draft.id}/new",
        only(("team",), MISSING),
    ),
    "proposals.edit": ("GET", lambda w: f"/proposals/{proposal(w).id}/edit", only(("team",))),
    "proposals.edit#other_team": (
        "GET",
        lambda w: f"/proposals/{other_team_proposal(w).id}/edit",
        only(("team",), MISSING),
    ),
    "proposals.withdraw": ("POST", lambda w: f"/proposals/{proposal(w).id}/withdraw", TEAM_ONLY_POST),
    "proposals.mine": ("GET", lambda w: "/proposals/mine", only(("team",))),
    "proposals.detail": (
        "GET",
        lambda w: f"/proposals/{proposal(w).id}",
        {"anon": LOGIN, "firm_a": OK, "firm_b": MISSING, "team": OK, "organiser": OK},
    ),
    "proposals.detail#other_team": (
        "GET",
        lambda w: f"/proposals/{other_team_proposal(w).id}",
        {"anon": LOGIN, "firm_a": OK, "firm_b": MISSING, "team": MISSING, "organiser": OK},
    ),
    "proposals.for_challenge": ("GET", lambda w: f"/proposals/challenges/{w.published.id}", OWNER_OR_ORGANISER),
    "proposals.shortlist": ("POST", lambda w: f"/proposals/{proposal(w).id}/shortlist", OWNER_ONLY),
    "proposals.select": ("POST", lambda w: f"/proposals/{proposal(w).id}/select", OWNER_ONLY),
    "proposals.conclude": ("POST", lambda w: f"/proposals/challenges/{w.published.id}/conclude", OWNER_ONLY),
    "proposals.accept": ("POST", lambda w: f"/proposals/challenges/{w.published.id}/accept", OWNER_ONLY),
    "proposals.request_review": ("POST", lambda w: f"/proposals/{proposal(w).id}/reviews", OWNER_ONLY),
    "proposals.agreement": (
        "GET",
        lambda w: f"/proposals/{proposal(w).id}/agreement",
        OWNER_ONLY | {"firm_a": OK},
    ),
    "proposals.review_queue": ("GET", lambda w: "/proposals/reviews", signed_in(FORBIDDEN)),
    "proposals.review_queue#reviewer": ("GET", lambda w: as_reviewer(w.team), only(("team",))),
    "proposals.review": ("GET", lambda w: f"/proposals/reviews/{review_by(w, w.target_user).id}", NOBODY_BUT),
    "proposals.review#assigned": (
        "GET",
        lambda w: f"/proposals/reviews/{review_by(w, appointed(w.organiser)).id}",
        NOBODY_BUT | {"organiser": OK},
    ),
    "proposals.reviewers": ("GET", lambda w: "/proposals/reviewers", only(("organiser",))),
    "proposals.appoint": (
        "POST",
        lambda w: f"/proposals/reviewers/{w.target_user.id}",
        only(("organiser",), REDIRECT),
    ),
    "notifications.inbox": ("GET", lambda w: "/inbox/", signed_in(OK)),
    "notifications.mark_read": ("POST", lambda w: f"/inbox/{foreign_note(w).id}/read", NOBODY_BUT),
    "notifications.mark_all_read": ("POST", lambda w: "/inbox/read-all", signed_in(REDIRECT)),
}
