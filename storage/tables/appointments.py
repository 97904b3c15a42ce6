"""Penunjukan (appointments): the request, its steps (JSON: who acts, who acted, when) and
the people it releases. Register numbers come from the shared counters (PP-YYYY-NNNNN)."""
import sqlalchemy as sa

from domain.appointment import AppointmentStatus
from domain.profiles.model import Scope
from storage.tables.base import metadata
from storage.types import UTCDateTime, enum_column

appointments = sa.Table(
    "appointments", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("number", sa.String(32), unique=True),
    sa.Column("scope", enum_column(Scope), nullable=False),
    sa.Column("status", enum_column(AppointmentStatus), nullable=False, index=True),
    sa.Column("requester_id", sa.ForeignKey("employees.id"), nullable=False, index=True),
    sa.Column("home_unit_id", sa.ForeignKey("units.id"), nullable=False),
    sa.Column("target_unit_id", sa.ForeignKey("units.id")),
    sa.Column("team_id", sa.ForeignKey("teams.id")),
    sa.Column("institution", sa.String(200)),
    sa.Column("work", sa.String(200), nullable=False),
    sa.Column("purpose", sa.Text, nullable=False),
    sa.Column("competence", sa.Text, nullable=False),
    sa.Column("expectation", sa.Text, nullable=False),
    sa.Column("duration", sa.String(200), nullable=False),
    sa.Column("candidate_ids", sa.JSON, nullable=False, default=list),
    sa.Column("tembusan_ids", sa.JSON, nullable=False, default=list),
    sa.Column("steps", sa.JSON, nullable=False, default=list),
    sa.Column("current", sa.Integer, nullable=False),
    sa.Column("released_ids", sa.JSON, nullable=False, default=list),
    sa.Column("accepted_ids", sa.JSON, nullable=False, default=list),
    sa.Column("assignment_ids", sa.JSON, nullable=False, default=dict),
    sa.Column("external_names", sa.JSON, nullable=False, default=list),
    sa.Column("reply_file_id", sa.String(200)),
    sa.Column("refusal_reason", sa.Text),
    sa.Column("refused_by_id", sa.ForeignKey("employees.id")),
    sa.Column("created_at", UTCDateTime),
    sa.Column("step_since", UTCDateTime),
    sa.Column("closed_at", UTCDateTime),
    sa.Column("version", sa.Integer, nullable=False),
)
