"""Tables, and the imperative mapping of domain and storage dataclasses onto them.

Imperative mapping keeps domain/ free of SQLAlchemy while repositories still hand back
domain objects whose changes the unit of work tracks."""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import registry

from domain.application import Application, ApplicationScope, ApplicationStatus
from domain.assignment import Assignment, AssignmentForm, AssignmentMode
from domain.org import Education, Employee, JabatanKind, Jenjang, Unit, UnitKind
from domain.team import Team, TeamKind, TeamStatus
from storage.records import (
    Conversation,
    Decision,
    LinkCode,
    OutboxMessage,
    TelegramLink,
)
from storage.types import GolonganType, UTCDateTime, enum_column

mapper_registry = registry()
metadata = mapper_registry.metadata
metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

units = sa.Table(
    "units", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("code", sa.String(40), nullable=False, unique=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("kind", enum_column(UnitKind), nullable=False),
    sa.Column("parent_id", sa.ForeignKey("units.id"), index=True),
    sa.Column("head_id", sa.ForeignKey("employees.id", use_alter=True, name="fk_units_head_id_employees")),
)

employees = sa.Table(
    "employees", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("nip", sa.String(18), nullable=False, unique=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("jabatan_name", sa.String(200), nullable=False),
    sa.Column("jabatan_kind", enum_column(JabatanKind), nullable=False),
    sa.Column("jenjang", enum_column(Jenjang)),
    sa.Column("golongan", GolonganType()),
    sa.Column("education", enum_column(Education, 4)),
    sa.Column("unit_id", sa.ForeignKey("units.id"), nullable=False, index=True),
    sa.Column("rater_id", sa.ForeignKey("employees.id"), index=True),
    sa.Column("phone", sa.String(30)),
    sa.Column("active", sa.Boolean, nullable=False, default=True),
    sa.Column("extra", sa.JSON, nullable=False, default=dict),
)

telegram_links = sa.Table(
    "telegram_links", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("employee_id", sa.ForeignKey("employees.id"), nullable=False, unique=True),
    sa.Column("telegram_user_id", sa.BigInteger, nullable=False, unique=True),
    sa.Column("chat_id", sa.BigInteger, nullable=False),
    sa.Column("language", sa.String(5), nullable=False),
    sa.Column("linked_at", UTCDateTime, nullable=False),
)

link_codes = sa.Table(
    "link_codes", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("code", sa.String(32), nullable=False, unique=True),
    sa.Column("employee_id", sa.ForeignKey("employees.id"), nullable=False, index=True),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("expires_at", UTCDateTime, nullable=False),
    sa.Column("used_at", UTCDateTime),
    sa.Column("revoked_at", UTCDateTime),
)

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
    sa.Column("cadence_months", sa.Integer),
    sa.Column("pengendali_id", sa.ForeignKey("employees.id")),
)

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
)

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

outbox = sa.Table(
    "outbox", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("key", sa.String(160), nullable=False, unique=True),
    sa.Column("chat_id", sa.BigInteger, nullable=False),
    sa.Column("payload", sa.JSON, nullable=False),
    sa.Column("status", sa.String(10), nullable=False),
    sa.Column("attempts", sa.Integer, nullable=False, default=0),
    sa.Column("next_attempt_at", UTCDateTime),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("sent_at", UTCDateTime),
    sa.Column("last_error", sa.Text),
    sa.Index("ix_outbox_due", "status", "next_attempt_at"),
)

conversations = sa.Table(
    "conversations", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("telegram_user_id", sa.BigInteger, nullable=False),
    sa.Column("chat_id", sa.BigInteger, nullable=False),
    sa.Column("name", sa.String(40), nullable=False),
    sa.Column("step", sa.String(40), nullable=False),
    sa.Column("data", sa.JSON, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
    sa.UniqueConstraint("telegram_user_id", "chat_id", name="uq_conversations_user_chat"),
)

counters = sa.Table(
    "counters", metadata,
    sa.Column("name", sa.String(40), primary_key=True),
    sa.Column("value", sa.Integer, nullable=False),
)

processed_updates = sa.Table(
    "processed_updates", metadata,
    sa.Column("update_key", sa.String(64), primary_key=True),
    sa.Column("at", UTCDateTime, nullable=False),
)


def _map() -> None:
    if getattr(_map, "done", False):
        return
    m = mapper_registry.map_imperatively
    m(Unit, units)
    m(Employee, employees)
    m(Team, teams)
    m(Application, applications, version_id_col=applications.c.version)
    m(Assignment, assignments)
    m(TelegramLink, telegram_links)
    m(LinkCode, link_codes)
    m(Decision, decisions)
    m(OutboxMessage, outbox)
    m(Conversation, conversations)
    _map.done = True  # type: ignore[attr-defined]


_map()
