"""Voluntary applications, the assignments (surat penugasan) issued for them and for team
members, and the gap-free counters their register numbers come from."""
import sqlalchemy as sa

from domain.application import ApplicationScope, ApplicationStatus
from domain.assignment import AssignmentForm, AssignmentMode
from storage.tables.base import metadata
from storage.types import UTCDateTime, enum_column

applications = sa.Table(
    "applications", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("number", sa.String(32), unique=True),
    sa.Column("applicant_id", sa.ForeignKey("employees.id"), nullable=False, index=True),
    sa.Column("unit_id", sa.ForeignKey("units.id"), nullable=False),
    sa.Column("team_id", sa.ForeignKey("teams.id")),
    sa.Column("target_text", sa.String(200), nullable=False),
    sa.Column("motivation", sa.Text, nullable=False),
    sa.Column("scope", enum_column(ApplicationScope), nullable=False),
    sa.Column("status", enum_column(ApplicationStatus), nullable=False, index=True),
    sa.Column("decider_id", sa.ForeignKey("employees.id"), index=True),
    sa.Column("created_at", UTCDateTime),
    sa.Column("submitted_at", UTCDateTime),
    sa.Column("decided_at", UTCDateTime),
    sa.Column("decision_reason", sa.Text),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("acting_for_id", sa.ForeignKey("employees.id")),
    sa.Column("tembusan_ids", sa.JSON, nullable=False, default=list),
    # a cross-unit application's route of steps (domain.application.Step), the open one and since when
    sa.Column("steps", sa.JSON, nullable=False, default=list, server_default="[]"),
    sa.Column("step_index", sa.Integer, nullable=False, default=0, server_default="0"),
    sa.Column("step_since", UTCDateTime),
    sa.Column("target_unit_id", sa.ForeignKey("units.id")),
    sa.Index("ix_applications_pending", "decider_id", "status", "submitted_at"),  # /persetujuan, oldest first
)

assignments = sa.Table(
    "assignments", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("number", sa.String(32), unique=True),
    sa.Column("employee_id", sa.ForeignKey("employees.id"), nullable=False, index=True),
    sa.Column("unit_id", sa.ForeignKey("units.id"), nullable=False),
    sa.Column("team_id", sa.ForeignKey("teams.id")),
    sa.Column("application_id", sa.ForeignKey("applications.id"), unique=True),
    sa.Column("mode", enum_column(AssignmentMode), nullable=False),
    sa.Column("form", enum_column(AssignmentForm), nullable=False),
    sa.Column("description", sa.String(200), nullable=False),
    sa.Column("issued_by_id", sa.ForeignKey("employees.id"), nullable=False),
    sa.Column("issued_at", UTCDateTime),
    # work for another unit is tugas tambahan (rule 49; HSU Ps 19(2)), fixed when the letter is issued
    sa.Column("tugas_tambahan", sa.Boolean, nullable=False, default=False, server_default=sa.false()),
)

counters = sa.Table(
    "counters", metadata,
    sa.Column("name", sa.String(40), primary_key=True),
    sa.Column("value", sa.Integer, nullable=False),
)
