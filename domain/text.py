"""Written text the rules ask for, above all a reason: a refusal, a return for revision
(umpan balik), a decision on a kendala. One bound for every reason, so no feature accepts
"ok" where another asks for a sentence (product decision 1, docs/DECISIONS.md)."""
from __future__ import annotations

from domain.errors import DomainError

REASON_MIN_LENGTH = 10
REASON_MAX_LENGTH = 1000


def validate_text(text: str | None, min_len: int, max_len: int, field: str) -> str:
    """The text without surrounding blanks, or text_too_short / text_too_long."""
    cleaned = (text or "").strip()
    if len(cleaned) < min_len:
        raise DomainError("text_too_short", field=field, min=min_len)
    if len(cleaned) > max_len:
        raise DomainError("text_too_long", field=field, max=max_len, length=len(cleaned))
    return cleaned


def validate_reason(reason: str | None, field: str = "reason") -> str:
    """A written reason: meaningful (not just a few characters) and bounded."""
    return validate_text(reason, REASON_MIN_LENGTH, REASON_MAX_LENGTH, field)
