"""Unit of work: one transaction per update. Repositories never commit; the caller
commits explicitly, and anything not committed is rolled back on exit."""
from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar, overload

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.engine import READ_ONLY
from storage.mapping import start_mappers
from storage.repos.acting import ActingRepo
from storage.repos.admins import AdminRepo
from storage.repos.applications import ApplicationRepo, AssignmentRepo
from storage.repos.appointments import AppointmentRepo
from storage.repos.audit import DecisionRepo
from storage.repos.conversations import ConversationRepo
from storage.repos.counters import CounterRepo
from storage.repos.decrees import DecreeRepo
from storage.repos.delivery import UnreachableRepo
from storage.repos.dialogs import DialogRepo
from storage.repos.leases import LeaseRepo
from storage.repos.letters import LetterRepo
from storage.repos.links import LinkRepo
from storage.repos.member_inputs import MemberInputRepo
from storage.repos.org import OrgRepo
from storage.repos.org_admin import OrgAdminRepo
from storage.repos.org_import import OrgImportRepo
from storage.repos.outbox import OutboxRepo
from storage.repos.reports import ReportRepo
from storage.repos.roles import RoleRepo
from storage.repos.schedule import ScheduleRepo
from storage.repos.teams import TeamRepo
from storage.repos.updates import UpdateRepo

R = TypeVar("R")


class _Repo(Generic[R]):
    """A repository made on first use in a unit of work (most updates touch three or four
    of them), then kept in the instance's own attributes."""

    def __init__(self, cls: Callable[[AsyncSession], R]) -> None:
        self.cls = cls

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, uow: None, owner: type) -> _Repo[R]: ...
    @overload
    def __get__(self, uow: UnitOfWork, owner: type) -> R: ...
    def __get__(self, uow: UnitOfWork | None, owner: type) -> R | _Repo[R]:
        if uow is None:
            return self
        repo = uow.__dict__[self.name] = self.cls(uow.session)
        return repo


class UnitOfWork:
    session: AsyncSession
    org = _Repo(OrgRepo)
    links = _Repo(LinkRepo)
    teams = _Repo(TeamRepo)
    dialogs = _Repo(DialogRepo)
    reports = _Repo(ReportRepo)
    member_inputs = _Repo(MemberInputRepo)
    applications = _Repo(ApplicationRepo)
    assignments = _Repo(AssignmentRepo)
    appointments = _Repo(AppointmentRepo)
    decisions = _Repo(DecisionRepo)
    outbox = _Repo(OutboxRepo)
    conversations = _Repo(ConversationRepo)
    counters = _Repo(CounterRepo)
    decrees = _Repo(DecreeRepo)
    letters = _Repo(LetterRepo)
    admins = _Repo(AdminRepo)
    acting = _Repo(ActingRepo)
    org_admin = _Repo(OrgAdminRepo)
    org_import = _Repo(OrgImportRepo)
    schedule = _Repo(ScheduleRepo)
    unreachable = _Repo(UnreachableRepo)
    updates = _Repo(UpdateRepo)
    leases = _Repo(LeaseRepo)
    roles = _Repo(RoleRepo)

    def __init__(self, sessions: async_sessionmaker) -> None:
        self._sessions = sessions

    async def __aenter__(self) -> UnitOfWork:
        if len(vars(self)) > 1:  # entered before: its repositories belong to the old session
            sessions = self._sessions
            vars(self).clear()
            self._sessions = sessions
        self.session = self._sessions()
        return self

    async def __aexit__(self, exc_type, exc, tb) -> None:
        # close() rolls back whatever was not committed; unlike rollback() it leaves the
        # loaded objects readable (detached, not expired) for the caller.
        await self.session.close()

    async def commit(self) -> None:
        await self.session.commit()

    async def rollback(self) -> None:
        await self.session.rollback()
        self.conversations.forget()  # what it remembers may be gone with the transaction

    async def flush(self) -> None:
        await self.session.flush()


class UnitOfWorkFactory:
    """What handlers receive: call it to open a fresh unit of work. Making one starts the
    ORM mapping (once per process), so every unit of work sees mapped classes."""

    def __init__(self, sessions: async_sessionmaker) -> None:
        start_mappers()
        self.sessions = sessions
        bind = sessions.kw.get("bind")
        others = {k: v for k, v in sessions.kw.items() if k != "bind"}
        self._reads = (sessions if bind is None
                       else async_sessionmaker(bind.execution_options(**{READ_ONLY: True}), **others))

    def __call__(self) -> UnitOfWork:
        return UnitOfWork(self.sessions)

    def read_only(self) -> UnitOfWork:
        """A unit of work that only reads (the reminder tick's long look at the whole Pemda):
        on SQLite it holds no write lock, so updates are not kept waiting behind it. Writing
        in it is a mistake (SQLite may refuse the upgrade to a write lock)."""
        return UnitOfWork(self._reads)
