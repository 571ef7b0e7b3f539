"""events: year plans, events, participants

Revision ID: d1_events
Revises: e13_session_generation
Create Date: 2026-12-07 22:56:42.705081

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd1_events'
down_revision = 'e13_session_generation'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('year_plans',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('target', sa.Integer(), nullable=False),
    sa.Column('min_gap_days', sa.Integer(), nullable=False),
    sa.Column('blackouts', sa.JSON(), nullable=False),
    sa.Column('fixed_dates', sa.JSON(), nullable=False),
    sa.Column('warnings', sa.JSON(), nullable=False),
    sa.Column('status', sa.Enum('draft', 'published', name='plan_status', native_enum=False, create_constraint=True, length=24), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_year_plans')),
    sa.UniqueConstraint('year', name=op.f('uq_year_plans_year'))
    )
    op.create_table('events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=120), nullable=False),
    sa.Column('title_en', sa.String(length=200), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.Column('start_time', sa.Time(), nullable=False),
    sa.Column('end_time', sa.Time(), nullable=False),
    sa.Column('city', sa.String(length=20), nullable=False),
    sa.Column('venue', sa.String(length=200), nullable=False),
    sa.Column('venue_en', sa.String(length=200), nullable=False),
    sa.Column('host_organization_id', sa.Integer(), nullable=True),
    sa.Column('format', sa.Enum('offline', 'online', 'hybrid', name='event_format', native_enum=False, create_constraint=True, length=24), nullable=False),
    sa.Column('style', sa.Enum('visit_university', 'visit_cluster', name='event_style', native_enum=False, create_constraint=True, length=24), nullable=False),
    sa.Column('capacity_firms', sa.Integer(), nullable=False),
    sa.Column('capacity_teams', sa.Integer(), nullable=False),
    sa.Column('registration_deadline', sa.Date(), nullable=True),
    sa.Column('agenda_outline', sa.Text(), nullable=False),
    sa.Column('agenda_outline_en', sa.Text(), nullable=False),
    sa.Column('planner_reason', sa.Text(), nullable=False),
    sa.Column('status', sa.Enum('draft', 'published', 'registration_closed', 'held', 'closed', 'cancelled', name='event_status', native_enum=False, create_constraint=True, length=24), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('cancel_reason', sa.Text(), nullable=False),
    sa.Column('seed_key', sa.String(length=60), nullable=True),
    sa.Column('meeting_date', sa.Date(), nullable=True),
    sa.Column('first_slot', sa.Time(), nullable=True),
    sa.Column('slot_minutes', sa.Integer(), nullable=False),
    sa.Column('slot_count', sa.Integer(), nullable=False),
    sa.Column('break_slots', sa.JSON(), nullable=False),
    sa.Column('tables', sa.JSON(), nullable=False),
    sa.Column('online_meetings', sa.Boolean(), nullable=False),
    sa.Column('max_meetings', sa.Integer(), nullable=False),
    sa.Column('request_deadline', sa.DateTime(timezone=True), nullable=True),
    sa.Column('answer_timeout_hours', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['host_organization_id'], ['organizations.id'], name=op.f('fk_events_host_organization_id_organizations'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['plan_id'], ['year_plans.id'], name=op.f('fk_events_plan_id_year_plans'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_events')),
    sa.UniqueConstraint('seed_key', name=op.f('uq_events_seed_key'))
    )
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_events_plan_id'), ['plan_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_starts_on'), ['starts_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_status'), ['status'], unique=False)

    op.create_table('event_chains',
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('chain_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['chain_id'], ['chains.id'], name=op.f('fk_event_chains_chain_id_chains')),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_event_chains_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('event_id', 'chain_id', name=op.f('pk_event_chains'))
    )
    with op.batch_alter_table('event_chains', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_chains_chain_id'), ['chain_id'], unique=False)

    op.create_table('event_participants',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('organization_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('side', sa.Enum('firm', 'team', name='participant_side', native_enum=False, create_constraint=True, length=24), nullable=False),
    sa.Column('status', sa.Enum('invited', 'accepted', 'declined', 'registered', 'approved', 'rejected', 'waiting', name='participant_status', native_enum=False, create_constraint=True, length=24), nullable=False),
    sa.Column('source', sa.Enum('suggested', 'manual', 'self', name='participant_source', native_enum=False, create_constraint=True, length=24), nullable=False),
    sa.Column('suggestion', sa.JSON(), nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('invited_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('responded_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('waiting_since', sa.DateTime(timezone=True), nullable=True),
    sa.Column('unavailable_slots', sa.JSON(), nullable=False),
    sa.Column('checked_in_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_event_participants_event_id_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_event_participants_organization_id_organizations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_event_participants_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_participants')),
    sa.UniqueConstraint('event_id', 'organization_id', name=op.f('uq_event_participants_event_id_organization_id'))
    )
    with op.batch_alter_table('event_participants', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_participants_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_participants_organization_id'), ['organization_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_participants_status'), ['status'], unique=False)



def downgrade():
    with op.batch_alter_table('event_participants', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_participants_status'))
        batch_op.drop_index(batch_op.f('ix_event_participants_organization_id'))
        batch_op.drop_index(batch_op.f('ix_event_participants_event_id'))

    op.drop_table('event_participants')
    with op.batch_alter_table('event_chains', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_chains_chain_id'))

    op.drop_table('event_chains')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_events_status'))
        batch_op.drop_index(batch_op.f('ix_events_starts_on'))
        batch_op.drop_index(batch_op.f('ix_events_plan_id'))

    op.drop_table('events')
    op.drop_table('year_plans')
