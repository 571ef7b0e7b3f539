"""background schema changes (reserved slot; empty until that feature needs one)

Revision ID: c05_background
Revises: c04_api
"""

from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401

revision = "c05_background"
down_revision = "c04_api"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
