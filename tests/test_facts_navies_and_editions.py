"""Navies and exercises: a ship named with its navy's prefix ('USS …', 'HMS Prince of Wales') is one mention
of that state; an exercise's edition ('Chebec 25', 'Atlas Handshake 23-1') names its year, so a weekday
with its day and month in that article is dated; a country named beside a border region is a place.
Sentences written for these tests, after the pattern of naval and defence news pages."""

from __future__ import annotations

from factkit import article, of_kind, partners


def test_a_carrier_group_named_by_its_ship_takes_part_in_an_exercise() -> None:
    text = article(
        "Un exercice de fond",
        "Par Sam Lee",
        "L'exercice maritime conjoint auquel ont participé le groupe aéronaval USS Harry S. Truman, la Marine"
        " royale marocaine et les Forces royales air, a pris fin dimanche 12 mars 2023.",
    )
    assert [(e["date"], e["countries"]) for e in of_kind(text, "event")] == [("2023-03-12", ["US"])]


def test_a_ship_name_stops_before_another_mention() -> None:
    text = article("HMS Prince Of Wales Visits Morocco", "By Sam Lee | 4 May 2024",
                   "The Royal Navy carrier called at Tangier for a port visit.")
    assert partners(text) == {"GB"}


def test_an_exercises_edition_dates_a_weekday_with_no_year() -> None:
    text = article(
        "La frégate marocaine à Toulon pour l'exercice franco-marocain Chebec 25",
        "Par Sam Lee",
        "La frégate de la Marine royale marocaine a accosté, vendredi 31 octobre, au port militaire de Toulon, une"
        " nouvelle étape de la coopération navale entre le Maroc et la France.",
    )
    assert [(e["date"], e["countries"]) for e in of_kind(text, "event")] == [("2025-10-31", ["FR"])]


def test_a_weekday_that_disagrees_with_the_edition_gives_no_date() -> None:
    text = article(
        "La frégate marocaine à Toulon pour l'exercice franco-marocain Chebec 25",
        "Par Sam Lee",
        "La frégate de la Marine royale marocaine a accosté, mercredi 31 octobre, au port militaire de Toulon, une"
        " nouvelle étape de la coopération navale entre le Maroc et la France.",
    )
    assert of_kind(text, "event") == []


def test_morocco_named_beside_a_border_province_is_a_place() -> None:
    text = article(
        "Manoeuvres algériennes",
        "Par Sam Lee | 4 mai 2024",
        "L'armée algérienne a procédé à d'importantes manoeuvres aéro-terrestres à Béchar, province frontalière du"
        " Sahara occidental et du Maroc, selon la télévision publique.",
    )
    assert partners(text) == set()
