"""/admin: the HR admin's menu (private chat, admins only). Find an employee by name or
NIP; for one employee: issue a link code, revoke open codes, unlink a lost account, record
an acting official (handlers/admin_acting.py). Who has not linked yet: admin_lists.py.

Admins are Telegram users named in SIKERJA_ADMINS or added with `python -m bot admin add`;
they need not be employees, so these entry points are public and check the sender."""
from __future__ import annotations

import datetime as dt
from enum import StrEnum

from domain.text import shorten
from handlers.admin.buttons import ActingAction, AdminAction, AdminFiles, UnlinkedUnits
from handlers.core.acting import acting_line
from handlers.core.buttons import button
from handlers.core.context import Ctx, keyboard
from handlers.core.formatting import local_day
from handlers.core.forms import Form, FormState, close
from handlers.core.i18n import Html, escape
from handlers.core.registry import Router
from handlers.org.link_codes import deep_link, issue_code
from handlers.org.link_export import local_moment
from storage.records import Decision

router = Router()



class SearchStep(StrEnum):
    QUERY = "query"


SEARCH = Form("admin_find", SearchStep)


async def is_admin(ctx: Ctx) -> bool:
    sender = ctx.update.sender.id
    return sender in ctx.app.config.admin_telegram_ids or await ctx.uow.admins.is_admin(sender)


async def admin_only(ctx: Ctx) -> bool:
    """True for an admin; anyone else is politely refused and nothing happens."""
    if await is_admin(ctx):
        return True
    text = ctx.t("Sorry, this menu is only for HR admins. If you need a link code, please ask your HR admin "
                 "(BKPSDM).")
    if ctx.update.is_callback:
        ctx.answer(text, alert=True)
    else:
        ctx.reply(text)
    return False


def audit(ctx: Ctx, subject: str, subject_id: int, action: str, **details: object) -> None:
    """Admin actions go to the audit trail; the actor is the admin's employee record if any."""
    ctx.uow.decisions.add(Decision(subject, subject_id, ctx.employee.id if ctx.employee else None, action, ctx.now,
                                   details={"admin_telegram_id": ctx.update.sender.id, **details}))


def moment(ctx: Ctx, value: dt.datetime) -> str:
    return local_moment(value, ctx.profile.timezone)


def menu(ctx: Ctx) -> tuple[str, tuple]:
    t = ctx.t
    return (t("<b>HR admin</b>\nWhat would you like to do?"),
            keyboard([button(t("🔎 Find an employee"), AdminAction("find"))],
                     [button(t("📋 Not linked yet, by unit"), UnlinkedUnits(0))],
                     [button(t("📥 Import units or employees (CSV/XLSX)"), AdminFiles("imp"))],
                     [button(t("🔑 Link codes for everyone not linked (Excel)"), AdminFiles("codes"))],
                     [button(t("📊 Employee list (Excel)"), AdminFiles("staff"))]))


@router.command("admin", public=True)
async def admin(ctx: Ctx) -> None:
    if not await admin_only(ctx):
        return
    if ctx.update.args:
        await search(ctx, ctx.update.args)
        return
    ctx.reply(*menu(ctx))


async def search(ctx: Ctx, text: str) -> None:
    t = ctx.t
    people = await ctx.uow.org_admin.search(text, limit=10)
    again = [button(t("🔎 Search again"), AdminAction("find")), button(t("⬅ Menu"), AdminAction("menu"))]
    if not people:
        ctx.reply(t("Nobody found for “{query}”.", query=text), keyboard(again))
        return
    rows = [[button(f"{shorten(e.name, 40)} · {e.nip}" + ("" if e.active else " ✖"), AdminAction("e", e.id))]
            for e in people]
    ctx.reply(t("Choose the employee:"), keyboard(*rows, again))


@router.conversation(SEARCH, public=True)
async def on_search_text(ctx: Ctx, conv: FormState[SearchStep]) -> None:
    await close(ctx)
    if not await admin_only(ctx):
        return
    if not ctx.update.text:
        ctx.reply(ctx.t("Please type a name or an NIP."),
                  keyboard([button(ctx.t("🔎 Search again"), AdminAction("find"))]))
        return
    await search(ctx, ctx.update.text)


async def card(ctx: Ctx, employee_id: int | None, note: str = "", toast: str | None = None) -> None:
    """One employee as the admin sees it, with what can be done (edits the pressed message)."""
    t, uow = ctx.t, ctx.uow
    e = await uow.org.employee(employee_id) if employee_id else None
    if e is None:
        ctx.answer(t("This button is not valid any more."), alert=True)
        return
    unit = await uow.org.unit(e.unit_id)
    link = await uow.links.by_employee(e.id)
    codes = [c for c in await uow.links.open_codes_for(e.id) if c.usable(ctx.now)]
    records = await uow.acting.current_and_future(e.id, ctx.today)
    names = await uow.org.employees({r.official_id for r in records} | {r.acting_id for r in records})
    lines = [f"<b>{escape(e.name)}</b>", t("NIP {nip}", nip=e.nip),
             t("{jabatan} — {unit}", jabatan=e.jabatan_name, unit=unit.name if unit else "-")]
    if not e.active:
        lines.append(t("Inactive: no longer in the organisation data."))
    lines.append(t("Telegram: linked since {date}.", date=local_day(t, link.linked_at, ctx.profile.timezone)) if link
                 else t("Telegram: not linked yet."))
    lines.append(t("Open link codes: {count}", count=len(codes)))
    lines += [acting_line(t, r, names[r.official_id].name, names[r.acting_id].name) for r in records]
    rows = []
    if e.active and link is None:
        rows.append([button(t("🔑 New link code"), AdminAction("code", e.id))])
    if codes:
        rows.append([button(t("🚫 Revoke open codes"), AdminAction("rv", e.id))])
    if link is not None:
        rows.append([button(t("🔓 Unlink Telegram account"), AdminAction("ul", e.id))])
    if e.active:
        rows.append([button(t("👥 Record Plt/Plh for this official"), ActingAction("new", e.id))])
    rows += [[button(t("End {kind}: {name}", kind=r.kind.label, name=shorten(names[r.acting_id].name, 30)),
                     ActingAction("end", r.id))] for r in records if r.official_id == e.id]
    rows.append([button(t("⬅ Menu"), AdminAction("menu"))])
    ctx.answer(toast)
    ctx.edit_or_reply(Html("\n".join(([note, ""] if note else []) + lines)), keyboard(*rows))


@router.callback(AdminAction, public=True)
async def on_button(ctx: Ctx, pressed: AdminAction) -> None:
    if not await admin_only(ctx):
        return
    action, target = pressed.action, pressed.employee_id
    if action == "menu":
        ctx.answer()
        ctx.edit_or_reply(*menu(ctx))
    elif action == "find":
        await SEARCH.open(ctx, SearchStep.QUERY)
        ctx.answer()
        ctx.reply(ctx.t("Type part of the name, or the NIP."), force_reply=True, placeholder=ctx.t("Name or NIP"))
    elif action == "e":
        await card(ctx, target)
    elif action == "code":
        await _issue(ctx, target)
    elif action == "rv":
        await _revoke(ctx, target)
    elif action == "ul":
        await _confirm_unlink(ctx, target)
    else:  # ulok
        await _unlink(ctx, target)


async def _issue(ctx: Ctx, employee_id: int | None) -> None:
    t = ctx.t
    e = await ctx.uow.org.employee(employee_id) if employee_id else None
    if e is None or not e.active:
        ctx.answer(t("This employee is not active; no code was issued."), alert=True)
        return
    if await ctx.uow.links.by_employee(e.id) is not None:
        ctx.answer(t("Already linked. If the account was lost, unlink it first."), alert=True)
        return
    code = await issue_code(ctx.uow, e.id, ctx.now, ctx.app.config.link_code_ttl_hours)
    audit(ctx, "employee", e.id, "link_code_issued")
    ctx.answer(t("Code issued"))
    ctx.reply(t("Link code for <b>{name}</b>: <code>{code}</code>\nValid until {until}; it works once, and "
                "earlier codes no longer work.\n\nThey can also open this link:\n{link}",
                name=e.name, code=code.code, until=moment(ctx, code.expires_at),
                link=deep_link(ctx.app.config.bot_username, code.code)),
              keyboard([button(t("⬅ Back to {name}", name=shorten(e.name, 30)), AdminAction("e", e.id))]))


async def _revoke(ctx: Ctx, employee_id: int | None) -> None:
    codes = await ctx.uow.links.open_codes_for(employee_id) if employee_id else []
    for code in codes:
        code.revoked_at = ctx.now
    if codes and employee_id:
        audit(ctx, "employee", employee_id, "link_codes_revoked", count=len(codes))
    await card(ctx, employee_id,
               ctx.t.ngettext("{count} open code revoked.", "{count} open codes revoked.", len(codes)))


async def _confirm_unlink(ctx: Ctx, employee_id: int | None) -> None:
    t = ctx.t
    e = await ctx.uow.org.employee(employee_id) if employee_id else None
    if e is None or await ctx.uow.links.by_employee(e.id) is None:
        ctx.answer(t("This employee has no linked Telegram account."), alert=True)
        return
    ctx.answer()
    ctx.edit_or_reply(t("Unlink the Telegram account of <b>{name}</b>? The bot will no longer recognise that "
                        "account; they will need a new link code.", name=e.name),
                      keyboard([button(t("Yes, unlink"), AdminAction("ulok", e.id)),
                                button(t("Cancel"), AdminAction("e", e.id))]))


async def _unlink(ctx: Ctx, employee_id: int | None) -> None:
    link = await ctx.uow.links.by_employee(employee_id) if employee_id else None
    if link is None:
        ctx.answer(ctx.t("This employee has no linked Telegram account."), alert=True)
        return
    await ctx.uow.conversations.clear(link.telegram_user_id, link.chat_id)  # their open form, not ours
    await ctx.uow.links.remove(link)
    audit(ctx, "employee", link.employee_id, "unlinked", telegram_user_id=link.telegram_user_id)
    await ctx.uow.flush()
    await card(ctx, employee_id, ctx.t("The Telegram account was unlinked. Issue a new link code so they can link "
                                       "their new account."))
