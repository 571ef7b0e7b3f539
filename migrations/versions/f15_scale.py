"""scale: indexes for the lists, home counts and index sync; match rows record whose top list
holds them; posts record what their cached tokens were made from

Revision ID: f15_scale
Revises: d1_events
Create Date: 2026-12-07 23:30:00

Existing match rows start as held by both sides, so none is dropped before each side's next
refresh has decided about it.
"""

import sqlalchemy as sa
from alembic import op

revision = "f15_scale"
down_revision = "d1_events"
branch_labels = None
depends_on = None

POSTS = ("challenges", "capabilities")


def upgrade():
    with op.batch_alter_table("matches") as batch:
        batch.add_column(sa.Column("for_challenge", sa.Boolean(), server_default=sa.true(), nullable=False))
        batch.add_column(sa.Column("for_capability", sa.Boolean(), server_default=sa.true(), nullable=False))
    for table in POSTS:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("tokens_key", sa.String(length=16), nullable=True))
        op.create_index(f"ix_{table}_published_at_id", table, ["published_at", "id"], postgresql_include=["status"])
        op.create_index(f"ix_{table}_status_primary_chain_id", table, ["status", "primary_chain_id"])
        op.create_index(f"ix_{table}_updated_at", table, ["updated_at"])


def downgrade():
    for table in POSTS:
        op.drop_index(f"ix_{table}_updated_at", table_name=table)
        op.drop_index(f"ix_{table}_status_primary_chain_id", table_name=table)
        op.drop_index(f"ix_{table}_published_at_id", table_name=table)
        with op.batch_alter_table(table) as batch:
            batch.drop_column("tokens_key")
    with op.batch_alter_table("matches") as batch:
        batch.drop_column("for_capability")
        batch.drop_column("for_challenge")
