"""workflow schema changes (reserved slot; empty until that feature needs one)

Revision ID: c02_workflow
Revises: c01_posting
"""

from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401

revision = "c02_workflow"
down_revision = "c01_posting"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
