"""the team's decree (keputusan pembentukan tim; rules 36/38): team_decrees

Teams that started before this have no decree; one is issued when their ketua next changes.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05 19:00:00
"""
import sqlalchemy as sa
from alembic import op

import storage.types

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'team_decrees',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('team_id', sa.Integer(), nullable=False),
        sa.Column('ketua_id', sa.Integer(), nullable=False),
        sa.Column('issuer_id', sa.Integer(), nullable=False),
        sa.Column('issuer_role', sa.String(length=32), nullable=False),
        sa.Column('proposed_by_id', sa.Integer(), nullable=False),
        sa.Column('status', sa.String(length=12), nullable=False),
        sa.Column('number', sa.String(length=32), nullable=True),
        sa.Column('reason', sa.Text(), nullable=True),
        sa.Column('created_at', storage.types.UTCDateTime(), nullable=False),
        sa.Column('decided_at', storage.types.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(['team_id'], ['teams.id']),
        sa.ForeignKeyConstraint(['ketua_id'], ['employees.id']),
        sa.ForeignKeyConstraint(['issuer_id'], ['employees.id']),
        sa.ForeignKeyConstraint(['proposed_by_id'], ['employees.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('number'),
    )
    with op.batch_alter_table('team_decrees') as batch:
        batch.create_index(batch.f('ix_team_decrees_team_id'), ['team_id'], unique=False)
        batch.create_index(batch.f('ix_team_decrees_issuer_id'), ['issuer_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('team_decrees') as batch:
        batch.drop_index(batch.f('ix_team_decrees_issuer_id'))
        batch.drop_index(batch.f('ix_team_decrees_team_id'))
    op.drop_table('team_decrees')
