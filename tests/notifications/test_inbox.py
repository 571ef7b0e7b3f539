"""The inbox: unread first, a navbar badge with the unread count, mark one or all read."""

from __future__ import annotations

import re

from matchmaker.models import Role
from matchmaker.notifications.operations import notify


def _badge(html: str) -> int:
    """The unread count shown in the navbar badge (0 when there is no badge)."""
    match = re.search(r'href="/inbox/"[^>]*>\s*通知\s*(?:<span class="badge[^"]*">(\d+)</span>)?', html)
    assert match, "navbar badge missing"
    return int(match.group(1) or 0)


def test_badge_counts_unread_and_mark_read_lowers_it(client, login_as, make_user):
    user = make_user(Role.TEAM)
    first, second = notify([user], "test", "第一条"), notify([user], "test", "第二条")
    login_as(user)
    assert _badge(client.get("/inbox/").get_data(as_text=True)) == 2
    assert client.post(f"/inbox/{first[0].id}/read").status_code == 302
    assert first[0].read_at is not None and second[0].read_at is None
    assert _badge(client.get("/").get_data(as_text=True)) == 1
    client.post("/inbox/read-all")
    assert second[0].read_at is not None
    assert _badge(client.get("/inbox/").get_data(as_text=True)) == 0


def test_unread_come_first(client, login_as, make_user):
    user = make_user(Role.FIRM)
    notify([user], "test", "旧的未读")
    [read] = notify([user], "test", "已读的新通知")
    login_as(user)
    client.post(f"/inbox/{read.id}/read")
    page = client.get("/inbox/").get_data(as_text=True)
    assert page.index("旧的未读") < page.index("已读的新通知")


def test_open_follows_local_links_only(client, login_as, make_user):
    user = make_user(Role.TEAM)
    [local] = notify([user], "test", "本站", link="/proposals/mine")
    [foreign] = notify([user], "test", "外站", link="//evil.example/x")
    login_as(user)
    assert client.post(f"/inbox/{local.id}/read", data={"open": "1"}).headers["Location"] == "/proposals/mine"
    assert "evil" not in client.post(f"/inbox/{foreign.id}/read", data={"open": "1"}).headers["Location"]


def test_cannot_touch_someone_elses_notifications(client, login_as, make_user):
    owner, other = make_user(Role.TEAM), make_user(Role.TEAM)
    [note] = notify([owner], "test", "私人通知")
    login_as(other)
    assert client.post(f"/inbox/{note.id}/read").status_code == 404
    assert "私人通知" not in client.get("/inbox/").get_data(as_text=True)
    client.post("/inbox/read-all")
    assert note.read_at is None
