"""Danish is the first language: every string the product shows has a Danish translation."""

from __future__ import annotations

import shutil
from pathlib import Path

import polib
from django.core.management import call_command

APP_ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = APP_ROOT / "locale" / "da" / "LC_MESSAGES" / "django.po"


def _key(entry: polib.POEntry) -> tuple[str, str, str]:
    return entry.msgctxt or "", entry.msgid, entry.msgid_plural or ""


def _translated(entry: polib.POEntry) -> bool:
    if entry.msgid_plural:
        return bool(entry.msgstr_plural) and all(entry.msgstr_plural.values())
    return bool(entry.msgstr)


def test_the_danish_catalogue_has_no_untranslated_or_fuzzy_entries():
    catalogue = polib.pofile(str(CATALOGUE))
    assert not catalogue.metadata_is_fuzzy
    assert [e.msgid for e in catalogue if "fuzzy" in e.flags] == []
    assert [e.msgid for e in catalogue if not e.obsolete and not _translated(e)] == []


def test_the_compiled_catalogue_matches_the_source():
    source = {_key(e): (e.msgstr, dict(e.msgstr_plural)) for e in polib.pofile(str(CATALOGUE)) if e.msgid}
    compiled = {
        _key(e): (e.msgstr, dict(e.msgstr_plural)) for e in polib.mofile(str(CATALOGUE.with_suffix(".mo"))) if e.msgid
    }
    assert compiled == source, "Run `make messages` to compile the catalogue."


def test_every_marked_string_in_the_code_is_in_the_danish_catalogue(tmp_path, settings, monkeypatch):
    assert shutil.which("xgettext"), "Install gettext (make test does it) to extract the strings."
    # Extract afresh into a scratch directory, then compare with the committed catalogue. The working
    # directory must hold no locale/ folder, or makemessages would write into the committed one.
    scratch = tmp_path / "locale"
    settings.LOCALE_PATHS = [scratch]
    monkeypatch.chdir(APP_ROOT.parent)
    call_command(
        "makemessages",
        locale=["da"],
        verbosity=0,
        no_obsolete=True,
        ignore_patterns=["bench/*", "tests/*", "mentornet/locale"],
    )
    extracted = polib.pofile(str(scratch / "da" / "LC_MESSAGES" / "django.po"))
    committed = {_key(e): e for e in polib.pofile(str(CATALOGUE))}
    missing = [e.msgid for e in extracted if e.msgid and not _translated(committed.get(_key(e), polib.POEntry()))]
    assert missing == [], "Untranslated strings: run `make messages` and translate them in django.po"
