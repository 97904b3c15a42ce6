"""Every code the domain (or a handler) raises or reports has words in the catalogue, in
Indonesian and in English, and the catalogue holds nothing nobody raises.

The codes are read from the source (AST), so a new `DomainError("…")`, `RuleFinding(…, "…")`
or import `Issue` code fails here until it is worded in handlers/core/messages.py."""
from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from domain.errors import DomainError
from domain.profiles import Role
from domain.rules import RuleFinding
from handlers.core import messages
from handlers.core.findings import finding_text
from handlers.core.i18n import LOCALES_DIR, Translator, translator

ROOT = Path(__file__).resolve().parents[2]
SCANNED = ("domain", "handlers")
# Where a code is passed as an argument: the class and the position of its code.
CODE_ARGUMENT = {"DomainError": 0, "RuleFinding": 1, "Issue": 2}
# Codes built with an f-string: the values each placeholder takes, per enclosing function.
_KETUA_PENGENDALI = ("ketua", "pengendali")
PLACEHOLDERS = {
    ("_workload", "post"): _KETUA_PENGENDALI,
    ("_origin", "post"): _KETUA_PENGENDALI,
    ("_appointer", "post"): _KETUA_PENGENDALI,
    ("check_term", "post.value"): ("team", "ketua", "pengendali"),
    ("check_activation", "post.value"): _KETUA_PENGENDALI,
}
# Sample parameters, enough for every wording to render.
SAMPLE = {"min": 10, "max": 3, "length": 5000, "max_months": 12, "latest": "2027-06-30", "latest_end": "2027-06-30",
          "roles": ("unit_head", "sekda"), "article": "Ps 26(1)", "max_mb": 20, "mime": "x/y",
          "starts_on": dt.date(2026, 12, 1), "ends_on": dt.date(2026, 12, 14), "name": "x", "months": 3,
          "after": "2026-12-31", "valid": ["a", "b"],
          "profile": "x", "key": "k", "detail": "d", "file": "f", "value": "v", "required": "S1", "actual": "SMA",
          "header": "h", "rows": "2, 3", "chain": "a → b", "unit": "u"}


class _Scanner(ast.NodeVisitor):
    """Collects code literals at code positions; knows the innermost function it is in."""

    def __init__(self, sinks: dict[str, int], where: str) -> None:
        self.sinks, self.where = sinks, where
        self.functions: list[ast.FunctionDef] = []
        self.codes: set[str] = set()
        self.unresolved: list[str] = []

    def visit_FunctionDef(self, node) -> None:
        self.functions.append(node)
        self.generic_visit(node)
        self.functions.pop()

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Call(self, node: ast.Call) -> None:
        f = node.func
        name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else None
        if name in self.sinks:
            i = self.sinks[name]
            arg = node.args[i] if len(node.args) > i else next(
                (k.value for k in node.keywords if k.arg == "code"), None)
            if arg is not None:
                self._resolve(arg)
        self.generic_visit(node)

    def _resolve(self, arg: ast.expr) -> None:
        fn = self.functions[-1] if self.functions else None
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            self.codes.add(arg.value)
        elif isinstance(arg, ast.IfExp):
            self._resolve(arg.body)
            self._resolve(arg.orelse)
        elif isinstance(arg, ast.JoinedStr):
            self.codes |= self._expand(arg, fn)
        elif isinstance(arg, ast.Attribute) and arg.attr == "code":
            pass  # passing on a code raised elsewhere (err.code)
        elif isinstance(arg, ast.Name) and fn is not None and arg.id in [a.arg for a in fn.args.args]:
            pass  # a parameter: its callers pass the literal, and they are scanned too
        elif isinstance(arg, ast.Name) and fn is not None and (values := self._assigned(fn, arg.id)):
            for value in values:
                self._resolve(value)
        else:
            self.unresolved.append(f"{self.where}:{arg.lineno} {ast.unparse(arg)}")

    @staticmethod
    def _assigned(fn, name: str) -> list[ast.expr]:
        return [n.value for n in ast.walk(fn) if isinstance(n, ast.Assign)
                and any(isinstance(target, ast.Name) and target.id == name for target in n.targets)]

    def _expand(self, arg: ast.JoinedStr, fn) -> set[str]:
        out = {""}
        for part in arg.values:
            if isinstance(part, ast.Constant):
                out = {o + part.value for o in out}
                continue
            key = (fn.name if fn else None, ast.unparse(part.value))
            if key not in PLACEHOLDERS:
                self.unresolved.append(f"{self.where}:{arg.lineno} {ast.unparse(arg)} (add {key} to PLACEHOLDERS)")
                return set()
            out = {o + value for o in out for value in PLACEHOLDERS[key]}
        return out


def raised_codes() -> tuple[set[str], list[str]]:
    trees = {p: ast.parse(p.read_text(encoding="utf-8")) for d in SCANNED for p in sorted((ROOT / d).rglob("*.py"))}
    classes = [n for tree in trees.values() for n in ast.walk(tree) if isinstance(n, ast.ClassDef)]
    errors, grew = {"DomainError"}, True
    while grew:  # DomainError's subclasses, and theirs
        new = {c.name for c in classes if any(isinstance(b, ast.Name) and b.id in errors for b in c.bases)}
        grew, errors = not new <= errors, errors | new
    sinks, fixed = dict(CODE_ARGUMENT), set()
    for c in classes:
        if c.name not in errors or c.name == "DomainError":
            continue
        init = next((n for n in c.body if isinstance(n, ast.FunctionDef) and n.name == "__init__"), None)
        params = [a.arg for a in init.args.args[1:]] if init else ["code"]
        if "code" in params:
            sinks[c.name] = params.index("code")
        else:  # a fixed code: IllegalTransition -> super().__init__("illegal_transition", …)
            fixed |= {n.args[0].value for n in ast.walk(init) if isinstance(n, ast.Call)
                      and isinstance(n.func, ast.Attribute) and n.func.attr == "__init__"
                      and n.args and isinstance(n.args[0], ast.Constant)}
    # The domain's own helpers that take a code (the import's rows.error/warn, _duplicates, …).
    for path, tree in trees.items():
        if path.is_relative_to(ROOT / "domain"):
            for fn in ast.walk(tree):
                if isinstance(fn, ast.FunctionDef) and fn.name != "__init__":
                    params = [a.arg for a in fn.args.args if a.arg != "self"]
                    if "code" in params:
                        sinks[fn.name] = params.index("code")
    codes, unresolved = set(fixed), []
    for path, tree in trees.items():
        scanner = _Scanner(sinks, str(path.relative_to(ROOT)))
        scanner.visit(tree)
        codes |= scanner.codes
        unresolved += scanner.unresolved
    return codes, unresolved


def _catalog(lang: str) -> dict[str, str]:
    with (LOCALES_DIR / lang / "LC_MESSAGES" / "sikerja.po").open("rb") as f:
        return {m.id: m.string for m in read_po(f, locale=lang) if m.id}


class _Recording(Translator):
    def __init__(self, lang: str) -> None:
        super().__init__(lang)
        self.msgids: list[str] = []

    def __call__(self, msgid: str, **params: object) -> str:
        self.msgids.append(msgid)
        return super().__call__(msgid, **params)


def test_the_scan_finds_the_codes_of_all_three_kinds():
    codes, unresolved = raised_codes()
    assert unresolved == [], "a code the scan cannot read: use a literal (or teach the scan)"
    assert {"text_too_short", "illegal_transition", "unknown_profile", "no_official",  # DomainError
            "ketua_workload_too_low", "team_term_too_long", "ketua_education_unknown",  # RuleFinding
            "duplicate_nip", "missing_column", "required"} <= codes  # import Issue


def test_every_raised_code_has_words_in_both_languages():
    codes, _ = raised_codes()
    assert sorted(codes - messages.CODES) == [], "add these codes to handlers/core/messages.py"
    catalogs = {lang: _catalog(lang) for lang in ("id", "en")}
    for code in sorted(codes):
        for lang, catalog in catalogs.items():
            t = _Recording(lang)
            text = messages.sentence(t, code, SAMPLE)
            messages.clause(t, code, SAMPLE)
            assert text and t.msgids, code
            untranslated = [m for m in t.msgids if not catalog.get(m)]
            assert untranslated == [], f"{lang}: {code}"
            assert "_" not in code or code not in text, f"{lang}: the code itself shows in {text!r}"


def test_no_entry_is_orphaned():
    codes, _ = raised_codes()
    assert sorted(messages.CODES - codes) == [], "nobody raises these codes any more"


def test_a_finding_names_its_article_but_not_our_rule_number():
    finding = RuleFinding("R34", "pengendali_jenjang_too_low", "Ps 13(d) (the Pasal, not the Lampiran)")
    assert (finding_text(translator("en"), finding, "Perbup HSU 4/2025")
            == "a pengendali must be at least a JF Ahli Muda (Pasal 13 huruf d Perbup HSU 4/2025)")
    assert "R34" not in finding_text(translator("id"), finding)


def test_a_finding_where_the_regulation_is_silent_cites_sikerja_not_ns():
    finding = RuleFinding("R34", "pengendali_jenjang_too_low", "NS; product decision 3 (no Pengendali)")
    text = finding_text(translator("id"), finding, "Pergub Banten 19/2023")
    assert text.endswith("(ketentuan Sikerja)") and "NS" not in text and "decision" not in text


def test_officials_are_named_by_their_title_not_our_role_code():
    err = DomainError("no_official", roles=(Role.UNIT_HEAD, Role.SEKDA))
    assert messages.explain(translator("en"), err) == ("No official is recorded for this step (unit head, "
                                                       "Sekretaris Daerah). Please contact the HR admin.")


@pytest.mark.parametrize("lang, expected", [
    ("en", "Sorry, that could not be done: “123” is not a valid NIP"),
    ("id", "Mohon maaf, hal itu tidak dapat dilakukan: “123” bukan"),
])
def test_a_code_worded_only_as_a_clause_still_makes_a_sentence(lang, expected):
    assert messages.explain(translator(lang), DomainError("invalid_nip", value="123")).startswith(expected)


def test_an_unknown_code_never_reaches_the_user(caplog):
    assert messages.explain(translator("en"), DomainError("no_such_code")) == "Sorry, that could not be done."
    assert "no_such_code" in caplog.text
