"""What of the penunjukan waits for me: shown by /persetujuan next to the applications."""
from __future__ import annotations

from handlers.appointments.cards import accept_keyboard, step_keyboard, step_prompt
from handlers.appointments.flow import card
from handlers.core.context import Ctx
from handlers.core.types import Keyboard


async def waiting_cards(ctx: Ctx) -> list[tuple[str, Keyboard | None]]:
    found: list[tuple[str, Keyboard | None]] = []
    for ap in await ctx.uow.appointments.waiting_on(ctx.me.id):
        text = await card(ctx, ap)
        if ctx.me.id in ap.unaccepted_ids:
            found.append((text, accept_keyboard(ctx.t, ap)))
        else:
            found.append((text + "\n\n" + step_prompt(ctx.t, ap), step_keyboard(ctx.t, ap)))
    return found
