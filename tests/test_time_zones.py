"""One rule for time: stored in UTC, shown in the platform's zone (Asia/Shanghai by default).

17:30 UTC on 1 March is 01:30 on 2 March in China: every page, export and e-mail below must say
2 March, never 1 March (the server's UTC) nor anything else.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from openpyxl import load_workbook

from matchmaker import timezones
from matchmaker.background import progress
from matchmaker.models import Notification, Proposal, TaskRun

LATE_UTC = datetime(2026, 3, 1, 17, 30, tzinfo=UTC)
LOCAL = "2026-03-02 01:30"
LOCAL_DAY = "2026-03-02"


def test_filter_converts_aware_and_naive_utc(app):
    with app.app_context():
        assert timezones.local_dt(LATE_UTC) == LOCAL
        assert timezones.local_dt(LATE_UTC.replace(tzinfo=None), "%Y-%m-%d") == LOCAL_DAY
        assert timezones.local_dt(None) == ""


def test_zone_is_a_setting(other_app):
    tokyo = other_app(BABEL_DEFAULT_TIMEZONE="Asia/Tokyo")
    with tokyo.app_context():
        assert timezones.local_dt(LATE_UTC) == "2026-03-02 02:30"


def test_challenge_page_shows_the_publishing_day_in_china(client, db, firm, make_challenge):
    challenge = make_challenge(firm.organization)
    challenge.published_at = LATE_UTC
    db.session.commit()
    html = client.get(f"/challenges/{challenge.id}").get_data(as_text=True)
    assert LOCAL_DAY in html and "2026-03-01" not in html


def test_export_dates_the_row_in_china(client, db, firm, make_challenge):
    make_challenge(firm.organization).published_at = LATE_UTC
    db.session.commit()
    response = client.get("/imports/export/challenges.xlsx")
    rows = [[c.value for c in row] for row in load_workbook(io.BytesIO(response.data)).worksheets[0].iter_rows()]
    column = rows[0].index("发布时间")
    assert rows[1][column] == LOCAL_DAY


def test_task_page_inbox_and_proposal_agree(db, firm, team, organiser, make_challenge, login_as):
    run = progress.start("reindex", organiser.id)
    run.created_at = LATE_UTC
    db.session.add(Notification(user_id=team.id, kind="test", title="时间测试", created_at=LATE_UTC))
    challenge = make_challenge(firm.organization)
    proposal = Proposal(
        challenge=challenge,
        organization_id=team.organization_id,
        submitted_by_id=team.id,
        summary="方案",
        technical_route="路线",
        created_at=LATE_UTC,
    )
    db.session.add(proposal)
    db.session.commit()

    client = login_as(team)
    assert LOCAL in client.get("/inbox/").get_data(as_text=True)
    assert LOCAL in client.get(f"/proposals/{proposal.id}").get_data(as_text=True)
    client.post("/logout")
    tasks = login_as(organiser).get("/organiser/tasks").get_data(as_text=True)
    assert LOCAL in tasks and "2026-03-01 17:30" not in tasks
    assert db.session.get(TaskRun, run.id).created_at is not None


@pytest.mark.usefixtures("db")
def test_email_is_dated_in_china(app, team, monkeypatch):
    from matchmaker.notifications import tasks

    sent = []

    class FakeSMTP:
        def __init__(self, *args, **kwargs):
            pass

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def starttls(self):
            pass

        def send_message(self, message):
            sent.append(message)

    note = Notification(user_id=team.id, kind="test", title="邮件时间", created_at=LATE_UTC)
    from matchmaker.extensions import db

    db.session.add(note)
    db.session.commit()
    monkeypatch.setattr(tasks.smtplib, "SMTP", FakeSMTP)
    monkeypatch.setitem(app.config, "MAIL_SERVER", "smtp.example.cn")
    monkeypatch.setitem(app.config, "MAIL_USE_TLS", False)
    tasks.send_email.apply(kwargs={"notification_id": note.id})
    assert sent and sent[0]["Date"] == "Mon, 02 Mar 2026 01:30:00 +0800"
