from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.letters import Letter, LetterKind
from storage.tables.letters import letter_recipients


class LetterRepo:
    """The letter register (domain.letters)."""

    def __init__(self, session: AsyncSession) -> None:
        self.s = session

    async def add(self, letter: Letter, recipient_ids: Iterable[int]) -> None:
        """Store the letter and index it under each addressee who is an employee."""
        self.s.add(letter)
        await self.s.flush()
        rows = [{"letter_id": letter.id, "employee_id": i} for i in sorted(set(recipient_ids))]
        if rows:
            await self.s.execute(letter_recipients.insert(), rows)

    async def get(self, letter_id: int) -> Letter | None:
        return await self.s.get(Letter, letter_id)

    async def by_code(self, code: str) -> Letter | None:
        return (await self.s.scalars(select(Letter).where(Letter.code == code))).first()

    async def by_number(self, number: str) -> Letter | None:
        return (await self.s.scalars(select(Letter).where(Letter.number == number))).first()

    async def of_source(self, source_kind: str, source_id: int) -> Letter | None:
        """The newest letter issued for this record (e.g. "assignment", 12)."""
        return (await self.s.scalars(select(Letter).where(
            Letter.source_kind == source_kind, Letter.source_id == source_id)
            .order_by(Letter.id.desc()).limit(1))).first()

    async def addressed_to(self, employee_id: int) -> list[Letter]:
        """Letters addressed to or signed by the employee, oldest first."""
        addressed = select(letter_recipients.c.letter_id).where(letter_recipients.c.employee_id == employee_id)
        return list(await self.s.scalars(select(Letter).where(
            or_(Letter.id.in_(addressed), Letter.issuer_id == employee_id)).order_by(Letter.id)))

    async def is_addressee(self, letter_id: int, employee_id: int) -> bool:
        found = await self.s.execute(select(letter_recipients.c.letter_id).where(
            letter_recipients.c.letter_id == letter_id, letter_recipients.c.employee_id == employee_id))
        return found.first() is not None

    async def recent(self, limit: int = 50, kind: LetterKind | None = None) -> list[Letter]:
        query = select(Letter).order_by(Letter.id.desc()).limit(limit)
        if kind is not None:
            query = query.where(Letter.kind == kind)
        return list(await self.s.scalars(query))
