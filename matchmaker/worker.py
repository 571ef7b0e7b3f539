"""Entry point for Celery processes: `celery -A matchmaker.worker worker|beat`."""

from matchmaker import create_app

flask_app = create_app()
celery_app = flask_app.extensions["celery"]
