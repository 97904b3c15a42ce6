"""How a penunjukan reads on screen: its card, and the buttons of the step waiting."""
from __future__ import annotations

from domain.appointment import Appointment, AppointmentStatus, StepKind
from domain.org import Employee
from domain.profiles import Role, Scope
from handlers.appointments.buttons import AcceptAppointment, AppointmentLetter, AppointStep
from handlers.core.buttons import button
from handlers.core.context import keyboard
from handlers.core.i18n import Translator
from handlers.core.role_names import role_name
from handlers.core.types import Keyboard


def scope_label(t: Translator, scope: Scope) -> str:
    return {Scope.WITHIN_UNIT: t("within the unit"), Scope.CROSS_UNIT: t("across units"),
            Scope.CROSS_AGENCY: t("across Perangkat Daerah"),
            Scope.CROSS_INSTITUTION: t("across institutions")}[Scope(scope)]


def status_label(t: Translator, status: AppointmentStatus) -> str:
    return {AppointmentStatus.PENDING: t("in process"), AppointmentStatus.ACCEPTING: t("waiting for acceptance"),
            AppointmentStatus.DONE: t("completed"), AppointmentStatus.REFUSED: t("refused")}[status]


def _verdict(t: Translator, step: dict) -> str:
    kind, yes = StepKind(step["kind"]), step.get("verdict") == "yes"
    if kind is StepKind.RECOMMEND:
        return t("recommended") if yes else t("not recommended")
    if kind is StepKind.RELEASE:
        return t("released staff") if yes else t("refused")
    if kind is StepKind.ISSUE:
        return t("issued the surat penugasan")
    if kind is StepKind.REPLY:
        return t("recorded the reply")
    return t("approved") if yes else t("refused")


def appointment_card(t: Translator, ap: Appointment, people: dict[int, Employee], target: str) -> str:
    def name(i: int) -> str:
        person = people.get(i)
        return person.name if person is not None else "?"

    lines = [t("📌 <b>Penunjukan {number}</b> ({scope})", number=ap.number or "", scope=scope_label(t, ap.scope)),
             t("Requested by: {name}", name=name(ap.requester_id))]
    if target:
        lines.append(t("To: {target}", target=target))
    lines.append(t("Work: {work}", work=ap.work))
    for label, value in ((t("Purpose"), ap.purpose), (t("Competence"), ap.competence),
                         (t("Target"), ap.expectation), (t("Term"), ap.duration)):
        if value:
            lines.append(f"{label}: {_esc(value)}")
    people_ids = ap.released_ids or ap.candidate_ids
    if people_ids:
        lines.append(t("Staff: {names}", names=", ".join(name(i) for i in people_ids)))
    if ap.external_names:
        lines.append(t("Released by the other institution: {names}", names=", ".join(ap.external_names)))
    for step in ap.steps[:ap.current + (1 if ap.status is AppointmentStatus.REFUSED else 0)]:
        if "by" in step:
            note = f" — {_esc(step['note'])}" if step.get("note") else ""
            lines.append(f"✓ {role_name(t, Role(step['role']))}, {_esc(name(step['by']))}: {_verdict(t, step)}{note}")
    lines.append(t("Status: {status}", status=status_label(t, ap.status)))
    if ap.refusal_reason:
        lines.append(t("Reason: {reason}", reason=ap.refusal_reason))
    return "\n".join(lines)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def step_prompt(t: Translator, ap: Appointment) -> str:
    step = ap.step
    if step is None:
        return ""
    return {StepKind.APPROVE: t("Do you approve this request?"),
            StepKind.RECOMMEND: t("Your recommendation is asked before the decision."),
            StepKind.RELEASE: t("Choose the staff you release for this work, or refuse with a reason."),
            StepKind.ISSUE: t("Please issue the surat penugasan for the staff released."),
            StepKind.REPLY: t("Send the attached letter to {institution}. When its reply comes back, "
                              "record it here.", institution=ap.institution or "")}[StepKind(step["kind"])]


def step_keyboard(t: Translator, ap: Appointment) -> Keyboard:
    step, i = ap.step, ap.current
    if step is None or ap.id is None:
        return ()
    aid = ap.id
    kind = StepKind(step["kind"])
    rows: list[list] = []
    if kind is StepKind.APPROVE:
        rows.append([button(t("✅ Approve"), AppointStep("yes", aid, i)),
                     button(t("❌ Refuse"), AppointStep("no", aid, i))])
    elif kind is StepKind.RECOMMEND:
        rows.append([button(t("👍 Recommend"), AppointStep("yes", aid, i)),
                     button(t("👎 Do not recommend"), AppointStep("no", aid, i))])
    elif kind is StepKind.RELEASE:
        rows.append([button(t("👥 Choose staff"), AppointStep("page", aid, i, 0)),
                     button(t("❌ Refuse"), AppointStep("no", aid, i))])
    elif kind is StepKind.ISSUE:
        rows.append([button(t("📝 Issue the surat penugasan"), AppointStep("yes", aid, i))])
    else:
        rows.append([button(t("📄 Letter to send"), AppointmentLetter("out", aid))])
        rows.append([button(t("📥 Record the reply"), AppointStep("reply", aid, i))])
    if ap.scope is not Scope.WITHIN_UNIT and kind is not StepKind.REPLY:
        rows.append([button(t("📄 Request letter"), AppointmentLetter("req", aid))])
    return keyboard(*rows)


def accept_keyboard(t: Translator, ap: Appointment) -> Keyboard:
    assert ap.id is not None
    return keyboard([button(t("✅ Accept (Terima)"), AcceptAppointment(ap.id))])
