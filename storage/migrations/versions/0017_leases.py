"""leases: the leader among several workers sharing one database, and per-chat leases so
one person's updates are handled by one worker at a time (bot/cluster.py)

Revision ID: 0017_leases
Revises: 0016_scale
Create Date: 2026-12-05 18:10:00
"""
import sqlalchemy as sa
from alembic import op

from storage.types import UTCDateTime

revision = '0017_leases'
down_revision = '0016_scale'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('leases',
                    sa.Column('name', sa.String(length=64), nullable=False),
                    sa.Column('holder', sa.String(length=64), nullable=False),
                    sa.Column('expires_at', UTCDateTime(), nullable=False),
                    sa.PrimaryKeyConstraint('name', name=op.f('pk_leases')))


def downgrade() -> None:
    op.drop_table('leases')
