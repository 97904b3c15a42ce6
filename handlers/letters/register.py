"""Issuing a letter: its number from the deployment's scheme (a per-year sequence in the database), a
verification code, and its row in the register — in the caller's transaction, so a letter exists exactly
when the step that issues it is committed."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from domain.ids import id_of
from domain.letters import Letter, LetterKind, Numbering, Party, new_code, recipients_of
from domain.org import Employee
from handlers.core.context import Ctx
from handlers.letters.documents import title_of
from storage.records import Decision
from storage.uow import UnitOfWork


def para(text: str) -> dict[str, Any]:
    """A paragraph of a letter's body."""
    return {"p": text}


def rows(*pairs: tuple[str, str]) -> dict[str, Any]:
    """Label/value rows ("Nama : …")."""
    return {"fields": [[label, value] for label, value in pairs]}


def items(*lines: str) -> dict[str, Any]:
    """A numbered list (1. …, 2. …)."""
    return {"items": list(lines)}


@dataclass(frozen=True)
class LetterDraft:
    """A letter about to be issued.

    kind: what it is (domain.letters.LetterKind); source: the record it belongs to, e.g. ("pelibatan", 12);
    signer: the official who signs, as they are today (party_of(employee)); recipients: to whom it is
    addressed (employees get it in /surat); subject: one line (perihal); unit_id: the issuing unit (its code
    may be in the number); tembusan: the cc list as printed; heading: the title printed above the number
    (default: the kind's title); body: the text as para/rows/items blocks. Kinds drawn from their source
    record (penugasan, keputusan_tim) leave body None."""
    kind: LetterKind
    source: tuple[str, int]
    signer: Party
    recipients: tuple[Party, ...]
    subject: str
    unit_id: int | None = None
    tembusan: tuple[str, ...] = ()
    heading: str = ""
    body: tuple[dict[str, Any], ...] | None = None


def party_of(employee: Employee) -> Party:
    return Party(employee.name, employee.jabatan_name, employee.nip, employee.id)


async def register_letter(uow: UnitOfWork, draft: LetterDraft, numbering: Numbering, timezone: str,
                          now: dt.datetime) -> Letter:
    """Number the draft, give it a verification code and enter it in the register (flushed, so it has an id)."""
    on = now.astimezone(ZoneInfo(timezone)).date()
    unit = await uow.org.unit(draft.unit_id) if draft.unit_id is not None else None
    unit_code = unit.code if unit else ""
    seq = await uow.counters.next(numbering.sequence_key(draft.kind, unit_code, on.year))
    code = new_code()
    while await uow.letters.by_code(code) is not None:  # 50 random bits: practically never
        code = new_code()
    body = None if draft.body is None else [{"heading": draft.heading or title_of(draft.kind).upper()},
                                            *draft.body]
    letter = Letter(None, numbering.number(draft.kind, seq, unit_code, on), draft.kind, code, now, draft.unit_id,
                    draft.signer.employee_id, draft.signer.name, draft.signer.jabatan, draft.signer.nip,
                    recipients_of(draft.recipients), draft.subject[:300], draft.source[0], draft.source[1],
                    tembusan=list(draft.tembusan), body=body)
    await uow.letters.add(letter, (p.employee_id for p in draft.recipients if p.employee_id is not None))
    return letter


async def issue_letter(ctx: Ctx, draft: LetterDraft) -> Letter:
    """register_letter with the deployment's numbering, the Pemda's time zone and the update's clock."""
    return await register_letter(ctx.uow, draft, ctx.app.config.letters.numbering, ctx.profile.timezone, ctx.now)


async def revoke_letter(uow: UnitOfWork, letter: Letter, reason: str, now: dt.datetime,
                        actor_id: int | None = None) -> None:
    """The letter no longer stands (/cek says so from now on); the audit trail keeps who and why."""
    letter.revoke(reason, now)
    uow.decisions.add(Decision("letter", id_of(letter), actor_id, "revoked", now, reason=letter.status_reason,
                               details={"number": letter.number}))


async def replace_letter(uow: UnitOfWork, old: Letter, new: Letter, reason: str, now: dt.datetime,
                         actor_id: int | None = None) -> None:
    """`new` (already issued) takes the place of `old`, e.g. a surat penugasan issued again with a new term."""
    old.replace(id_of(new), reason, now)
    uow.decisions.add(Decision("letter", id_of(old), actor_id, "replaced", now, reason=old.status_reason,
                               details={"number": old.number, "by": new.number}))
