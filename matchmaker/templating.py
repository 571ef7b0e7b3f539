"""Template helpers shared by every page."""

from __future__ import annotations

from flask import Flask, current_app, url_for
from markupsafe import Markup, escape


def nav_link(endpoint: str, label: str, **values: object) -> Markup:
    """A navbar link that appears only once its feature's route exists."""
    if endpoint not in current_app.view_functions:
        return Markup("")
    return Markup('<li class="nav-item"><a class="nav-link" href="{}">{}</a></li>').format(
        url_for(endpoint, **values), escape(label)
    )


def menu_link(endpoint: str, label: str, **values: object) -> Markup:
    """The same link as an entry of a navbar dropdown."""
    return Markup('<li><a class="dropdown-item" href="{}">{}</a></li>').format(
        url_for(endpoint, **values), escape(label)
    )


def has_endpoint(endpoint: str) -> bool:
    return endpoint in current_app.view_functions


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(nav_link=nav_link, menu_link=menu_link, has_endpoint=has_endpoint)
