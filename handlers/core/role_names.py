"""An official's role as the reader says it: the regulation's own titles, never our code."""
from __future__ import annotations

from domain.profiles import Role
from handlers.core.i18n import Translator


def role_name(t: Translator, role: Role | str) -> str:
    names = {
        Role.UNIT_HEAD: lambda: t("unit head"),
        Role.RATER: lambda: t("Penilai Kinerja"),
        Role.AGENCY_HEAD: lambda: t("head of the Perangkat Daerah"),
        Role.SEKDA: lambda: t("Sekretaris Daerah"),
        Role.AUTHORIZED_OFFICIAL: lambda: t("Pejabat yang Berwenang"),
        Role.PERSONNEL_AUTHORITY: lambda: t("Pejabat Pembina Kepegawaian"),
        Role.REGIONAL_HEAD: lambda: t("Bupati or Wali Kota"),
        Role.KABAG: lambda: t("Kepala Bagian"),
        Role.PENGENDALI: lambda: t("pengendali"),
        Role.KETUA: lambda: t("ketua"),
        Role.PERFORMANCE_OWNER: lambda: t("unit head"),  # the head whose performance target it is
        Role.APPLICANT: lambda: t("applicant"),
        Role.ADMIN: lambda: t("HR admin"),
    }
    return names[Role(role)]()
