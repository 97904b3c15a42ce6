"""Dialogs kinerja: the latest one of a member in a team."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.dialog import Dialog


class DialogRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def add(self, dialog: Dialog) -> None:
        self.session.add(dialog)

    async def get(self, dialog_id: int) -> Dialog | None:
        return await self.session.get(Dialog, dialog_id)

    async def latest(self, team_id: int, member_id: int) -> Dialog | None:
        """The member's current dialog for the team (a new assignment opens a new one)."""
        q = (select(Dialog).where(Dialog.team_id == team_id, Dialog.member_id == member_id)
             .order_by(Dialog.id.desc()).limit(1))
        return (await self.session.scalars(q)).first()
