"""How reports, requests and kendala look on screen, in any language. User text is
escaped by the translator; cards stay under Telegram's 4096 characters."""
from __future__ import annotations

import datetime as dt

from domain.ids import id_of
from domain.org import Employee
from domain.periods import Period
from domain.report import Kendala, Report, ReportKind, ReportRequest, ReportStatus
from domain.team import Team
from domain.text import shorten
from handlers.core.buttons import button
from handlers.core.context import keyboard
from handlers.core.formatting import day
from handlers.core.formatting import period as period_text
from handlers.core.i18n import Html, Translator
from handlers.core.types import Keyboard
from handlers.reports.buttons import ReportFiles, Review

CARD_BUDGET = 3800  # characters of a card, leaving room for a first line and Telegram's limit


def short(text: str, limit: int) -> str:
    """On one line, cut at a word boundary (domain.text.shorten)."""
    return shorten(text, limit)


def size_label(size: int | None) -> str:
    if not size:
        return "?"
    return f"{size / (1024 * 1024):.1f} MB" if size >= 1024 * 1024 else f"{max(1, size // 1024)} KB"


def file_line(t: Translator, f: dict) -> str:
    name = f.get("name") or (t("photo") if f.get("kind") == "photo" else t("file"))
    return t("📎 {name} ({size})", name=name, size=size_label(f.get("size")))


def kind_label(t: Translator, report: Report) -> str:
    if report.request_id is not None:
        return t("report on request")
    return {ReportKind.MEMBER: t("member report"), ReportKind.TEAM: t("team report"),
            ReportKind.INDIVIDUAL: t("individual report")}[report.kind]


def status_label(t: Translator, report: Report, people: dict[int, Employee]) -> str:
    if report.status is ReportStatus.SUBMITTED:
        who = people.get(report.current_reviewer or 0)
        step = t("step {hop} of {hops}", hop=report.hop + 1, hops=len(report.route)) if len(report.route) > 1 else ""
        return t("waiting for {name}", name=who.name if who else "?") + (f" ({step})" if step else "")
    return {ReportStatus.DRAFT: t("draft, not sent"),
            ReportStatus.ACCEPTED: t("accepted") if not report.declares_done else t("accepted as meeting the target"),
            ReportStatus.RETURNED: t("returned for revision")}[report.status]


def route_line(t: Translator, report: Report, people: dict[int, Employee]) -> str:
    names = [people[i].name if i in people else "?" for i in report.route]
    return t("Route: {route}", route=" → ".join(names))


def period_label(t: Translator, period: Period) -> str:
    return t("{key} ({start} – {end})", key=period_text(t, period.key), start=day(t, period.start),
             end=day(t, period.end))


def report_card(t: Translator, report: Report, author: Employee, team: Team | None,
                people: dict[int, Employee], *, with_text: bool = True, expectations: str | None = None) -> str:
    """`expectations`: a member report's agreed dialog kinerja expectations, for the ketua (rule 53)."""
    head = [t("<b>{kind}</b> — {period}, version {version}", kind=kind_label(t, report).capitalize(),
              period=period_text(t, report.period_key), version=report.version or 1),
            t("From: {name} ({jabatan})", name=author.name, jabatan=author.jabatan_name)]
    if team is not None:
        head.append(t("Team: {team}", team=team.name))
    if expectations:
        head.append(t("Expectations (dialog kinerja): {text}", text=short(expectations, 300)))
    if report.route:
        head.append(route_line(t, report, people))
    head.append(t("Status: {status}", status=status_label(t, report, people)))
    if report.last_note and report.status is not ReportStatus.DRAFT:
        label = t("Feedback") if report.status is ReportStatus.RETURNED else t("Note")
        head.append(t("{label}: {note}", label=label, note=report.last_note))
    tail = [file_line(t, f) for f in report.files] or [t("No supporting files (data dukung).")]
    if not with_text:
        return Html("\n".join(head + tail))
    used = sum(len(x) for x in head + tail) + 40
    body = t("<i>{text}</i>", text=short_keep_lines(report.text, max(200, CARD_BUDGET - used)))
    return Html("\n".join([*head, "", body, "", *tail]))


def short_keep_lines(text: str, limit: int) -> str:
    text = (text or "").strip()
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def review_keyboard(t: Translator, report: Report) -> Keyboard:
    """The buttons of whoever holds the report now; data carries the version so a
    button for an older version changes nothing. Returning is one action, named one way."""
    rid, v = id_of(report), report.version
    evidence = [button(t("📎 Open the supporting files ({count})", count=len(report.files)), ReportFiles(rid))] \
        if report.files else []
    if not report.at_last_hop:
        return keyboard([button(t("➡️ Forward"), Review("f", rid, v)),
                         button(t("↩️ Return for revision"), Review("r", rid, v))],
                        evidence)
    if report.declares_done:
        return keyboard([button(t("✅ Accept — meets the target"), Review("d", rid, v))],
                        [button(t("↩️ Return for revision"), Review("r", rid, v))], evidence)
    return keyboard([button(t("✅ Accept"), Review("a", rid, v)),
                     button(t("↩️ Return for revision"), Review("r", rid, v))], evidence)


def request_card(t: Translator, req: ReportRequest, people: dict[int, Employee], team: Team | None,
                 today: dt.date | None = None) -> str:
    requester, addressee = people.get(req.requester_id), people.get(req.addressee_id)
    lines = [t("<b>Report requested</b> by {requester} from {addressee}",
               requester=requester.name if requester else "?", addressee=addressee.name if addressee else "?")]
    if team is not None:
        lines.append(t("Team: {team}", team=team.name))
    due = t("Due: {date}", date=day(t, req.due_on))
    if today is not None and req.status.value == "open" and today > req.due_on:
        due += " " + t("(overdue)")
    lines += [due, t("Note: {note}", note=req.note)]
    return Html("\n".join(lines))


def kendala_card(t: Translator, k: Kendala, team: Team | None, people: dict[int, Employee]) -> str:
    raiser, decider = people.get(k.raised_by_id), people.get(k.decider_id)
    lines = [t("<b>Kendala</b> of {team}", team=team.name if team else "?"),
             t("Raised by: {name}", name=raiser.name if raiser else "?"),
             t("To decide: {name}", name=decider.name if decider else "?"),
             t("Problem: {text}", text=short_keep_lines(k.description, 1200)),
             t("Alternative recommendations:")]
    lines += [t("{n}. {text}", n=i, text=short_keep_lines(a, 300)) for i, a in enumerate(k.alternatives, 1)]
    if k.decision:
        lines.append(t("Decision: {text}", text=short_keep_lines(k.decision, 800)))
    return Html("\n".join(lines))
