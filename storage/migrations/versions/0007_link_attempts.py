"""failed link attempts per Telegram account, so /start CODE guesses can be rate limited

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05 18:00:00
"""
import sqlalchemy as sa
from alembic import op

from storage.types import UTCDateTime

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'link_attempts',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('telegram_user_id', sa.BigInteger(), nullable=False),
        sa.Column('attempted_at', UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_link_attempts')),
    )
    op.create_index(op.f('ix_link_attempts_telegram_user_id'), 'link_attempts', ['telegram_user_id'])


def downgrade() -> None:
    op.drop_index(op.f('ix_link_attempts_telegram_user_id'), table_name='link_attempts')
    op.drop_table('link_attempts')
