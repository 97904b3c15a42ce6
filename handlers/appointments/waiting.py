"""What of the penunjukan waits for me: shown by /persetujuan next to the applications, as
decision cards whose copies are settled once decided."""
from __future__ import annotations

from handlers.appointments.cards import accept_keyboard, appointment_card, step_keyboard, step_prompt
from handlers.appointments.flow import accept_key, step_key
from handlers.appointments.people import named_ids, target_name
from handlers.core.context import Ctx
from handlers.core.types import Keyboard


async def waiting_cards(ctx: Ctx) -> list[tuple[str, str, Keyboard | None]]:
    """(card key, text, keyboard) of each step waiting for me and each surat penugasan I am to accept."""
    found: list[tuple[str, str, Keyboard | None]] = []
    waiting = await ctx.uow.appointments.waiting_on(ctx.me.id)
    people = await ctx.uow.org.employees(set().union(*(named_ids(ap) for ap in waiting)))  # one read for all
    for ap in waiting:
        text = appointment_card(ctx.t, ap, people, await target_name(ctx, ap))
        if ctx.me.id in ap.unaccepted_ids:
            found.append((accept_key(ap, ctx.me.id), text, accept_keyboard(ctx.t, ap)))
        else:
            found.append((step_key(ap, ap.current), text + "\n\n" + step_prompt(ctx.t, ap), step_keyboard(ctx.t, ap)))
    return found
