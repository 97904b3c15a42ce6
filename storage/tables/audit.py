"""The append-only audit trail: who did what to which record, when and why."""
import sqlalchemy as sa

from storage.tables.base import metadata
from storage.types import UTCDateTime

decisions = sa.Table(
    "decisions", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("subject_type", sa.String(32), nullable=False),
    sa.Column("subject_id", sa.Integer, nullable=False),
    sa.Column("actor_id", sa.ForeignKey("employees.id")),
    sa.Column("action", sa.String(32), nullable=False),
    sa.Column("reason", sa.Text),
    sa.Column("acting_for_id", sa.ForeignKey("employees.id")),
    sa.Column("details", sa.JSON, nullable=False, default=dict),
    sa.Column("at", UTCDateTime, nullable=False),
    sa.Index("ix_decisions_subject", "subject_type", "subject_id"),
)
