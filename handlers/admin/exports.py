"""/admin's files for HR: [Import] (handlers/admin/org_upload.py), link codes for everyone
not linked yet and the employee list, each sent as a formatted XLSX (handlers/org/workbook.py)."""
from __future__ import annotations

from handlers.admin.buttons import AdminAction, AdminFiles
from handlers.admin.org_upload import ask_for_file
from handlers.admin.panel import admin_only, audit
from handlers.core.buttons import button
from handlers.core.context import Ctx, keyboard
from handlers.core.registry import Router
from handlers.core.types import SendDocument
from handlers.org.link_codes import deep_link
from handlers.org.link_export import issue_codes, local_moment
from handlers.org.workbook import Link, Sheet, xlsx_bytes

router = Router()


@router.callback(AdminFiles, public=True)
async def on_files(ctx: Ctx, pressed: AdminFiles) -> None:
    if not await admin_only(ctx):
        return
    if pressed.action == "imp":
        await ask_for_file(ctx)
    elif pressed.action == "codes":
        await _confirm_codes(ctx)
    elif pressed.action == "codesok":
        await _send_codes(ctx)
    else:
        await _send_staff(ctx)


async def _confirm_codes(ctx: Ctx) -> None:
    t = ctx.t
    unlinked = len(await ctx.uow.org_admin.unlinked())
    ctx.answer()
    if not unlinked:
        ctx.edit_or_reply(t("Every active employee is linked already; no codes are needed."),
                          keyboard([button(t("⬅ Menu"), AdminAction("menu"))]))
        return
    ctx.edit_or_reply(t.ngettext("Issue a new link code for the {count} active employee not linked yet? Their "
                                 "earlier codes stop working. You will get an Excel file to hand the code out.",
                                 "Issue new link codes for the {count} active employees not linked yet? Their "
                                 "earlier codes stop working. You will get an Excel file to hand the codes out.",
                                 unlinked),
                      keyboard([button(t("Issue and download"), AdminFiles("codesok")),
                                button(t("Cancel"), AdminAction("menu"))]))


async def _send_codes(ctx: Ctx) -> None:
    t, tz = ctx.t, ctx.profile.timezone
    issued = await issue_codes(ctx.uow, ctx.now, ctx.app.config.link_code_ttl_hours)
    audit(ctx, "org", 0, "link_codes_issued", count=len(issued))
    bot = ctx.app.config.bot_username
    rows: list[list[object]] = [[c.nip, c.name, c.unit, c.code, Link(deep_link(bot, c.code), deep_link(bot, c.code)),
                                 local_moment(c.expires_at, tz)] for c in issued]
    sheet = Sheet(t("Link codes"), [t("NIP"), t("Name"), t("Unit"), t("Code"), t("Link"), t("Valid until")], rows)
    ctx.answer(t("Code issued"))
    ctx.edit_or_reply(t.ngettext("{count} link code issued; earlier codes no longer work.",
                                 "{count} link codes issued; earlier codes no longer work.", len(issued)),
                      keyboard([button(t("⬅ Menu"), AdminAction("menu"))]))
    ctx.replies.append(SendDocument(ctx.update.chat_id, f"link-codes-{ctx.today:%Y-%m-%d}.xlsx", xlsx_bytes(sheet),
                                    caption=t("Link codes, valid until {until}.", until=local_moment(
                                        issued[0].expires_at, tz)) if issued else None))


async def _send_staff(ctx: Ctx) -> None:
    t = ctx.t
    people = await ctx.uow.org_admin.everyone()
    units = {u.id: u for u in await ctx.uow.org.all_units()}
    linked = await ctx.uow.org_admin.linked_ids()
    raters = await ctx.uow.org.employees({e.rater_id for e in people if e.rater_id})
    yes, no = t("yes"), t("no")
    rows: list[list[object]] = []
    for e in people:
        unit = units.get(e.unit_id)
        rater = raters.get(e.rater_id) if e.rater_id else None
        rows.append([e.nip, e.name, e.jabatan_name, e.jenjang.value if e.jenjang else "",
                     str(e.golongan) if e.golongan else "", unit.code if unit else "", unit.name if unit else "",
                     rater.nip if rater else "", yes if e.active else no, yes if e.id in linked else no])
    sheet = Sheet(t("Employees"), [t("NIP"), t("Name"), t("Jabatan"), t("Jenjang"), t("Golongan"), t("Unit code"),
                                   t("Unit"), t("Rater NIP"), t("Active"), t("Telegram linked")], rows)
    ctx.answer()
    ctx.replies.append(SendDocument(ctx.update.chat_id, f"employees-{ctx.today:%Y-%m-%d}.xlsx", xlsx_bytes(sheet),
                                    caption=t.ngettext("{count} employee.", "{count} employees.", len(people))))
