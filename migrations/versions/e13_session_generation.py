"""users.session_generation: bumping it ends every session and remember cookie of the user;
failed_logins and locked_until go (sign-in is throttled by the limiter, never locked out)

Revision ID: e13_session_generation
Revises: c05_background
"""

from alembic import op
import sqlalchemy as sa

revision = "e13_session_generation"
down_revision = "c05_background"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("session_generation", sa.Integer(), server_default="0", nullable=False))
        batch_op.drop_column("failed_logins")
        batch_op.drop_column("locked_until")


def downgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("failed_logins", sa.Integer(), server_default="0", nullable=False))
        batch_op.drop_column("session_generation")
