"""Reports with every submitted version, report requests (sewaktu-waktu) and kendala."""
import sqlalchemy as sa

from domain.report import KendalaStatus, ReportKind, ReportStatus, RequestStatus
from storage.tables.base import metadata
from storage.types import UTCDateTime, enum_column

reports = sa.Table(
    "reports", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("kind", enum_column(ReportKind), nullable=False),
    sa.Column("author_id", sa.ForeignKey("employees.id"), nullable=False, index=True),
    sa.Column("team_id", sa.ForeignKey("teams.id")),  # indexed with period_key below
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
    # the author says it holds credit-point activity; see domain.additional_duty (rule 49; HSU Ps 16(2))
    sa.Column("credit_activity", sa.Boolean, nullable=False, default=False, server_default=sa.false()),
    sa.Column("row_version", sa.Integer, nullable=False),
    # route[hop] while submitted, kept by the mapping on every flush: "what waits for my review"
    # is an index lookup instead of reading every submitted report of the Pemda.
    sa.Column("current_reviewer_id", sa.Integer),
    sa.Index("ix_reports_current_reviewer", "current_reviewer_id", "submitted_at"),
    # a team's reports for some periods (/rekap, the tick), however many periods it has behind it
    sa.Index("ix_reports_team_period", "team_id", "period_key"),
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
