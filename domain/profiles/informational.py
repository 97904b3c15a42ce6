"""Profile knobs that no feature reads, each with why it is kept. Every other knob must be read
by domain/ or handlers/ (tests/test_profile_knobs.py): a knob nobody reads is a promise the bot
does not keep. A reason starting "being wired" marks a knob another change is wiring now; once
a feature reads a knob, its entry here must go."""
from __future__ import annotations

_INCOMING = ("a request from another institution to this Pemda (its Pejabat yang Berwenang approving the release "
             "list, the Pimpinan UO's surat penugasan with its tembusan) is not modelled: the bot runs this Pemda's "
             "own requests (handlers/appointments)")

INFORMATIONAL: dict[str, str] = {
    "region": "the region's name, shown by `profile show`; the on-screen citation uses citation_title",
    "voluntary.within_unit.oral": "the bot takes every application as a written message; kept for `profile show`",
    "voluntary.within_unit.reason_required": "a refusal always needs a reason (product decision 1); "
                                             "kept for `profile show`",
    "voluntary.cross_unit.reason_required": "a refusal at any step always needs a written reason (product "
                                            "decision 1), true in every profile; kept for `profile show`",
    "appointment.cross_institution.released_list_needs_target_approval": _INCOMING,
    "teams.ketua.proposer": "the unit head proposes in every flow (handlers/teams/proposal); the Penilai's part "
                            "is rater_consideration; kept for `profile show`",
    "pengendali.proposer": "the unit head proposes in every flow (handlers/teams/proposal); "
                           "kept for `profile show`",
    "reporting.rework_owner": "the unit head in every profile, which is who returns a report today "
                              "(product decision 11); kept for `profile show`",
    "reporting.rework_stated": "whether rework_owner is the regulation's or product decision 11's; "
                               "its citation is kept for `profile show`",
}

__all__ = ["INFORMATIONAL"]
