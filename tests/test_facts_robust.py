"""Extraction never crashes on odd text, and the lexicon files agree with each other."""

import string

from factkit import article, facts_of, partners
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from facts import lexicon as lx
from facts.models import CATEGORIES

WORDS = ["Maroc", "drones", "Bayraktar", "TB2", "milliards", "de", "dirhams", "budget", "2025", "mardi", "le",
         "Israël", "accord", "«", "»", "F-16", "trois", ",", ".", "PLF", "juillet", "dernier", "Algérie", "\n"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(WORDS) | st.text(string.printable + "éèàçâ«»’", max_size=12), max_size=80))
def test_any_text_compiles_without_crashing(tokens: list[str]) -> None:
    facts = facts_of(" ".join(tokens))
    assert facts[0]["kind"] == "document"
    for fact in facts:
        assert fact["quote"] is not None and fact["doc"] == "test.txt"
        if fact["kind"] == "acquisition":
            assert fact["category"] in CATEGORIES


def test_another_kingdom_is_not_morocco():
    text = article("Golfe", "Le royaume saoudien a signé un accord de défense avec la France.")
    assert partners(text) == set()


def test_lexicons_are_consistent():
    makers = {m["name"] for m in lx.manufacturers()}
    codes = set(lx.cldr_names())
    for maker in lx.manufacturers():
        assert maker["country"] in codes, maker
    for system in lx.systems():
        assert system["category"] in CATEGORIES, system
        assert system.get("manufacturer") in makers, system
    for category in lx.categories()["nouns"]:
        assert category in CATEGORIES
    for code in lx.country_data()["countries"]:
        assert code in codes, code


def test_another_capitalised_kingdom_is_not_morocco():
    text = article("Golfe", "Le Royaume saoudien a signé un accord de défense avec la France.",
                   "The Kingdom of Spain signed a defence deal with Italy.")
    assert partners(text) == set()
