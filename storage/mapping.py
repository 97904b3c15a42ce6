"""The ORM mapping of domain dataclasses and storage records onto the tables, in one
imperative style, so domain/ stays free of SQLAlchemy while repositories still hand back
domain objects whose changes the unit of work tracks.

Nothing is mapped at import: start_mappers() does it, once, when a UnitOfWorkFactory is
made. Tables with no class of their own (counters, admins, schedule_sent, unreachable_chats,
processed_updates, pending_unit_heads, letter_recipients) are keys and tallies, read and written
as tables by their repositories."""
from __future__ import annotations

from sqlalchemy import event
from sqlalchemy.orm import registry

from domain.acting import ActingOfficial
from domain.application import Application
from domain.appointment import Appointment
from domain.assignment import Assignment
from domain.candidacy import Candidacy
from domain.dialog import Dialog
from domain.letters import Letter
from domain.member_input import MemberInput
from domain.org import Employee, Unit
from domain.report import Kendala, Report, ReportRequest
from domain.team import Membership, Team
from domain.team_decree import TeamDecree
from storage.records import (
    Conversation,
    Decision,
    GroupBindCode,
    LinkCode,
    OutboxMessage,
    ReportVersion,
    TelegramLink,
)
from storage.tables import (
    applications,
    appointments,
    audit,
    decrees,
    dialogs,
    letters,
    links,
    member_inputs,
    messaging,
    org,
    reports,
    teams,
)
from storage.tables.base import metadata

mapper_registry = registry(metadata=metadata)
_started = False


def start_mappers() -> None:
    """Map every class onto its table; idempotent (a second call does nothing)."""
    global _started
    if _started:
        return
    m = mapper_registry.map_imperatively
    # org
    m(Unit, org.units)
    m(Employee, org.employees)
    m(ActingOfficial, org.acting_officials)
    # links
    m(TelegramLink, links.telegram_links)
    m(LinkCode, links.link_codes)
    m(GroupBindCode, links.group_bind_codes)
    # applications
    m(Application, applications.applications, version_id_col=applications.applications.c.version)
    m(Assignment, applications.assignments)
    m(Appointment, appointments.appointments, version_id_col=appointments.appointments.c.version)
    # teams
    m(Team, teams.teams)
    m(Membership, teams.memberships)
    m(Candidacy, teams.ketua_candidacies)
    m(TeamDecree, decrees.team_decrees)
    m(Dialog, dialogs.dialogs)
    m(Letter, letters.letters)
    # reports
    m(Report, reports.reports, version_id_col=reports.reports.c.row_version,
      properties={"_current_reviewer_id": reports.reports.c.current_reviewer_id})
    event.listen(Report, "before_insert", _keep_current_reviewer)
    event.listen(Report, "before_update", _keep_current_reviewer)
    m(ReportVersion, reports.report_versions)
    m(ReportRequest, reports.report_requests)
    m(Kendala, reports.kendala)
    m(MemberInput, member_inputs.member_inputs)
    # messaging
    m(OutboxMessage, messaging.outbox)
    m(Conversation, messaging.conversations)
    # audit
    m(Decision, audit.decisions)
    _started = True


def _keep_current_reviewer(_mapper, _connection, report: Report) -> None:
    """The indexed copy of Report.current_reviewer (route[hop] while submitted), written with
    every change of the report so "what waits for my review" never reads the route JSON."""
    report._current_reviewer_id = report.current_reviewer  # type: ignore[attr-defined]
