"""Settings from the environment, the beat schedule, and the compose file (no Docker here: parsed)."""

from __future__ import annotations

from pathlib import Path

import yaml
from celery.schedules import crontab

from matchmaker.background.schedule import SCHEDULE
from matchmaker.config import REPO_ROOT, celery_settings


def test_no_broker_means_eager(monkeypatch):
    settings = celery_settings("")
    assert settings["task_always_eager"] and settings["broker_url"] == "memory://"


def test_broker_settings_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("CELERY_BROKER_TIMEOUT", "1.5")
    monkeypatch.setenv("CELERY_VISIBILITY_TIMEOUT", "7200")
    monkeypatch.setenv("CELERY_TASK_SOFT_TIME_LIMIT", "100")
    monkeypatch.setenv("CELERY_TASK_TIME_LIMIT", "120")
    monkeypatch.setenv("CELERY_BROKER_TRANSPORT_OPTIONS", '{"unacked_restore_interval": 1}')
    settings = celery_settings("redis://redis:6379/0", "redis://redis:6379/2")
    assert not settings["task_always_eager"] and settings["result_backend"] == "redis://redis:6379/2"
    assert settings["task_acks_late"] and settings["task_reject_on_worker_lost"]
    assert settings["broker_connection_timeout"] == 1.5
    assert (settings["task_soft_time_limit"], settings["task_time_limit"]) == (100, 120)
    transport = settings["broker_transport_options"]
    assert transport["visibility_timeout"] == 7200 and transport["socket_connect_timeout"] == 1.5
    assert transport["max_retries"] == 1 and transport["unacked_restore_interval"] == 1
    assert settings["task_publish_retry_policy"]["max_retries"] == 1


def test_beat_schedule_has_the_periodic_work(app):
    tasks = {entry["task"]: entry["schedule"] for entry in SCHEDULE.values()}
    assert tasks["matchmaker.background.tasks.sweep_outbox"] == 60.0
    assert tasks["matchmaker.matching.tasks.rebuild_index"] == crontab(hour=2, minute=30)
    assert tasks["matchmaker.matching.tasks.refresh_changed"] == crontab(minute=5)
    assert tasks["matchmaker.notifications.tasks.deadline_reminders"] == crontab(hour=8, minute=0)
    assert all(entry["options"]["expires"] > 0 for entry in SCHEDULE.values())
    assert app.extensions["celery"].conf.beat_schedule == SCHEDULE


def test_compose_runs_the_whole_stack_with_health_checks():
    compose = yaml.safe_load(Path(REPO_ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert {"web", "worker", "beat", "postgres", "redis", "migrate"} <= services.keys()
    assert set(compose["volumes"]) == {"pgdata", "redisdata"}
    for name in ("web", "worker", "postgres", "redis"):
        assert services[name]["healthcheck"]["test"], name
    assert "/healthz" in " ".join(services["web"]["healthcheck"]["test"])
    assert "ping" in " ".join(services["worker"]["healthcheck"]["test"])
    for name in ("worker", "beat"):
        assert services[name]["command"][:3] == ["celery", "-A", "matchmaker.worker"]
        assert services[name]["environment"]["CELERY_BROKER_URL"].startswith("redis://redis")
        assert services[name]["environment"]["DATABASE_URL"].startswith("postgresql://")
    assert services["beat"]["deploy"]["replicas"] == 1
