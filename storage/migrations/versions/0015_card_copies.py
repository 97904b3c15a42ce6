"""the outbox records where each notice landed (its Telegram message id) and which decision
card it carries, so the card can be edited everywhere once decided; a team's group may be
one topic of a forum

Revision ID: 0015_card_copies
Revises: 0014_letters
Create Date: 2026-12-05 18:20:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0015_card_copies'
down_revision = '0014_letters'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('outbox') as batch:
        batch.add_column(sa.Column('message_id', sa.BigInteger, nullable=True))
        batch.add_column(sa.Column('card', sa.String(80), nullable=True))
        batch.create_index('ix_outbox_card', ['card'])
    with op.batch_alter_table('teams') as batch:
        batch.add_column(sa.Column('group_thread_id', sa.BigInteger, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('teams') as batch:
        batch.drop_column('group_thread_id')
    with op.batch_alter_table('outbox') as batch:
        batch.drop_index('ix_outbox_card')
        batch.drop_column('card')
        batch.drop_column('message_id')
