"""Every user-facing message exists in Indonesian and English, and the catalogs compile."""
import re

from babel.messages.pofile import read_po

from bot.i18n_tools import extract
from handlers.core.i18n import LANGUAGES, LOCALES_DIR, compile_catalogs, translator

PLACEHOLDER = re.compile(r"{(\w+)}")


def _catalog(lang):
    with (LOCALES_DIR / lang / "LC_MESSAGES" / "sikerja.po").open("rb") as f:
        return {m.id: m.string for m in read_po(f, locale=lang) if m.id}


def test_every_message_is_translated_in_both_languages():
    source = {m.id for m in extract() if m.id}
    assert len(source) > 50
    for lang in LANGUAGES:
        catalog = _catalog(lang)
        missing = sorted(msgid for msgid in source if not catalog.get(msgid))
        assert missing == [], f"{lang}: untranslated messages (run python -m bot.i18n_tools)"


def test_translations_keep_placeholders_and_markup():
    catalog = _catalog("id")
    for msgid, text in catalog.items():
        assert set(PLACEHOLDER.findall(msgid)) == set(PLACEHOLDER.findall(text)), msgid
        assert msgid.count("<b>") == text.count("<b>"), msgid


def test_catalogs_compile_and_load(tmp_path):
    compile_catalogs(force=True)
    assert translator("id")("Cancel") == "Batal"
    assert translator("en")("Cancel") == "Cancel"
    assert translator("xx").lang == "id"  # unknown languages fall back to the default
