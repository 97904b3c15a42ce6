"""The HTML parse mode validator: Telegram's tags, errors and entity offsets."""

from __future__ import annotations

import pytest

from bot.fake_api import EntityParseError, parse_html, render


def test_visible_text_and_entities() -> None:
    parsed = parse_html('<b>Tim</b> <i>A</i> &lt;ok&gt; &amp; <a href="https://x.id/?a=1&amp;b=2">link</a>')
    assert parsed.text == "Tim A <ok> & link"
    assert parsed.entities == [
        {"type": "bold", "offset": 0, "length": 3},
        {"type": "italic", "offset": 4, "length": 1},
        {"type": "text_link", "offset": 13, "length": 4, "url": "https://x.id/?a=1&b=2"},
    ]


def test_offsets_are_utf16_code_units() -> None:
    # An emoji outside the BMP is two UTF-16 units, as the Bot API counts.
    parsed = parse_html("😀 <b>x</b>")
    assert parsed.entities == [{"type": "bold", "offset": 3, "length": 1}]


def test_numeric_entities_and_optional_semicolon() -> None:
    assert parse_html("&#60;&#x3E;&quot;&lt").text == '<>"<'


def test_pre_with_language_spoiler_and_blockquotes() -> None:
    parsed = parse_html(
        '<pre><code class="language-python">x = 1</code></pre>'
        '<span class="tg-spoiler">s</span><tg-spoiler>t</tg-spoiler>'
        "<blockquote>q</blockquote><blockquote expandable>e</blockquote>"
        '<code>c</code><tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>'
    )
    types = [(e["type"], e.get("language")) for e in parsed.entities]
    assert types == [
        ("pre", "python"),
        ("spoiler", None),
        ("spoiler", None),
        ("blockquote", None),
        ("expandable_blockquote", None),
        ("code", None),
        ("custom_emoji", None),
    ]


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        ("Halo <foo>x</foo>", 'Unsupported start tag "foo" at byte offset 5'),
        ("<b>tebal", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ("nilai < 5", 'Unsupported start tag "" at byte offset 6'),
        ("1<2", "Unclosed start tag at byte offset 1"),
        ("Rp 5 & 6", 'Character "&" is reserved and must be escaped as "&amp;" at byte offset 5'),
        ("é<foo>", 'Unsupported start tag "foo" at byte offset 2'),  # bytes, not characters
        ('<span class="x">s</span>', 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
        ('<a href="x>y', "Unclosed start tag at byte offset 0"),
    ],
)
def test_invalid_html_is_refused_with_telegrams_reason(source: str, reason: str) -> None:
    with pytest.raises(EntityParseError) as caught:
        parse_html(source)
    assert str(caught.value) == reason


def test_bare_ampersand_allowed_when_not_strict() -> None:
    assert parse_html("AT&T", strict_ampersand=False).text == "AT&T"


def test_render_trims_and_shifts_entities() -> None:
    parsed = render("  \n<b>x</b> y \n", "HTML")
    assert parsed.text == "x y"
    assert parsed.entities == [{"type": "bold", "offset": 0, "length": 1}]


def test_render_markdown_is_plain_and_unknown_mode_refused() -> None:
    assert render("*a*", "MarkdownV2").text == "*a*"
    with pytest.raises(LookupError):
        render("x", "BBCode")
