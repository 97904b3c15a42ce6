"""What of the penunjukan waits for me: shown by /persetujuan in the same pages as the
applications, each step with its buttons and each surat penugasan to accept with [Terima]."""
from __future__ import annotations

from handlers.appointments.cards import accept_keyboard, appointment_card, step_keyboard, step_prompt
from handlers.appointments.people import named_ids
from handlers.core.i18n import Translator
from handlers.core.paging import Entry
from storage.uow import UnitOfWork


async def waiting_entries(uow: UnitOfWork, t: Translator, employee_id: int) -> list[Entry]:
    """One entry per step waiting for the employee and per surat penugasan they are to accept."""
    waiting = await uow.appointments.waiting_on(employee_id)
    if not waiting:
        return []
    people = await uow.org.employees(set().union(*(named_ids(ap) for ap in waiting)))  # one read for all
    found: list[Entry] = []
    for ap in waiting:
        unit = await uow.org.unit(ap.target_unit_id) if ap.target_unit_id and not ap.institution else None
        text = appointment_card(t, ap, people, ap.institution or (unit.name if unit else ""))
        if employee_id in ap.unaccepted_ids:
            found.append(Entry(text, accept_keyboard(t, ap) or ()))
        else:
            found.append(Entry(text + "\n\n" + step_prompt(t, ap), step_keyboard(t, ap) or ()))
    return found
