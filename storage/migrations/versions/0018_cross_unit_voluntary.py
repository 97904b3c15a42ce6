"""a cross-unit voluntary application carries its route of steps (§2.7): the steps, the open
one, since when, and the target unit

Existing applications are within a unit: no steps.

Revision ID: 0018_cross_unit_voluntary
Revises: 0017_leases
Create Date: 2026-12-05 18:10:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0018_cross_unit_voluntary'
down_revision = '0017_leases'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('applications') as batch:
        batch.add_column(sa.Column('steps', sa.JSON(), nullable=False, server_default='[]'))
        batch.add_column(sa.Column('step_index', sa.Integer(), nullable=False, server_default='0'))
        batch.add_column(sa.Column('step_since', sa.DateTime()))
        batch.add_column(sa.Column('target_unit_id', sa.Integer()))
        batch.create_foreign_key(op.f('fk_applications_target_unit_id_units'), 'units', ['target_unit_id'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('applications') as batch:
        batch.drop_constraint('fk_applications_target_unit_id_units', type_='foreignkey')
        batch.drop_column('target_unit_id')
        batch.drop_column('step_since')
        batch.drop_column('step_index')
        batch.drop_column('steps')
