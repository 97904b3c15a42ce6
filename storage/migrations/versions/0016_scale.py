"""cost that does not grow with the Pemda (issue 14): indexes for the lookups every command and
tick makes, the current reviewer of a submitted report as an indexed column, and indexes on the
timestamps the retention prune reads

Existing submitted reports get their current reviewer (route[hop]) filled in.

Revision ID: 0016_scale
Revises: 0015_card_copies
Create Date: 2026-12-05 18:10:00
"""
import json

import sqlalchemy as sa
from alembic import op

revision = '0016_scale'
down_revision = '0015_card_copies'
branch_labels = None
depends_on = None

INDEXES = [  # name, table, columns
    ('ix_units_head_id', 'units', ['head_id']),
    ('ix_teams_ketua_id', 'teams', ['ketua_id']),
    ('ix_applications_pending', 'applications', ['decider_id', 'status', 'submitted_at']),
    ('ix_outbox_sent_at', 'outbox', ['sent_at']),
    ('ix_schedule_sent_at', 'schedule_sent', ['at']),
    ('ix_processed_updates_at', 'processed_updates', ['at']),
]


def upgrade() -> None:
    with op.batch_alter_table('reports') as batch:
        batch.add_column(sa.Column('current_reviewer_id', sa.Integer))
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, route, hop FROM reports WHERE status = 'submitted'")).all()
    for report_id, route, hop in rows:
        route = json.loads(route) if isinstance(route, str) else route
        if route and 0 <= hop < len(route):
            conn.execute(sa.text("UPDATE reports SET current_reviewer_id = :r WHERE id = :id"),
                         {"r": route[hop], "id": report_id})
    op.create_index('ix_reports_current_reviewer', 'reports', ['current_reviewer_id', 'submitted_at'])
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)


def downgrade() -> None:
    for name, table, _ in reversed(INDEXES):
        op.drop_index(name, table_name=table)
    op.drop_index('ix_reports_current_reviewer', table_name='reports')
    with op.batch_alter_table('reports') as batch:
        batch.drop_column('current_reviewer_id')
