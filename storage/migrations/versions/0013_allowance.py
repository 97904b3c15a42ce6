"""a ketua's or pengendali's membership carries the tambahan penghasilan flag (rule 57; Banten
Ps 10(4), Surakarta Ps 21(3), 25(2))

Existing memberships stay 'none': the flag is set when a post is filled.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-05 17:30:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('memberships') as batch:
        batch.add_column(sa.Column('allowance', sa.Enum('none', 'optional', 'automatic', name='allowance', native_enum=False,
                                                   length=24), nullable=False, server_default='none'))


def downgrade() -> None:
    with op.batch_alter_table('memberships') as batch:
        batch.drop_column('allowance')
