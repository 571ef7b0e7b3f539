"""pending sign-ups: a sign-up waits here until its e-mail is confirmed

Revision ID: k13_pending_signups
Revises: j16_good_results
Create Date: 2026-12-08

Issue 13: sign-up by e-mail confirmation (matchmaker/auth/confirmation.py).

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "k13_pending_signups"
down_revision = "j16_good_results"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "pending_signups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("password_hash", sa.String(length=256), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("org_name", sa.String(length=120), nullable=False),
        sa.Column("credit_code", sa.String(length=18), nullable=False),
        sa.Column("city", sa.String(length=20), nullable=False),
        sa.Column("chain_codes", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pending_signups")),
    )
    with op.batch_alter_table("pending_signups", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pending_signups_email"), ["email"], unique=False)
        batch_op.create_index(batch_op.f("ix_pending_signups_created_at"), ["created_at"], unique=False)


def downgrade():
    with op.batch_alter_table("pending_signups", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pending_signups_created_at"))
        batch_op.drop_index(batch_op.f("ix_pending_signups_email"))
    op.drop_table("pending_signups")
