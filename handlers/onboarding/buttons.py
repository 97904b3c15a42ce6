"""The buttons of onboarding: their callback data."""
from __future__ import annotations

from handlers.core.buttons import CallbackData


class LanguageChoice(CallbackData, prefix="lang"):
    code: str  # one of handlers.core.i18n.LANGUAGES (checked by the handler)
