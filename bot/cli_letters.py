"""`python -m bot letters list|check|revoke`: the letter register from the command line — what was issued,
whether a letter (by verification code or number) is genuine and still stands, and revoking one."""
from __future__ import annotations

import asyncio
import html
from zoneinfo import ZoneInfo

from bot.settings import Settings
from handlers.core.i18n import Translator, translator


def add_commands(sub) -> dict:
    p = sub.add_parser("letters", help="the letter register: list, check a code or number, revoke")
    p.add_argument("action", choices=["list", "check", "revoke"])
    p.add_argument("what", nargs="?", help="check: a verification code or letter number; revoke: a letter number")
    p.add_argument("--limit", type=int, default=50, help="list: at most this many, newest first (default 50)")
    p.add_argument("--reason", help="revoke: why the letter no longer stands (required)")
    return {"letters": cmd_letters}


def _lines(t: Translator, letter, tz: str) -> list[str]:
    from handlers.org.link_export import local_moment

    to = "; ".join(f"{p.name} (NIP {p.nip})" if p.nip else p.name for p in letter.addressees) or "-"
    status = letter.status.value + (f" — {letter.status_reason}" if letter.status_reason else "")
    code = letter.code[:5] + "-" + letter.code[5:]
    return [t("Letter {number} ({kind}): {status}", number=letter.number, kind=letter.kind.value, status=status),
            t("  subject:  {subject}", subject=letter.subject),
            t("  issued:   {when} by {name}, {jabatan} (NIP {nip})", when=local_moment(letter.issued_at, tz),
              name=letter.issuer_name, jabatan=letter.issuer_jabatan, nip=letter.issuer_nip),
            t("  to:       {to}", to=to),
            t("  tembusan: {tembusan}", tembusan="; ".join(letter.tembusan) or "-"),
            t("  code:     {code}", code=code),
            t("  source:   {kind} #{id}", kind=letter.source_kind, id=letter.source_id)]


def cmd_letters(args, settings: Settings) -> int:
    from bot.wiring import build_app
    from handlers.letters.commands import find_letter
    from handlers.letters.register import revoke_letter
    from storage.migrate import upgrade

    t = translator(settings.language)
    if args.action in ("check", "revoke") and not args.what:
        print(html.unescape(t("letters check: give a verification code or a letter number") if args.action == "check"
                            else t("letters revoke: give a letter number")))
        return 2
    if args.action == "revoke" and not (args.reason or "").strip():
        print(html.unescape(t("letters revoke: --reason is required (it is shown to whoever checks the letter)")))
        return 2
    upgrade(settings.database_url)

    async def _run() -> tuple[int, list[str]]:
        app, engine = build_app(settings)
        tz = app.profile.timezone
        try:
            async with app.uow() as uow:
                if args.action == "list":
                    found = await uow.letters.recent(args.limit)
                    return 0, [f"{x.issued_at.astimezone(ZoneInfo(tz)):%Y-%m-%d}  {x.number:<28} {x.kind.value:<20} "
                               f"{x.status.value:<8} {x.code[:5]}-{x.code[5:]}  {x.subject[:50]}"
                               for x in found] or [t("No letters issued yet.")]
                letter = (await find_letter(uow, args.what, by_number=True) if args.action == "check"
                          else await uow.letters.by_number(args.what.strip()))
                if letter is None:
                    return 1, [t("No letter with code or number {what} is in the register.", what=args.what)]
                if args.action == "revoke":
                    if not letter.stands:
                        return 1, [t("Letter {number} is already {status}.", number=letter.number,
                                     status=letter.status.value)]
                    await revoke_letter(uow, letter, args.reason, app.clock())
                    await uow.commit()
                return 0, _lines(t, letter, tz)
        finally:
            await engine.dispose()

    code, lines = asyncio.run(_run())
    print(html.unescape("\n".join(lines)))
    return code
