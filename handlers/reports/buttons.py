"""The buttons of reports: writing one, asking for one, reviewing one, opening its files.
Their callback data."""
from __future__ import annotations

from typing import Literal

from handlers.core.buttons import CallbackData
from handlers.core.date_picker import DatePick


class ReportAction(CallbackData, prefix="rp"):
    """/lapor. Choosing the report: k (team report: team_id), t (member report to the
    ketua: team_id), i (individual), q (answer a request: request_id), fix (correct,
    revise or continue: report_id). The draft: sum (start from the members' summary),
    done (no more files), text, files, clear (remove the files), ak (holds credit-point activity:
    target_id 1 yes, 0 no), send, cancel."""

    action: Literal["k", "t", "i", "q", "fix", "sum", "done", "text", "files", "clear", "ak", "send", "cancel"]
    target_id: int | None = None


class ReportPeriod(CallbackData, prefix="rp:p"):
    which: Literal["c", "b"]  # the current period, or the one before


class ReportNow(CallbackData, prefix="rp:n"):
    """A reminder's [Report now]: the report form for this team and period at once.
    action as ReportAction's: k (team report), t (member report to the ketua)."""

    action: Literal["k", "t"]
    team_id: int
    period: str


class ReportFiles(CallbackData, prefix="rf"):
    report_id: int


class Review(CallbackData, prefix="rv"):
    """The holder's decision on the version they were shown: a (accept), d (accept as
    meeting the target), f (forward, with a note), fn (forward without one), r (return)."""

    action: Literal["a", "d", "f", "fn", "r"]
    report_id: int
    version: int


class RequestAction(CallbackData, prefix="rq"):
    """/mintalaporan: t (ask a team's ketua: team_id), p (ask a person: employee id),
    send, cancel."""

    action: Literal["t", "p", "send", "cancel"]
    target_id: int | None = None


class RequestDue(CallbackData, prefix="rq:d"):
    days: int


class RequestDueDay(DatePick, prefix="rq:c"):
    """/mintalaporan: the due date from the calendar (or the month to show)."""
