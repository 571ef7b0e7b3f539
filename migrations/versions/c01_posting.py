"""posting schema changes (reserved slot; empty until that feature needs one)

Revision ID: c01_posting
Revises: 61d4a71f0290
"""

from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401

revision = "c01_posting"
down_revision = "61d4a71f0290"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
