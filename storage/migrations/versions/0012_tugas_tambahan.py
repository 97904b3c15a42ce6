"""an assignment for another unit is tugas tambahan (rule 49; HSU Ps 19(2)); a report may hold a
JF's credit-point activity for another unit, which their own unit head approves (Ps 16(2))

Existing assignments and reports stay unflagged: they predate the question.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05 17:20:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('assignments') as batch:
        batch.add_column(sa.Column('tugas_tambahan', sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table('reports') as batch:
        batch.add_column(sa.Column('credit_activity', sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table('reports') as batch:
        batch.drop_column('credit_activity')
    with op.batch_alter_table('assignments') as batch:
        batch.drop_column('tugas_tambahan')
