"""Written text the rules ask for, above all a reason: a refusal, a return for revision
(umpan balik), a decision on a kendala. One bound for every reason, so no feature accepts
"ok" where another asks for a sentence (product decision 1, docs/DECISIONS.md)."""
from __future__ import annotations

import re

from domain.errors import DomainError

REASON_MIN_LENGTH = 10
REASON_MAX_LENGTH = 1000


def validate_text(text: str | None, min_len: int, max_len: int, field: str) -> str:
    """The text without surrounding blanks, or text_too_short / text_too_long."""
    cleaned = clean_text(text or "").strip()
    if len(cleaned) < min_len:
        raise DomainError("text_too_short", field=field, min=min_len)
    if len(cleaned) > max_len:
        raise DomainError("text_too_long", field=field, max=max_len, length=len(cleaned))
    return cleaned


def validate_reason(reason: str | None, field: str = "reason") -> str:
    """A written reason: meaningful (not just a few characters) and bounded."""
    return validate_text(reason, REASON_MIN_LENGTH, REASON_MAX_LENGTH, field)


# Control characters other than tab and line breaks (C0, DEL, C1), and the bidi embeddings,
# overrides and isolates (U+202A-U+202E, U+2066-U+2069) that make text display in another
# order than it is stored ("Trojan Source"): nobody types them, and they can hide or fake a name.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# What makes a spreadsheet read a cell as a formula (OWASP "CSV injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def clean_text(text: str) -> str:
    """Typed text (a conversation's answer) without control or bidi characters."""
    return _UNSAFE.sub("", text)


def check_cell_text(text: str) -> str:
    """A name or free text from a spreadsheet: refused rather than silently changed, so HR
    fixes the source. `unsafe_text` for control or bidi characters, `formula_text` for a
    value starting like a formula (= + - @), which would run when the export is opened."""
    if _UNSAFE.search(text):
        raise DomainError("unsafe_text", value=_UNSAFE.sub("\N{REPLACEMENT CHARACTER}", text))
    if text.lstrip().startswith(FORMULA_START):
        raise DomainError("formula_text", value=text)
    return text


def neutralise_formula(text: str) -> str:
    """A cell for an exported CSV/XLSX: one that would start a formula gets a leading single
    quote (OWASP), so a spreadsheet shows it as text and never evaluates it."""
    return "'" + text if text.startswith(FORMULA_START) else text


def shorten(text: str, limit: int) -> str:
    """`text` on one line, at most `limit` characters: cut at a word boundary and marked
    with "…", never mid-word ("Rencana Kerja S"); a single overlong word is cut with "…"."""
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    head = text[:limit - 1]
    if text[limit - 1] != " " and " " in head:
        head = head[:head.rindex(" ")]
    return head.rstrip(" ,.;:-–—") + "…"
