"""Telegram's HTML parse mode: validation, visible text and message entities.

Mirrors tdlib's `parse_html` (what api.telegram.org runs) so that a bot which
passes here also passes on real Telegram: same allowed tags, same error texts
("Unsupported start tag \"foo\" at byte offset 12"), offsets in UTF-16 units.
One deliberate difference, switchable with `strict_ampersand`: a bare '&' that
is not an entity is refused, because it is always a missing html.escape().
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

ALLOWED_TAGS = frozenset(
    {
        "a", "b", "strong", "i", "em", "u", "ins", "s", "strike", "del",
        "span", "tg-spoiler", "code", "pre", "blockquote", "tg-emoji",
    }
)  # fmt: skip

# Tag -> Bot API MessageEntity type (the ones whose type needs no argument).
_SIMPLE_ENTITY = {
    "b": "bold", "strong": "bold",
    "i": "italic", "em": "italic",
    "u": "underline", "ins": "underline",
    "s": "strikethrough", "strike": "strikethrough", "del": "strikethrough",
    "span": "spoiler", "tg-spoiler": "spoiler",
}  # fmt: skip

_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
# tdlib treats '\0' as a space too; end of text is handled separately.
_SPACES = " \t\r\n\v\f"
_SPECIAL = re.compile("[<&]")


class EntityParseError(ValueError):
    """The text is not valid Telegram HTML; str(self) is Telegram's reason."""


@dataclass
class ParsedText:
    """What the user sees (`text`) plus the entities Telegram would return."""

    text: str
    entities: list[dict[str, Any]] = field(default_factory=list)


def utf16_len(text: str) -> int:
    return sum(2 if ord(ch) > 0xFFFF else 1 for ch in text)


def _decode_entity(text: str, pos: int) -> tuple[str, int] | None:
    """Decode `&...` at `pos` like tdlib (the ';' is optional); None if not an entity."""
    end = pos + 1
    n = len(text)
    if end < n and text[end] == "#":
        end += 1
        value = 0
        digits = 0
        hexadecimal = end < n and text[end] in "xX"
        if hexadecimal:
            end += 1
        base_digits = "0123456789abcdefABCDEF" if hexadecimal else "0123456789"
        while end < n and text[end] in base_digits:
            value = value * (16 if hexadecimal else 10) + int(text[end], 16)
            digits += 1
            end += 1
            if value >= 0x10FFFF:
                return None
        if digits == 0 or value == 0 or 0xD800 <= value <= 0xDFFF or end - pos >= 10:
            return None
        char = chr(value)
    else:
        while end < n and text[end].isascii() and text[end].isalpha():
            end += 1
        named = _NAMED_ENTITIES.get(text[pos + 1 : end])
        if named is None:
            return None
        char = named
    if end < n and text[end] == ";":
        end += 1
    return char, end


def _byte_offset(text: str, pos: int) -> int:
    return len(text[:pos].encode("utf-8"))


@dataclass
class _OpenTag:
    name: str
    argument: str
    utf16_start: int


def parse_html(source: str, *, strict_ampersand: bool = True) -> ParsedText:
    """Parse Telegram HTML into visible text and entities, or raise EntityParseError."""
    out: list[str] = []
    utf16 = 0
    stack: list[_OpenTag] = []
    entities: list[dict[str, Any]] = []
    n = len(source)
    i = 0

    def err(reason: str) -> EntityParseError:
        return EntityParseError(reason)

    while i < n:
        ch = source[i]
        if ch == "&":
            decoded = _decode_entity(source, i)
            if decoded is None:
                if strict_ampersand:
                    raise err(
                        'Character "&" is reserved and must be escaped as "&amp;" '
                        f"at byte offset {_byte_offset(source, i)}"
                    )
                decoded = ("&", i + 1)
            char, i = decoded
            out.append(char)
            utf16 += utf16_len(char)
            continue
        if ch != "<":  # a run of plain text, up to the next tag or entity, in one step
            special = _SPECIAL.search(source, i)
            end = n if special is None else special.start()
            run = source[i:end]
            out.append(run)
            utf16 += len(run) if run.isascii() else utf16_len(run)
            i = end
            continue

        begin = i
        offset = _byte_offset(source, begin)
        i += 1
        if i >= n or source[i] != "/":
            # Start tag: name runs until a space or '>'.
            name_start = i
            while i < n and source[i] not in _SPACES and source[i] != ">":
                i += 1
            if i >= n:
                raise err(f"Unclosed start tag at byte offset {offset}")
            tag = source[name_start:i].lower()
            if tag not in ALLOWED_TAGS:
                raise err(f'Unsupported start tag "{tag}" at byte offset {offset}')
            argument = ""
            while True:
                while i < n and source[i] in _SPACES:
                    i += 1
                if i >= n:
                    raise err(f"Unclosed start tag at byte offset {offset}")
                if source[i] == ">":
                    break
                attr_start = i
                while i < n and source[i] not in _SPACES and source[i] not in "=>":
                    i += 1
                attr = source[attr_start:i].lower()
                if not attr:
                    raise err(f'Empty attribute name in the tag "{tag}" at byte offset {offset}')
                while i < n and source[i] in _SPACES:
                    i += 1
                if tag == "blockquote" and attr == "expandable" and (i >= n or source[i] != "="):
                    argument = "expandable"  # valueless attribute, accepted by Telegram
                    continue
                if i >= n or source[i] != "=":
                    raise err(
                        "Expected equal sign in declaration of an attribute of the tag "
                        f'"{tag}" at byte offset {offset}'
                    )
                i += 1
                while i < n and source[i] in _SPACES:
                    i += 1
                if i >= n:
                    raise err(f"Unclosed start tag at byte offset {offset}")
                if source[i] not in "'\"":
                    # Unquoted name token: letters, digits, periods, hyphens.
                    token_start = i
                    while i < n and ((source[i].isascii() and source[i].isalnum()) or source[i] in ".-"):
                        i += 1
                    value = source[token_start:i].lower()
                    if i >= n or (source[i] not in _SPACES and source[i] != ">"):
                        raise err(
                            f"Unexpected end of name token at byte offset {_byte_offset(source, token_start)}"
                        )
                else:
                    quote = source[i]
                    i += 1
                    chars: list[str] = []
                    while i < n and source[i] != quote:
                        if source[i] == "&":
                            decoded = _decode_entity(source, i)
                            if decoded is not None:
                                chars.append(decoded[0])
                                i = decoded[1]
                                continue
                        chars.append(source[i])
                        i += 1
                    if i >= n:
                        raise err(f"Unclosed start tag at byte offset {offset}")
                    i += 1
                    value = "".join(chars)
                if tag == "a" and attr == "href":
                    argument = value
                elif tag == "code" and attr == "class" and value.startswith("language-"):
                    argument = value[len("language-") :]
                elif tag == "span" and attr == "class" and value.startswith("tg-"):
                    argument = value[len("tg-") :]
                elif tag == "tg-emoji" and attr == "emoji-id":
                    argument = value
                elif tag == "blockquote" and attr == "expandable":
                    argument = "expandable"
                # Other attributes are ignored, as Telegram does.
            if tag == "span" and argument != "spoiler":
                raise err(f'Tag "span" must have class "tg-spoiler" at byte offset {offset}')
            if tag == "tg-emoji" and not argument.isdigit():
                raise err(f'Invalid custom emoji identifier specified at byte offset {offset}')
            stack.append(_OpenTag(tag, argument, utf16))
            i += 1  # skip '>'
            continue

        # End tag.
        if not stack:
            raise err(f"Unexpected end tag at byte offset {offset}")
        i += 1  # skip '/'
        name_start = i
        while i < n and source[i] not in _SPACES and source[i] != ">":
            i += 1
        end_name = source[name_start:i].lower()
        while i < n and source[i] in _SPACES:
            i += 1
        if i >= n or source[i] != ">":
            raise err(f"Unclosed end tag at byte offset {offset}")
        i += 1
        opened = stack.pop()
        if end_name and end_name != opened.name:
            raise err(
                f'Unmatched end tag at byte offset {offset}, expected "</{opened.name}>", '
                f'found "</{end_name}>"'
            )
        length = utf16 - opened.utf16_start
        if length <= 0:
            continue  # Telegram drops empty entities
        _add_entity(entities, opened, length, "".join(out))

    if stack:
        raise err(f'Can\'t find end tag corresponding to start tag "{stack[-1].name}"')
    for entity in entities:
        if entity["type"] == "code":
            entity.pop("language", None)  # only <pre><code class=...> keeps a language
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return ParsedText("".join(out), entities)


def _add_entity(entities: list[dict[str, Any]], tag: _OpenTag, length: int, text_so_far: str) -> None:
    base = {"offset": tag.utf16_start, "length": length}
    if tag.name in _SIMPLE_ENTITY:
        entities.append({"type": _SIMPLE_ENTITY[tag.name], **base})
    elif tag.name == "a":
        url = tag.argument or _tail_utf16(text_so_far, length)
        entities.append({"type": "text_link", **base, "url": url})
    elif tag.name == "code":
        entity = {"type": "code", **base}
        if tag.argument:
            entity["language"] = tag.argument  # kept until <pre> closes; see below
        entities.append(entity)
    elif tag.name == "pre":
        last = entities[-1] if entities else None
        if (
            last is not None
            and last["type"] == "code"
            and last["offset"] == base["offset"]
            and last["length"] == length
            and last.get("language")
        ):
            last["type"] = "pre"  # <pre><code class="language-x"> is one pre entity
        else:
            entities.append({"type": "pre", **base})
    elif tag.name == "blockquote":
        kind = "expandable_blockquote" if tag.argument else "blockquote"
        entities.append({"type": kind, **base})
    elif tag.name == "tg-emoji":
        entities.append({"type": "custom_emoji", **base, "custom_emoji_id": tag.argument})


def _tail_utf16(text: str, units: int) -> str:
    """The last `units` UTF-16 code units of text (the link text of an <a> without href)."""
    taken = 0
    i = len(text)
    while i > 0 and taken < units:
        i -= 1
        taken += 2 if ord(text[i]) > 0xFFFF else 1
    return text[i:]


def _trim(parsed: ParsedText) -> ParsedText:
    """Telegram strips leading/trailing whitespace; entities are shifted and clipped to match."""
    text = parsed.text
    stripped = text.strip()
    if stripped == text:
        return parsed
    lead = utf16_len(text[: len(text) - len(text.lstrip())])
    total = utf16_len(stripped)
    entities = []
    for entity in parsed.entities:
        start = max(entity["offset"] - lead, 0)
        end = min(entity["offset"] + entity["length"] - lead, total)
        if end > start:
            entities.append({**entity, "offset": start, "length": end - start})
    return ParsedText(stripped, entities)


def render(text: str, parse_mode: str | None, *, strict_ampersand: bool = True) -> ParsedText:
    """Turn a sent text + parse_mode into what Telegram shows (trimmed), or raise.

    Raises EntityParseError for bad HTML and LookupError for an unknown parse_mode.
    MarkdownV2/Markdown are accepted but not interpreted (shown as sent).
    """
    mode = (parse_mode or "").lower()
    if mode == "html":
        parsed = parse_html(text, strict_ampersand=strict_ampersand)
    elif mode in ("", "markdown", "markdownv2"):
        parsed = ParsedText(text, [])
    else:
        raise LookupError(parse_mode)
    return _trim(parsed)


def to_plain(text: str) -> str:
    """Best-effort visible text of possibly-invalid HTML, for logs only."""
    try:
        return parse_html(text, strict_ampersand=False).text
    except EntityParseError:
        return text
