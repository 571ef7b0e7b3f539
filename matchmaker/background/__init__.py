"""Dependable background work: the transactional outbox, Celery tasks that mark it done,
task locks across hosts, progress of long tasks, the beat schedule and /healthz."""
