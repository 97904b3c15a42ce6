"""Eligibility findings as sentences that name the rule and its article."""
from __future__ import annotations

from domain.rules import RuleFinding
from handlers.core.i18n import Translator


def finding_text(t: Translator, f: RuleFinding) -> str:
    p = f.params
    messages = {
        "ketua_kind_not_allowed": lambda: t("this kind of position cannot be ketua here"),
        "ketua_jf_keterampilan_not_allowed": lambda: t("a JF of the skill track (keterampilan) cannot be ketua; "
                                                        "only a JF Keahlian or a Pelaksana"),
        "ketua_jenjang_unknown": lambda: t("the candidate's jenjang is not recorded"),
        "ketua_too_many_candidates": lambda: t("at most {max} candidates may be proposed", max=p.get("max", "?")),
        "ketua_pengawas_preferred": lambda: t("the unit still has a Pengawas, who should be appointed ketua"),
        "ketua_education_too_low": lambda: t("education {actual} is below the required {required}",
                                             actual=p.get("actual"), required=p.get("required")),
        "ketua_education_unknown": lambda: t("education is not recorded (at least {required} is required)",
                                             required=p.get("required")),
        "ketua_golongan_too_low": lambda: t("golongan {actual} is below the required {required}",
                                            actual=p.get("actual"), required=p.get("required")),
        "ketua_golongan_unknown": lambda: t("golongan is not recorded (at least {required} is required)",
                                            required=p.get("required")),
        "ketua_experience_missing": lambda: t("relevant experience must be confirmed"),
        "ketua_workload_unverified": lambda: t("the workload analysis (ABK ≥ {min}) is not recorded",
                                               min=p.get("min")),
        "ketua_workload_too_low": lambda: t("the workload analysis is below {min}", min=p.get("min")),
        "ketua_not_from_owning_unit": lambda: t("the candidate is not from the team's owning unit"),
        "ketua_must_come_from_owning_unit": lambda: t("the ketua must come from the team's owning unit "
                                                      "(unless moved in by mutasi)"),
        "ketua_from_outside_by_mutasi": lambda: t("from outside the owning unit, by mutasi"),
        "ketua_appointer_not_allowed": lambda: t("this official may not appoint the ketua"),
        "pengendali_jenjang_too_low": lambda: t("a pengendali must be at least a JF Ahli Muda"),
        "pengendali_above_defined_levels": lambda: t("the regulation defines pengendali only up to Ahli Madya"),
        "pengendali_too_many_candidates": lambda: t("at most {max} candidates may be proposed", max=p.get("max", "?")),
        "pengendali_where_administrator_in_charge": lambda: t("an Administrator is in charge of this work, so no "
                                                               "pengendali may be appointed"),
        "pengendali_not_in_profile": lambda: t("this region's rules have no pengendali"),
        "pengendali_workload_unverified": lambda: t("the workload analysis (ABK ≥ {min}) is not recorded",
                                                    min=p.get("min")),
        "pengendali_workload_too_low": lambda: t("the workload analysis is below {min}", min=p.get("min")),
        "pengendali_must_come_from_owning_unit": lambda: t("the pengendali must come from the team's owning unit "
                                                           "(unless moved in by mutasi)"),
        "pengendali_appointer_not_allowed": lambda: t("this official may not appoint the pengendali"),
    }
    text = messages.get(f.code, lambda: f.code)()
    return t("{rule}: {text} ({article})", rule=f.rule_id, text=text, article=f.article)
