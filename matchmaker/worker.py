"""Entry point for Celery processes: `celery -A matchmaker.worker worker|beat`.

On start-up a worker sends every open outbox row (work recorded while no worker or broker was
up); each pool process gets fresh database connections instead of the parent's.
"""

from __future__ import annotations

import logging
import os
import socket
from typing import Any

from celery.signals import worker_process_init, worker_ready

from matchmaker import create_app
from matchmaker.background import locks
from matchmaker.background.sweep import sweep
from matchmaker.extensions import db

log = logging.getLogger(__name__)
SWEEP_TASK = "matchmaker.background.tasks.sweep_outbox"

flask_app = create_app()
celery_app = flask_app.extensions["celery"]


@worker_ready.connect
def _send_open_outbox_rows(**_: Any) -> None:
    try:
        with (
            flask_app.app_context(),
            locks.held(SWEEP_TASK, f"start-up:{socket.gethostname()}:{os.getpid()}", 300) as acquired,
        ):
            if acquired:
                log.info("outbox at start-up: %s", sweep(min_age=0, ignore_backoff=True))
    except Exception:  # the periodic sweep will do it; a worker must start even so
        log.exception("outbox sweep at start-up failed")


@worker_process_init.connect
def _fresh_connections(**_: Any) -> None:
    with flask_app.app_context():
        for engine in db.engines.values():
            engine.dispose(close=False)
