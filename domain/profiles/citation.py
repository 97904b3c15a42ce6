"""The on-screen citation of a profile `source`: "Ps 10(3)(a)" -> "Pasal 10 ayat (3) huruf a Pergub Banten 19/2023".

A `source` is developer shorthand (kept verbatim for `profile show`): abbreviations, English commentary
in parentheses, "NS" (the regulation is silent), product decisions, ⚠ notes on self-contradictions.
A unit head sees only what a reader of the regulation would write. Anything this grammar does not
recognise is left out rather than shown; a source with nothing citable yields None (the behaviour is
then Sikerja's own rule, which the caller words)."""
from __future__ import annotations

import re

_PASAL = re.compile(r"^(?:Ps\s+)?(\d+)((?:\([0-9a-z]+\))*)(?:-(\([0-9a-z]+\)))?$")
_LAMP = re.compile(r"^Lamp\.(?:\s+(.*))?$")
_LAMP_BODY = re.compile(r"^[A-Za-z0-9.()§\- ]+$")
_ROMAN = re.compile(r"^[IVX]+$")
_LOWER_ROMAN = re.compile(r"^(?:i{1,3}|iv|v|vi{1,3}|ix|x)$")
_INDONESIAN_WORDS = {"Kedudukan"}  # headings of a Lampiran, cited by name
_TOKEN = re.compile(r"\([0-9a-z]+\)|§\d+|\d+\)?|[A-Z][a-z]+|[A-Z]+\)?|[a-z]+\)?|-")


def cite(source: str, title: str = "") -> str | None:
    """The regulation's own citation of `source`, followed by `title` (e.g. "Pergub Banten 19/2023")."""
    parts = _articles(_drop_commentary(source), title)
    if not parts and " (" in source:  # commentary the grammar cannot strip: cite what precedes it
        parts = _articles(source.split(" (")[0], title)
    if not parts:
        return None
    joined = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " dan " + parts[-1]
    return f"{joined} {title}".strip()


def _articles(text: str, title: str) -> list[str]:
    parts: list[str] = []
    previous = ""
    for piece in re.split(r"[;,]|\band\b|\bor\b", text):
        piece = piece.strip()
        if title and piece.startswith(title):
            piece = piece[len(title):].strip()
        if not piece or piece.startswith(("NS", "product decision", "setting")):
            previous = ""
            continue
        words = _pasal(piece) or _lampiran(piece)
        if words is None and previous:  # "Ps 14(5)(b), 24(3)(b)", "Lamp. B.3 b.4; c.5", "Lamp. V.b 4; V.c 5"
            if re.match(r"Lamp\. [IVX]+\.", previous) and re.match(r"[IVX]+\.", piece):
                previous = "Lamp."
            piece = f"{previous} {piece}"
            words = _pasal(piece) or _lampiran(piece)
        if words is None:
            previous = ""
            continue
        previous = "Ps" if words.startswith("Pasal") else piece.rsplit(" ", 1)[0]
        if words not in parts:
            parts.append(words)
    return parts


def _drop_commentary(source: str) -> str:
    """Without ⚠ notes (the default follows the first article), parenthesised comments and ": …" glosses."""
    text = source.split("⚠")[0]
    # citation parts like "(3)" step aside as <3> so that only commentary is left in parentheses
    text = re.sub(r"\(([0-9a-z]{1,4})\)", r"<\1>", text)
    while (shorter := re.sub(r"\([^()]*\)", "", text)) != text:
        text = shorter
    text = text.replace("(", "")  # an unbalanced "(" left by a cut note
    text = text.split(":")[0]
    return re.sub(r"\s+", " ", re.sub(r"<([0-9a-z]{1,4})>", r"(\1)", text)).strip()


def _pasal(piece: str) -> str | None:
    m = _PASAL.match(piece)
    if m is None or (not piece.startswith("Ps") and not piece[0].isdigit()):
        return None
    number, subs, until = m.group(1), re.findall(r"\(([0-9a-z]+)\)", m.group(2)), m.group(3)
    words = [f"Pasal {number}"]
    label = ""
    for i, sub in enumerate(subs):
        label = _pasal_label(number, i, sub)
        words.append(f"{label} ({sub})" if label in ("ayat",) else f"{label} {sub}")
    if until:
        end = until.strip("()")
        words.append(f"sampai dengan {label} ({end})" if label == "ayat" else f"sampai dengan {label} {end}")
    return " ".join(words) if piece.startswith("Ps") else None


def _pasal_label(number: str, i: int, sub: str) -> str:
    if sub.isdigit():
        # Pasal 1 lists definitions by number; elsewhere the first number is an ayat
        return "ayat" if i == 0 and number != "1" else "angka"
    return "huruf"


def _lampiran(piece: str) -> str | None:
    m = _LAMP.match(piece)
    if m is None:
        return None
    body = (m.group(1) or "").strip()
    if body and not _LAMP_BODY.match(body):
        return None
    tokens = _TOKEN.findall(body)
    if "".join(tokens) != re.sub(r"[ .]", "", body):  # something the grammar does not know
        return None
    words = ["Lampiran"]
    if tokens and _ROMAN.match(tokens[0]):
        words[0] += f" {tokens.pop(0)}"
    label = ""
    for token in tokens:
        if token == "-":
            words.append("sampai dengan")
            continue
        bare = token.strip("()")
        if token.startswith("("):  # "a(4)": a numbered point inside a lettered one
            label, value = ("angka" if bare.isdigit() else "huruf"), token
        elif token.startswith("§"):
            label, value = "angka", token[1:]
        elif bare.isdigit():
            label, value = "angka", token
        elif bare in _INDONESIAN_WORDS:
            label, value = "", bare
        elif _ROMAN.match(bare) and len(bare) > 1:
            label, value = "bagian", token
        elif _LOWER_ROMAN.match(bare) and len(bare) > 1:
            label, value = "angka", token
        elif len(bare) == 1 and bare.isalpha():
            label, value = "huruf", token
        else:
            return None
        if words[-1] == "sampai dengan" or (label == "angka" and words[-1].startswith("angka ")
                                            and words[-1][-1].isdigit() and value[0].isdigit()):
            # a range ("a-c") or a dotted number ("1.3") continues the previous label
            words[-1] = f"{words[-1]} {value}" if words[-1] == "sampai dengan" else f"{words[-1]}.{value}"
        else:
            words.append(f"{label} {value}".strip())
    return " ".join(words)


__all__ = ["cite"]
