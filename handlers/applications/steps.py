"""The steps of a cross-unit voluntary application (§2.7) as people see them: what each step
is, the route with who has done theirs, and asking the official whose step is open."""
from __future__ import annotations

from domain.application import Application, ApplicationStatus, StepKind
from domain.errors import DomainError
from domain.ids import id_of
from domain.org import Employee
from domain.voluntary import dispatch_check
from handlers.applications.cards import application_card, card_key, decider_keyboard, step_label
from handlers.core.acting import acting_note
from handlers.core.context import Ctx
from handlers.core.i18n import Html, Translator
from handlers.core.role_names import role_name


def route_lines(t: Translator, app: Application, people: dict[int, Employee]) -> str:
    """The route, numbered: ✓ done, ▶ open now, · still to come."""
    lines = [t("Route of this cross-unit application:")]
    now_mark = {ApplicationStatus.SUBMITTED: "▶", ApplicationStatus.APPROVED: "✓"}.get(app.status, "✗")
    for i, step in enumerate(app.route):
        mark = "✓" if i < app.step_index else now_mark if i == app.step_index else "·"
        person = people.get(step.person_id)
        lines.append(t("{mark} {n}. {name} ({role}): {step}", mark=mark, n=i + 1,
                       name=person.name if person else "-", role=role_name(t, step.role),
                       step=step_label(t, step.kind)))
    return Html("\n".join(lines))


async def ask_step(ctx: Ctx, app: Application, applicant: Employee) -> None:
    """Ask the official whose step is open, copy whom the step copies (forward_tembusan), and
    never let it reach the target unit before the home side's prerequisite (rules 20/21)."""
    step = app.current_step
    if step is None:
        return
    ready = dispatch_check(ctx.profile, app) if step.kind is StepKind.TARGET else None
    if ready is not None and not ready.ok:
        raise DomainError(ready.failures[0].code)
    absent = await ctx.uow.org.employee(step.acting_for_id) if step.acting_for_id else None
    await ctx.notify(step.person_id, f"app:{id_of(app)}:decide:s{app.step_index}", lambda t: (
        acting_note(t, absent) + t("A cross-unit application waits for your step: {step}.",
                                   step=step_label(t, step.kind)) + "\n\n"
        + application_card(t, app, applicant), decider_keyboard(t, app)), card=card_key(app))
    for cc in step.tembusan_ids:
        await ctx.notify(cc, f"app:{id_of(app)}:cc:{cc}:s{app.step_index}", lambda t: (
            t("For your information (tembusan):") + "\n\n" + application_card(t, app, applicant), None))
