"""The periodic reminders ask once: participants for missing outcomes N days after the meeting
day, a manager for a deal quiet for N days (once per quiet period)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from matchmaker.deals import outcomes, reminders, steps
from matchmaker.deals.tasks import send_reminders
from matchmaker.extensions import db
from matchmaker.models import Deal, DealSource, DealStage, OutcomeKind, OutcomeSide
from tests.deals.conftest import inbox


def test_outcome_reminder_goes_once_to_those_who_have_not_answered(ctx, held):
    h = held(days_ago=5)
    outcomes.record(h.meeting, OutcomeSide.FIRM, OutcomeKind.INTENT, h.firm_user)
    assert reminders.remind_outcomes(date.today()) == 1
    assert reminders.remind_outcomes(date.today()) == 0
    assert inbox(h.team_user) == [f"请填写《{h.event.title}》的洽谈成果"]
    assert inbox(h.firm_user) == []
    assert h.team.outcome_reminded_at is not None and h.firm.outcome_reminded_at is not None


def test_no_outcome_reminder_too_early_or_long_after(ctx, held, app):
    early, late = held(days_ago=1), held(days_ago=40)
    assert reminders.remind_outcomes(date.today()) == 0
    assert early.firm.outcome_reminded_at is None and late.firm.outcome_reminded_at is None
    app.config["OUTCOME_REMINDER_DAYS"] = 1
    try:
        assert reminders.remind_outcomes(date.today()) == 2  # the early event's firm and team
    finally:
        app.config["OUTCOME_REMINDER_DAYS"] = 3


def test_stale_deal_reminded_once_per_quiet_period(ctx, firm, team, make_manager):
    manager = make_manager()
    deal = Deal(
        title="主轴热误差补偿",
        firm_org_id=firm.organization_id,
        team_org_id=team.organization_id,
        source=DealSource.MANUAL,
        manager_id=manager.id,
        last_action_at=datetime.now(UTC) - timedelta(days=15),
    )
    done = Deal(
        title="已落实",
        firm_org_id=firm.organization_id,
        team_org_id=team.organization_id,
        source=DealSource.MANUAL,
        manager_id=manager.id,
        stage=DealStage.IMPLEMENTING,
        last_action_at=datetime.now(UTC) - timedelta(days=90),
    )
    db.session.add_all([deal, done])
    db.session.flush()
    assert reminders.remind_stale() == 1
    assert reminders.remind_stale() == 0
    assert inbox(manager) == ["对接跟进 14 天没有进展：主轴热误差补偿"]
    steps.note(deal, "已电话联系企业", manager)
    assert reminders.remind_stale() == 0  # fresh again
    later = datetime.now(UTC) + timedelta(days=15)
    assert reminders.remind_stale(now=later) == 1


def test_the_task_runs_both(app, db, held):
    held(days_ago=4)
    result = send_reminders.apply().get()
    assert result == {"outcomes": 2, "stale": 0}
