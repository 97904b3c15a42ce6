"""/admin → "Not linked yet": active employees without a Telegram link, by unit, paginated.
Buttons: adn:u:PAGE (units) and adn:l:UNIT:PAGE (the people of one unit)."""
from __future__ import annotations

from handlers.admin.panel import admin_only
from handlers.core.buttons import Parsed, button
from handlers.core.context import Ctx, keyboard
from handlers.core.registry import Router

router = Router()

PAGE = 8


def _pages(total: int) -> int:
    return max(1, (total + PAGE - 1) // PAGE)


def _nav(ctx: Ctx, page: int, pages: int, *prefix: int | str) -> list:
    row = []
    if page > 0:
        row.append(button(ctx.t("◀ Previous"), "adn", *prefix, page - 1))
    if page + 1 < pages:
        row.append(button(ctx.t("Next ▶"), "adn", *prefix, page + 1))
    return row


@router.callback("adn", public=True)
async def on_button(ctx: Ctx, parsed: Parsed) -> None:
    if not await admin_only(ctx):
        return
    action = parsed.args[0] if parsed.args else ""
    if action == "u":
        await _units(ctx, max(parsed.int_arg(1) or 0, 0))
    elif action == "l" and parsed.int_arg(1) is not None:
        await _people(ctx, parsed.int_arg(1), max(parsed.int_arg(2) or 0, 0))
    else:
        ctx.answer(ctx.t("This button is not valid any more."), alert=True)


async def _units(ctx: Ctx, page: int) -> None:
    t = ctx.t
    units, total = await ctx.uow.org_admin.unlinked_by_unit(page * PAGE, PAGE)
    ctx.answer()
    back = [button(t("⬅ Menu"), "adm", "menu")]
    if total == 0:
        ctx.edit_or_reply(t("Everyone active is linked to Telegram. 🎉"), keyboard(back))
        return
    pages = _pages(total)
    rows = [[button(f"{unit.name[:45]} ({count})", "adn", "l", unit.id, 0)] for unit, count in units]
    ctx.edit_or_reply(t("Units with employees not linked to Telegram yet ({total} unit(s)); page {page} of {pages}. "
                        "Choose a unit:", total=total, page=page + 1, pages=pages),
                      keyboard(*rows, _nav(ctx, page, pages, "u"), back))


async def _people(ctx: Ctx, unit_id: int, page: int) -> None:
    t = ctx.t
    unit = await ctx.uow.org.unit(unit_id)
    if unit is None:
        ctx.answer(t("This button is not valid any more."), alert=True)
        return
    people, total = await ctx.uow.org_admin.unlinked_in_unit(unit_id, page * PAGE, PAGE)
    pages = _pages(total)
    rows = [[button(f"{e.name[:40]} · {e.jabatan_name[:20]}", "adm", "e", e.id)] for e in people]
    ctx.answer()
    ctx.edit_or_reply(t("<b>{unit}</b>: {total} not linked yet; page {page} of {pages}. Choose someone to issue "
                        "a link code:", unit=unit.name, total=total, page=page + 1, pages=pages),
                      keyboard(*rows, _nav(ctx, page, pages, "l", unit_id),
                               [button(t("⬅ Units"), "adn", "u", 0), button(t("⬅ Menu"), "adm", "menu")]))
