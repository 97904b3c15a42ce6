"""The dialog kinerja of a team member with their Penilai (rule 53): the expectations
agreed for the assignment and both confirmations."""
import sqlalchemy as sa

from domain.dialog import DialogStatus
from storage.tables.base import metadata
from storage.types import UTCDateTime, enum_column

dialogs = sa.Table(
    "dialogs", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("team_id", sa.ForeignKey("teams.id"), nullable=False, index=True),
    sa.Column("member_id", sa.ForeignKey("employees.id"), nullable=False, index=True),
    sa.Column("penilai_id", sa.ForeignKey("employees.id"), nullable=False, index=True),
    sa.Column("assignment_id", sa.ForeignKey("assignments.id")),
    sa.Column("status", enum_column(DialogStatus, length=12), nullable=False),
    sa.Column("expectations", sa.Text, nullable=False, default=""),
    sa.Column("revision_note", sa.Text),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("penilai_confirmed_at", UTCDateTime),
    sa.Column("member_confirmed_at", UTCDateTime),
)
