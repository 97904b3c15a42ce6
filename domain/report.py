"""Reports (laporan) and their journey up the chain the regulation names.

One state machine for every kind: a report travels a route of officials (member -> ketua;
team -> [rater | pengendali] -> unit head; individual -> [rater[, kabag]] -> unit head).
Each hop before the last forwards with a note or returns with a reason; the last hop
accepts or returns it for revision (perbaikan). Every submission is a new version."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from domain.errors import DomainError, IllegalTransition, NotAllowed
from domain.text import REASON_MAX_LENGTH, REASON_MIN_LENGTH, validate_reason

TEXT_MAX = 3500
TEXT_MIN = 10
NOTE_MIN, NOTE_MAX = REASON_MIN_LENGTH, REASON_MAX_LENGTH  # a return's feedback and a kendala decision are reasons
MAX_FILES = 10
MAX_FILE_BYTES = 20 * 1024 * 1024  # what a bot can download through the Bot API
ALLOWED_MIME_PREFIXES = ("image/", "application/pdf", "application/msword",
                         "application/vnd.openxmlformats-officedocument", "application/vnd.ms-excel",
                         "application/vnd.oasis.opendocument", "text/plain", "text/csv")


class ReportKind(str, Enum):
    MEMBER = "member"        # anggota -> ketua
    TEAM = "team"            # ketua -> unit head (via rater / pengendali per profile)
    INDIVIDUAL = "individual"


class ReportStatus(str, Enum):
    DRAFT = "draft"
    SUBMITTED = "submitted"  # in review at route[hop]
    ACCEPTED = "accepted"
    RETURNED = "returned"    # back to the author for revision / perbaikan


@dataclass(frozen=True)
class Evidence:
    """Data dukung, kept by Telegram file id."""

    file_id: str
    kind: str
    name: str | None = None
    mime_type: str | None = None
    size: int | None = None


def check_evidence(file: Evidence, already: int) -> None:
    if already >= MAX_FILES:
        raise DomainError("too_many_files", max=MAX_FILES)
    if file.size is not None and file.size > MAX_FILE_BYTES:
        raise DomainError("file_too_large", max_mb=MAX_FILE_BYTES // (1024 * 1024))
    if file.kind != "photo" and not (file.mime_type or "").startswith(ALLOWED_MIME_PREFIXES):
        raise DomainError("file_type_not_allowed", mime=file.mime_type or "?")


@dataclass
class Report:
    id: int | None
    kind: ReportKind
    author_id: int
    period_key: str
    text: str = ""
    team_id: int | None = None
    status: ReportStatus = ReportStatus.DRAFT
    route: list[int] = field(default_factory=list)
    hop: int = 0
    version: int = 0
    files: list[dict[str, Any]] = field(default_factory=list)
    request_id: int | None = None
    submitted_at: dt.datetime | None = None
    decided_at: dt.datetime | None = None
    reviewed: bool = False  # someone on the route has acted on the current version
    last_note: str | None = None
    credit_activity: bool = False  # a JF's angka kredit work for another unit (rule 49; HSU Ps 16(2))

    @property
    def current_reviewer(self) -> int | None:
        return self.route[self.hop] if self.status is ReportStatus.SUBMITTED and self.route else None

    @property
    def at_last_hop(self) -> bool:
        return self.hop == len(self.route) - 1

    def submit(self, route: list[int], now: dt.datetime, evidence_required: bool = False) -> None:
        if self.status not in (ReportStatus.DRAFT, ReportStatus.RETURNED):
            raise IllegalTransition("report", self.status.value, "submit")
        check_text(self.text)
        if evidence_required and not self.files:
            raise DomainError("report_evidence_missing")  # Surakarta Ps 26(1), rule 44
        if not route or self.author_id in route:
            raise DomainError("no_report_route")
        self.route, self.hop, self.status = list(route), 0, ReportStatus.SUBMITTED
        self.version += 1
        self.submitted_at, self.reviewed, self.last_note = now, False, None

    def correct(self, actor_id: int, text: str, now: dt.datetime, files: list[dict[str, Any]] | None = None,
                evidence_required: bool = False) -> None:
        """The author may correct a submitted report (text and data dukung) until anyone has
        reviewed it; the correction is a new version at the same hop."""
        if actor_id != self.author_id:
            raise NotAllowed("not_author")
        if self.status is not ReportStatus.SUBMITTED or self.reviewed:
            raise IllegalTransition("report", "reviewed" if self.reviewed else self.status.value, "correct")
        check_text(text)
        files = list(self.files if files is None else files)
        if evidence_required and not files:
            raise DomainError("report_evidence_missing")
        self.text, self.files = text.strip(), files
        self.version, self.submitted_at = self.version + 1, now

    def forward(self, actor_id: int, note: str | None, now: dt.datetime) -> int:
        """An intermediate hop (rater, pengendali, kabag) passes it on; returns the next reviewer."""
        self._require_reviewer(actor_id, "forward")
        if self.at_last_hop:
            raise IllegalTransition("report", "at_last_hop", "forward")
        self.hop += 1
        self.reviewed, self.last_note = True, (note or "").strip() or None
        return self.route[self.hop]

    @property
    def declares_done(self) -> bool:
        """Accepting it declares the work *selesai* (rule 50): a periodic team or individual
        report. A member report is accepted by the ketua; an answer to a request by its requester."""
        return self.kind is not ReportKind.MEMBER and self.request_id is None

    def accept(self, actor_id: int, now: dt.datetime, note: str | None = None, *,
               meets_target: bool = False) -> None:
        """Only the last hop accepts: the ketua for a member report, the unit head for a team
        or individual report, and then only as meeting the target (rule 50)."""
        self._require_reviewer(actor_id, "accept")
        if not self.at_last_hop:
            raise IllegalTransition("report", "not_last_hop", "accept")
        if self.declares_done and not meets_target:
            raise DomainError("done_requires_meets_target")
        self.status, self.decided_at, self.reviewed = ReportStatus.ACCEPTED, now, True
        self.last_note = (note or "").strip() or None

    def return_(self, actor_id: int, reason: str, now: dt.datetime) -> None:
        """Any hop returns it to the author, always with a written reason (feedback)."""
        self._require_reviewer(actor_id, "return")
        reason = validate_reason(reason)
        self.status, self.decided_at, self.reviewed, self.last_note = ReportStatus.RETURNED, now, True, reason

    def _require_reviewer(self, actor_id: int, action: str) -> None:
        if self.status is not ReportStatus.SUBMITTED:
            raise IllegalTransition("report", self.status.value, action)
        if actor_id != self.current_reviewer:
            raise NotAllowed("not_reviewer")


def check_text(text: str) -> None:
    cleaned = (text or "").strip()
    if len(cleaned) < TEXT_MIN:
        raise DomainError("text_too_short", field="report", min=TEXT_MIN)
    if len(cleaned) > TEXT_MAX:
        raise DomainError("text_too_long", field="report", max=TEXT_MAX, length=len(cleaned))


class RequestStatus(str, Enum):
    OPEN = "open"
    ANSWERED = "answered"
    CANCELLED = "cancelled"


@dataclass
class ReportRequest:
    """A report asked for at any time (sewaktu-waktu) by the unit head (rule 41)."""

    id: int | None
    requester_id: int
    addressee_id: int
    due_on: dt.date
    note: str
    team_id: int | None = None
    status: RequestStatus = RequestStatus.OPEN
    created_at: dt.datetime | None = None
    report_id: int | None = None

    def answer(self, report_id: int) -> None:
        if self.status is not RequestStatus.OPEN:
            raise IllegalTransition("report_request", self.status.value, "answer")
        self.status, self.report_id = RequestStatus.ANSWERED, report_id


class KendalaStatus(str, Enum):
    OPEN = "open"
    DECIDED = "decided"


@dataclass
class Kendala:
    """An obstacle raised by a team with alternative recommendations (rule 39); the
    decider answers with a written decision."""

    id: int | None
    team_id: int
    raised_by_id: int
    description: str
    alternatives: list[str]
    decider_id: int
    status: KendalaStatus = KendalaStatus.OPEN
    decision: str | None = None
    created_at: dt.datetime | None = None
    decided_at: dt.datetime | None = None

    def __post_init__(self) -> None:
        if len((self.description or "").strip()) < TEXT_MIN:
            raise DomainError("kendala_description_missing")
        if not any((a or "").strip() for a in self.alternatives):
            raise DomainError("kendala_alternative_missing")

    def decide(self, actor_id: int, decision: str, now: dt.datetime) -> None:
        if self.status is not KendalaStatus.OPEN:
            raise IllegalTransition("kendala", self.status.value, "decide")
        if actor_id != self.decider_id:
            raise NotAllowed("not_decider")
        decision = validate_reason(decision, field="decision")
        self.status, self.decision, self.decided_at = KendalaStatus.DECIDED, decision, now
