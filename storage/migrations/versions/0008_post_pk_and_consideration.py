"""a ketua's/pengendali's Perjanjian Kinerja (Surakarta Ps 21(1), 25(1)) on their
membership, and the Penilai's consideration (Ps 15(3)) on a ketua proposal

Existing holders get no PK date: nothing recorded one, so in a profile that requires it
they confirm it once in the bot.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05 18:00:00
"""
import sqlalchemy as sa
from alembic import op

import storage.types

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('memberships') as batch:
        batch.add_column(sa.Column('pk_signed_at', storage.types.UTCDateTime(), nullable=True))
    with op.batch_alter_table('ketua_candidacies') as batch:
        batch.add_column(sa.Column('consideration', sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('ketua_candidacies') as batch:
        batch.drop_column('consideration')
    with op.batch_alter_table('memberships') as batch:
        batch.drop_column('pk_signed_at')
