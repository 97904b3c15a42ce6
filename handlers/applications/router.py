"""Voluntary applications (pengajuan sukarela): apply, decide, status, letters, reminders."""
from handlers.applications import apply, decide, letters, reminders, status
from handlers.core.registry import merge

router = merge([apply.router, decide.router, status.router, letters.router, reminders.router])
