"""The team's decree (keputusan pembentukan tim, rules 36/38): proposed, issued with its KT- number, or rejected."""
import sqlalchemy as sa

from domain.team_decree import DecreeStatus
from storage.tables.base import metadata
from storage.types import UTCDateTime, enum_column

team_decrees = sa.Table(
    "team_decrees", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("team_id", sa.ForeignKey("teams.id"), nullable=False, index=True),
    sa.Column("ketua_id", sa.ForeignKey("employees.id"), nullable=False),
    sa.Column("issuer_id", sa.ForeignKey("employees.id"), nullable=False, index=True),
    sa.Column("issuer_role", sa.String(32), nullable=False),
    sa.Column("proposed_by_id", sa.ForeignKey("employees.id"), nullable=False),
    sa.Column("status", enum_column(DecreeStatus, length=12), nullable=False),
    sa.Column("number", sa.String(32), unique=True),
    sa.Column("reason", sa.Text),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("decided_at", UTCDateTime),
)
