"""Catalog maintenance with Babel: extract messages from handlers/ into locales/sikerja.pot
and merge them into each language's .po (like `pybabel extract` + `pybabel update`)."""
from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from handlers.core.i18n import DOMAIN, LANGUAGES, LOCALES_DIR

SOURCE_DIRS = ("handlers", "bot")  # bot/: what the CLI says; its fake Telegram server says nothing to users
METHODS = [("fake_api/**.py", "ignore"), ("**.py", "python")]
KEYWORDS = {"t": None, "tr": None, "ngettext": (1, 2)}  # t.ngettext(singular, plural, count)


def extract(root: Path = LOCALES_DIR.parent) -> Catalog:
    catalog = Catalog(project="sikerja", domain=DOMAIN)
    for folder in SOURCE_DIRS:
        for filename, lineno, message, comments, context in extract_from_dir(
                root / folder, method_map=METHODS, keywords=KEYWORDS, comment_tags=("i18n:",)):
            catalog.add(message, None, [(f"{folder}/{filename}", lineno)], auto_comments=comments,
                        context=context)
    return catalog


def update(root: Path = LOCALES_DIR.parent) -> dict[str, int]:
    """Write the template and merge it into every language; returns untranslated counts."""
    template = extract(root)
    with (LOCALES_DIR / f"{DOMAIN}.pot").open("wb") as f:
        write_po(f, template, omit_header=False, sort_output=True)
    missing = {}
    for lang in LANGUAGES:
        po_path = LOCALES_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
        po_path.parent.mkdir(parents=True, exist_ok=True)
        if po_path.exists():
            with po_path.open("rb") as f:
                catalog = read_po(f, locale=lang)
        else:
            catalog = Catalog(locale=lang, domain=DOMAIN, project="sikerja")
        catalog.update(template, no_fuzzy_matching=True)
        with po_path.open("wb") as f:
            write_po(f, catalog, sort_output=True, ignore_obsolete=True, width=100)
        missing[lang] = len([m for m in catalog if m.id and not _translated(m.string)])
    return missing


def fill(translations: dict[str, str]) -> dict[str, list[str]]:
    """English is the source language (msgstr = msgid); Indonesian comes from
    `translations` for messages not yet translated. Returns what is still missing."""
    missing = {}
    for lang in LANGUAGES:
        po_path = LOCALES_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
        with po_path.open("rb") as f:
            catalog = read_po(f, locale=lang)
        for message in catalog:
            if message.id and not _translated(message.string):
                key = message.id
                if lang == "en":
                    message.string = key
                elif isinstance(key, str):
                    message.string = translations.get(key, "")
                else:  # a plural message, under its singular: Indonesian has one form (nplurals=1)
                    message.string = (translations.get(key[0], ""),) * catalog.num_plurals
        with po_path.open("wb") as f:
            write_po(f, catalog, sort_output=True, ignore_obsolete=True, width=100)
        missing[lang] = [str(m.id) for m in catalog if m.id and not _translated(m.string)]
    return missing


def _translated(string: str | tuple[str, ...] | list[str] | None) -> bool:
    """A plural message is translated when every one of its forms is."""
    return all(string) if isinstance(string, (tuple, list)) else bool(string)


def main(argv: list[str]) -> int:
    """python -m bot.i18n_tools [TRANSLATIONS.py]: extract, merge and fill, under a lock so
    several people can run it at once. TRANSLATIONS.py defines ID = {english: indonesian}."""
    import fcntl
    import runpy

    translations = runpy.run_path(argv[0])["ID"] if argv else {}
    with open(LOCALES_DIR / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        update()
        missing = fill(translations)
    for lang, ids in missing.items():
        for msgid in ids:
            print(f"missing {lang}: {msgid!r}")
    return 1 if any(missing.values()) else 0


if __name__ == "__main__":
    import sys

    raise SystemExit(main(sys.argv[1:]))
