"""Who may reach which route: one module per feature, each exporting ROUTES.

ROUTES maps an endpoint (optionally "endpoint#case") to (method, url(world), {persona: expected}).
`url(world)` may create the objects it needs with the factories on `world`.
Expected values: 200/302/403/404, or LOGIN (302 to the sign-in page).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

PERSONAS = ("anon", "firm_a", "firm_b", "team", "organiser")
OK, FORBIDDEN, MISSING, REDIRECT = 200, 403, 404, 302
LOGIN = "login"


@dataclass
class World:
    firm_a: Any
    firm_b: Any
    team: Any
    organiser: Any
    published: Any  # firm A's published challenge
    draft: Any  # firm A's draft challenge
    capability: Any  # the team's published capability
    capability_draft: Any
    pending_org: Any
    target_user: Any
    make_org: Callable[..., Any]
    make_user: Callable[..., Any]
    make_challenge: Callable[..., Any]
    make_capability: Callable[..., Any]


def every(status: object) -> dict[str, object]:
    return dict.fromkeys(PERSONAS, status)


def signed_in(status: object, anon: object = LOGIN) -> dict[str, object]:
    return {"anon": anon, **dict.fromkeys(PERSONAS[1:], status)}


def only(allowed: tuple[str, ...], status: object = OK, others: object = FORBIDDEN) -> dict[str, object]:
    return {p: (status if p in allowed else others) for p in PERSONAS} | {"anon": LOGIN}


def all_routes() -> dict[str, tuple]:
    routes: dict[str, tuple] = {}
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        overlap = routes.keys() & module.ROUTES.keys()
        assert not overlap, f"{info.name} redefines {overlap}"
        routes.update(module.ROUTES)
    return routes
