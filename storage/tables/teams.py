"""Teams, their members (with history) and the ketua/pengendali candidacies another
official decides."""
import sqlalchemy as sa

from domain.allowance import Allowance
from domain.candidacy import CandidacyStatus
from domain.team import MemberRole, TeamKind, TeamStatus
from storage.tables.base import metadata
from storage.types import UTCDateTime, enum_column

teams = sa.Table(
    "teams", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("unit_id", sa.ForeignKey("units.id"), nullable=False, index=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("kind", enum_column(TeamKind), nullable=False),
    sa.Column("status", enum_column(TeamStatus), nullable=False),
    sa.Column("goal", sa.Text, nullable=False, default=""),
    sa.Column("ketua_id", sa.ForeignKey("employees.id")),
    sa.Column("starts_on", sa.Date),
    sa.Column("ends_on", sa.Date),
    sa.Column("target", sa.Text, nullable=False, default=""),
    sa.Column("created_by_id", sa.ForeignKey("employees.id")),
    sa.Column("group_chat_id", sa.BigInteger, unique=True),
    sa.Column("group_thread_id", sa.BigInteger),
    sa.Column("cadence_months", sa.Integer),
    sa.Column("pengendali_id", sa.ForeignKey("employees.id")),
    sa.Index("ix_teams_ketua_id", "ketua_id"),
)

memberships = sa.Table(
    "memberships", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("team_id", sa.ForeignKey("teams.id"), nullable=False, index=True),
    sa.Column("employee_id", sa.ForeignKey("employees.id"), nullable=False, index=True),
    sa.Column("role", enum_column(MemberRole), nullable=False),
    sa.Column("joined_at", UTCDateTime, nullable=False),
    sa.Column("left_at", UTCDateTime),
    sa.Column("assignment_id", sa.ForeignKey("assignments.id")),
    sa.Column("pk_signed_at", UTCDateTime),  # ketua/pengendali: Perjanjian Kinerja (Surakarta Ps 21(1), 25(1))
    # ketua/pengendali: tambahan penghasilan (rule 57; Banten Ps 10(4), Surakarta Ps 21(3), 25(2))
    sa.Column("allowance", enum_column(Allowance), nullable=False, default=Allowance.NONE),
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
    sa.Column("consideration", sa.Text),  # the Penilai's consideration (Surakarta Ps 15(3))
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("decided_at", UTCDateTime),
)
