"""Settings from the environment. Every variable is listed in the README's configuration table."""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
INSTANCE_DIR = REPO_ROOT / "instance"


def _bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _secret_key() -> str:
    """Use SECRET_KEY when given; otherwise keep one generated key per checkout so sessions
    survive restarts of the embedded default without anyone committing a secret."""
    if key := os.environ.get("SECRET_KEY"):
        return key
    INSTANCE_DIR.mkdir(exist_ok=True)
    key_file = INSTANCE_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_hex(32))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def _database_url() -> str:
    url = os.environ.get("DATABASE_URL", f"sqlite:///{INSTANCE_DIR / 'matchmaker.db'}")
    # Heroku-style URLs and plain postgresql:// should use psycopg 3.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def celery_settings(broker: str, result_backend: str | None = None) -> dict[str, object]:
    """Celery's settings for a broker URL; "" means no broker: tasks run eagerly, in-process.

    Publishing gives up within about CELERY_BROKER_TIMEOUT seconds when the broker is down, so a
    request never hangs on it: the outbox keeps the work and the sweep sends it later.
    """
    timeout = float(os.environ.get("CELERY_BROKER_TIMEOUT", "2"))
    # kombu reads these when a producer (re)connects; without them it retries forever.
    fail_fast = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.5}
    transport = {
        **fail_fast,
        "socket_connect_timeout": timeout,
        # Redis: a message not acked this long after delivery goes to another worker (acks_late).
        # Above the longest hard time limit (the nightly reindex: 1 h 5 min), or a long task runs
        # twice; short tasks of a dead worker come back sooner through the outbox sweep.
        "visibility_timeout": int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", "14400")),
        **json.loads(os.environ.get("CELERY_BROKER_TRANSPORT_OPTIONS") or "{}"),
    }
    return {
        "broker_url": broker or "memory://",
        "result_backend": result_backend or None,
        "task_always_eager": not broker,
        "task_eager_propagates": True,
        "task_serializer": "json",
        "accept_content": ["json"],
        "result_serializer": "json",
        "task_ignore_result": True,
        # At least once: ack after the task ran, requeue when its worker dies; tasks are idempotent.
        "task_acks_late": True,
        "task_reject_on_worker_lost": True,
        "worker_cancel_long_running_tasks_on_connection_loss": True,
        "worker_prefetch_multiplier": 1,
        "task_soft_time_limit": int(os.environ.get("CELERY_TASK_SOFT_TIME_LIMIT", "300")),
        "task_time_limit": int(os.environ.get("CELERY_TASK_TIME_LIMIT", "360")),
        "broker_connection_timeout": timeout,
        "broker_connection_retry_on_startup": True,
        "broker_transport_options": transport,
        "task_publish_retry_policy": fail_fast,
        "timezone": os.environ.get("TIMEZONE", "Asia/Shanghai"),  # beat times (02:30, 08:00) are local
    }


def from_environment() -> dict[str, object]:
    """Build the Flask config mapping; read once by create_app."""
    return {
        "SECRET_KEY": _secret_key(),
        "SQLALCHEMY_DATABASE_URI": _database_url(),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "DATABASE_CONNECT_TIMEOUT": int(os.environ.get("DATABASE_CONNECT_TIMEOUT", "5")),
        "CELERY": celery_settings(os.environ.get("CELERY_BROKER_URL", ""), os.environ.get("CELERY_RESULT_BACKEND")),
        # Outbox sweep: wait this long before re-sending a pending row (the request sends it first);
        # re-send a dispatched row nobody completed after this long; give up after so many tries.
        "OUTBOX_SWEEP_AFTER": int(os.environ.get("OUTBOX_SWEEP_AFTER", "30")),
        "OUTBOX_REDISPATCH_AFTER": int(os.environ.get("OUTBOX_REDISPATCH_AFTER", "3600")),
        "OUTBOX_MAX_ATTEMPTS": int(os.environ.get("OUTBOX_MAX_ATTEMPTS", "8")),
        "OUTBOX_KEEP_DAYS": int(os.environ.get("OUTBOX_KEEP_DAYS", "14")),
        # Eager mode: long tasks (those with a progress bar) run in a thread after the response.
        "EAGER_LONG_TASKS_IN_THREAD": _bool("EAGER_LONG_TASKS_IN_THREAD", True),
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI", "memory://"),
        "LOGIN_RATE_LIMIT": os.environ.get("LOGIN_RATE_LIMIT", "20 per 5 minutes"),
        # Failed sign-ins are slowed down, never locked out (matchmaker/auth/throttle.py).
        "LOGIN_ACCOUNT_ADDRESS_LIMIT": os.environ.get("LOGIN_ACCOUNT_ADDRESS_LIMIT", "5 per 5 minutes"),
        "LOGIN_ACCOUNT_LIMIT": os.environ.get("LOGIN_ACCOUNT_LIMIT", "100 per hour"),
        # A sign-up's e-mailed confirmation link stays valid this long (matchmaker/auth/confirmation.py).
        "SIGNUP_CONFIRM_HOURS": int(os.environ.get("SIGNUP_CONFIRM_HOURS", "48")),
        # Deals (matchmaker/deals/settings.py): ask for meeting outcomes this many days after the
        # meeting day; remind a manager of a deal with no recorded step for this many days.
        "OUTCOME_REMINDER_DAYS": int(os.environ.get("OUTCOME_REMINDER_DAYS", "3")),
        "DEAL_STALE_DAYS": int(os.environ.get("DEAL_STALE_DAYS", "14")),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": _bool("SESSION_COOKIE_SECURE", False),
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": _bool("SESSION_COOKIE_SECURE", False),
        "MAX_CONTENT_LENGTH": int(os.environ.get("MAX_UPLOAD_MB", "5")) * 1024 * 1024,
        "BABEL_DEFAULT_LOCALE": "zh_CN",
        # Stored in UTC, shown in this zone (pages, exports, e-mails, .ics): matchmaker/timezones.py.
        "BABEL_DEFAULT_TIMEZONE": os.environ.get("TIMEZONE", "Asia/Shanghai"),
        "PAGE_SIZE": int(os.environ.get("PAGE_SIZE", "20")),
        "MAIL_SERVER": os.environ.get("MAIL_SERVER", ""),
        "MAIL_PORT": int(os.environ.get("MAIL_PORT", "587")),
        "MAIL_USE_TLS": _bool("MAIL_USE_TLS", True),
        "MAIL_USERNAME": os.environ.get("MAIL_USERNAME", ""),
        "MAIL_PASSWORD": os.environ.get("MAIL_PASSWORD", ""),
        "MAIL_FROM": os.environ.get("MAIL_FROM", "noreply@matchmaker.local"),
        "PUBLIC_URL": os.environ.get("PUBLIC_URL", "http://127.0.0.1:5000"),
        "RECOMMENDER_SYNC_SECONDS": float(os.environ.get("RECOMMENDER_SYNC_SECONDS", "2")),
        "SEED_DATA_DIR": os.environ.get("SEED_DATA_DIR", str(REPO_ROOT / "seed_data")),
    }
