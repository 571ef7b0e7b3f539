"""Celery bound to the Flask app, as in Flask's "Background Tasks with Celery" pattern.

With no CELERY_BROKER_URL the tasks run eagerly in-process (the embedded default).
Workers and beat start from matchmaker.worker (`celery -A matchmaker.worker worker|beat`);
settings come from the environment (config.celery_settings), the schedule from
matchmaker/background/schedule.py.
"""

from __future__ import annotations

import importlib
import importlib.util

from celery import Celery, Task
from flask import Flask


def celery_init_app(app: Flask) -> Celery:
    class FlaskTask(Task):
        def __call__(self, *args: object, **kwargs: object) -> object:
            with app.app_context():
                return self.run(*args, **kwargs)

    from matchmaker.background.schedule import SCHEDULE

    celery = Celery(app.name, task_cls=FlaskTask)
    celery.config_from_object(app.config["CELERY"])
    celery.conf.beat_schedule = SCHEDULE
    celery.set_default()
    # Import every feature's tasks module so workers (and eager mode) know all task names.
    from matchmaker import FEATURES

    for feature in FEATURES:
        if importlib.util.find_spec(f"matchmaker.{feature}.tasks") is not None:
            importlib.import_module(f"matchmaker.{feature}.tasks")
    app.extensions["celery"] = celery
    return celery
