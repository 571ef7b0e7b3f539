"""Background work of the recommender (names are a contract with the beat schedule)."""

from __future__ import annotations

import sqlalchemy as sa

from matchmaker.background.tasks_base import outbox_task
from matchmaker.extensions import db
from matchmaker.matching import operations
from matchmaker.matching.documents import SIDES


@outbox_task("matchmaker.matching.tasks.refresh_post")
def refresh_post(side: str, post_id: int) -> int:
    """After a post is saved: cache its tokens, update the index and its stored matches."""
    post = db.session.get(SIDES[side], post_id)
    if post is None:
        return 0  # deleted meanwhile
    try:
        return operations.refresh_matches(post)
    except sa.exc.IntegrityError:
        # The other side's refresh inserted the same pair first: do it again over their row.
        db.session.rollback()
        return operations.refresh_matches(db.session.get(SIDES[side], post_id))


@outbox_task("matchmaker.matching.tasks.refresh_changed", soft_time_limit=1800, time_limit=1900)
def refresh_changed() -> int:
    return operations.refresh_changed()


# 50k + 50k posts target 10 minutes on 2 cores; an hour leaves room for a busy host, and a run
# cut short resumes after its last committed chunk when started again (rebuild.RESUME_WITHIN).
@outbox_task("matchmaker.matching.tasks.rebuild_index", soft_time_limit=3600, time_limit=3600 + 300)
def rebuild_index(task_run_id: int | None = None) -> dict:
    report = _progress_reporter(task_run_id)
    return operations.rebuild(report)


def _progress_reporter(task_run_id: int | None):
    """Report through the background progress API when a TaskRun was given."""
    if task_run_id is None:
        return lambda percent, message: None
    from matchmaker.background import progress

    return lambda percent, message: progress.update(task_run_id, percent, message)
