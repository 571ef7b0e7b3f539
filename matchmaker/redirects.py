"""The one check for redirect targets taken from the request (?next=, next_url)."""

from __future__ import annotations

from urllib.parse import urlsplit


def is_local_path(target: str | None) -> bool:
    """A path on this site only. Browsers drop tabs and newlines from URLs and read "\\" as
    "/", so "/\\t/evil.example" or "/\\\\evil.example" would leave the site: any control
    character or backslash is refused outright."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return False
    if "\\" in target or any(ord(c) < 0x20 or ord(c) == 0x7F for c in target):
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc


def safe_next(target: str | None, fallback: str) -> str:
    return target if is_local_path(target) else fallback
