"""an application's routing as columns: whom the decider acts for (Plt/Plh) and who gets a
copy (tembusan), fixed at submit instead of read back from the audit trail

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05 17:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

decisions = sa.table('decisions', sa.column('id', sa.Integer), sa.column('subject_type', sa.String),
                     sa.column('subject_id', sa.Integer), sa.column('action', sa.String),
                     sa.column('details', sa.JSON))
applications = sa.table('applications', sa.column('id', sa.Integer), sa.column('decider_id', sa.Integer),
                        sa.column('acting_for_id', sa.Integer), sa.column('tembusan_ids', sa.JSON))


def upgrade() -> None:
    with op.batch_alter_table('applications') as batch:
        batch.add_column(sa.Column('acting_for_id', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('tembusan_ids', sa.JSON(), nullable=True))
        batch.create_foreign_key(op.f('fk_applications_acting_for_id_employees'), 'employees',
                                 ['acting_for_id'], ['id'])
    _backfill()
    with op.batch_alter_table('applications') as batch:
        batch.alter_column('tembusan_ids', existing_type=sa.JSON(), nullable=False)


def _backfill() -> None:
    """Until now the routing lived only in the details of the 'submitted' decision."""
    conn = op.get_bind()
    deciders = dict(conn.execute(sa.select(applications.c.id, applications.c.decider_id)).all())
    submitted = conn.execute(
        sa.select(decisions.c.subject_id, decisions.c.details)
        .where(decisions.c.subject_type == 'application', decisions.c.action == 'submitted')
        .order_by(decisions.c.id)).all()
    routing: dict[int, dict] = {}
    for app_id, details in submitted:
        routing.setdefault(app_id, details or {})  # the first submission is the one that routed it
    rows = []
    for app_id, decider_id in deciders.items():
        details = routing.get(app_id, {})
        acting_for = details.get('acting_for_id') if details.get('decider_id') == decider_id else None
        rows.append({'b_id': app_id, 'acting_for_id': acting_for, 'tembusan_ids': list(details.get('cc', []))})
    if rows:
        conn.execute(applications.update().where(applications.c.id == sa.bindparam('b_id'))
                     .values(acting_for_id=sa.bindparam('acting_for_id'),
                             tembusan_ids=sa.bindparam('tembusan_ids')), rows)


def downgrade() -> None:
    with op.batch_alter_table('applications') as batch:
        batch.drop_constraint('fk_applications_acting_for_id_employees', type_='foreignkey')
        batch.drop_column('tembusan_ids')
        batch.drop_column('acting_for_id')
