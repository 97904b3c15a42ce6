"""reports of some teams for some periods (/rekap, the reminder tick) found through one index on
(team_id, period_key): the team_id index alone read every period a team ever reported for, a
cost that grew each quarter; it is replaced (team_id alone is the new index's prefix)

Revision ID: 0019_report_periods
Revises: 0018_cross_unit_voluntary
Create Date: 2026-12-05 19:20:00
"""
from alembic import op

revision = '0019_report_periods'
down_revision = '0018_cross_unit_voluntary'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_reports_team_period', 'reports', ['team_id', 'period_key'])
    op.drop_index('ix_reports_team_id', table_name='reports')


def downgrade() -> None:
    op.create_index('ix_reports_team_id', 'reports', ['team_id'])
    op.drop_index('ix_reports_team_period', table_name='reports')
