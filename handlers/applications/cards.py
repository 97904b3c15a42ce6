"""How applications look on screen, in any language. Every user-typed value goes
through the translator's escaping."""
from __future__ import annotations

import datetime as dt

from domain.application import Application, ApplicationStatus, StepKind
from domain.ids import id_of
from domain.org import Employee
from domain.text import shorten
from handlers.applications.buttons import ApplicationDecision
from handlers.core.buttons import button
from handlers.core.cards import decided_line
from handlers.core.context import keyboard
from handlers.core.formatting import local_day
from handlers.core.i18n import Html, Translator
from handlers.core.types import Keyboard


def status_label(t: Translator, status: ApplicationStatus) -> str:
    return {
        ApplicationStatus.DRAFT: t("draft"),
        ApplicationStatus.SUBMITTED: t("waiting for decision"),
        ApplicationStatus.APPROVED: t("approved"),
        ApplicationStatus.REJECTED: t("rejected"),
        ApplicationStatus.WITHDRAWN: t("withdrawn"),
    }[status]


def draft_summary(t: Translator, target: str, motivation: str) -> str:
    return Html("\n".join([
        t("<b>Voluntary application (pengajuan sukarela)</b>"),
        t("Team or work: {target}", target=target),
        t("Reason and competence: {motivation}", motivation=motivation),
    ]))


def application_card(t: Translator, app: Application, applicant: Employee, brief: bool = False) -> str:
    """`brief`: for a list page, the long texts shortened (at a word boundary)."""
    lines = [
        t("<b>Voluntary application {number}</b>", number=app.number or "-"),
        t("Applicant: {name} ({jabatan})", name=applicant.name, jabatan=applicant.jabatan_name),
        t("Team or work: {target}", target=shorten(app.target_text, 120) if brief else app.target_text),
        t("Reason and competence: {motivation}",
          motivation=shorten(app.motivation, 300) if brief else app.motivation),
        t("Status: {status}", status=status_label(t, app.status)),
    ]
    if app.steps:
        step = app.current_step
        lines.insert(3, t("Cross-unit application (pengajuan sukarela lintas unit)"))
        if step is not None:
            lines.append(t("Step {n} of {total}: {step}", n=app.step_index + 1, total=len(app.steps),
                           step=step_label(t, step.kind)))
    if app.status is ApplicationStatus.REJECTED and app.decision_reason:
        lines.append(t("Reason for rejection: {reason}", reason=app.decision_reason))
    return Html("\n".join(lines))


def step_label(t: Translator, kind: StepKind) -> str:
    return {
        StepKind.ACKNOWLEDGE: lambda: t("acknowledgement (diketahui) before it is sent"),
        StepKind.HOME_APPROVAL: lambda: t("approval of the home unit before it is sent"),
        StepKind.TARGET: lambda: t("decision of the unit that owns the team"),
        StepKind.FINAL: lambda: t("final approval of the home unit, with the surat penugasan"),
        StepKind.EXTRA: lambda: t("approval of the head of the Perangkat Daerah"),
    }[kind]()


def decider_keyboard(t: Translator, app: Application, page: int | None = None) -> Keyboard:
    """The buttons of the open step (a stale one never acts on a later step). `page`: on a page of
    /persetujuan, where several cards share one message, they name the application and remember the page."""
    step = app.current_step
    acknowledge = step is not None and step.kind is StepKind.ACKNOWLEDGE
    ok = ApplicationDecision("ok", id_of(app), app.step_index, page)
    no = ApplicationDecision("no", id_of(app), app.step_index, page)
    if page is None:
        return keyboard([button(t("✅ Acknowledge") if acknowledge else t("✅ Approve"), ok),
                         button(t("❌ Reject"), no)])
    number = app.number or "-"
    return keyboard([button(t("✅ Acknowledge {number}", number=number) if acknowledge
                            else t("✅ Approve {number}", number=number), ok),
                     button(t("❌ Reject {number}", number=number), no)])


def card_key(app: Application, step: int | None = None) -> str:
    """The application's decision card: every copy is edited once it is decided. Across units each
    step (default: the open one) has a card of its own, settled when that step is done."""
    if not app.steps:
        return f"app:{id_of(app)}"
    return f"app:{id_of(app)}:s{app.step_index if step is None else step}"


def card_keys(app: Application) -> list[str]:
    """Every card the application has had so far: the final decision settles them all."""
    return [card_key(app, i) for i in range(app.step_index + 1)] if app.steps else [card_key(app)]


def settled_card(t: Translator, app: Application, applicant: Employee, by: str, at: dt.datetime,
                 timezone: str) -> str:
    """The card once decided (or withdrawn): the outcome, who and when; no buttons."""
    line = (t("Withdrawn by the applicant on {date}.", date=local_day(t, at, timezone))
            if app.status is ApplicationStatus.WITHDRAWN else decided_line(t, by, at, timezone))
    return Html(application_card(t, app, applicant) + "\n" + line)
