"""Forms: a multi-step dialogue whose state (name, step, data) lives in the user's
conversation row, so it survives a restart. A user has at most one form open per chat.

Each conversation declares its steps once, as a StrEnum, and one `Form`:

    class Step(StrEnum):
        TARGET = "target"
        CONFIRM = "confirm"

    FORM = Form("apply", Step)

then `await FORM.open(ctx, Step.TARGET)`, `await FORM.advance(ctx, Step.CONFIRM, data)`,
`state = await FORM.read(ctx)` (the typed step and the data) and `await close(ctx)`.
The name and the step values are what the database holds: keep them stable, so a form
open across an upgrade carries on."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from storage.records import Conversation

if TYPE_CHECKING:
    from handlers.core.context import Ctx

S = TypeVar("S", bound=StrEnum)


@dataclass(frozen=True)
class FormState(Generic[S]):
    """An open form as read: the step it is at and (a copy of) its data."""

    form: Form[S]
    step: S
    data: dict[str, Any]

    @property
    def name(self) -> str:
        return self.form.name


@dataclass(frozen=True)
class Form(Generic[S]):
    name: str
    steps: type[S]

    async def open(self, ctx: Ctx, step: S, data: Mapping[str, Any] | None = None) -> None:
        """Start this form at `step`, replacing whatever form the user had open."""
        if not isinstance(step, self.steps):
            raise TypeError(f"{step!r} is not a step of form {self.name!r}")
        await ctx.uow.conversations.set(ctx.update.sender.id, ctx.update.chat_id, self.name, step.value,
                                        dict(data or {}), ctx.now)

    async def open_once(self, ctx: Ctx, step: S, data: Mapping[str, Any]) -> bool:
        """A button that asks for text (a reason, feedback, a decision): open this form at
        `step` for `data` and answer the press (True: now send the prompt). If exactly this
        prompt is open already, answer the press with a reminder instead (False: send nothing),
        so ten presses still leave one prompt to reply to."""
        current = await self.read(ctx)
        if current is not None and current.step == step and current.data == dict(data):
            ctx.answer(ctx.t("Please type your reply to the message above."))
            return False
        await self.open(ctx, step, data)
        ctx.answer()
        return True

    async def advance(self, ctx: Ctx, step: S, data: Mapping[str, Any]) -> None:
        """Move the open form to `step` with its data so far."""
        await self.open(ctx, step, data)

    def state(self, conv: Conversation | None) -> FormState[S] | None:
        """`conv` as this form, or None if it is another form or at a step we do not know."""
        if conv is None or conv.name != self.name or conv.step not in {s.value for s in self.steps}:
            return None
        return FormState(self, self.steps(conv.step), dict(conv.data))

    async def read(self, ctx: Ctx) -> FormState[S] | None:
        """The user's form, if it is this one."""
        return self.state(await ctx.uow.conversations.get(ctx.update.sender.id, ctx.update.chat_id))


async def close(ctx: Ctx) -> bool:
    """Close the user's open form, whichever it is; False if none was open."""
    conv = await ctx.uow.conversations.get(ctx.update.sender.id, ctx.update.chat_id)
    if conv is None:
        return False
    await ctx.uow.conversations.clear(ctx.update.sender.id, ctx.update.chat_id)
    return True


async def cancel_by_button(ctx: Ctx, nothing_was: str = "sent") -> None:
    """A form's [Batal] button: close the form and replace the form's message with the outcome."""
    await close(ctx)
    ctx.answer()
    ctx.edit_or_reply(ctx.t("Cancelled. Nothing was saved.") if nothing_was == "saved"
                      else ctx.t("Cancelled. Nothing was sent."))
