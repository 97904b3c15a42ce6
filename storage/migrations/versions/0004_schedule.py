"""scheduler and delivery: sent reminder steps, unreachable chats

Revision ID: 0004
Revises: 0001
Create Date: 2026-11-23 14:00:00
"""
import sqlalchemy as sa
from alembic import op

import storage.types

revision = '0004'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('schedule_sent',
    sa.Column('identity', sa.String(length=160), nullable=False),
    sa.Column('notice_key', sa.String(length=160), nullable=False),
    sa.Column('at', storage.types.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('identity', name=op.f('pk_schedule_sent'))
    )
    op.create_table('unreachable_chats',
    sa.Column('chat_id', sa.BigInteger(), nullable=False),
    sa.Column('employee_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('since', storage.types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['employee_id'], ['employees.id'], name=op.f('fk_unreachable_chats_employee_id_employees')),
    sa.PrimaryKeyConstraint('chat_id', name=op.f('pk_unreachable_chats'))
    )


def downgrade() -> None:
    op.drop_table('unreachable_chats')
    op.drop_table('schedule_sent')
