"""What the CLI says, in SIKERJA_LANGUAGE like everything else (its msgids are extracted from
bot/ into the same catalogs): the missing-token help, who is who in a seeded demo, and what
`link-codes` did."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from domain.org import Employee, Unit
from handlers.core.i18n import Translator
from handlers.org.link_export import local_moment


def no_token(t: Translator) -> str:
    return t("No bot token is set.\n\n"
             "1. In Telegram, talk to @BotFather, send /newbot and follow the steps.\n"
             "2. Put the token it gives you in a .env file beside this project:  BOT_TOKEN=123456:ABC...\n"
             "3. Run `./scripts/bot run` again.\n\n"
             "To try Sikerja without Telegram, run `./scripts/bot demo`: it plays a whole conversation "
             "against a built-in fake Telegram server and prints the transcript.")


def local_time(moment: dt.datetime, timezone: str) -> str:
    """'26-11-2026 09:00 WIB': the Pemda's clock, to the minute, as the chat and the HR files write it."""
    return local_moment(moment, timezone)


def who_is_who(t: Translator, units: Sequence[Unit], people: Sequence[tuple[Employee, str, str]],
               expires: str) -> list[str]:
    """The seeded people by unit, the unit's head (who decides) first: name, jabatan, role,
    link code and its deep link. `people`: (employee, code, deep link)."""
    by_unit: dict[int, list[tuple[Employee, str, str]]] = {}
    for row in people:
        by_unit.setdefault(row[0].unit_id, []).append(row)
    lines = [t("Demo Pemda created. Link codes (valid until {until}), by unit; the unit head decides "
               "applications and forms teams:", until=expires)]
    for unit in units:
        rows = sorted(by_unit.get(unit.id, []), key=lambda r: (r[0].id != unit.head_id, r[0].name))
        if not rows:
            continue
        lines += ["", f"■ {unit.name}"]
        for employee, code, link in rows:
            role = t("unit head — decides") if employee.id == unit.head_id else t("employee")
            lines.append(f"  {code}  {employee.name} — {employee.jabatan_name} ({role}), NIP {employee.nip}")
            lines.append(f"          {link}")
    return lines


def codes_issued(t: Translator, count: int, out: str | None) -> str:
    issued = t.ngettext("{count} link code issued", "{count} link codes issued", count)
    if out:
        issued = t("{issued}, written to {file}", issued=issued, file=out)
    return issued + ". " + t("Earlier open codes of these employees were revoked: only these codes work now.")
