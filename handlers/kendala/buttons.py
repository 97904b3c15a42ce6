"""The buttons of kendala: raising one and deciding it. Their callback data."""
from __future__ import annotations

from typing import Literal

from handlers.core.buttons import CallbackData


class KendalaAction(CallbackData, prefix="kn"):
    """/kendala: t (the team: team_id), done (no more alternatives), send (to the
    decider: their employee id), sendx (the same, and to the home unit heads of members
    from other units: §2.9.4), cancel."""

    action: Literal["t", "done", "send", "sendx", "cancel"]
    target_id: int | None = None


class DecideKendala(CallbackData, prefix="kz"):
    kendala_id: int
