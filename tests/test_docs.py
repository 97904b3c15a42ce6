"""The repository documents itself: every "product decision N" a profile or a module cites is
written down in docs/DECISIONS.md, profiles cite nothing outside the repository, links between
the documents resolve, and the glossary names the profile vocabulary."""
from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest

from bot.cli import main
from domain.acting import ActingKind
from domain.assignment import AssignmentMode
from domain.org import JabatanKind
from domain.profiles import Role, load_profile, profile_names
from domain.profiles.describe import iter_knobs
from domain.team import MemberRole

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
DECISIONS = DOCS / "DECISIONS.md"
GLOSSARY = DOCS / "GLOSSARY.md"

# "product decision 4", "product decisions 1 and 5", "Product decisions 3-4", "product decisions 1, 5 and 11"
_CITATION = re.compile(r"product decisions? (\d+(?:\s*(?:,|-|–|and)\s*\d+)*)", re.IGNORECASE)
# What only the digest outside the repository explains: its name, its sections ("§2.11.3"), its Corrections.
_OUTSIDE = re.compile(r"digest|REGULATIONS\.md|ARCHITECTURE\.md|Corrections|\.\./shared|§\d+\.\d", re.IGNORECASE)


def cited_decisions(text: str) -> set[int]:
    numbers: set[int] = set()
    for match in _CITATION.finditer(text):
        for part in re.split(r"\s*(?:,|and)\s*", match.group(1)):
            bounds = [int(n) for n in re.split(r"\s*[-–]\s*", part)]  # "3-4" is a range
            numbers.update(range(bounds[0], bounds[-1] + 1))
    return numbers


def decision_numbers() -> set[int]:
    return {int(n) for n in re.findall(r"^## (\d+)\. \S", DECISIONS.read_text(encoding="utf-8"), re.MULTILINE)}


def profile_texts() -> dict[str, str]:
    data = resources.files("domain.profiles").joinpath("data")
    return {name: data.joinpath(f"{name}.toml").read_text(encoding="utf-8") for name in profile_names()}


def test_citation_parser_reads_every_form():
    assert cited_decisions("NS; product decisions 1 and 5") == {1, 5}
    assert cited_decisions("Product decisions 3-4: PyB") == {3, 4}
    assert cited_decisions("PyB undefined; product decision 4 (configurable)") == {4}
    assert cited_decisions("product decisions 1, 5 and 11") == {1, 5, 11}
    assert cited_decisions("Lamp. I §2 a.1") == set()


def test_decisions_are_numbered_one_to_n_without_gaps():
    numbers = decision_numbers()
    assert numbers and numbers == set(range(1, max(numbers) + 1))


@pytest.mark.parametrize("name", profile_names())
def test_every_decision_a_profile_cites_is_written_down(name):
    cited = cited_decisions(profile_texts()[name])
    cited |= {n for _path, _value, source in iter_knobs(load_profile(name)) for n in cited_decisions(source)}
    assert cited <= decision_numbers(), f"{name} cites product decisions missing from docs/DECISIONS.md"


def test_every_decision_the_code_cites_is_written_down():
    missing = {}
    for path in sorted(p for d in ("domain", "handlers", "storage", "bot", "tests") for p in (ROOT / d).rglob("*.py")):
        if unknown := cited_decisions(path.read_text(encoding="utf-8")) - decision_numbers():
            missing[str(path.relative_to(ROOT))] = sorted(unknown)
    assert not missing


@pytest.mark.parametrize("name", profile_names())
def test_profiles_cite_nothing_outside_the_repository(name):
    outside = [line for line in profile_texts()[name].splitlines() if _OUTSIDE.search(line)]
    assert not outside


def test_repository_documents_do_not_point_outside_it():
    for doc in (ROOT / "CONTRIBUTING.md", ROOT / "README.md", *DOCS.glob("*.md")):
        assert "../shared" not in doc.read_text(encoding="utf-8"), doc.name


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


@pytest.mark.parametrize("doc", [ROOT / "CONTRIBUTING.md", ROOT / "README.md", *sorted(DOCS.rglob("*.md"))],
                         ids=lambda p: p.name)
def test_links_between_documents_resolve(doc):
    for target, anchor in re.findall(r"\]\(([\w./-]+\.md)(?:#([\w-]+))?\)", doc.read_text(encoding="utf-8")):
        linked = (doc.parent / target).resolve()
        assert linked.is_file(), target
        if anchor:
            headings = re.findall(r"^#+ (.+)$", linked.read_text(encoding="utf-8"), re.MULTILINE)
            assert anchor in {_slug(h) for h in headings}, f"{target}#{anchor}"


def test_contributing_points_to_the_glossary_and_the_decisions():
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert "docs/GLOSSARY.md" in text and "docs/DECISIONS.md" in text


@pytest.mark.parametrize("enum", [Role, JabatanKind, MemberRole, AssignmentMode, ActingKind], ids=lambda e: e.__name__)
def test_glossary_names_the_code_vocabulary(enum):
    text = GLOSSARY.read_text(encoding="utf-8")
    generic = {Role.APPLICANT, Role.ADMIN}  # not regulatory terms
    missing = [m for m in enum if m not in generic and m.name not in text and f"`{m.value}`" not in text]
    assert not missing


def test_profile_show_says_where_decisions_are_defined(capsys, monkeypatch):
    monkeypatch.delenv("SIKERJA_PROFILE", raising=False)
    assert main(["profile", "show", "nasional"]) == 0
    out = capsys.readouterr().out
    assert "product decision 3" in out and "docs/DECISIONS.md" in out and "docs/GLOSSARY.md" in out


def test_the_readme_opens_in_indonesian_and_links_the_manual():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme.index("**Ringkasan.**") < readme.index("## ")
    assert readme.count("(docs/id/PANDUAN.md)") >= 1
    manual = (DOCS / "id" / "PANDUAN.md").read_text(encoding="utf-8")
    for role in ("## Untuk semua pegawai", "## Untuk ketua tim", "## Untuk pimpinan unit", "## Untuk admin BKPSDM"):
        assert role in manual
