"""/surat: my assignment letters (surat penugasan) as PDF documents."""
from __future__ import annotations

from zoneinfo import ZoneInfo

from domain.allowance import Allowance
from domain.ids import id_of
from domain.profiles import Profile
from domain.profiles.citation import cite
from domain.team import MemberRole, Membership
from domain.text import shorten
from handlers.applications.buttons import AssignmentLetter
from handlers.applications.letter_pdf import LetterData, assignment_letter
from handlers.core.buttons import button
from handlers.core.context import Ctx, keyboard
from handlers.core.i18n import escape
from handlers.core.lookups import present
from handlers.core.paging import Entry, PageTurn, page_view
from handlers.core.registry import Router
from handlers.core.types import SendDocument

router = Router()


class LetterPage(PageTurn, prefix="pg:sl"):
    pass


@router.command("surat")
async def my_letters(ctx: Ctx) -> None:
    await _letters(ctx, 0)


@router.callback(LetterPage)
async def on_page(ctx: Ctx, pressed: LetterPage) -> None:
    ctx.answer()
    await _letters(ctx, pressed.page)


async def _letters(ctx: Ctx, page: int) -> None:
    """All my letters, newest first, ten a page, one button each."""
    assignments = await ctx.uow.assignments.of_employee(ctx.me.id)
    if not assignments:
        ctx.edit_or_reply(ctx.t("You have no assignment letters yet."))
        return
    entries = [Entry(f"• <b>{escape(a.number)}</b> — {escape(shorten(a.description, 80))}",
                     keyboard([button(shorten(f"{a.number} · {a.description}", 48), AssignmentLetter(id_of(a)))]))
               for a in reversed(assignments)]
    ctx.edit_or_reply(*page_view(ctx.t, ctx.t("Your assignment letters (surat penugasan). Choose one to receive "
                                              "it as a PDF:"), entries, page, LetterPage))


def allowance_sentence(profile: Profile, membership: Membership | None) -> str | None:
    """The letter is in Indonesian whatever the reader's language, like the rest of its body."""
    if membership is None or membership.allowance is Allowance.NONE:
        return None
    section = profile.teams.ketua if membership.role is MemberRole.KETUA else profile.pengendali
    article = cite(section.source_of("allowance") if section else "", profile.citation_title) or profile.title
    post = "Ketua Tim" if membership.role is MemberRole.KETUA else "Pengendali"
    given = "dapat diberikan" if membership.allowance is Allowance.OPTIONAL else "diberikan"
    return f"Sebagai {post}, yang bersangkutan {given} tambahan penghasilan sesuai dengan {article}."


@router.callback(AssignmentLetter)
async def on_letter(ctx: Ctx, pressed: AssignmentLetter) -> None:
    assignment = await ctx.uow.assignments.get(pressed.assignment_id)
    if assignment is None or assignment.employee_id != ctx.me.id:
        ctx.answer(ctx.t("This button is not valid any more."), alert=True)
        return
    issuer = present(await ctx.uow.org.employee(assignment.issued_by_id), "the assignment's issuer")
    unit = await ctx.uow.org.unit(assignment.unit_id)
    # issue_assignment numbers and dates every assignment it stores
    issued_at = present(assignment.issued_at, "the issue date of a stored assignment")
    number = present(assignment.number, "the number of a stored assignment")
    issued_on = issued_at.astimezone(ZoneInfo(ctx.profile.timezone)).date()
    pdf = assignment_letter(LetterData(
        number=number, issued_on=issued_on, unit_name=unit.name if unit else "",
        employee_name=ctx.me.name, employee_nip=ctx.me.nip, employee_jabatan=ctx.me.jabatan_name,
        work=assignment.description, mode=assignment.mode.value, issuer_name=issuer.name, issuer_nip=issuer.nip,
        issuer_jabatan=issuer.jabatan_name, regulation=ctx.profile.title,
        tugas_tambahan=(cite(ctx.profile.teams.source_of("cross_unit_work_is_additional_duty"),
                             ctx.profile.citation_title) or ctx.profile.title) if assignment.tugas_tambahan else None,
        allowance=allowance_sentence(ctx.profile, await ctx.uow.teams.by_assignment(id_of(assignment)))))
    ctx.answer()
    ctx.replies.append(SendDocument(ctx.update.chat_id, f"surat-penugasan-{assignment.number}.pdf", pdf,
                                    caption=ctx.t("Assignment letter {number}", number=assignment.number)))
