"""organisation admin: admins, acting officials (Plt/Plh), pending unit heads

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 14:00:00
"""
import sqlalchemy as sa
from alembic import op

import storage.types

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('admins',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('telegram_user_id', sa.BigInteger(), nullable=False),
    sa.Column('note', sa.String(length=200), nullable=True),
    sa.Column('added_at', storage.types.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_admins')),
    sa.UniqueConstraint('telegram_user_id', name=op.f('uq_admins_telegram_user_id'))
    )
    op.create_table('acting_officials',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('official_id', sa.Integer(), nullable=False),
    sa.Column('acting_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('plt', 'plh', name='actingkind', native_enum=False, length=8), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.Column('created_by', sa.BigInteger(), nullable=True),
    sa.Column('created_at', storage.types.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['acting_id'], ['employees.id'], name=op.f('fk_acting_officials_acting_id_employees')),
    sa.ForeignKeyConstraint(['official_id'], ['employees.id'], name=op.f('fk_acting_officials_official_id_employees')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_acting_officials'))
    )
    with op.batch_alter_table('acting_officials', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_acting_officials_acting_id'), ['acting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_acting_officials_official_id'), ['official_id'], unique=False)

    op.create_table('pending_unit_heads',
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('head_nip', sa.String(length=18), nullable=False),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_pending_unit_heads_unit_id_units')),
    sa.PrimaryKeyConstraint('unit_id', name=op.f('pk_pending_unit_heads'))
    )


def downgrade() -> None:
    op.drop_table('pending_unit_heads')
    with op.batch_alter_table('acting_officials', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_acting_officials_official_id'))
        batch_op.drop_index(batch_op.f('ix_acting_officials_acting_id'))

    op.drop_table('acting_officials')
    op.drop_table('admins')
