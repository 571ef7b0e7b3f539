"""The public pages and each role's main pages on a 390-pixel-wide phone: nothing wider than the
screen (wide tables stack or scroll inside their own box). Every page is checked and screenshotted
before the test fails, so one run lists all offenders."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page

from tests.browser.helpers import demo_user, goto, login, shot
from tests.browser.phone import PHONE, squeezed_cells, too_wide

PUBLIC = [
    *("/", "/challenges/", "/capabilities/", "/key-problems/", "/login"),
    *("/signup", "/signup/sent", "/signup/resend"),
]
SIGNED_IN = {
    "firm": ["/", "/challenges/mine", "/challenges/new", "/access/requests", "/inbox/", "/imports/"],
    "team": ["/", "/capabilities/mine", "/capabilities/new", "/proposals/mine", "/inbox/", "/challenges/?q=锂电池回收"],
    "organiser": [
        "/",
        "/organiser/verification",
        "/organiser/users",
        "/key-problems/manage",
        "/organiser/tasks",
        "/proposals/reviewers",
    ],
}


def visit_all(page: Page, paths: list[str], prefix: str) -> list[str]:
    faults = []
    for path in paths:
        goto(page, path)
        name = path.strip("/").replace("/", "-").replace("?", "-").replace("=", "-") or "home"
        shot(page, f"phone-{prefix}-{name}")
        faults += [fault for fault in (too_wide(page), squeezed_cells(page)) if fault]
    return faults


def first_post(page: Page, listing: str, prefix: str) -> str:
    """The path of the first post linked from a list page (a detail page with real content)."""
    goto(page, listing)
    hrefs = page.locator("main a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    return next(h for h in hrefs if re.fullmatch(prefix + r"\d+", h or ""))


def test_public_pages_fit_a_phone(new_page) -> None:
    page = new_page(PHONE)
    details = [first_post(page, "/challenges/", "/challenges/"), first_post(page, "/capabilities/", "/capabilities/")]
    faults = visit_all(page, PUBLIC + details, "public")
    assert not faults, "pages wider than a phone:\n" + "\n".join(faults)


@pytest.mark.parametrize("role", sorted(SIGNED_IN))
def test_signed_in_pages_fit_a_phone(new_page, role: str) -> None:
    page = login(new_page(PHONE), *demo_user(role))
    paths = list(SIGNED_IN[role])
    if role == "firm":  # its own challenge: recommendations, access and proposal panels
        paths.append(first_post(page, "/challenges/mine?status=published", "/challenges/"))
    faults = visit_all(page, paths, role)
    assert not faults, "pages wider than a phone:\n" + "\n".join(faults)
