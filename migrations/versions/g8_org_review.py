"""organizations.returned_at, rejected_at, review_note: the verification queue can return an
application for correction or reject it, with a reason the applicant sees

Revision ID: g8_org_review
Revises: f15_scale
"""

from alembic import op
import sqlalchemy as sa

revision = "g8_org_review"
down_revision = "f15_scale"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("organizations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("returned_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("rejected_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("review_note", sa.Text(), server_default="", nullable=False))


def downgrade():
    with op.batch_alter_table("organizations", schema=None) as batch_op:
        batch_op.drop_column("review_note")
        batch_op.drop_column("rejected_at")
        batch_op.drop_column("returned_at")
