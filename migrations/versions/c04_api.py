"""api schema changes (reserved slot; empty until that feature needs one)

Revision ID: c04_api
Revises: c03_imports_key_problems
"""

from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401

revision = "c04_api"
down_revision = "c03_imports_key_problems"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
