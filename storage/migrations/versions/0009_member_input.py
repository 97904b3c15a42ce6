"""the Ketua's input on each member's performance, per team and period (rule 48)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05 19:00:00
"""
import sqlalchemy as sa
from alembic import op

import storage.types

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('member_inputs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('ketua_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('period_key', sa.String(length=16), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('rating', sa.Enum('excellent', 'good', 'needs_improvement', 'poor', 'very_poor', name='memberrating',
                                native_enum=False, length=24), nullable=True),
    sa.Column('recipient_ids', sa.JSON(), nullable=False),
    sa.Column('created_at', storage.types.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['ketua_id'], ['employees.id'], name=op.f('fk_member_inputs_ketua_id_employees')),
    sa.ForeignKeyConstraint(['member_id'], ['employees.id'], name=op.f('fk_member_inputs_member_id_employees')),
    sa.ForeignKeyConstraint(['team_id'], ['teams.id'], name=op.f('fk_member_inputs_team_id_teams')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_member_inputs')),
    sa.UniqueConstraint('team_id', 'member_id', 'period_key', name='uq_member_inputs_team_member_period')
    )
    with op.batch_alter_table('member_inputs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_member_inputs_member_id'), ['member_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('member_inputs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_member_inputs_member_id'))
    op.drop_table('member_inputs')
