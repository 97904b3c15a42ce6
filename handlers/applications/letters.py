"""/surat: my assignment letters (surat penugasan) as PDF documents."""
from __future__ import annotations

from zoneinfo import ZoneInfo

from domain.allowance import Allowance
from domain.application import ApplicationStatus, StepKind
from domain.ids import id_of
from domain.profiles import Profile
from domain.profiles.citation import cite
from domain.team import MemberRole, Membership
from handlers.applications.buttons import AssignmentLetter, RefusalLetter
from handlers.applications.letter_pdf import LetterData, RefusalData, assignment_letter, refusal_letter
from handlers.core.buttons import button
from handlers.core.context import Ctx, keyboard
from handlers.core.lookups import present
from handlers.core.registry import Router
from handlers.core.types import SendDocument

router = Router()


@router.command("surat")
async def my_letters(ctx: Ctx) -> None:
    assignments = await ctx.uow.assignments.of_employee(ctx.me.id)
    if not assignments:
        ctx.reply(ctx.t("You have no assignment letters yet."))
        return
    rows = [[button(f"{a.number} · {a.description[:40]}", AssignmentLetter(id_of(a)))] for a in assignments[-20:]]
    ctx.reply(ctx.t("Your assignment letters (surat penugasan). Choose one to receive it as a PDF:"),
              keyboard(*rows))


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
        allowance=allowance_sentence(ctx.profile, await ctx.uow.teams.by_assignment(id_of(assignment))),
        approved_by=await _approved_by(ctx, assignment.application_id)))
    ctx.answer()
    ctx.replies.append(SendDocument(ctx.update.chat_id, f"surat-penugasan-{assignment.number}.pdf", pdf,
                                    caption=ctx.t("Assignment letter {number}", number=assignment.number)))


async def _approved_by(ctx: Ctx, application_id: int | None) -> str | None:
    """Across units, the extra home approval the letter rests on (Badung: the Pimpinan PD), as signed."""
    app = await ctx.uow.applications.get(application_id) if application_id else None
    extra = [s.person_id for s in app.route if s.kind is StepKind.EXTRA] if app else []
    people = await ctx.uow.org.employees(extra)
    return ", ".join(f"{p.jabatan_name} ({p.name})" for p in people.values()) or None


@router.callback(RefusalLetter)
async def on_refusal(ctx: Ctx, pressed: RefusalLetter) -> None:
    """The applicant's written refusal, as a PDF signed by whoever refused (HSU Lamp. II B.2.e;
    Surakarta Lamp. IV 3.2.2.e). Only where the regulation wants it in writing."""
    app = await ctx.uow.applications.get(pressed.application_id)
    cu = ctx.profile.voluntary.cross_unit
    if (app is None or app.applicant_id != ctx.me.id or app.status is not ApplicationStatus.REJECTED
            or not app.steps or not cu.written_refusal_required):
        ctx.answer(ctx.t("This button is not valid any more."), alert=True)
        return
    refuser = present(await ctx.uow.org.employee(present(app.decider_id, "the refuser of an application")),
                      "the official who refused")
    unit = await ctx.uow.org.unit(refuser.unit_id)
    decided_at = present(app.decided_at, "the date of a refusal")
    pdf = refusal_letter(RefusalData(
        number=present(app.number, "the number of a stored application"),
        issued_on=decided_at.astimezone(ZoneInfo(ctx.profile.timezone)).date(), unit_name=unit.name if unit else "",
        employee_name=ctx.me.name, employee_nip=ctx.me.nip, employee_jabatan=ctx.me.jabatan_name,
        work=app.target_text, reason=app.decision_reason or "", issuer_name=refuser.name, issuer_nip=refuser.nip,
        issuer_jabatan=refuser.jabatan_name,
        article=cite(cu.source_of("written_refusal_required"), ctx.profile.citation_title) or ctx.profile.title))
    ctx.answer()
    ctx.replies.append(SendDocument(ctx.update.chat_id, f"surat-penolakan-{app.number}.pdf", pdf,
                                    caption=ctx.t("Written refusal of application {number}", number=app.number)))
