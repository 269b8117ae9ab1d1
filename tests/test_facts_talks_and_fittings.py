"""What is talked about is not bought, and what a ship is fitted for is not bought either; a date set
between an arrival and the equipment that arrives does not hide the equipment. Sentences written for
these tests, after the pattern of air-defence and naval news ('held talks with several suppliers to
buy …', 'une plateforme pour hélicoptères NH90', 'l'arrivée en janvier 2024 des premiers canons')."""

from __future__ import annotations

from factkit import article, of_kind, partners


def test_talks_held_to_buy_a_system_are_a_prospect() -> None:
    text = article(
        "Morocco weighs its air defence options",
        "By Sam Lee | 4 June 2024",
        "Over the years, Rabat held talks with several suppliers to buy medium-range systems, notably the"
        " American Patriot.",
    )
    assert of_kind(text, "acquisition") == []
    assert [p["system"] for p in of_kind(text, "prospect")] == ["Patriot"]
    assert partners(text) == set()


def test_a_purchase_signed_during_talks_is_still_bought() -> None:
    text = article(
        "Morocco and the United States",
        "By Sam Lee | 4 June 2024",
        "During the talks, Morocco signed a contract to buy 24 AH-64E Apache helicopters from the United States.",
    )
    assert [(a["system"], a["status"]) for a in of_kind(text, "acquisition")] == [("AH-64E Apache", "ordered")]


def test_a_platform_for_helicopters_buys_no_helicopter() -> None:
    text = article(
        "Un patrouilleur pour la Marine royale",
        "Par Nadia B. | 4 juin 2024",
        "La Marine royale a commandé un patrouilleur hauturier OPV au chantier espagnol Navantia.",
        "Le patrouilleur disposera d'un radar de veille et d'une plateforme pour hélicoptères NH90.",
    )
    assert [a["system"] for a in of_kind(text, "acquisition")] == ["OPV"]


def test_a_date_between_an_arrival_and_its_equipment() -> None:
    text = article(
        "La Marine royale et ses nouveaux patrouilleurs",
        "Par Nadia B. | 4 juin 2024",
        "La presse voisine s'inquiète du réarmement marocain, après l'arrivée en janvier 2024 des premiers"
        " canons Caesar, commandés à la France.",
    )
    assert [(a["system"], a["supplier"], a["status"]) for a in of_kind(text, "acquisition")] == [
        ("Caesar", "FR", "delivered")]
