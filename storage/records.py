"""Storage-side records that have no rules of their own (links, codes, outbox,
conversation state, audit trail)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass
class TelegramLink:
    employee_id: int
    telegram_user_id: int
    chat_id: int
    language: str
    linked_at: dt.datetime
    id: int | None = None


@dataclass
class LinkCode:
    code: str
    employee_id: int
    created_at: dt.datetime
    expires_at: dt.datetime
    used_at: dt.datetime | None = None
    revoked_at: dt.datetime | None = None
    id: int | None = None

    def usable(self, now: dt.datetime) -> bool:
        return self.used_at is None and self.revoked_at is None and now < self.expires_at


@dataclass
class Decision:
    """Append-only audit trail: who did what to which record, when and why."""

    subject_type: str
    subject_id: int
    actor_id: int | None
    action: str
    at: dt.datetime
    reason: str | None = None
    acting_for_id: int | None = None
    details: dict = field(default_factory=dict)
    id: int | None = None


@dataclass
class OutboxMessage:
    """A notice to deliver. `key` makes enqueueing idempotent: a user never gets the same
    notice twice, even if the transaction that caused it is retried."""

    key: str
    chat_id: int
    payload: dict
    created_at: dt.datetime
    status: str = "pending"  # pending | sent | dead
    attempts: int = 0
    next_attempt_at: dt.datetime | None = None
    sent_at: dt.datetime | None = None
    last_error: str | None = None
    message_id: int | None = None  # where it landed: Telegram's message id in chat_id
    card: str | None = None  # the decision card it carries, edited once decided
    id: int | None = None


@dataclass
class Conversation:
    """A multi-step dialogue's state, kept in the database so it survives a restart."""

    telegram_user_id: int
    chat_id: int
    name: str
    step: str
    data: dict
    updated_at: dt.datetime
    id: int | None = None


@dataclass
class GroupBindCode:
    """A one-time code the ketua sends as /hubungkan CODE inside the team's group."""

    code: str
    team_id: int
    created_by_id: int
    expires_at: dt.datetime
    used_at: dt.datetime | None = None
    id: int | None = None


@dataclass
class ReportVersion:
    """Every submitted or corrected version of a report, kept."""

    report_id: int
    version: int
    text: str
    files: list
    at: dt.datetime
    id: int | None = None
