"""Tables of the teams-and-reporting feature."""
from __future__ import annotations

import sqlalchemy as sa

from domain.candidacy import Candidacy, CandidacyStatus
from domain.report import (
    Kendala,
    KendalaStatus,
    Report,
    ReportKind,
    ReportRequest,
    ReportStatus,
    RequestStatus,
)
from domain.team import MemberRole, Membership
from storage.records import GroupBindCode, ReportVersion
from storage.tables import mapper_registry, metadata
from storage.types import UTCDateTime, enum_column

memberships = sa.Table(
    "memberships", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("team_id", sa.ForeignKey("teams.id"), nullable=False, index=True),
    sa.Column("employee_id", sa.ForeignKey("employees.id"), nullable=False, index=True),
    sa.Column("role", enum_column(MemberRole), nullable=False),
    sa.Column("joined_at", UTCDateTime, nullable=False),
    sa.Column("left_at", UTCDateTime),
    sa.Column("assignment_id", sa.ForeignKey("assignments.id")),
)

ketua_candidacies = sa.Table(
    "ketua_candidacies", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("team_id", sa.ForeignKey("teams.id"), nullable=False, index=True),
    sa.Column("candidate_id", sa.ForeignKey("employees.id"), nullable=False),
    sa.Column("post", sa.String(12), nullable=False),
    sa.Column("proposed_by_id", sa.ForeignKey("employees.id"), nullable=False),
    sa.Column("decider_id", sa.ForeignKey("employees.id"), nullable=False, index=True),
    sa.Column("status", enum_column(CandidacyStatus, length=12), nullable=False),
    sa.Column("reason", sa.Text),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("decided_at", UTCDateTime),
)

group_bind_codes = sa.Table(
    "group_bind_codes", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("code", sa.String(16), nullable=False, unique=True),
    sa.Column("team_id", sa.ForeignKey("teams.id"), nullable=False),
    sa.Column("created_by_id", sa.ForeignKey("employees.id"), nullable=False),
    sa.Column("expires_at", UTCDateTime, nullable=False),
    sa.Column("used_at", UTCDateTime),
)

reports = sa.Table(
    "reports", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("kind", enum_column(ReportKind), nullable=False),
    sa.Column("author_id", sa.ForeignKey("employees.id"), nullable=False, index=True),
    sa.Column("team_id", sa.ForeignKey("teams.id"), index=True),
    sa.Column("period_key", sa.String(16), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("status", enum_column(ReportStatus), nullable=False, index=True),
    sa.Column("route", sa.JSON, nullable=False),
    sa.Column("hop", sa.Integer, nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("files", sa.JSON, nullable=False),
    sa.Column("request_id", sa.ForeignKey("report_requests.id")),
    sa.Column("submitted_at", UTCDateTime),
    sa.Column("decided_at", UTCDateTime),
    sa.Column("reviewed", sa.Boolean, nullable=False),
    sa.Column("last_note", sa.Text),
    sa.Column("row_version", sa.Integer, nullable=False),
)

report_versions = sa.Table(
    "report_versions", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("report_id", sa.ForeignKey("reports.id"), nullable=False, index=True),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("files", sa.JSON, nullable=False),
    sa.Column("at", UTCDateTime, nullable=False),
    sa.UniqueConstraint("report_id", "version", name="uq_report_versions_report_version"),
)

report_requests = sa.Table(
    "report_requests", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("requester_id", sa.ForeignKey("employees.id"), nullable=False),
    sa.Column("addressee_id", sa.ForeignKey("employees.id"), nullable=False, index=True),
    sa.Column("team_id", sa.ForeignKey("teams.id")),
    sa.Column("due_on", sa.Date, nullable=False),
    sa.Column("note", sa.Text, nullable=False),
    sa.Column("status", enum_column(RequestStatus), nullable=False),
    sa.Column("created_at", UTCDateTime),
    sa.Column("report_id", sa.Integer),
)

kendala = sa.Table(
    "kendala", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("team_id", sa.ForeignKey("teams.id"), nullable=False, index=True),
    sa.Column("raised_by_id", sa.ForeignKey("employees.id"), nullable=False),
    sa.Column("description", sa.Text, nullable=False),
    sa.Column("alternatives", sa.JSON, nullable=False),
    sa.Column("decider_id", sa.ForeignKey("employees.id"), nullable=False, index=True),
    sa.Column("status", enum_column(KendalaStatus), nullable=False),
    sa.Column("decision", sa.Text),
    sa.Column("created_at", UTCDateTime),
    sa.Column("decided_at", UTCDateTime),
)

m = mapper_registry.map_imperatively
m(Membership, memberships)
m(Candidacy, ketua_candidacies)
m(GroupBindCode, group_bind_codes)
m(Report, reports, version_id_col=reports.c.row_version)
m(ReportVersion, report_versions)
m(ReportRequest, report_requests)
m(Kendala, kendala)
