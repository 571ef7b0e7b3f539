"""Posting and browsing of challenges (firms) and capabilities (teams)."""

from tests.route_access import MISSING, OK, REDIRECT, every, only

# Writes of the owner; another firm (or a team) is refused, organisers curate but do not edit.
OWNER_FIRM = only(("firm_a",), REDIRECT)
OWNER_TEAM = only(("team",), REDIRECT)

ROUTES = {
    "challenges.index": ("GET", lambda w: "/challenges/", every(OK)),
    "challenges.index#filtered": (
        "GET",
        lambda w: (
            "/challenges/?q=机床&chain=nope&city=x&status=draft&mode=?&budget_min=-1&budget_max=abc&sort=z&page=x"
        ),
        every(OK),
    ),
    "challenges.mine": ("GET", lambda w: "/challenges/mine", only(("firm_a", "firm_b"))),
    "challenges.detail": ("GET", lambda w: f"/challenges/{w.published.id}", every(OK)),
    "challenges.detail#draft": (
        "GET",
        lambda w: f"/challenges/{w.draft.id}",
        {"anon": MISSING, "firm_a": OK, "firm_b": MISSING, "team": MISSING, "organiser": OK},
    ),
    "challenges.new": ("GET", lambda w: "/challenges/new", only(("firm_a", "firm_b"))),
    "challenges.edit": ("GET", lambda w: f"/challenges/{w.draft.id}/edit", only(("firm_a",))),
    "challenges.publish": ("POST", lambda w: f"/challenges/{w.draft.id}/publish", OWNER_FIRM),
    "challenges.withdraw": ("POST", lambda w: f"/challenges/{w.published.id}/withdraw", OWNER_FIRM),
    "challenges.to_draft": ("POST", lambda w: f"/challenges/{w.published.id}/to-draft", OWNER_FIRM),
    "capabilities.index": ("GET", lambda w: "/capabilities/", every(OK)),
    "capabilities.index#filtered": (
        "GET",
        lambda w: "/capabilities/?q=热误差&trl_min=0&trl_max=99&org_kind=x&status=withdrawn&sort=zz",
        every(OK),
    ),
    "capabilities.mine": ("GET", lambda w: "/capabilities/mine", only(("team",))),
    "capabilities.detail": ("GET", lambda w: f"/capabilities/{w.capability.id}", every(OK)),
    "capabilities.detail#draft": (
        "GET",
        lambda w: f"/capabilities/{w.capability_draft.id}",
        {"anon": MISSING, "firm_a": MISSING, "firm_b": MISSING, "team": OK, "organiser": OK},
    ),
    "capabilities.new": ("GET", lambda w: "/capabilities/new", only(("team",))),
    "capabilities.edit": ("GET", lambda w: f"/capabilities/{w.capability.id}/edit", only(("team",))),
    "capabilities.publish": ("POST", lambda w: f"/capabilities/{w.capability_draft.id}/publish", OWNER_TEAM),
    "capabilities.withdraw": ("POST", lambda w: f"/capabilities/{w.capability.id}/withdraw", OWNER_TEAM),
    "capabilities.to_draft": ("POST", lambda w: f"/capabilities/{w.capability.id}/to-draft", OWNER_TEAM),
}
