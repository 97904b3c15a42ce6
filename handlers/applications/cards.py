"""How applications look on screen, in any language. Every user-typed value goes
through the translator's escaping."""
from __future__ import annotations

import datetime as dt

from domain.application import Application, ApplicationStatus
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
    if app.status is ApplicationStatus.REJECTED and app.decision_reason:
        lines.append(t("Reason for rejection: {reason}", reason=app.decision_reason))
    return Html("\n".join(lines))


def decider_keyboard(t: Translator, app: Application, page: int | None = None) -> Keyboard:
    """`page`: on a page of /persetujuan, where several cards share one message, the buttons
    name the application and remember the page."""
    if page is None:
        return keyboard([button(t("✅ Approve"), ApplicationDecision("ok", id_of(app))),
                         button(t("❌ Reject"), ApplicationDecision("no", id_of(app)))])
    number = app.number or "-"
    return keyboard([button(t("✅ Approve {number}", number=number), ApplicationDecision("ok", id_of(app), page)),
                     button(t("❌ Reject {number}", number=number), ApplicationDecision("no", id_of(app), page))])


def card_key(app: Application) -> str:
    """The application's decision card: every copy is edited once it is decided."""
    return f"app:{id_of(app)}"


def settled_card(t: Translator, app: Application, applicant: Employee, by: str, at: dt.datetime,
                 timezone: str) -> str:
    """The card once decided (or withdrawn): the outcome, who and when; no buttons."""
    line = (t("Withdrawn by the applicant on {date}.", date=local_day(t, at, timezone))
            if app.status is ApplicationStatus.WITHDRAWN else decided_line(t, by, at, timezone))
    return Html(application_card(t, app, applicant) + "\n" + line)
