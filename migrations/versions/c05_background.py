"""background: task locks shared by every worker host; outbox lookup by dedupe key

Revision ID: c05_background
Revises: 61d4a71f0290
"""

from alembic import op
import sqlalchemy as sa

revision = "c05_background"
down_revision = "61d4a71f0290"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "task_locks",
        sa.Column("name", sa.String(length=160), nullable=False),
        sa.Column("holder", sa.String(length=160), nullable=False),
        sa.Column("acquired_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_task_locks")),
    )
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.create_index("ix_outbox_dedupe_key", ["dedupe_key"], unique=False)


def downgrade():
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_index("ix_outbox_dedupe_key")
    op.drop_table("task_locks")
