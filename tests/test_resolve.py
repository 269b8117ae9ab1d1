"""Country understanding: every alias form from issue 3, typos, unknown and ambiguous words."""

from __future__ import annotations

import pytest

from handlers.resolve import MAX_QUERY, normalise, resolve_country

TURKEY = ["Turkey", "Turquie", "turc", "turque", "TR", "tr", "TUR", "🇹🇷", "Turky", "turkie", "Türkiye",
          "  turquie  ", "TURQUIE"]
USA = ["USA", "US", "us", "U.S.", "U.S.A.", "États-Unis", "Etats Unis", "Etats-Unis", "etats-unis", "America",
       "Amérique", "United States", "the United States", "américain", "American", "🇺🇸", "Etas Unis"]


@pytest.mark.parametrize("query", TURKEY)
def test_turkey_forms(query: str) -> None:
    assert resolve_country(query).code == "TR"


@pytest.mark.parametrize("query", USA)
def test_united_states_forms(query: str) -> None:
    assert resolve_country(query).code == "US"


@pytest.mark.parametrize(("query", "code"), [
    ("Israël", "IL"), ("israel", "IL"), ("Isreal", "IL"), ("israélien", "IL"), ("ISR", "IL"),
    ("Inde", "IN"), ("India", "IN"), ("indien", "IN"), ("🇮🇳", "IN"),
    ("Russie", "RU"), ("Rusia", "RU"), ("russe", "RU"),
    ("Allemagne", "DE"), ("Germny", "DE"), ("Chine", "CN"), ("UK", "GB"), ("Royaume-Uni", "GB"),
    ("Union européenne", "EU"), ("🇪🇺", "EU"), ("France", "FR"), ("Espagne", "ES"),
])
def test_other_countries(query: str, code: str) -> None:
    assert resolve_country(query).code == code


def test_how_is_reported() -> None:
    assert resolve_country("🇹🇷").how == "flag"
    assert resolve_country("Turquie").how == "exact"
    assert resolve_country("TUR").how == "code"
    assert resolve_country("Turky").how == "fuzzy"


@pytest.mark.parametrize("query", ["Xyzzy", "qwertyuiop", "1234", "???", "", "   ", "😀",
                                   "x" * (MAX_QUERY + 1)])
def test_unknown_words_do_not_resolve(query: str) -> None:
    res = resolve_country(query)
    assert res.code is None


def test_close_but_ambiguous_typo_gives_suggestions_not_a_guess() -> None:
    # "Nigera" is one letter from both Nigeria and Niger: guessing would risk the wrong country
    res = resolve_country("Nigera")
    assert res.code is None
    assert set(res.suggestions[:2]) == {"NG", "NE"}


def test_ambiguous_name_lists_every_country() -> None:
    res = resolve_country("Congo")
    assert res.code is None
    assert {"CD", "CG"} <= set(res.suggestions)


def test_unknown_word_gets_no_fake_suggestions() -> None:
    assert resolve_country("Xyzzy").suggestions == []


def test_normalise_folds_accents_case_and_punctuation() -> None:
    assert normalise("États-Unis") == "etats unis"
    assert normalise("U.S.A.") == "usa"
    assert normalise("  L’Inde ") == "l inde"


def test_short_typos_never_resolve_fuzzily() -> None:
    # three letters are too few to tell a typo from another country's code
    res = resolve_country("Tuk")
    assert res.how != "fuzzy"
