"""Profile knobs that no feature reads, each with why it is kept. Every other knob must be read
by domain/ or handlers/ (tests/test_profile_knobs.py): a knob nobody reads is a promise the bot
does not keep. A reason starting "being wired" marks a knob another change is wiring now; once
a feature reads a knob, its entry here must go."""
from __future__ import annotations

_CROSS_BOUNDARY = "wired by the cross-boundary issue (penunjukan and sukarela across units; see domain.pending)"
_PENUNJUKAN = "penunjukan is not a feature yet; " + _CROSS_BOUNDARY

INFORMATIONAL: dict[str, str] = {
    "region": "the region's name, shown by `profile show`; the on-screen citation uses citation_title",
    "voluntary.within_unit.oral": "the bot takes every application as a written message; kept for `profile show`",
    "voluntary.within_unit.reason_required": "a refusal always needs a reason (product decision 1); "
                                             "kept for `profile show`",
    "voluntary.cross_unit.reason_required": "a refusal at any step always needs a written reason (product "
                                            "decision 1), true in every profile; kept for `profile show`",
    **{f"appointment.{knob}": _PENUNJUKAN for knob in (
        "scopes", "four_fields_scopes", "cross_agency_flow", "within_unit.appointer", "within_unit.proposer",
        *(f"cross_unit.{k}" for k in ("request_to", "request_tembusan", "decider", "recommendation_from",
                                      "letter_drafter", "letter_issuer", "refuser", "reason_required",
                                      "refusal_reply_letter")),
        *(f"cross_agency.{k}" for k in ("request_to", "decider", "instructs", "recommendation_from",
                                        "reply_lists_released_staff", "letter_issuer", "letter_tembusan",
                                        "reason_required")),
        *(f"cross_institution.{k}" for k in ("routing", "request_to", "request_tembusan", "sender",
                                             "own_approval_required", "released_list_needs_target_approval",
                                             "letter_issuer", "letter_tembusan",
                                             "letter_tembusan_both_authorized_officials", "reason_required")))},
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
