"""Lists that fit Telegram: one message, edited in place by ◀ ▶ buttons, whatever the
number of items. Every list command shares this one implementation:

    class StatusPage(PageTurn, prefix="pg:st"):
        pass

    entries = [Entry(text, rows) for ...]         # an item's text and its own buttons
    ctx.edit_or_reply(*page_view(t, header, entries, page, StatusPage))

A page ends at an item boundary, before it would pass the character budget, the item
count or the button budget, so no page can exceed the 4096 characters and 100 buttons
Telegram allows (the budgets leave room for the header, the page line and the nav row)."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from handlers.core.buttons import CallbackData, button
from handlers.core.i18n import Html, Translator
from handlers.core.types import Button, Keyboard

TEXT_BUDGET = 3600  # characters of items per page; Telegram allows 4096 in all
BUTTON_BUDGET = 90  # item buttons per page; Telegram allows 100 with the nav row
PER_PAGE = 10
LIST_MAX = 1000  # items a list loads to page through (a person's applications, a decider's queue)


class PageTurn(CallbackData):
    """A list's ◀ / ▶ button: which page to show. Each list subclasses it with its own
    prefix (and, after `page`, what it needs to rebuild the list)."""

    page: int


@dataclass(frozen=True)
class Entry:
    """One item of a list: its HTML text and the button rows that act on it."""

    text: str
    rows: Keyboard = ()

    @property
    def buttons(self) -> int:
        return sum(len(row) for row in self.rows)


def paginate(entries: Sequence[Entry], per_page: int = PER_PAGE, budget: int = TEXT_BUDGET) -> list[list[Entry]]:
    """The entries in pages, each ending at an item boundary; at least one (maybe empty) page.
    Callers keep each item well under the budget (user text shortened), so a page that holds
    a single item still fits."""
    pages: list[list[Entry]] = [[]]
    size = buttons = 0
    for entry in entries:
        page = pages[-1]
        if page and (len(page) >= per_page or size + len(entry.text) + 1 > budget
                     or buttons + entry.buttons > BUTTON_BUDGET):
            pages.append([])
            size = buttons = 0
        pages[-1].append(entry)
        size += len(entry.text) + 1
        buttons += entry.buttons
    return pages


def page_view(t: Translator, header: str, entries: Sequence[Entry], page: int,
              turn: Callable[[int], CallbackData], *, per_page: int = PER_PAGE, separator: str = "\n",
              footer: str = "", budget: int = TEXT_BUDGET) -> tuple[Html, Keyboard]:
    """Page `page` (clamped to the pages there are) of the list: header, its items, "Page 2 of 5"
    when there is more than one, and the items' buttons with ◀ ▶ under them."""
    pages = paginate(entries, per_page, budget)
    index = min(max(page, 0), len(pages) - 1)
    return one_page(t, header, pages[index], index, len(pages), turn, separator=separator, footer=footer)


def one_page(t: Translator, header: str, shown: Sequence[Entry], index: int, pages: int,
             turn: Callable[[int], CallbackData], *, separator: str = "\n", footer: str = "") -> tuple[Html, Keyboard]:
    """Page `index` of `pages`, holding `shown`, as page_view shows it: for a list paged in SQL,
    which loads only the page's items."""
    parts = [header] if header else []
    parts.append(separator.join(e.text for e in shown if e.text))  # a picker's items are buttons only
    if footer:
        parts.append(footer)
    rows: list[tuple] = [row for e in shown for row in e.rows]
    if pages > 1:
        parts.append(t("Page {page} of {pages}", page=index + 1, pages=pages))
        rows.append(nav_row(t, index, pages, turn))
    gap = "\n\n" if separator == "\n\n" else "\n"  # cards a blank line apart: so are header and page line
    return Html(gap.join(p for p in parts if p)), tuple(tuple(r) for r in rows if r)


def nav_row(t: Translator, index: int, count: int, turn: Callable[[int], CallbackData]) -> tuple[Button, ...]:
    """◀ ▶ for page `index` of `count` (none where there is nothing that way). A list whose
    pages are costly to build (one team card a page) calls this directly."""
    return tuple(([button(t("◀ Previous"), turn(index - 1))] if index > 0 else [])
                 + ([button(t("Next ▶"), turn(index + 1))] if index < count - 1 else []))


def joined_fitting(t: Translator, items: Sequence[str], budget: int, separator: str = " · ") -> str:
    """`items` joined, as many as fit in `budget` characters, then "and 480 more": a line
    naming the people of a 500-person team stays a line."""
    out: list[str] = []
    size = 0
    for number, item in enumerate(items):
        if out and size + len(separator) + len(item) > budget:
            tail = t.ngettext("and {count} more", "and {count} more", len(items) - number)
            return separator.join(out) + (" " if separator.strip() else separator) + tail
        out.append(item)
        size += len(item) + (len(separator) if len(out) > 1 else 0)
    return separator.join(out)
