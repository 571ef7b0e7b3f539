"""E-mail copies of notifications (SMTP when MAIL_SERVER is set, otherwise logged, not sent) and
the daily 'deadline in 7 days' reminder that Celery beat runs."""

from __future__ import annotations

import logging
import smtplib
from email.message import EmailMessage
from email.utils import format_datetime

from flask import current_app

from matchmaker.background.tasks_base import outbox_task
from matchmaker.extensions import db
from matchmaker.models import Notification, User
from matchmaker.notifications.reminders import send_deadline_reminders
from matchmaker.timezones import local_today, to_local

log = logging.getLogger(__name__)


@outbox_task("matchmaker.notifications.tasks.send_email")
def send_email(notification_id: int) -> None:
    note = db.session.get(Notification, notification_id)
    if note is None:
        return  # deleted meanwhile: nothing to send
    user = db.session.get(User, note.user_id)
    message = EmailMessage()
    message["Subject"] = note.title
    message["From"] = current_app.config["MAIL_FROM"]
    message["To"] = user.email
    # The platform's zone, like every page (a server in UTC would otherwise date it a day apart).
    message["Date"] = format_datetime(to_local(note.created_at))
    link = f"\n\n{current_app.config['PUBLIC_URL'].rstrip('/')}{note.link}" if note.link else ""
    message.set_content(f"{user.name}，您好：\n\n{note.body or note.title}{link}\n")
    deliver(message)


def deliver(message: EmailMessage) -> None:
    """Send by SMTP; without MAIL_SERVER (development) log the whole e-mail instead, so its
    links (e.g. a sign-up's confirmation link) can be followed from the log. A warning, so it
    shows on `make run`'s console, where nothing configures logging below that level."""
    server = current_app.config["MAIL_SERVER"]
    if not server:
        log.warning(
            "e-mail (not sent, MAIL_SERVER unset) to %s: %s\n%s",
            message["To"],
            message["Subject"],
            message.get_content(),
        )
        return
    with smtplib.SMTP(server, current_app.config["MAIL_PORT"], timeout=30) as smtp:
        if current_app.config["MAIL_USE_TLS"]:
            smtp.starttls()
        if current_app.config["MAIL_USERNAME"]:
            smtp.login(current_app.config["MAIL_USERNAME"], current_app.config["MAIL_PASSWORD"])
        smtp.send_message(message)


@outbox_task("matchmaker.notifications.tasks.deadline_reminders")
def deadline_reminders() -> int:
    """Idempotent: each challenge is reminded once, however often beat runs this. Runs in a request
    context on PUBLIC_URL so url_for builds the links as in a view (there is no SERVER_NAME)."""
    with current_app.test_request_context(base_url=current_app.config["PUBLIC_URL"]):
        sent = send_deadline_reminders(local_today())
    log.info("deadline reminders sent for %d challenge(s)", sent)
    return sent
