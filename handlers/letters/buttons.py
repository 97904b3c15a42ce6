"""The buttons of the letter register: their callback data."""
from __future__ import annotations

from handlers.core.buttons import CallbackData


class LetterPick(CallbackData, prefix="lt"):
    letter_id: int
