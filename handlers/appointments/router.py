from handlers.appointments import accept, letter_files, reminders, request, steps
from handlers.core.registry import merge

router = merge(m.router for m in (request, steps, accept, letter_files, reminders))
