"""the dialog kinerja of a team member with their Penilai (rule 53; HSU Lamp. II A.2.1,
Surakarta Lamp. IV 3.1.2.1)

Existing members get no dialog: nothing recorded one, and a member without a dialog stays
active (docs/DECISIONS.md, decision 18).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05 17:00:00
"""
import sqlalchemy as sa
from alembic import op

import storage.types

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'dialogs',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('team_id', sa.Integer(), nullable=False),
        sa.Column('member_id', sa.Integer(), nullable=False),
        sa.Column('penilai_id', sa.Integer(), nullable=False),
        sa.Column('assignment_id', sa.Integer(), nullable=True),
        sa.Column('status', sa.Enum('awaiting', 'proposed', 'revision', 'confirmed', name='dialogstatus',
                                    native_enum=False, length=12), nullable=False),
        sa.Column('expectations', sa.Text(), nullable=False),
        sa.Column('revision_note', sa.Text(), nullable=True),
        sa.Column('created_at', storage.types.UTCDateTime(), nullable=False),
        sa.Column('penilai_confirmed_at', storage.types.UTCDateTime(), nullable=True),
        sa.Column('member_confirmed_at', storage.types.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(['assignment_id'], ['assignments.id']),
        sa.ForeignKeyConstraint(['member_id'], ['employees.id']),
        sa.ForeignKeyConstraint(['penilai_id'], ['employees.id']),
        sa.ForeignKeyConstraint(['team_id'], ['teams.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('dialogs') as batch:
        batch.create_index('ix_dialogs_team_id', ['team_id'])
        batch.create_index('ix_dialogs_member_id', ['member_id'])
        batch.create_index('ix_dialogs_penilai_id', ['penilai_id'])


def downgrade() -> None:
    op.drop_table('dialogs')
