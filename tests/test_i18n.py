"""The message catalogues: every message the code marks has a French translation, with the same
placeholders, and the language machinery (``handlers.i18n``) reads languages as promised."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from handlers.formatting import format_amount, show_date
from handlers.i18n import env_language, language_of, ntr, po_path, tr, using

ROOT = Path(__file__).resolve().parents[1]
KEYWORDS = {"tr": None, "ntr": (1, 2), "N_": None}  # as `make messages` extracts them


def marked_messages() -> dict[str | tuple[str, ...], str]:
    """Every message marked in handlers/ and bot/ → where it is (file:line)."""
    found: dict[str | tuple[str, ...], str] = {}
    for folder in ("handlers", "bot"):
        for filename, lineno, message, _comments, _context in extract_from_dir(
                ROOT / folder, keywords=KEYWORDS, comment_tags=(), strip_comment_tags=True):
            found.setdefault(message, f"{folder}/{filename}:{lineno}")
    return found


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@pytest.fixture(scope="module")
def french():
    with po_path("fr").open("rb") as fh:
        return read_po(fh, locale="fr")


def test_the_extraction_finds_the_messages() -> None:
    found = marked_messages()
    assert len(found) > 200, "the extractor no longer sees the marked messages"
    assert "Defence budget {year}" in found and ("{n} article", "{n} articles") in found


def test_every_message_has_a_french_translation(french) -> None:
    problems = []
    for msgid, where in marked_messages().items():
        key = msgid[0] if isinstance(msgid, tuple) else msgid
        entry = french.get(key)
        if entry is None:
            problems.append(f"{where}: no entry for {msgid!r} (run `make messages`, then translate it)")
            continue
        forms = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        if entry.fuzzy or not all(f and f.strip() for f in forms):
            problems.append(f"{where}: {msgid!r} is untranslated or fuzzy in the French catalogue")
    assert not problems, "\n".join(problems)


def test_translations_keep_the_placeholders(french) -> None:
    problems = []
    for entry in french:
        if not entry.id:
            continue
        ids = entry.id if isinstance(entry.id, tuple) else (entry.id,)
        forms = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        wanted = set().union(*(placeholders(i) for i in ids))
        for form in forms:
            if placeholders(form) != wanted:
                problems.append(f"{entry.id!r}: {form!r} has {sorted(placeholders(form))}, wants {sorted(wanted)}")
    assert not problems, "\n".join(problems)


def test_command_names_translate_to_valid_discord_names() -> None:
    from bot.cogs.facts import OPTION_NAMES

    names = {"partner", "budget", "acquisitions", "timeline", "search", "ask", "sources", "help", *OPTION_NAMES}
    for name in names:
        french = tr(name, "fr")
        assert re.fullmatch(r"[-_\w]{1,32}", french) and french == french.lower(), (name, french)


@pytest.mark.parametrize(("value", "lang"), [
    ("fr", "fr"), ("fr-FR", "fr"), ("fr_CA.UTF-8", "fr"), ("FR", "fr"), ("en-US", "en"), ("de", "en"),
    ("", "en"), (None, "en"), ("C.UTF-8", "en"), ("../../etc", "en"),
])
def test_language_of(value: object, lang: str) -> None:
    assert language_of(value) == lang


def test_environment_language_follows_gettext_order() -> None:
    assert env_language({"LANG": "fr_FR.UTF-8"}) == "fr"
    assert env_language({"LC_ALL": "en_US.UTF-8", "LANG": "fr_FR.UTF-8"}) == "en"
    assert env_language({"LC_MESSAGES": "fr_BE", "LANG": "C"}) == "fr"
    assert env_language({}) == "en"


def test_english_is_the_message_itself_and_french_fills_the_placeholders() -> None:
    assert tr("Defence budget {year}", "en", year=2025) == "Defence budget 2025"
    assert tr("Defence budget {year}", "fr", year=2025) == "Budget de la défense 2025"
    assert tr("a message nobody translated", "fr") == "a message nobody translated"
    with using("fr"):
        assert ntr("{n} article", "{n} articles", 1) == "1 article"
        assert ntr("{n} article", "{n} articles", 0) == "0 article"  # French: 0 is singular
        assert ntr("{n} article", "{n} articles", 1200) == "1\u202f200 articles"
    assert ntr("{n} article", "{n} articles", 0, "en") == "0 articles"


def test_user_text_in_a_placeholder_is_not_a_template() -> None:
    assert tr("Search: {text} ({heading})", "fr", text="{0} {__class__}", heading="x") == \
        "Recherche : {0} {__class__} (x)"


def test_amounts_and_dates_in_french() -> None:
    with using("fr"):
        assert format_amount(133e9, "MAD") == "133 milliards de dirhams"
        assert format_amount(58.55e9, "MAD", approximate=True) == "environ 58,55 milliards de dirhams"
        assert format_amount(1e6, "USD") == "1 million de dollars"
        assert format_amount(950000, "EUR") == "950\u202f000 euros"
        assert format_amount(2e9, "GBP") == "2 milliards de livres sterling"  # CLDR's name
        assert format_amount(3e9, None) == "3 milliards"
        assert show_date("2020-10-02") == "2 octobre 2020"
        assert show_date("2020-10-02", "month") == "octobre 2020"
        assert show_date("2020") == "2020"
        assert show_date(None) == "non daté"
        assert show_date("2020-13-45") == "2020-13-45"  # not a date: shown as written, never a crash
    assert format_amount(133e9, "MAD") == "133 billion MAD" and show_date("2020-10-02") == "2020-10-02"
