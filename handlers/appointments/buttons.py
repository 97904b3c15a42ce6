"""The buttons of penunjukan (appointments): their callback data."""
from __future__ import annotations

from typing import Literal

from handlers.core.buttons import CallbackData


class AppointForm(CallbackData, prefix="pj"):
    """The request form: unit (target unit: id), inst (another institution), who (assignee or
    candidate: id), team (team: id), page (a picker's page: n), done, send, cancel."""

    action: Literal["unit", "inst", "who", "team", "page", "done", "send", "cancel"]
    target_id: int | None = None


class AppointStep(CallbackData, prefix="pjs"):
    """A step's official: yes (approve / recommend / issue), no (refuse, or not recommend: a reason
    follows), pick (toggle a person to release: id), page (n), done (release those picked), reply
    (record the other institution's answer)."""

    action: Literal["yes", "no", "pick", "page", "done", "reply"]
    appointment_id: int
    step: int
    target_id: int | None = None


class AcceptAppointment(CallbackData, prefix="pjt"):
    appointment_id: int


class AppointmentLetter(CallbackData, prefix="pjl"):
    """req: the surat permohonan pelibatan; out: the letter to the other institution; ans: the surat jawaban."""

    kind: Literal["req", "out", "ans"]
    appointment_id: int


class ReplyOutcome(CallbackData, prefix="pjr"):
    """Recording an outside institution's reply: yes (it releases staff: names follow), no (refused:
    its reason follows)."""

    action: Literal["yes", "no"]
    appointment_id: int
