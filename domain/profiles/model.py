"""Regulation profiles: the per-region knobs of the Sistem Kerja, as frozen data.

Every section carries the article it comes from (`source`); a knob whose article differs
has its own entry in `sources`. Values are read from data/*.toml by the loader."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum

from domain.dialog import DialogMode
from domain.org import Education, Golongan, JabatanKind, Jenjang


class Role(str, Enum):
    """Who acts in a flow. `rater` is the Pejabat Penilai Kinerja (never shown as "PPK")."""

    UNIT_HEAD = "unit_head"
    RATER = "rater"
    AGENCY_HEAD = "agency_head"
    SEKDA = "sekda"
    AUTHORIZED_OFFICIAL = "authorized_official"
    PERSONNEL_AUTHORITY = "personnel_authority"
    REGIONAL_HEAD = "regional_head"
    KABAG = "kabag"
    PENGENDALI = "pengendali"
    KETUA = "ketua"
    PERFORMANCE_OWNER = "performance_owner"
    APPLICANT = "applicant"  # the JF/Pelaksana concerned, e.g. when they draft their own letter
    ADMIN = "admin"


class Scope(str, Enum):
    WITHIN_UNIT = "within_unit"
    CROSS_UNIT = "cross_unit"
    CROSS_AGENCY = "cross_agency"
    CROSS_INSTITUTION = "cross_institution"


class Level(str, Enum):
    KABUPATEN = "kabupaten"
    KOTA = "kota"
    PROVINSI = "provinsi"
    NASIONAL = "nasional"


class UnitMeaning(str, Enum):
    STRUCTURAL_PART = "structural_part"  # any part of a PD with its own head
    WHOLE_AGENCY = "whole_agency"  # a whole Perangkat Daerah


class VoluntaryScope(str, Enum):
    WITHIN_AGENCY = "within_agency"
    WITHIN_REGION = "within_region"


class Prerequisite(str, Enum):
    NONE = "none"
    RATER_ACK = "rater_ack"
    HOME_APPROVAL = "home_approval"


class CrossAgencyFlow(str, Enum):
    SEPARATE = "separate"
    SAME_AS_CROSS_UNIT = "same_as_cross_unit"
    NOT_STATED = "not_stated"


class InstitutionRouting(str, Enum):
    VIA_OWN_PYB = "via_own_pyb"
    VIA_REGIONAL_HEAD_ATTN_SEKDA = "via_regional_head_attn_sekda"
    NOT_STATED = "not_stated"


class OriginRule(str, Enum):
    NO = "no"
    WARN = "warn"
    BLOCK_UNLESS_MUTASI = "block_unless_mutasi"


class JfTrack(str, Enum):
    ANY = "any"
    KEAHLIAN = "keahlian"


class AppliesTo(str, Enum):
    ALL = "all"
    PELAKSANA = "pelaksana"
    REPLACEMENT = "replacement"


class PengawasRule(str, Enum):
    NO = "no"
    PREFER = "prefer"
    REQUIRE = "require"


class AllowanceRule(str, Enum):
    NONE = "none"
    PELAKSANA_KETUA_OPTIONAL = "pelaksana_ketua_optional"
    ALWAYS = "always"


class IndividualRoute(str, Enum):
    DIRECT = "direct"
    VIA_RATER = "via_rater"
    VIA_RATER_AND_KABAG = "via_rater_and_kabag"


class TeamRoute(str, Enum):
    DIRECT = "direct"
    VIA_RATER = "via_rater"
    VIA_PENGENDALI_OR_RATER = "via_pengendali_or_rater"


class CadenceRule(str, Enum):
    QUARTERLY = "quarterly"  # fixed by the regulation
    PERIODIC = "periodic"  # "berkala": the period is a setting


TIMEZONES = ("Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura")


@dataclass(frozen=True)
class ScopeRoles:
    """Officials per scope; an empty tuple means the regulation names nobody."""

    within_unit: tuple[Role, ...] = ()
    cross_unit: tuple[Role, ...] = ()
    cross_agency: tuple[Role, ...] = ()
    cross_institution: tuple[Role, ...] = ()

    def for_scope(self, scope: Scope) -> tuple[Role, ...]:
        roles: tuple[Role, ...] = getattr(self, Scope(scope).value)
        return roles

    def __str__(self) -> str:
        parts = {s.value: ", ".join(r.value for r in self.for_scope(s)) or "not stated" for s in Scope}
        if len(set(parts.values())) == 1:
            return next(iter(parts.values()))
        return "; ".join(f"{k}: {v}" for k, v in parts.items())


@dataclass(frozen=True, kw_only=True)
class Section:
    source: str
    sources: Mapping[str, str] = field(default_factory=dict, hash=False)  # keeps Profile hashable

    def source_of(self, knob: str) -> str:
        return self.sources.get(knob, self.source)


@dataclass(frozen=True, kw_only=True)
class AuthorizedOfficial(Section):
    role: Role


@dataclass(frozen=True, kw_only=True)
class VoluntaryWithinUnit(Section):
    decider: Role
    tembusan: tuple[Role, ...]
    oral: bool
    reason_required: bool


@dataclass(frozen=True, kw_only=True)
class VoluntaryCrossUnit(Section):
    scope: VoluntaryScope
    prerequisite: Prerequisite
    prerequisite_by: tuple[Role, ...]
    applicant_tembusan: tuple[Role, ...]
    target_decider: Role
    forward_to: tuple[Role, ...]
    forward_tembusan: tuple[Role, ...]
    final_approvers: tuple[Role, ...]
    extra_approval: tuple[Role, ...]
    letter_drafter: Role
    reason_required: bool
    written_refusal_required: bool


@dataclass(frozen=True, kw_only=True)
class Voluntary(Section):
    cross_institution_allowed: bool
    within_unit: VoluntaryWithinUnit
    cross_unit: VoluntaryCrossUnit


@dataclass(frozen=True, kw_only=True)
class AppointmentWithinUnit(Section):
    appointer: Role
    proposer: Role | None


@dataclass(frozen=True, kw_only=True)
class AppointmentCrossUnit(Section):
    request_to: Role
    request_tembusan: tuple[Role, ...]
    decider: Role
    recommendation_from: tuple[Role, ...]
    letter_drafter: Role
    letter_issuer: Role
    refuser: Role
    reason_required: bool
    refusal_reply_letter: bool


@dataclass(frozen=True, kw_only=True)
class AppointmentCrossAgency(Section):
    request_to: Role
    decider: Role
    instructs: Role
    recommendation_from: tuple[Role, ...]
    reply_lists_released_staff: bool
    letter_issuer: Role
    letter_tembusan: tuple[Role, ...]
    reason_required: bool


@dataclass(frozen=True, kw_only=True)
class AppointmentCrossInstitution(Section):
    routing: InstitutionRouting
    request_to: Role | None
    request_tembusan: tuple[Role, ...]
    sender: Role | None
    own_approval_required: bool
    released_list_needs_target_approval: bool
    letter_issuer: Role | None
    letter_tembusan: tuple[Role, ...]
    letter_tembusan_both_authorized_officials: bool
    reason_required: bool


@dataclass(frozen=True, kw_only=True)
class Appointment(Section):
    scopes: tuple[Scope, ...]
    four_fields_scopes: tuple[Scope, ...]
    cross_agency_flow: CrossAgencyFlow
    within_unit: AppointmentWithinUnit
    cross_unit: AppointmentCrossUnit
    cross_agency: AppointmentCrossAgency | None = None
    cross_institution: AppointmentCrossInstitution


@dataclass(frozen=True, kw_only=True)
class Ketua(Section):
    allowed_kinds: tuple[JabatanKind, ...]
    jf_track: JfTrack
    min_education: Education | None
    min_golongan: Golongan | None
    requirements_apply_to: AppliesTo
    experience_required: bool
    min_workload: float | None
    origin_rule: OriginRule
    max_candidates: int | None
    proposer: Role | None
    rater_consideration: bool  # the proposal rests on the Penilai's consideration (Surakarta Ps 15(3))
    appointer: ScopeRoles
    term_months: int | None
    pk_required: bool
    pengawas_as_ketua: PengawasRule
    allowance: AllowanceRule


@dataclass(frozen=True, kw_only=True)
class Teams(Section):
    penanggung_jawab: bool
    sekretariat: bool
    has_pengendali: bool
    max_term_months: int | None
    no_team_where_pengawas: bool
    formed_by: tuple[Role, ...]
    decree_issuer: ScopeRoles
    vacancy_deadline_months: tuple[int, ...]
    dialog_kinerja: DialogMode  # expectations agreed with the Penilai before team work (rule 53)
    cross_unit_work_is_additional_duty: bool  # rule 49: work for another unit is tugas tambahan (HSU Ps 19(2))
    sub_koordinator_barred: bool  # rule 56: no "sub koordinator" assignment any more (HSU Ps 26)
    ketua: Ketua


@dataclass(frozen=True, kw_only=True)
class Pengendali(Section):
    min_jenjang: Jenjang
    max_jenjang: Jenjang | None
    max_candidates: int | None
    proposer: Role | None
    appointer: tuple[Role, ...]
    term_months: int | None
    only_where_no_administrator: bool
    min_workload: float | None
    origin_rule: OriginRule
    pk_required: bool
    allowance: AllowanceRule


@dataclass(frozen=True, kw_only=True)
class Reporting(Section):
    individual_route: IndividualRoute
    setda_jf_madya_route: IndividualRoute
    member_route: Role
    team_route: TeamRoute
    team_recipient: Role
    pengendali_route: IndividualRoute | None
    adhoc_requester: Role | None
    evidence_required: bool
    cadence: CadenceRule
    cadence_months: int
    member_input_to: tuple[Role, ...]
    member_input_scored: bool  # rule 48: the Ketua rates each member, as a recommendation (Banten)
    kendala_deciders: ScopeRoles
    kendala_escalate_home_heads: bool
    done_by: Role
    done_requires_meets_target: bool
    rater_evaluates_first: bool  # rule 51: the Penilai reviews the results before the unit head accepts them
    credit_activity_needs_unit_head_approval: bool  # rule 49: a JF's angka kredit work outside the unit (HSU Ps 16(2))
    rework_owner: Role
    rework_stated: bool  # False: the regulation is silent; REWORK per product decision 11


@dataclass(frozen=True, kw_only=True)
class Profile(Section):
    name: str
    title: str
    citation_title: str  # how an article is cited on screen: "Pasal 10 ayat (3) Pergub Banten 19/2023"
    region: str
    level: Level
    timezone: str
    unit_meaning: UnitMeaning
    authorized_official: AuthorizedOfficial
    voluntary: Voluntary
    appointment: Appointment
    teams: Teams
    pengendali: Pengendali | None = None
    reporting: Reporting
