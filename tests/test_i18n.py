"""Every user-facing message exists in Indonesian and English, and the catalogs compile."""
import re

from babel.messages.pofile import read_po

from bot.i18n_tools import SOURCE_DIRS, extract
from handlers.core.i18n import LANGUAGES, LOCALES_DIR, compile_catalogs, translator

PLACEHOLDER = re.compile(r"{(\w+)}")


def _catalog(lang):
    with (LOCALES_DIR / lang / "LC_MESSAGES" / "sikerja.po").open("rb") as f:
        return {m.id: m.string for m in read_po(f, locale=lang) if m.id}


def _translated(string) -> bool:
    return all(string) if isinstance(string, tuple) else bool(string)


def test_every_message_is_translated_in_both_languages():
    source = {m.id for m in extract() if m.id}
    assert len(source) > 50
    for lang in LANGUAGES:
        catalog = _catalog(lang)
        missing = sorted(str(msgid) for msgid in source if not _translated(catalog.get(msgid)))
        assert missing == [], f"{lang}: untranslated messages (run python -m bot.i18n_tools)"


def test_translations_keep_placeholders_and_markup():
    catalog = _catalog("id")
    for msgid, text in catalog.items():
        # a plural message: its one Indonesian form says what the English plural says
        plural, forms = (msgid[1], text) if isinstance(msgid, tuple) else (msgid, (text,))
        for form in forms:
            assert set(PLACEHOLDER.findall(plural)) == set(PLACEHOLDER.findall(form)), msgid
            assert plural.count("<b>") == form.count("<b>"), msgid


def test_no_translation_is_left_fuzzy():
    for lang in LANGUAGES:
        with (LOCALES_DIR / lang / "LC_MESSAGES" / "sikerja.po").open("rb") as f:
            assert not [m.id for m in read_po(f, locale=lang) if m.id and m.fuzzy], lang


def test_plural_forms_are_declared_and_used():
    """Indonesian has one plural form; English counts with ngettext, never "(s)"."""
    with (LOCALES_DIR / "id" / "LC_MESSAGES" / "sikerja.po").open("rb") as f:
        assert read_po(f, locale="id").num_plurals == 1
    source = list(extract())
    assert not [m for m in source if isinstance(m.id, str) and "(s)" in m.id]
    # every t.ngettext(…) call is extracted as a plural message (Babel misreads some call shapes)
    calls = sum(len(re.findall(r"\.ngettext\(\s*\"", path.read_text()))
                for folder in SOURCE_DIRS for path in (LOCALES_DIR.parent / folder).rglob("*.py")
                if "fake_api" not in path.parts)
    assert len([m for m in source if isinstance(m.id, tuple)]) == calls
    en, id_ = translator("en"), translator("id")
    assert en.ngettext("{count} open code revoked.", "{count} open codes revoked.", 1) == "1 open code revoked."
    assert en.ngettext("{count} open code revoked.", "{count} open codes revoked.", 3) == "3 open codes revoked."
    assert id_.ngettext("{count} open code revoked.", "{count} open codes revoked.", 3).startswith("3 ")


def test_catalogs_compile_and_load(tmp_path):
    compile_catalogs(force=True)
    assert translator("id")("Cancel") == "Batal"
    assert translator("en")("Cancel") == "Cancel"
    assert translator("xx").lang == "id"  # unknown languages fall back to the default


def test_a_name_ending_in_a_degree_takes_the_sentences_full_stop():
    """"… oleh Dr. Siti, M.Kes." — never "M.Kes..", whatever the template."""
    t = translator("id")
    said = t("Application {number} was withdrawn by the applicant; no decision is needed any more.",
             number="PS-1.")
    assert ".." not in said
    assert t("Saved: {acting} is {kind} for {official} from {start} to {end}.", acting="A", kind="Plt",
             official="B", start="1", end="Dr. Siti, M.Kes.").endswith("M.Kes.")
