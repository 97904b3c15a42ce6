"""one migration line again (merges the 0002/0003/0004 branches); teams.lead_id -> ketua_id

Revision ID: 0005
Revises: 0002, 0003, 0004
Create Date: 2026-12-05 16:00:00
"""
from alembic import op

revision = '0005'
down_revision = ('0002', '0003', '0004')
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The glossary's name for the team's leader is "ketua" (docs/GLOSSARY.md).
    with op.batch_alter_table('teams') as batch:
        batch.drop_constraint('fk_teams_lead_id_employees', type_='foreignkey')
        batch.alter_column('lead_id', new_column_name='ketua_id')
    with op.batch_alter_table('teams') as batch:  # SQLite: the renamed column exists only now
        batch.create_foreign_key(op.f('fk_teams_ketua_id_employees'), 'employees', ['ketua_id'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('teams') as batch:
        batch.drop_constraint('fk_teams_ketua_id_employees', type_='foreignkey')
        batch.alter_column('ketua_id', new_column_name='lead_id')
    with op.batch_alter_table('teams') as batch:
        batch.create_foreign_key(op.f('fk_teams_lead_id_employees'), 'employees', ['lead_id'], ['id'])
