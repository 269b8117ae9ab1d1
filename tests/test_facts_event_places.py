"""An event's place is a town, never a month or the word after an English article, and one event told
by two frames of a sentence is one event. Sentences written for these tests, after the patterns of
wire copy on accords ('in a December 2020 deal') and of plant openings ('inaugurated in September')."""

from __future__ import annotations

from factkit import article, of_kind


def _events(text: str) -> list[tuple[str, list[str], str | None]]:
    return [(e["date"], sorted(e["countries"]), e["place"]) for e in of_kind(text, "event")]


def test_a_month_after_in_is_a_time_not_a_place() -> None:
    text = article("Morocco and India sign a defence industry accord",
                   "Morocco and India signed a defence industry agreement in September 2025 at Berrechid.")
    assert [place for _, _, place in _events(text)] == ["Berrechid"]


def test_the_english_article_a_does_not_open_a_place() -> None:
    text = article("Morocco and Spain seal naval accord",
                   "Spain and Morocco signed a naval cooperation accord in a March 2024 ceremony.")
    assert _events(text) == [("2024-03", ["ES"], None)]


def test_two_frames_naming_the_same_parties_make_one_event() -> None:
    text = article("Morocco and Spain seal naval accord",
                   "Spain and Morocco signed a naval cooperation accord in a March 2024 ceremony brokered with"
                   " France.")
    assert _events(text) == [("2024-03", ["ES", "FR"], None)]


def test_a_french_town_after_a_still_counts() -> None:
    text = article("Coopération : accord naval",
                   "Le Maroc et l'Espagne ont signé le 4 mars 2024 a Rabat un accord de coopération navale.")
    assert [place for _, _, place in _events(text)] == ["Rabat"]
