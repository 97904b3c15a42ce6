"""The buttons of undelivered notices: their callback data."""
from __future__ import annotations

from handlers.core.buttons import CallbackData


class Requeue(CallbackData, prefix="oq"):
    message_id: int


class RequeueAll(CallbackData, prefix="oq:all"):
    pass
