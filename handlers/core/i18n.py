"""Translations: gettext catalogs in locales/<lang>/LC_MESSAGES/sikerja.po.

Catalogs are compiled with Babel (to .mo beside the .po, never committed) whenever the .mo
is missing or older than its .po, so a fresh checkout needs no extra build step.
Formatting escapes every parameter for HTML unless it is wrapped in `Html`, so user text
can never break Telegram's HTML parse mode."""
from __future__ import annotations

import gettext
import html
from functools import cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

DOMAIN = "sikerja"
LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"
LOCALES_DIR = Path(__file__).resolve().parents[2] / "locales"


class Html(str):
    """A string that is already valid HTML (built by us, not typed by a user)."""


def escape(value: object) -> str:
    if isinstance(value, Html):
        return value
    return html.escape(str(value), quote=False)


def compile_catalogs(locales_dir: Path = LOCALES_DIR, force: bool = False) -> list[Path]:
    compiled = []
    for po in sorted(locales_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        mo = po.with_suffix(".mo")
        if force or not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            with po.open("rb") as f:
                catalog = read_po(f, locale=po.parent.parent.name)
            with mo.open("wb") as f:
                write_mo(f, catalog, use_fuzzy=False)
            compiled.append(mo)
    return compiled


@cache
def _translations(lang: str) -> gettext.NullTranslations:
    compile_catalogs()
    return gettext.translation(DOMAIN, localedir=str(LOCALES_DIR), languages=[lang], fallback=True)


def normalise_language(code: str | None, default: str = DEFAULT_LANGUAGE) -> str:
    if code:
        base = code.split("-")[0].lower()
        if base in LANGUAGES:
            return base
    return default


class Translator:
    def __init__(self, lang: str) -> None:
        self.lang = normalise_language(lang)
        self._t = _translations(self.lang)

    def __call__(self, msgid: str, **params: object) -> str:
        text = self._t.gettext(msgid)
        return _fill(text, params) if params else text

    def ngettext(self, singular: str, plural: str, count: int, **params: object) -> str:
        """A counted message: "1 report waits", "3 reports wait" ({count} is the number)."""
        return _fill(self._t.ngettext(singular, plural, count), {"count": count, **params})


def _fill(text: str, params: dict[str, object]) -> str:
    """`text` with its placeholders filled, HTML-escaped. A value that ends a sentence with its
    own full stop (a name ending in a degree, "M.Kes.") takes the template's stop: no "M.Kes.."."""
    values = {k: escape(v) for k, v in params.items()}
    for name, value in values.items():
        if value.endswith("."):
            text = text.replace("{" + name + "}.", "{" + name + "}")
    return text.format(**values)


@cache
def translator(lang: str) -> Translator:
    return Translator(lang)
