"""meetings: one-to-one meeting requests, meetings on the grid, agenda solves

Revision ID: h11_meetings
Revises: g8_org_review
Create Date: 2026-12-08

Hand-written (issue 11); enums are VARCHAR with a CHECK, as str_enum stores them.
"""

import sqlalchemy as sa
from alembic import op

revision = "h11_meetings"
down_revision = "g8_org_review"
branch_labels = None
depends_on = None


def _enum(name, *values):
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True, length=24)


def upgrade():
    op.create_table(
        "meeting_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("from_participant_id", sa.Integer(), nullable=False),
        sa.Column("to_participant_id", sa.Integer(), nullable=False),
        sa.Column("sent_by_id", sa.Integer(), nullable=True),
        sa.Column("answered_by_id", sa.Integer(), nullable=True),
        sa.Column("by_organiser", sa.Boolean(), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column(
            "status",
            _enum("meeting_request_status", "pending", "accepted", "declined", "expired", "cancelled"),
            nullable=False,
        ),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("mutual", sa.Boolean(), nullable=False),
        sa.Column("match_score", sa.Double(), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reminded_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("unscheduled_reason", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name=op.f("fk_meeting_requests_event_id_events"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["from_participant_id"],
            ["event_participants.id"],
            name=op.f("fk_meeting_requests_from_participant_id_event_participants"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["to_participant_id"],
            ["event_participants.id"],
            name=op.f("fk_meeting_requests_to_participant_id_event_participants"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["sent_by_id"], ["users.id"], name=op.f("fk_meeting_requests_sent_by_id_users"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["answered_by_id"], ["users.id"], name=op.f("fk_meeting_requests_answered_by_id_users"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_requests")),
    )
    with op.batch_alter_table("meeting_requests", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_meeting_requests_event_id"), ["event_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_meeting_requests_from_participant_id"), ["from_participant_id"])
        batch_op.create_index(batch_op.f("ix_meeting_requests_to_participant_id"), ["to_participant_id"])
        batch_op.create_index(batch_op.f("ix_meeting_requests_status"), ["status"], unique=False)
        batch_op.create_index("ix_meeting_requests_status_expires", ["status", "expires_at"], unique=False)

    op.create_table(
        "meetings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=True),
        sa.Column("firm_participant_id", sa.Integer(), nullable=False),
        sa.Column("team_participant_id", sa.Integer(), nullable=False),
        sa.Column("slot", sa.Integer(), nullable=False),
        sa.Column("table", sa.String(length=60), nullable=True),
        sa.Column("published_slot", sa.Integer(), nullable=True),
        sa.Column("published_table", sa.String(length=60), nullable=True),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("online_link", sa.String(length=300), nullable=False),
        sa.Column("locked", sa.Boolean(), nullable=False),
        sa.Column("source", _enum("meeting_source", "request", "organiser", "walk_in"), nullable=False),
        sa.Column("status", _enum("meeting_status", "scheduled", "cancelled", "no_show"), nullable=False),
        sa.Column("cancel_reason", sa.Text(), nullable=False),
        sa.Column("absent_participant_id", sa.Integer(), nullable=True),
        sa.Column("moved_count", sa.Integer(), nullable=False),
        sa.Column("seed_key", sa.String(length=80), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name=op.f("fk_meetings_event_id_events"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["meeting_requests.id"],
            name=op.f("fk_meetings_request_id_meeting_requests"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["firm_participant_id"],
            ["event_participants.id"],
            name=op.f("fk_meetings_firm_participant_id_event_participants"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["team_participant_id"],
            ["event_participants.id"],
            name=op.f("fk_meetings_team_participant_id_event_participants"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["absent_participant_id"],
            ["event_participants.id"],
            name=op.f("fk_meetings_absent_participant_id_event_participants"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meetings")),
        sa.UniqueConstraint("seed_key", name=op.f("uq_meetings_seed_key")),
    )
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_meetings_event_id"), ["event_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_meetings_request_id"), ["request_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_meetings_firm_participant_id"), ["firm_participant_id"])
        batch_op.create_index(batch_op.f("ix_meetings_team_participant_id"), ["team_participant_id"])
        batch_op.create_index(batch_op.f("ix_meetings_status"), ["status"], unique=False)
        batch_op.create_index("ix_meetings_event_slot", ["event_id", "slot"], unique=False)

    op.create_table(
        "agenda_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("task_run_id", sa.Integer(), nullable=True),
        sa.Column("keep_published", sa.Boolean(), nullable=False),
        sa.Column("summary", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name=op.f("fk_agenda_runs_event_id_events"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["task_run_id"], ["task_runs.id"], name=op.f("fk_agenda_runs_task_run_id_task_runs"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agenda_runs")),
    )
    with op.batch_alter_table("agenda_runs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agenda_runs_event_id"), ["event_id"], unique=False)


def downgrade():
    with op.batch_alter_table("agenda_runs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agenda_runs_event_id"))
    op.drop_table("agenda_runs")
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.drop_index("ix_meetings_event_slot")
        batch_op.drop_index(batch_op.f("ix_meetings_status"))
        batch_op.drop_index(batch_op.f("ix_meetings_team_participant_id"))
        batch_op.drop_index(batch_op.f("ix_meetings_firm_participant_id"))
        batch_op.drop_index(batch_op.f("ix_meetings_request_id"))
        batch_op.drop_index(batch_op.f("ix_meetings_event_id"))
    op.drop_table("meetings")
    with op.batch_alter_table("meeting_requests", schema=None) as batch_op:
        batch_op.drop_index("ix_meeting_requests_status_expires")
        batch_op.drop_index(batch_op.f("ix_meeting_requests_status"))
        batch_op.drop_index(batch_op.f("ix_meeting_requests_to_participant_id"))
        batch_op.drop_index(batch_op.f("ix_meeting_requests_from_participant_id"))
        batch_op.drop_index(batch_op.f("ix_meeting_requests_event_id"))
    op.drop_table("meeting_requests")
