"""Catalog maintenance with Babel: extract messages from handlers/ into locales/sikerja.pot
and merge them into each language's .po (like `pybabel extract` + `pybabel update`)."""
from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from handlers.i18n import DOMAIN, LANGUAGES, LOCALES_DIR

SOURCE_DIRS = ("handlers",)
KEYWORDS = {"t": None, "tr": None}


def extract(root: Path = LOCALES_DIR.parent) -> Catalog:
    catalog = Catalog(project="sikerja", domain=DOMAIN)
    for folder in SOURCE_DIRS:
        for filename, lineno, message, comments, context in extract_from_dir(
                root / folder, method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=("i18n:",)):
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
        missing[lang] = sum(1 for m in catalog if m.id and not m.string)
    return missing


if __name__ == "__main__":
    print(update())
