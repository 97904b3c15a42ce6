"""The surat penugasan drawn from its assignment record (for the letter register, handlers.letters),
and the assignment-letter buttons of earlier /surat lists."""
from __future__ import annotations

import asyncio

from domain.allowance import Allowance
from domain.application import StepKind
from domain.ids import id_of
from domain.letters import Letter, LetterKind
from domain.profiles import Profile
from domain.profiles.citation import cite
from domain.team import MemberRole, Membership
from handlers.applications.buttons import AssignmentLetter
from handlers.applications.letter_pdf import LetterData, assignment_letter
from handlers.core.context import Ctx
from handlers.core.lookups import present
from handlers.core.registry import Router
from handlers.letters.documents import RenderContext, render_context, renders
from handlers.letters.send import send_letter
from storage.uow import UnitOfWork

router = Router()


def allowance_sentence(profile: Profile, membership: Membership | None) -> str | None:
    """The letter is in Indonesian whatever the reader's language, like the rest of its body."""
    if membership is None or membership.allowance is Allowance.NONE:
        return None
    section = profile.teams.ketua if membership.role is MemberRole.KETUA else profile.pengendali
    article = cite(section.source_of("allowance") if section else "", profile.citation_title) or profile.title
    post = "Ketua Tim" if membership.role is MemberRole.KETUA else "Pengendali"
    given = "dapat diberikan" if membership.allowance is Allowance.OPTIONAL else "diberikan"
    return f"Sebagai {post}, yang bersangkutan {given} tambahan penghasilan sesuai dengan {article}."


@renders(LetterKind.PENUGASAN)
async def assignment_pdf(rc: RenderContext, letter: Letter) -> bytes:
    """The assignee and the signer as the register recorded them on the day of issue."""
    assignment = present(await rc.uow.assignments.get(letter.source_id), "the letter's assignment")
    unit = await rc.uow.org.unit(assignment.unit_id)
    (assignee, *_) = letter.addressees
    profile = rc.profile
    return await asyncio.to_thread(assignment_letter, LetterData(
        number=letter.number, issued_on=rc.issued_on(letter), unit_name=unit.name if unit else "",
        employee_name=assignee.name, employee_nip=assignee.nip, employee_jabatan=assignee.jabatan,
        work=assignment.description, mode=assignment.mode.value, issuer_name=letter.issuer_name,
        issuer_nip=letter.issuer_nip, issuer_jabatan=letter.issuer_jabatan, regulation=profile.title,
        tugas_tambahan=(cite(profile.teams.source_of("cross_unit_work_is_additional_duty"),
                             profile.citation_title) or profile.title) if assignment.tugas_tambahan else None,
        allowance=allowance_sentence(profile, await rc.uow.teams.by_assignment(id_of(assignment))),
        head=rc.settings.letterhead, place=rc.settings.place, tembusan=tuple(letter.tembusan),
        verification=rc.verification(letter), approved_by=await _approved_by(rc.uow, assignment.application_id)))


async def _approved_by(uow: UnitOfWork, application_id: int | None) -> str | None:
    """Across units, the extra home approval the letter rests on (Badung: the Pimpinan PD), as named today."""
    app = await uow.applications.get(application_id) if application_id else None
    extra = [s.person_id for s in app.route if s.kind is StepKind.EXTRA] if app else []
    people = await uow.org.employees(extra) if extra else {}
    return ", ".join(f"{p.jabatan_name} ({p.name})" for p in people.values()) or None


@router.callback(AssignmentLetter)
async def on_letter(ctx: Ctx, pressed: AssignmentLetter) -> None:
    """A button of a /surat list sent before the register existed: the same letter, from the register."""
    assignment = await ctx.uow.assignments.get(pressed.assignment_id)
    letter = await ctx.uow.letters.of_source("assignment", pressed.assignment_id) if assignment else None
    if assignment is None or letter is None or assignment.employee_id != ctx.me.id:
        ctx.answer(ctx.t("This button is not valid any more."), alert=True)
        return
    ctx.answer()
    await send_letter(ctx, render_context(ctx), letter)
