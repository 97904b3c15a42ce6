"""The on-screen citation of a profile source: the regulation's own wording, never our shorthand."""
import re

import pytest

from domain.profiles import load_profile, profile_names
from domain.profiles.citation import cite
from domain.profiles.describe import iter_knobs

# What a unit head must never read: our shorthand, internal codes and English commentary.
FORBIDDEN = re.compile(
    r"\b(?:NS|PPK|PyB|UO|PD|R\d+|Ps|Lamp|has|no|not|the|via|and|or|of|to|in|as|by|with|only|default|follows|"
    r"product|decision|setting|intro|stage|closing|paragraph|sets|names|undefined|used|from)\b|§|⚠|\(\s*\)"
)


def _sources() -> list[tuple[str, str, str]]:
    found = []
    for name in profile_names():
        profile = load_profile(name)
        found.append((name, "source", profile.source))
        found += [(name, path, source) for path, _, source in iter_knobs(profile)]
    return found


@pytest.mark.parametrize(("name", "path", "source"), _sources(), ids=lambda v: str(v)[:40])
def test_every_source_of_every_profile_reads_as_the_regulation_would(name: str, path: str, source: str) -> None:
    title = load_profile(name).citation_title
    text = cite(source, title)
    if text is None:  # the regulation is silent or the rule is ours: the caller says "ketentuan Sikerja"
        return
    assert not FORBIDDEN.search(text.removesuffix(title)), f"{name} {path}: {source!r} -> {text!r}"
    assert text.endswith(f" {title}") and text.startswith(("Pasal ", "Lampiran"))


@pytest.mark.parametrize(("source", "expected"), [
    ("Ps 10(3)(a) (pendidikan minimal sarjana)", "Pasal 10 ayat (3) huruf a Pergub Banten 19/2023"),
    ("Ps 14(5)(b), 24(3)(b)", "Pasal 14 ayat (5) huruf b dan Pasal 24 ayat (3) huruf b Pergub Banten 19/2023"),
    ("Lamp. II A.1.3", "Lampiran II huruf A angka 1.3 Pergub Banten 19/2023"),
    ("Ps 15(4) (Sekda as Ketua Tim Penilai Kinerja); Ps 30", "Pasal 15 ayat (4) dan Pasal 30 Pergub Banten 19/2023"),
    ("Ps 1(16): a UO is a whole PD", "Pasal 1 angka 16 Pergub Banten 19/2023"),  # Pasal 1 numbers its definitions
    ("Ps 15(5)-(6) ('wajib') ⚠ Ps 19(3); default follows Ps 15(5)",
     "Pasal 15 ayat (5) sampai dengan ayat (6) Pergub Banten 19/2023"),
    ("Lamp. B.3 b.4; c.5", "Lampiran huruf B angka 3 huruf b angka 4 dan Lampiran huruf B angka 3 huruf c angka 5 "
                           "Pergub Banten 19/2023"),
    ("Lamp. I §2 a.2)b)", "Lampiran I angka 2 huruf a angka 2) huruf b) Pergub Banten 19/2023"),
    ("Lamp. II B (intro: tembusan PPK)", "Lampiran II huruf B Pergub Banten 19/2023"),
    ("Pergub Banten 19/2023 (Berita Daerah 2023 No. 19), Ps 1", "Pasal 1 Pergub Banten 19/2023"),
])
def test_a_source_becomes_the_citation_a_reader_of_the_regulation_writes(source: str, expected: str) -> None:
    assert cite(source, "Pergub Banten 19/2023") == expected


@pytest.mark.parametrize("source", [
    "NS", "NS (Ps 26 has no 'sewaktu-waktu' request)", "product decision 3 (no Pengendali)",
    "NS; product decisions 1 and 5", "setting: 'berkala' has no period; default quarterly",
    "PyB undefined; product decision 4", "WIB from the city's location; the regulation names no time zone",
])
def test_silence_or_a_product_decision_cites_no_article(source: str) -> None:
    assert cite(source, "Perwali Surakarta 32/2023") is None


def test_without_a_title_only_the_article_is_cited() -> None:
    assert cite("Ps 26(1) (beserta data dukung hasil kerja)") == "Pasal 26 ayat (1)"


def test_every_profile_has_a_short_citation_title() -> None:
    for name in profile_names():
        profile = load_profile(name)
        assert profile.citation_title and len(profile.citation_title) < len(profile.title), name
