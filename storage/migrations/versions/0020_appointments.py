"""penunjukan within a unit, across units, agencies and institutions (§2.1-§2.5): appointments

Revision ID: 0020_appointments
Revises: 0019_report_periods
Create Date: 2026-12-05 18:10:00
"""
import sqlalchemy as sa
from alembic import op

import storage.types

revision = '0020_appointments'
down_revision = '0019_report_periods'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'appointments',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('number', sa.String(length=32), nullable=True),
        sa.Column('scope', sa.String(length=24), nullable=False),
        sa.Column('status', sa.String(length=24), nullable=False),
        sa.Column('requester_id', sa.Integer(), nullable=False),
        sa.Column('home_unit_id', sa.Integer(), nullable=False),
        sa.Column('target_unit_id', sa.Integer(), nullable=True),
        sa.Column('team_id', sa.Integer(), nullable=True),
        sa.Column('institution', sa.String(length=200), nullable=True),
        sa.Column('work', sa.String(length=200), nullable=False),
        sa.Column('purpose', sa.Text(), nullable=False),
        sa.Column('competence', sa.Text(), nullable=False),
        sa.Column('expectation', sa.Text(), nullable=False),
        sa.Column('duration', sa.String(length=200), nullable=False),
        sa.Column('candidate_ids', sa.JSON(), nullable=False),
        sa.Column('tembusan_ids', sa.JSON(), nullable=False),
        sa.Column('steps', sa.JSON(), nullable=False),
        sa.Column('current', sa.Integer(), nullable=False),
        sa.Column('released_ids', sa.JSON(), nullable=False),
        sa.Column('accepted_ids', sa.JSON(), nullable=False),
        sa.Column('assignment_ids', sa.JSON(), nullable=False),
        sa.Column('external_names', sa.JSON(), nullable=False),
        sa.Column('reply_file_id', sa.String(length=200), nullable=True),
        sa.Column('refusal_reason', sa.Text(), nullable=True),
        sa.Column('refused_by_id', sa.Integer(), nullable=True),
        sa.Column('created_at', storage.types.UTCDateTime(), nullable=True),
        sa.Column('step_since', storage.types.UTCDateTime(), nullable=True),
        sa.Column('closed_at', storage.types.UTCDateTime(), nullable=True),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['requester_id'], ['employees.id']),
        sa.ForeignKeyConstraint(['home_unit_id'], ['units.id']),
        sa.ForeignKeyConstraint(['target_unit_id'], ['units.id']),
        sa.ForeignKeyConstraint(['team_id'], ['teams.id']),
        sa.ForeignKeyConstraint(['refused_by_id'], ['employees.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('number'),
    )
    with op.batch_alter_table('appointments') as batch:
        batch.create_index(batch.f('ix_appointments_status'), ['status'], unique=False)
        batch.create_index(batch.f('ix_appointments_requester_id'), ['requester_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('appointments') as batch:
        batch.drop_index(batch.f('ix_appointments_requester_id'))
        batch.drop_index(batch.f('ix_appointments_status'))
    op.drop_table('appointments')
