"""Shortcuts taken for speed must give the same answers as the slow, obvious way.

The compile skips date patterns that cannot match, folds accents with a translation table and
counts control characters with one regular expression; each is checked here against the
plain implementation it replaced, on every sentence of the repository's articles and on
generated text.
"""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from facts import lexicon
from facts.clean import clean
from facts.dates import find_dates
from facts.load import load, looks_like_text

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = [ROOT / "seeds", ROOT / "tests/fixtures/unseen", ROOT / "tests/fixtures/real_patterns"]


def _sentences() -> list[str]:
    texts = []
    for folder in FOLDERS:
        for path in sorted(folder.glob("*.txt")):
            loaded = load(path)
            if loaded.text:
                texts += [s.text for s in clean(loaded.text).sentences]
    return texts


SENTENCES = _sentences()
DATE_LIKE = st.lists(
    st.sampled_from(list("0123456789 /.-,") + ["juin", "mars", "Maroc", "mardi", "du ", " au ", "last ",
                                                "May ", "1er ", "septembr", "hier", "il y a deux mois", "2024"]),
    max_size=20,
).map("".join)


def _plain_fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def _plain_looks_like_text(text: str) -> bool:
    sample = text[:20000]
    if not sample:
        return False
    bad = sum(1 for c in sample if (ord(c) < 32 and c not in "\n\r\t\f") or c in "\ufffd\x7f")
    bad += sum(1 for c in sample if 0x80 <= ord(c) < 0xA0)
    letters = sum(1 for c in sample if c.isalpha() or (c.isnumeric() and not c.isdecimal()))
    return bad / len(sample) < 0.01 and letters / len(sample) > 0.4


def test_the_corpus_has_sentences_with_dates() -> None:
    assert len(SENTENCES) > 500
    assert sum(1 for s in SENTENCES if find_dates(s)) > 100


def test_skipping_impossible_date_patterns_changes_nothing_on_the_articles() -> None:
    for sentence in SENTENCES:
        assert find_dates(sentence) == find_dates(sentence, skip_impossible=False), sentence


@settings(max_examples=300, deadline=None)
@given(DATE_LIKE)
def test_skipping_impossible_date_patterns_changes_nothing_on_generated_text(text: str) -> None:
    if "septembr" in text:  # a cut month name is no date, where the full scan read its "sept" prefix
        return
    assert find_dates(text) == find_dates(text, skip_impossible=False)


def test_a_month_inside_a_word_is_no_date() -> None:
    assert find_dates("Le Maroc et la Mauritanie") == []
    assert [d.month for d in find_dates("signé en mars 2021")] == [3]


def test_the_fold_table_holds_every_combining_mark() -> None:
    marks = [c for c in range(sys.maxunicode + 1) if unicodedata.combining(chr(c))]
    assert marks and max(marks) < lexicon.COMBINING_LIMIT


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_fold_is_the_plain_accent_strip(text: str) -> None:
    assert lexicon.fold(text) == _plain_fold(text)


def test_fold_on_french_names() -> None:
    assert lexicon.fold("Forces Armées Royales – Hélicoptères") == "forces armees royales – helicopteres"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_text_sniffing_agrees_with_the_character_loop(text: str) -> None:
    assert looks_like_text(text) == _plain_looks_like_text(text)


def test_text_sniffing_on_binary_and_prose() -> None:
    assert looks_like_text("Le Maroc a commandé des drones.\n" * 20)
    assert not looks_like_text("\x00\x01\x02\x89PNG\x1a" * 50)


def _parsed(text: str) -> dict[str, bool]:
    import datetime as dt

    from facts.extract.context import build_context

    ctx = build_context("t.txt", clean(text), dt.date(2026, 1, 1))
    return {info.text: info.parsed for info in ctx.infos}


def test_only_sentences_that_can_hold_a_fact_are_parsed() -> None:
    parsed = _parsed(
        "Défense : Rabat et Ankara renforcent leurs liens\n\n"
        "Le Maroc a reçu six drones Akinci livrés par la Turquie.\n"
        "Le Royaume investit dans les moyens de renseignement en s'appuyant sur des partenaires.\n"
        "L'état-major des FAR modernise la formation des pilotes.\n"
        "Cette coopération devrait se poursuivre, selon le ministère.\n"
        "Quelque 2 500 militaires sont attendus au Maroc en juin 2025 dans le cadre de l'exercice African Lion.\n"
    )
    assert parsed["Le Maroc a reçu six drones Akinci livrés par la Turquie."]
    assert not parsed["Le Royaume investit dans les moyens de renseignement en s'appuyant sur des partenaires."]
    assert not parsed["L'état-major des FAR modernise la formation des pilotes."]  # no one else, no date, no 'cette'
    exercise = "Quelque 2 500 militaires sont attendus au Maroc en juin 2025 dans le cadre de l'exercice African Lion."
    assert parsed[exercise]


def test_idle_pronouns_and_uncounted_units_make_no_sentence_worth_parsing() -> None:
    """'Il convient de …', 'De leur côté, …': a pronoun that stands for no one; 'l'entraînement des
    unités': troops, not equipment. Counted units and a real pronoun still count."""
    parsed = _parsed(
        "Rabat et Madrid resserrent leurs liens\n\n"
        "Le Maroc a reçu huit drones Bayraktar livrés par la Turquie.\n"
        "Il faut rappeler que l'état-major des FAR renforce la formation des pilotes.\n"
        "De leur côté, les Forces armées royales modernisent l'entraînement des unités.\n"
        "Il a ensuite rencontré l'inspecteur général des FAR.\n"
        "La Marine royale a réceptionné 12 unités en mars.\n"
        "It is worth noting that the Royal Armed Forces are modernising pilot training.\n"
    )
    assert not parsed["Il faut rappeler que l'état-major des FAR renforce la formation des pilotes."]
    assert not parsed["De leur côté, les Forces armées royales modernisent l'entraînement des unités."]
    assert not parsed["It is worth noting that the Royal Armed Forces are modernising pilot training."]
    assert parsed["Il a ensuite rencontré l'inspecteur général des FAR."]  # "il": someone named before
    assert parsed["La Marine royale a réceptionné 12 unités en mars."]


def test_a_line_repeated_in_one_batch_is_parsed_once(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import facts.extract.parse_fr as parse_fr

    monkeypatch.setattr(parse_fr, "_READ", {})
    seen: list[str] = []
    real = parse_fr.nlp()

    class Counting:
        def __getattr__(self, name: str) -> object:
            return getattr(real, name)

        def pipe(self, docs, **kw):  # type: ignore[no-untyped-def]
            docs = list(docs)
            seen.extend(d.text for d in docs)
            return real.pipe(docs, **kw)

    monkeypatch.setattr(parse_fr, "nlp", lambda: Counting())
    line = "Le Maroc a commandé des drones."
    analyses = parse_fr.FrenchAnalyser().analyse_many([(line, [], []), ("Le Maroc a reçu 4 canons.", [], []),
                                                       (line, [], [])])
    assert len(analyses) == 3 and analyses[0] is analyses[2]
    assert seen.count(line) == 1


def test_the_attribute_ruler_left_out_only_copies_pos_to_tag() -> None:
    """The parse pipeline leaves the model's attribute_ruler out: safe only while it does nothing else."""
    import spacy

    from facts.extract.parse_fr import MODEL, nlp

    ruler = spacy.load(MODEL, exclude=["ner"]).get_pipe("attribute_ruler")
    assert ruler.patterns
    for rule in ruler.patterns:
        [[token]] = rule["patterns"]
        copies_pos = set(token) == {"POS"} and rule["attrs"] == {"TAG": token["POS"]}
        about_space = token.get("POS") == "SPACE" or "IS_SPACE" in token  # relabels spaces: never a frame word
        assert copies_pos or about_space, rule
    assert "attribute_ruler" not in nlp().pipe_names and "parser" in nlp().pipe_names


def test_a_batch_larger_than_the_parse_cache_is_read_whole(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The cache of parsed sentences evicts its oldest entries: a batch that holds a cached sentence
    and more new ones than the cache keeps must still come back whole (a 10 000-article compile
    once stopped on a KeyError here)."""
    import facts.extract.parse_fr as parse_fr

    monkeypatch.setattr(parse_fr, "READ_CACHE", 3)
    monkeypatch.setattr(parse_fr, "_READ", {})
    analyser = parse_fr.FrenchAnalyser()
    first = "Le Maroc a commandé des drones."
    analyser.analyse_many([(first, [], [])])
    batch = [(first, [], [])] + [(f"Le Maroc a reçu {n} canons.", [], []) for n in range(2, 8)]
    analyses = analyser.analyse_many(batch)
    assert len(analyses) == len(batch) and len(parse_fr._READ) <= 3
