"""imports_key_problems schema changes (reserved slot; empty until that feature needs one)

Revision ID: c03_imports_key_problems
Revises: c02_workflow
"""

from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401

revision = "c03_imports_key_problems"
down_revision = "c02_workflow"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
