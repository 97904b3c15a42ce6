"""The dialog kinerja before team work (rules 53-54; HSU Lamp. II A.2.1, Surakarta Lamp. IV
3.1.2.1: "wajib melakukan dialog kinerja dengan ... Pejabat Penilai Kinerja untuk menetapkan
dan mengklarifikasi Ekspektasi"). When a member joins a team, their Penilai is asked to
record the agreed expectations; the member confirms them or asks for a revision. Where the
profile requires it the member is not yet active in the team until both confirmed: they
send no member report there yet (docs/DECISIONS.md, decision 18)."""
from __future__ import annotations

import zlib
from enum import StrEnum
from typing import Literal

from domain.dialog import EXPECTATIONS_MIN_LENGTH, Dialog, DialogMode, DialogStatus, member_active
from domain.errors import DomainError
from domain.ids import id_of
from domain.report import Report, ReportKind
from domain.team import Membership, Team
from handlers.core.buttons import CallbackData, button
from handlers.core.context import Ctx, keyboard
from handlers.core.forms import Form, FormState, close
from handlers.core.i18n import Translator
from handlers.core.messages import explain
from handlers.core.registry import Router
from handlers.core.types import Keyboard
from storage.records import Decision
from storage.uow import UnitOfWork

router = Router()


class DialogAction(CallbackData, prefix="dk"):
    """w: the Penilai writes the expectations; ok: the member confirms; rv: the member asks to revise."""

    action: Literal["w", "ok", "rv"]
    dialog_id: int


class Step(StrEnum):
    EXPECTATIONS = "expectations"
    REVISION = "revision"


FORM = Form("dialog_kinerja", Step)


def article(ctx: Ctx) -> str:
    return ctx.profile.teams.source_of("dialog_kinerja")


def required(ctx: Ctx) -> bool:
    return ctx.profile.teams.dialog_kinerja is DialogMode.REQUIRED


async def open_dialog(ctx: Ctx, team: Team, membership: Membership) -> Dialog | None:
    """A member joined: open their dialog and ask their Penilai. None when no Penilai is recorded
    (nobody to hold the dialog with, so the member is not held back)."""
    member = await ctx.uow.org.employee(membership.employee_id)
    if member is None or member.rater_id is None:
        return None
    dialog = Dialog(id_of(team), member.id, member.rater_id, ctx.now, assignment_id=membership.assignment_id)
    ctx.uow.dialogs.add(dialog)
    await ctx.uow.flush()
    await _ask_penilai(ctx, team, dialog, member.name)
    return dialog


async def not_yet_active(ctx: Ctx, team: Team, employee_id: int) -> Dialog | None:
    """The member's unconfirmed dialog where the profile requires one (rule 53), else None."""
    dialog = await ctx.uow.dialogs.latest(id_of(team), employee_id)
    mode = ctx.profile.teams.dialog_kinerja
    return None if member_active(mode, dialog) else dialog


def inactive_text(t: Translator, team: Team, source: str) -> str:
    return t("You are not yet active in {team}: first you and your Penilai agree the expectations for your "
             "assignment in a dialog kinerja ({article}), and you confirm them in the bot.",
             team=team.name, article=source)


async def expectations_for(uow: UnitOfWork, report: Report) -> str | None:
    """The confirmed expectations of a member report's author in its team, for the ketua's card."""
    if report.kind is not ReportKind.MEMBER or report.team_id is None:
        return None
    dialog = await uow.dialogs.latest(report.team_id, report.author_id)
    return dialog.expectations if dialog is not None and dialog.confirmed else None


async def _ask_penilai(ctx: Ctx, team: Team, dialog: Dialog, member_name: str, note: str | None = None) -> None:
    source, must = article(ctx), required(ctx)

    def render(t: Translator) -> tuple[str, Keyboard | None]:
        text = (t("{member} asks you to revise the expectations for team {team}: {note}", member=member_name,
                  team=team.name, note=note) if note else
                t("{member} joined team {team}. Hold the dialog kinerja with them and record the expectations "
                  "(ekspektasi) you agree for this assignment ({article}).", member=member_name, team=team.name,
                  article=source))
        if must:
            text += "\n" + t("Until they confirm, they are not yet active in the team.")
        return text, keyboard([button(t("Record the expectations"), DialogAction("w", id_of(dialog)))])

    # a notice of its own even when the Penilai is the one adding the member, so it stays findable
    await ctx.notify(dialog.penilai_id, _key(dialog, "revise" if note else "ask", note or "", ctx), render)


async def _dialog_for(ctx: Ctx, dialog_id: int) -> tuple[Dialog, Team] | None:
    dialog = await ctx.uow.dialogs.get(dialog_id)
    team = await ctx.uow.teams.get(dialog.team_id) if dialog is not None else None
    if dialog is None or team is None or not team.accepts_members:
        return None
    return dialog, team


def _may_press(dialog: Dialog, action: str, me: int) -> bool:
    """The Penilai writes (or rewrites) until the member confirmed; the member answers a proposal."""
    if action == "w":
        return me == dialog.penilai_id and dialog.status is not DialogStatus.CONFIRMED
    return me == dialog.member_id and dialog.status is DialogStatus.PROPOSED


@router.callback(DialogAction)
async def on_dialog(ctx: Ctx, pressed: DialogAction) -> None:
    found = await _dialog_for(ctx, pressed.dialog_id)
    if found is None or not _may_press(found[0], pressed.action, ctx.me.id):
        ctx.answer(ctx.t("This button is not valid any more."), alert=True)
        return
    dialog, team = found
    if pressed.action == "ok":
        ctx.answer()
        dialog.confirm(ctx.me.id, ctx.now)
        ctx.uow.decisions.add(Decision("team", id_of(team), ctx.me.id, "dialog_kinerja_confirmed", ctx.now,
                                       details={"dialog_id": dialog.id, "source": article(ctx)}))
        ctx.edit_or_reply(ctx.t("Thank you: the expectations for {team} are confirmed by you and your Penilai.",
                                team=team.name))
        await ctx.notify(dialog.penilai_id, f"dialog:{dialog.id}:confirmed", lambda t: (
            t("{member} confirmed the expectations for team {team}.", member=ctx.me.name, team=team.name), None))
        return
    step = Step.EXPECTATIONS if pressed.action == "w" else Step.REVISION
    if not await FORM.open_once(ctx, step, {"dialog_id": dialog.id}):
        return
    prompt = (ctx.t("Write the expectations you agreed with the member for team {team} (at least {min} "
                    "characters): the results and the work behaviour expected.", team=team.name,
                    min=EXPECTATIONS_MIN_LENGTH) if step is Step.EXPECTATIONS
              else ctx.t("What should your Penilai revise in the expectations?"))
    ctx.reply(prompt, force_reply=True)


@router.conversation(FORM)
async def on_text(ctx: Ctx, conv: FormState[Step]) -> None:
    found = await _dialog_for(ctx, conv.data.get("dialog_id", 0))
    if found is None:
        await close(ctx)
        ctx.reply(ctx.t("This form is no longer open."))
        return
    dialog, team = found
    try:
        if conv.step is Step.EXPECTATIONS:
            dialog.record(ctx.me.id, ctx.update.text, ctx.now)
        else:
            dialog.ask_revision(ctx.me.id, ctx.update.text)
    except DomainError as err:
        if err.code in ("text_too_short", "text_too_long"):
            ctx.reply(explain(ctx.t, err))
            return
        await close(ctx)
        ctx.reply(explain(ctx.t, err))
        return
    await close(ctx)
    event = "dialog_kinerja_recorded" if conv.step is Step.EXPECTATIONS else "dialog_kinerja_revision_asked"
    ctx.uow.decisions.add(Decision("team", id_of(team), ctx.me.id, event, ctx.now,
                                   details={"dialog_id": dialog.id, "source": article(ctx)}))
    if conv.step is Step.REVISION:
        ctx.reply(ctx.t("Sent to your Penilai to revise."))
        await _ask_penilai(ctx, team, dialog, ctx.me.name, note=dialog.revision_note)
        return
    member = await ctx.uow.org.employee(dialog.member_id)
    ctx.reply(ctx.t("Recorded. {member} is asked to confirm the expectations.",
                    member=member.name if member else "?"))
    await _ask_member(ctx, team, dialog)


async def _ask_member(ctx: Ctx, team: Team, dialog: Dialog) -> None:
    source, must, penilai = article(ctx), required(ctx), ctx.me.name

    def render(t: Translator) -> tuple[str, Keyboard | None]:
        text = t("Dialog kinerja ({article}): your Penilai {penilai} recorded the expectations for your assignment "
                 "in team {team}:\n<i>{expectations}</i>", article=source, penilai=penilai, team=team.name,
                 expectations=dialog.expectations)
        if must:
            text += "\n" + t("Until you confirm them, you are not yet active in the team.")
        return text, keyboard([button(t("Confirm"), DialogAction("ok", id_of(dialog)))],
                              [button(t("Ask to revise"), DialogAction("rv", id_of(dialog)))])

    await ctx.notify(dialog.member_id, _key(dialog, "proposed", dialog.expectations, ctx), render)


def _key(dialog: Dialog, event: str, text: str, ctx: Ctx) -> str:
    """One notice per round: a new text (a revision) is a new notice even within the same second."""
    return f"dialog:{dialog.id}:{event}:{ctx.now.isoformat()}:{zlib.crc32(text.encode()):08x}"
