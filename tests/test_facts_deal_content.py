"""What a deal is about, and what it is not: a participle after the deal's phrase and a comma tells its
content ('une transaction avec la Chine, concernant des drones'); equipment brought in as new ('au
moins quatre nouveaux bâtiments', 'four new ships') is not the system told before and lends it no
count; an auxiliary in the future ('sera équipé', 'seront livrés') tells nothing delivered; a yard that
speeds up a construction builds the ship. Sentences written for these tests, after the pattern of
Moroccan and Spanish naval and drone news."""

from __future__ import annotations

from factkit import article, of_kind


def _facts(text: str) -> list[tuple[str, str | None, int | None, str | None]]:
    return sorted((a["system"], a["supplier"], a["quantity"], a["status"]) for a in of_kind(text, "acquisition"))


def test_a_participle_after_a_comma_tells_the_deal_content() -> None:
    text = article(
        "Drones chinois pour le Maroc",
        "Par Nadia B. | 3 mars 2023",
        "Selon la presse, le Royaume a conclu une transaction avec la Chine, concernant des drones Wing Loong II.",
    )
    assert _facts(text) == [("Wing Loong II", "CN", None, "ordered")]


def test_portant_sur_after_a_comma_tells_the_deal_content() -> None:
    text = article(
        "Hélicoptères pour les FAR",
        "Par Nadia B. | 3 mars 2023",
        "Le Maroc a signé un contrat, portant sur 24 hélicoptères AH-64E, avec les États-Unis.",
    )
    assert _facts(text) == [("AH-64E", "US", 24, "ordered")]


def test_new_ships_of_a_wider_programme_lend_no_count_to_the_ship_told_before() -> None:
    text = article(
        "Un chantier espagnol accélère la construction d'un patrouilleur marocain",
        "Par Nadia B. | 3 mars 2024",
        "Le chantier espagnol Navantia a accéléré la construction du patrouilleur hauturier OPV destiné à la"
        " Marine royale.",
        "Ce patrouilleur s'inscrit dans un programme visant à doter la Marine royale d'au moins quatre nouveaux"
        " bâtiments d'ici 2030.",
    )
    assert _facts(text) == [("OPV", "ES", None, "ordered")]


def test_four_new_ships_in_english_lend_no_count_either() -> None:
    text = article(
        "Spanish yard speeds up Moroccan patrol vessel",
        "By Sam Lee | 3 March 2024",
        "Spain's Navantia has sped up the construction of an OPV patrol vessel for the Royal Moroccan Navy.",
        "The programme aims to give the Royal Moroccan Navy four new ships by 2030.",
    )
    assert all(quantity is None for _, _, quantity, _ in _facts(text))


def test_a_future_auxiliary_tells_nothing_delivered() -> None:
    text = article(
        "Patrouilleur marocain",
        "Par Nadia B. | 3 mars 2024",
        "Le Maroc a commandé un patrouilleur OPV au chantier espagnol Navantia.",
        "Le patrouilleur OPV sera équipé des technologies les plus récentes.",
    )
    assert _facts(text) == [("OPV", "ES", None, "ordered")]
