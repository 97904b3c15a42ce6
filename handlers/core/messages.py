"""The one catalogue of codes -> words: every DomainError code, eligibility RuleFinding code and
import Issue code the domain (or a handler) raises or reports, in the reader's language.

A code is shown in one of two forms, so an entry is a SENTENCE (a reply or alert on its own:
"That is too short: …") or a CLAUSE (part of a line its caller builds: "✗ {clause} ({article})"
for a rule finding, "row 7, nip: {clause}" for an import issue), or both where both are used.
Each form stands in for the other when a code has only one. tests/handlers/test_messages.py
requires an entry for every code raised or built in domain/ and handlers/, and none for a code
nobody raises. The user never sees a code: an unknown one is logged and worded generically."""
from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any

from domain.errors import DomainError
from domain.org import UnitKind
from handlers.core.citation import citation
from handlers.core.formatting import day
from handlers.core.i18n import Html, Translator
from handlers.core.role_names import role_name

log = logging.getLogger(__name__)

Params = Mapping[str, Any]
Wording = Callable[[Translator, Params], str]

def _term_too_long(t: Translator, p: Params) -> str:
    # Raised by the team form (latest=) and reported by the term rule (latest_end=).
    return t("The team's term is too long: at most {months} months, so it must end by {latest}.",
             months=p.get("max_months"), latest=p.get("latest", p.get("latest_end")))


def _article(t: Translator, p: Params) -> str:
    """A raised `article` is the profile's source shorthand; `regulation` (its citation title) is added
    by whoever explains the error and knows the profile."""
    return citation(t, str(p.get("article", "")), str(p.get("regulation", "")))


def _evidence_missing(t: Translator, p: Params) -> str:
    if p.get("article"):
        return t("A report needs at least one supporting file (data dukung) here ({article}).", article=_article(t, p))
    return t("A report needs at least one supporting file (data dukung) here.")


def _invalid_period(t: Translator, p: Params) -> str:
    if p.get("example"):  # the caller knows today and so can show a fitting example
        return t("Please send two dates like {example}.", example=p["example"])
    return t("“{value}” is not a period: please send the first and the last day, e.g. 01-12-2026 s.d. 14-12-2026.",
             value=p.get("value", ""))


def _profile_problem(t: Translator, p: Params) -> str:
    return t("The regulation profile “{profile}” cannot be loaded: the setting “{key}” is not valid. "
             "Please ask the bot's operator to correct it.", profile=p.get("profile", ""), key=p.get("key", ""))


SENTENCES: dict[str, Wording] = {
    # Forms and free text
    "text_too_short": lambda t, p: t("That is too short: please write at least {min} characters.",
                                     min=p.get("min", 0)),
    "text_too_long": lambda t, p: t("That is too long ({length} characters): please keep it within {max}.",
                                    length=p.get("length", 0), max=p.get("max", 0)),
    "dates_expected": lambda t, p: t("Please type two dates, the start and the end, e.g. 1-12-2026 to 30-6-2027."),
    "illegal_transition": lambda t, p: t("This can no longer be done: it has already been processed."),
    # Who may act
    "not_decider": lambda t, p: t("Only the official who decides this application can do that."),
    "not_applicant": lambda t, p: t("Only the applicant can withdraw this application."),
    "not_proposer": lambda t, p: t("Only the official who made this proposal can withdraw it."),
    "self_decision": lambda t, p: t("You cannot decide your own application."),
    # Penunjukan (handlers/appointments)
    "not_step_actor": lambda t, p: t("Only the official this step waits for can do that."),
    "not_assignee": lambda t, p: t("Only the person this surat penugasan names can accept it."),
    "invalid_choice": lambda t, p: t("That choice is not possible here."),
    "appointment_needs_assignee": lambda t, p: t("Choose the one person you appoint."),
    "appointment_nobody_released": lambda t, p: t("Name at least one person released."),
    "appointment_reply_needs_letter": lambda t, p: t("Send the scanned reply letter first."),
    "appointment_field_required": lambda t, p: t("The request letter must state this here ({article}); please "
                                                 "write it.", article=_article(t, p)),
    "not_reviewer": lambda t, p: t("Only the officials this report is addressed to can act on it."),
    "not_author": lambda t, p: t("Only the author can change this report."),
    "not_the_penilai": lambda t, p: t("Only the member's Penilai records the expectations."),
    "not_the_member": lambda t, p: t("Only the member confirms the expectations."),
    "no_decider": lambda t, p: t("No official is recorded to decide this for your unit. Please contact the HR admin."),
    "no_official": lambda t, p: t("No official is recorded for this step ({roles}). Please contact the HR admin.",
                                  roles=", ".join(role_name(t, r) for r in p.get("roles", ()))),
    # Teams
    "team_term_too_long": _term_too_long,
    "team_end_before_start": lambda t, p: t("The end date is before the start date."),
    "team_closed": lambda t, p: t("This team has ended and takes no new members."),
    "already_member": lambda t, p: t("This person is already in the team."),
    "assignee_has_no_rater": lambda t, p: t(
        "{name} has no Pejabat Penilai Kinerja on record yet, so they cannot be assigned; please ask the "
        "BKPSDM admin to complete their data.", name=p.get("name", "")),
    "team_has_no_ketua": lambda t, p: t("This team has no ketua yet, so reports cannot be sent to one."),
    "not_a_group": lambda t, p: t("A team can only be linked to a group chat, not to a private chat."),
    # Reports and kendala
    "no_report_route": lambda t, p: t("No official is recorded to receive this report. "
                                      "Please contact the HR admin."),
    "report_evidence_missing": _evidence_missing,
    "done_requires_meets_target": lambda t, p: t("The work is declared done only when accepted as meeting the "
                                                 "target."),
    "too_many_files": lambda t, p: t("That is one file too many: a report takes at most {max} files.",
                                     max=p.get("max")),
    "file_too_large": lambda t, p: t("That file is too large: at most {mb} MB per file.", mb=p.get("max_mb")),
    "file_type_not_allowed": lambda t, p: t("That kind of file ({mime}) is not accepted. Send a PDF, an office "
                                            "document, a spreadsheet, a text or CSV file, or a photo.",
                                            mime=p.get("mime")),
    "kendala_description_missing": lambda t, p: t("Please describe the kendala: what is the problem?"),
    "kendala_alternative_missing": lambda t, p: t("Please give at least one alternative recommendation for the "
                                                  "kendala."),
    "no_pengendali_in_profile": lambda t, p: t("This region's regulation has no pengendali, so no report can be "
                                               "sent through one."),
    # The Ketua's input on members (rule 48)
    "member_input_self": lambda t, p: t("A Ketua gives input on the members, not on themself."),
    "member_input_note_length": lambda t, p: t("Please write the input in {min}–{max} characters.",
                                               min=p.get("min"), max=p.get("max")),
    "member_input_rating_missing": lambda t, p: t("Please choose a rating first."),
    "member_input_not_scored": lambda t, p: t("This region's regulation has the Ketua write a note, not a score."),
    "member_input_no_recipient": lambda t, p: t("Nobody is recorded as this member's Penilai or unit head, so "
                                                "the input cannot be sent. Ask the admin to record them."),
    # Plt/Plh
    "acting_self": lambda t, p: t("An official cannot act for themself."),
    "acting_period_reversed": lambda t, p: t("The last day comes before the first day."),
    "acting_period_past": lambda t, p: t("That period is already over."),
    "acting_overlap": lambda t, p: t("This official already has a Plt/Plh from {start} to {end}; end that one "
                                     "first.", start=day(t, p["starts_on"]), end=day(t, p["ends_on"])),
    "invalid_period": _invalid_period,
    # Monitoring period, calendar and schedule (set by the bot's operator)
    "cadence_unknown": lambda t, p: t("“{name}” is not a reporting cadence: use weekly, monthly or quarterly.",
                                      name=p.get("name", "")),
    "cadence_invalid": lambda t, p: t("A monitoring period must be at least one month (not {months}).",
                                      months=p.get("months", "")),
    "cadence_fixed_by_regulation": lambda t, p: t("The regulation fixes the monitoring period at {months} months "
                                                  "({article}); it cannot be changed.",
                                                  months=p.get("months", ""), article=_article(t, p)),
    "unknown_timezone": lambda t, p: t("“{name}” is not a known time zone (e.g. Asia/Jakarta).",
                                       name=p.get("name", "")),
    "no_working_day": lambda t, p: t("No working day could be found after {day}; please check the holiday "
                                     "calendar.", day=p.get("after", "")),
    "schedule_invalid": lambda t, p: t("The reminder schedule is not valid; please ask the bot's operator to "
                                       "check its settings."),
    "obligation_needs_due_or_since": lambda t, p: t("A reminder needs exactly one of a due date or a start "
                                                    "date."),
    # Regulation profiles (files the operator maintains)
    "unknown_profile": lambda t, p: t("There is no regulation profile “{name}”. Valid profiles: {valid}.",
                                      name=p.get("name", ""), valid=", ".join(p.get("valid", ()))),
    "profile_syntax_error": lambda t, p: t("The regulation profile “{profile}” cannot be read: {detail}",
                                           profile=p.get("profile", ""), detail=p.get("detail", "")),
    "profile_unknown_key": _profile_problem,
    "profile_bad_type": _profile_problem,
    "profile_bad_value": _profile_problem,
    "profile_missing_source": lambda t, p: t("The regulation profile “{profile}” names no article for the setting "
                                             "“{key}”. Please ask the bot's operator to add its source.",
                                             profile=p.get("profile", ""), key=p.get("key", "")),
    "profile_missing_knob": lambda t, p: t("The regulation profile “{profile}” lacks the setting “{key}”. "
                                           "Please ask the bot's operator to add it.",
                                           profile=p.get("profile", ""), key=p.get("key", "")),
    "profile_name_mismatch": lambda t, p: t("The regulation profile file “{file}” calls itself “{name}”; the "
                                            "two must match.", file=p.get("file", ""), name=p.get("value", "")),
    "profile_inconsistent": _profile_problem,
    "profile_not_settable": lambda t, p: t("The regulation fixes the setting “{key}” of the profile “{profile}”; a "
                                           "deployment may set only: {keys}.", key=p.get("key", ""),
                                           profile=p.get("profile", ""), keys=p.get("keys", "")),
    "profile_overrides_unreadable": lambda t, p: t("The deployment settings cannot be read: {detail}",
                                                   detail=p.get("detail", "")),
}

CLAUSES: dict[str, Wording] = {
    # Who may be ketua or pengendali (the eligibility rules)
    "ketua_kind_not_allowed": lambda t, p: t("this kind of position cannot be ketua here"),
    "ketua_jf_keterampilan_not_allowed": lambda t, p: t("a JF of the skill track (keterampilan) cannot be ketua; "
                                                        "only a JF Keahlian or a Pelaksana"),
    "ketua_jenjang_unknown": lambda t, p: t("the candidate's jenjang is not recorded"),
    "ketua_too_many_candidates": lambda t, p: t("at most {max} candidates may be proposed", max=p.get("max", "?")),
    "ketua_pengawas_preferred": lambda t, p: t("the unit still has a Pengawas, who should be appointed ketua"),
    "ketua_education_too_low": lambda t, p: t("education {actual} is below the required {required}",
                                              actual=p.get("actual"), required=p.get("required")),
    "ketua_education_unknown": lambda t, p: t("education is not recorded (at least {required} is required)",
                                              required=p.get("required")),
    "ketua_golongan_too_low": lambda t, p: t("golongan {actual} is below the required {required}",
                                             actual=p.get("actual"), required=p.get("required")),
    "ketua_golongan_unknown": lambda t, p: t("golongan is not recorded (at least {required} is required)",
                                             required=p.get("required")),
    "ketua_experience_missing": lambda t, p: t("relevant experience must be confirmed"),
    "ketua_must_come_from_owning_unit": lambda t, p: t("the ketua must come from the team's owning unit "
                                                       "(unless moved in by mutasi)"),
    "ketua_appointer_not_allowed": lambda t, p: t("this official may not appoint the ketua"),
    "ketua_term_too_long": lambda t, p: t("the ketua's term is too long: at most {months} months, so it must end "
                                          "by {latest}", months=p.get("max_months"), latest=p.get("latest_end")),
    "ketua_pk_missing": lambda t, p: t("the ketua takes up the post only once their Perjanjian Kinerja is "
                                       "recorded"),
    "pengendali_jenjang_too_low": lambda t, p: t("a pengendali must be at least a JF Ahli Muda"),
    "pengendali_above_defined_levels": lambda t, p: t("the regulation defines pengendali only up to Ahli Madya"),
    "pengendali_too_many_candidates": lambda t, p: t("at most {max} candidates may be proposed",
                                                     max=p.get("max", "?")),
    "pengendali_where_administrator_in_charge": lambda t, p: t("an Administrator is in charge of this work, so "
                                                               "no pengendali may be appointed"),
    "pengendali_not_in_profile": lambda t, p: t("this region's rules have no pengendali"),
    "pengendali_must_come_from_owning_unit": lambda t, p: t("the pengendali must come from the team's owning unit "
                                                            "(unless moved in by mutasi)"),
    "pengendali_appointer_not_allowed": lambda t, p: t("this official may not appoint the pengendali"),
    "pengendali_term_too_long": lambda t, p: t("the pengendali's term is too long: at most {months} months, so it "
                                               "must end by {latest}", months=p.get("max_months"),
                                               latest=p.get("latest_end")),
    "pengendali_pk_missing": lambda t, p: t("the pengendali takes up the post only once their Perjanjian Kinerja "
                                            "is recorded"),
    "team_where_pengawas_in_charge": lambda t, p: t("a Pengawas runs this sub-activity, so no team is formed "
                                                    "for it"),
    # Applications (pengajuan sukarela, surat permohonan)
    "request_fields_missing": lambda t, p: t("the request letter must state the purpose, the competence needed, "
                                             "the expected result and the duration"),
    "request_fields_recommended": lambda t, p: t("the request letter should state the purpose, the competence "
                                                 "needed, the expected result and the duration"),
    "voluntary_cross_institution_not_allowed": lambda t, p: t("a voluntary application to another institution is "
                                                              "not possible here"),
    "voluntary_outside_agency_not_allowed": lambda t, p: t("a voluntary application may only go to a unit of your "
                                                           "own Perangkat Daerah"),
    "voluntary_needs_rater_ack": lambda t, p: t("your Penilai Kinerja must acknowledge the application before it "
                                                "is sent"),
    "voluntary_needs_home_approval": lambda t, p: t("your own unit must approve the application before it is "
                                                    "sent"),
    # Reports and kendala
    "report_evidence_missing": lambda t, p: t("a report must carry at least one supporting file (data dukung)"),
    "done_by_unit_head_only": lambda t, p: t("only the unit head declares the work done"),
    "done_requires_meets_target": lambda t, p: t("the work is done only when accepted as meeting the target"),
    "done_requires_rater_evaluation": lambda t, p: t("the Penilai Kinerja must evaluate it before the unit head "
                                                     "decides"),
    "kendala_description_missing": lambda t, p: t("a kendala must describe the problem"),
    "kendala_alternative_missing": lambda t, p: t("a kendala must offer at least one alternative recommendation"),
    "kendala_route_not_stated": lambda t, p: t("the regulation does not say who decides a kendala of this kind"),
    # Importing units and employees (a spreadsheet's columns and rows)
    "missing_column": lambda t, p: t("the column is missing"),
    "unknown_column": lambda t, p: t("unknown column “{header}”; it is ignored", header=p.get("header", "")),
    "duplicate_column": lambda t, p: t("the column appears twice (“{header}”)", header=p.get("header", "")),
    "required": lambda t, p: t("a value is required"),
    "too_long": lambda t, p: t("too long ({length} characters, at most {max})", length=p.get("length", 0),
                               max=p.get("max", 0)),
    "invalid_nip": lambda t, p: t("“{value}” is not a valid NIP (18 digits: birth date, appointment month, "
                                  "sex 1 or 2, sequence number)", value=p.get("value", "")),
    "invalid_golongan": lambda t, p: t("“{value}” is not a golongan (I/a … IV/e)", value=p.get("value", "")),
    "invalid_education": lambda t, p: t("“{value}” is not an education level (SD, SMP, SMA, D1–D4, S1–S3)",
                                        value=p.get("value", "")),
    "invalid_jenjang": lambda t, p: t("“{value}” is not a jenjang (Ahli Pertama, Ahli Muda, Ahli Madya, "
                                      "Ahli Utama, Pemula, Terampil, Mahir, Penyelia)", value=p.get("value", "")),
    "invalid_jabatan_kind": lambda t, p: t("“{value}” is not a kind of jabatan (JPT Madya, JPT Pratama, "
                                           "Administrator, Pengawas, Fungsional, Pelaksana)",
                                           value=p.get("value", "")),
    "invalid_unit_kind": lambda t, p: t("“{value}” is not a unit kind ({kinds})", value=p.get("value", ""),
                                        kinds=", ".join(k.value for k in UnitKind)),
    "invalid_unit_code": lambda t, p: t("“{value}” is not a usable unit code (letters, digits and . - _ /, "
                                        "at most 40)", value=p.get("value", "")),
    "invalid_phone": lambda t, p: t("“{value}” is not a phone number", value=p.get("value", "")),
    "nip_number_cell": lambda t, p: t("“{value}” went through a number cell, which keeps only 15 digits, so "
                                      "this is not the real NIP: format the NIP columns as Text and enter "
                                      "the NIPs again", value=p.get("value", "")),
    "unsafe_text": lambda t, p: t("“{value}” contains control or text-direction characters (shown as �); "
                                  "remove them", value=p.get("value", "")),
    "formula_text": lambda t, p: t("“{value}” starts with =, +, - or @, which a spreadsheet would run as a "
                                   "formula; remove that character", value=p.get("value", "")),
    "duplicate_nip": lambda t, p: t("NIP {value} appears more than once (rows {rows})", value=p.get("value", ""),
                                    rows=p.get("rows", "")),
    "duplicate_code": lambda t, p: t("unit code {value} appears more than once (rows {rows})",
                                     value=p.get("value", ""), rows=p.get("rows", "")),
    "unknown_unit": lambda t, p: t("unit {value} is not in the database; import the units first",
                                   value=p.get("value", "")),
    "unknown_parent": lambda t, p: t("parent unit {value} is neither in this file nor in the database",
                                     value=p.get("value", "")),
    "parent_cycle": lambda t, p: t("the parent units form a cycle: {chain}", chain=p.get("chain", "")),
    "parent_row_invalid": lambda t, p: t("parent unit {value} is on row {rows}, which has errors",
                                         value=p.get("value", ""), rows=p.get("rows", "")),
    "no_head": lambda t, p: t("the unit has no head; its decisions go to the head of the parent unit"),
    "head_not_found_yet": lambda t, p: t("no employee with NIP {value} yet; they become the head when the "
                                         "employees are imported", value=p.get("value", "")),
    "head_inactive": lambda t, p: t("the head {value} is no longer active", value=p.get("value", "")),
    "self_rater": lambda t, p: t("an employee cannot be their own Penilai"),
    "sub_koordinator_barred": lambda t, p: t("the jabatan “{value}” cannot be assigned any more: sub koordinator "
                                             "assignments were revoked ({article})", value=p.get("value", ""),
                                             article=_article(t, p)),
    "unknown_rater": lambda t, p: t("Penilai {value} is neither in this file nor in the database",
                                    value=p.get("value", "")),
    "rater_not_in_file": lambda t, p: t("Penilai {value} is not in this full import and would be deactivated",
                                        value=p.get("value", "")),
    "rater_inactive": lambda t, p: t("Penilai {value} is no longer active", value=p.get("value", "")),
    "rater_cycle": lambda t, p: t("the Penilai chain forms a cycle: {chain}", chain=p.get("chain", "")),
    "rater_row_invalid": lambda t, p: t("Penilai {value} is on row {rows}, which has errors",
                                        value=p.get("value", ""), rows=p.get("rows", "")),
    "rater_is_pelaksana": lambda t, p: t("Penilai {value} is a Pelaksana; a Penilai is normally at least "
                                         "a Pengawas", value=p.get("value", "")),
    "jenjang_missing": lambda t, p: t("a Fungsional should have a jenjang (e.g. Ahli Pertama)"),
    "jenjang_ignored": lambda t, p: t("jenjang {value} applies only to a Fungsional; it is ignored",
                                      value=p.get("value", "")),
    "head_in_other_unit": lambda t, p: t("this employee heads unit {unit} but is placed in unit {value}",
                                         unit=p.get("unit", ""), value=p.get("value", "")),
    "head_deactivated": lambda t, p: t("the head of unit {unit} (NIP {value}) is not in this full import and "
                                       "will be deactivated", unit=p.get("unit", ""), value=p.get("value", "")),
}


# Clauses worded the same for both posts (the eligibility rules run for ketua and pengendali alike).
_EITHER_POST: dict[str, Wording] = {
    "workload_unverified": lambda t, p: t("the workload analysis (ABK ≥ {min}) is not recorded", min=p.get("min")),
    "workload_too_low": lambda t, p: t("the workload analysis is below {min}", min=p.get("min")),
    "not_from_owning_unit": lambda t, p: t("the candidate is not from the team's owning unit"),
    "from_outside_by_mutasi": lambda t, p: t("from outside the owning unit, by mutasi"),
    "end_before_start": lambda t, p: t("the end date is before the start date"),
}
CLAUSES.update({f"{post}_{code}": wording
                for post in ("ketua", "pengendali") for code, wording in _EITHER_POST.items()})

CODES = SENTENCES.keys() | CLAUSES.keys()


def sentence(t: Translator, code: str, params: Params) -> str:
    """A reply or alert on its own."""
    if code in SENTENCES:
        return SENTENCES[code](t, params)
    if code in CLAUSES:
        return t("Sorry, that could not be done: {reason}.", reason=Html(CLAUSES[code](t, params)))
    log.warning("No message for code %r %s", code, dict(params))
    return t("Sorry, that could not be done.")


def clause(t: Translator, code: str, params: Params) -> str:
    """Part of a line the caller builds (a finding with its article, an import row)."""
    wording = CLAUSES.get(code) or SENTENCES.get(code)
    if wording is not None:
        return wording(t, params)
    log.warning("No message for code %r %s", code, dict(params))
    return t("a problem that cannot be described")


def explain(t: Translator, err: DomainError, **context: object) -> str:
    """`context`: what the caller knows and the domain does not (e.g. an example date for today)."""
    return sentence(t, err.code, {**err.params, **context})
