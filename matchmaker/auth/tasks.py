"""Account e-mails (sign-up confirmation, "someone tried to sign up"): the outbox row carries
the whole message, because the address may have no user (and so no inbox) yet."""

from __future__ import annotations

from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime

from flask import current_app

from matchmaker.background.tasks_base import outbox_task
from matchmaker.notifications.tasks import deliver
from matchmaker.timezones import to_local


@outbox_task("matchmaker.auth.tasks.send_account_email")
def send_account_email(to: str, subject: str, body: str) -> None:
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = current_app.config["MAIL_FROM"]
    message["To"] = to
    message["Date"] = format_datetime(to_local(datetime.now(UTC)))
    message.set_content(body)
    deliver(message)
