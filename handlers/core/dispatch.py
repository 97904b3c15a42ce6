"""Entry point of the application layer: one neutral Update in, replies out.

One unit of work per update: everything the update changes, including the notices it
queues for other users, commits together or not at all."""
from __future__ import annotations

import datetime as dt
import logging
import secrets

from sqlalchemy.exc import IntegrityError

from domain.errors import DomainError
from handlers.core import log_context
from handlers.core.app import App
from handlers.core.buttons import MAX_BYTES
from handlers.core.context import Ctx
from handlers.core.i18n import normalise_language, translator
from handlers.core.messages import explain
from handlers.core.types import AnswerCallback, Reply, SendMessage, Update
from handlers.features import registry
from handlers.onboarding import start as onboarding
from storage.failures import storage_unavailable
from storage.uow import UnitOfWork

log = logging.getLogger(__name__)

MAX_TEXT = 4000  # what we accept in one message; Telegram allows 4096


class NotStored(Exception):
    """The database could not store the update (disk full, read-only, gone, locked too long):
    nothing it did was kept and it is not recorded as seen. `replies` tell the user so;
    a runtime that can have the update delivered again (webhook) should ask for that."""

    def __init__(self, replies: list[Reply]) -> None:
        super().__init__("update not stored")
        self.replies = replies


async def handle(app: App, update: Update) -> list[Reply]:
    """Raises NotStored when the database cannot take the update (see there)."""
    try:
        return await _handle(app, update)
    except Exception as exc:
        if not storage_unavailable(exc):
            raise
        log.exception("Update %s not stored: the database refused it", update.update_id)
        raise NotStored(_not_saved(app, update)) from exc


def _not_saved(app: App, update: Update) -> list[Reply]:
    # The linked user's language may be unreadable now: Telegram's idea of it will do.
    t = translator(normalise_language(update.sender.language_code, app.config.default_language))
    text = t("Nothing was saved: the bot cannot store anything at the moment. Please send that again "
             "in a few minutes.")
    if update.callback_id is not None:
        return [AnswerCallback(update.callback_id, text, True)]
    return [SendMessage(update.chat_id, text)]


async def _handle(app: App, update: Update) -> list[Reply]:
    async with app.uow() as uow:
        now = app.clock()
        if not await _claim(uow, update, now):
            return []
        link, employee, conv = await uow.links.with_employee(update.sender.id, update.chat_id)
        if link is not None:  # read with the link (an unlinked sender's is read when needed)
            uow.conversations.know(update.sender.id, update.chat_id, conv)
        log_context.person.set(link.employee_id if link else None)
        lang = link.language if link else normalise_language(update.sender.language_code,
                                                             app.config.default_language)
        ctx = Ctx(app, uow, update, now, translator(lang), link)
        if link is not None:
            # Someone who left (deactivated by a re-import) keeps no rights through an old link.
            ctx.employee = employee if employee is not None and employee.active else None
        try:
            await _route(ctx)
            await uow.commit()
        except DomainError as err:
            await _refuse(ctx, explain(ctx.t, err, regulation=ctx.profile.citation_title))
        except IntegrityError:
            # A concurrent duplicate (e.g. a double click racing itself): nothing changed.
            await uow.rollback()
            ctx.replies.clear()
            ctx.answer(ctx.t("This was already handled."))
        except Exception as exc:
            if storage_unavailable(exc):  # not a bug: handle() tells the user nothing was saved
                raise
            # A bug: the user still gets an answer (and the button stops spinning), and the
            # reference ties what they report to the traceback in the log.
            reference = secrets.token_hex(4)
            log.exception("Update %s failed, reference %s", update.update_id, reference)
            await _refuse(ctx, ctx.t("Sorry, something went wrong on our side, so nothing was changed. Please "
                                     "try again later; if it keeps happening, tell the HR admin the reference "
                                     "{reference}.", reference=reference))
    if ctx.queued_notices:
        app.on_outbox()
    return ctx.replies


async def _claim(uow: UnitOfWork, update: Update, now: dt.datetime) -> bool:
    """Telegram may deliver an update twice (e.g. after a crash before the offset was
    confirmed, or to two workers); each is handled once. The claim is the first write of
    the update's transaction, so a concurrent worker with the same update waits on it and
    then finds it taken; a rollback gives it back."""
    return await uow.updates.claim(str(update.update_id), now)


async def _record_seen(ctx: Ctx) -> None:
    """After a rollback gave the claim back: claimed again, so another worker that took it
    meanwhile is no error."""
    await _claim(ctx.uow, ctx.update, ctx.now)
    await ctx.uow.commit()


async def _refuse(ctx: Ctx, text: str) -> None:
    """Nothing the update did is kept; the user is told why (a pressed button as an alert),
    and the update is still recorded as seen so a redelivery does not run it again."""
    await ctx.uow.rollback()
    ctx.replies.clear()
    if ctx.update.is_callback:
        ctx.answer(text, alert=True)
    else:
        ctx.reply(text)
    try:
        await _record_seen(ctx)
    except Exception:  # e.g. the database itself is failing: the user still gets the answer
        log.exception("Could not record update %s as seen", ctx.update.update_id)
        await ctx.uow.rollback()


async def _route(ctx: Ctx) -> None:
    update = ctx.update
    if update.is_callback:
        await _route_callback(ctx)
        return
    if update.membership is not None or update.migrated_to is not None:
        for on_event in registry.chat_events:
            await on_event(ctx)
        return
    command = update.command
    if update.chat_type != "private" and command not in registry.group_commands:
        # Group privacy: only commands reach us; nothing personal is said in groups.
        if command:
            ctx.reply(ctx.t("Please talk to me in a private chat for this."))
        return
    needs_link = command is None or command not in registry.public_commands
    if needs_link and ctx.employee is None and not (command is None and await _in_public_conversation(ctx)):
        await onboarding.not_linked(ctx)
        return
    if command is not None:
        handler = registry.commands.get(command)
        if handler is None:
            ctx.reply(ctx.t("I do not know the command /{command}. Send /help to see what I can do.",
                            command=command))
            return
        await handler(ctx)
        return
    if update.text is not None and len(update.text) > MAX_TEXT:
        ctx.reply(ctx.t("That message is too long ({length} characters). Please keep it under {max}.",
                        length=len(update.text), max=MAX_TEXT))
        return
    conv = await ctx.uow.conversations.get(update.sender.id, update.chat_id)
    route = registry.conversations.get(conv.name) if conv is not None else None
    state = route.form.state(conv) if route is not None else None
    if route is not None and state is not None:
        await route.handler(ctx, state)
        return
    if update.file is not None:
        ctx.reply(ctx.t("I received a file, but no step is waiting for one. Send /help to see what I can do."))
        return
    ctx.reply(ctx.t("I did not understand that. Send /help to see what I can do."))


async def _route_callback(ctx: Ctx) -> None:
    raw = ctx.update.callback_data or ""
    route = registry.callback_route(raw) if raw and len(raw.encode()) <= MAX_BYTES else None
    if route is None:
        ctx.answer(ctx.t("This button is not valid any more."), alert=True)
        return
    if ctx.employee is None and not route.public:
        ctx.answer(ctx.t("Your Telegram account is not linked to an employee record yet."), alert=True)
        return
    data = route.kind.unpack(raw)
    if data is None:  # forged, garbled, or from a version that packed it differently
        ctx.answer(ctx.t("This button is not valid any more."), alert=True)
        return
    await route.handler(ctx, data)


async def _in_public_conversation(ctx: Ctx) -> bool:
    """An unlinked user may go on with a public conversation (e.g. an HR admin's search)."""
    if not registry.public_conversations:
        return False
    conv = await ctx.uow.conversations.get(ctx.update.sender.id, ctx.update.chat_id)
    return conv is not None and conv.name in registry.public_conversations
