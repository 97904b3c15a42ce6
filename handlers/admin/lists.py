"""/admin → "Not linked yet": active employees without a Telegram link, by unit, paginated.
Buttons: UnlinkedUnits (adn:u:PAGE) and UnlinkedPeople (adn:l:UNIT:PAGE)."""
from __future__ import annotations

from collections.abc import Callable

from domain.text import shorten
from handlers.admin.buttons import AdminAction, UnlinkedPeople, UnlinkedUnits
from handlers.admin.panel import admin_only
from handlers.core.buttons import CallbackData, button
from handlers.core.context import Ctx, keyboard
from handlers.core.registry import Router

router = Router()

PAGE = 8


def _pages(total: int) -> int:
    return max(1, (total + PAGE - 1) // PAGE)


def _nav(ctx: Ctx, page: int, pages: int, to: Callable[[int], CallbackData]) -> list:
    row = []
    if page > 0:
        row.append(button(ctx.t("◀ Previous"), to(page - 1)))
    if page + 1 < pages:
        row.append(button(ctx.t("Next ▶"), to(page + 1)))
    return row


@router.callback(UnlinkedUnits, UnlinkedPeople, public=True)
async def on_button(ctx: Ctx, pressed: UnlinkedUnits | UnlinkedPeople) -> None:
    if not await admin_only(ctx):
        return
    if isinstance(pressed, UnlinkedUnits):
        await _units(ctx, max(pressed.page, 0))
    else:
        await _people(ctx, pressed.unit_id, max(pressed.page, 0))


async def _units(ctx: Ctx, page: int) -> None:
    t = ctx.t
    units, total = await ctx.uow.org_admin.unlinked_by_unit(page * PAGE, PAGE)
    ctx.answer()
    back = [button(t("⬅ Menu"), AdminAction("menu"))]
    if total == 0:
        ctx.edit_or_reply(t("Everyone active is linked to Telegram. 🎉"), keyboard(back))
        return
    pages = _pages(total)
    rows = [[button(f"{shorten(unit.name, 45)} ({count})", UnlinkedPeople(unit.id, 0))] for unit, count in units]
    ctx.edit_or_reply(t.ngettext(
        "Units with employees not linked to Telegram yet ({count} unit); page {page} of {pages}. Choose a unit:",
        "Units with employees not linked to Telegram yet ({count} units); page {page} of {pages}. Choose a unit:",
        total, page=page + 1, pages=pages),
                      keyboard(*rows, _nav(ctx, page, pages, UnlinkedUnits), back))


async def _people(ctx: Ctx, unit_id: int, page: int) -> None:
    t = ctx.t
    unit = await ctx.uow.org.unit(unit_id)
    if unit is None:
        ctx.answer(t("This button is not valid any more."), alert=True)
        return
    people, total = await ctx.uow.org_admin.unlinked_in_unit(unit_id, page * PAGE, PAGE)
    pages = _pages(total)
    rows = [[button(f"{shorten(e.name, 40)} · {shorten(e.jabatan_name, 20)}", AdminAction("e", e.id))] for e in people]
    ctx.answer()
    ctx.edit_or_reply(t("<b>{unit}</b>: {total} not linked yet; page {page} of {pages}. Choose someone to issue "
                        "a link code:", unit=unit.name, total=total, page=page + 1, pages=pages),
                      keyboard(*rows, _nav(ctx, page, pages, lambda p: UnlinkedPeople(unit_id, p)),
                               [button(t("⬅ Units"), UnlinkedUnits(0)), button(t("⬅ Menu"), AdminAction("menu"))]))
