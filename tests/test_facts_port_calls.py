"""A warship's port call is its navy's visit: the state that owns the ship is the visitor and the
Moroccan port the host; ships and aircraft that take part in an exercise ('auquel participeront des
navires de …') make their states its parties. Sentences written for these tests, after the pattern of naval news ('une
frégate appartenant à la Marine nationale française a fait escale au port de …', 'a French Navy
frigate made a port call in …')."""

from __future__ import annotations

from factkit import article, of_kind, partners


def _visits(text: str) -> list[tuple[str, list[str]]]:
    return [(e["date"], sorted(e["countries"])) for e in of_kind(text, "event") if e["type"] == "visit"]


def test_a_frigate_belonging_to_a_navy_makes_its_state_the_visitor() -> None:
    text = article(
        "Escale d'un bâtiment étranger à Agadir",
        "Par Nadia B. | 9 avril 2025",
        "Une frégate de défense aérienne appartenant à la Marine nationale italienne a fait escale au port"
        " d'Agadir, le lundi 7 avril 2025, dans le cadre de la coopération entre les deux marines.",
    )
    assert _visits(text) == [("2025-04-07", ["IT"])]
    assert partners(text) == {"IT"}


def test_an_english_navy_frigate_making_a_port_call_is_a_visit() -> None:
    text = article(
        "Foreign warship calls at Moroccan port",
        "By Sam Lee | April 9, 2025",
        "A Dutch Navy frigate made a port call in Casablanca on April 7, 2025 as part of naval cooperation.",
    )
    assert _visits(text) == [("2025-04-07", ["NL"])]


def test_a_port_call_in_a_foreign_port_is_no_moroccan_visit() -> None:
    text = article(
        "Escale en Méditerranée",
        "Par Nadia B. | 9 avril 2025",
        "Une frégate appartenant à la Marine nationale algérienne a fait escale au port de Naples, le lundi 7"
        " avril 2025.",
    )
    assert _visits(text) == []
    assert partners(text) == set()


def test_the_two_countries_beside_a_port_call_are_morocco_and_the_visitor() -> None:
    """A title naming another state (India, for trucks) does not become 'the two countries' of a visit
    whose sentence pairs Morocco with the Netherlands."""
    text = article(
        "Dutch frigate calls at Casablanca as FAR take delivery of Indian trucks",
        "By Sam Lee | October 9, 2025",
        "A Royal Netherlands Navy frigate made a port call in Casablanca on October 6, 2025, as part of naval"
        " cooperation between the two countries.",
    )
    assert [(e["date"], e["countries"]) for e in of_kind(text, "event")] == [("2025-10-06", ["NL"])]
    assert partners(text) == {"NL", "IN"}  # India by the title's delivery of Indian trucks, not by the visit


def test_the_navies_that_take_part_after_auquel_are_the_exercise_parties() -> None:
    text = article(
        "Exercice naval multinational au large de Tanger",
        "Par Nadia B. | 9 avril 2025",
        "Le détroit accueille jeudi l'exercice de sécurité maritime « Atlas Guard-25 », auquel participeront des"
        " navires et des avions d'Espagne, d'Italie, du Maroc et du Portugal.",
    )
    assert partners(text) == {"ES", "IT", "PT"}


def test_an_exercise_without_morocco_makes_no_partner_from_its_participants() -> None:
    text = article(
        "Manœuvres en Méditerranée orientale",
        "Par Nadia B. | 9 avril 2025",
        "La Grèce accueille jeudi l'exercice naval « Aegean Guard-25 », auquel participeront des navires de"
        " Chypre et d'Italie.",
    )
    assert partners(text) == set()


def test_a_moroccan_ship_that_docks_abroad_is_the_visitor() -> None:
    """'the Moroccan frigate X docked in Lisbon': no passive ('drones ordered from China' is one) —
    a visit takes no equipment for object, so the ship before the verb is who visits."""
    text = article(
        "Moroccan frigate calls at Lisbon",
        "By Sam Lee | 4 June 2025",
        "The Royal Moroccan Navy frigate Tarik Ben Ziyad docked in Lisbon on June 2, 2025 for a naval"
        " cooperation visit.",
    )
    assert [(e["date"], e["countries"], e["type"]) for e in of_kind(text, "event")] == [("2025-06-02", ["PT"], "visit")]
    assert partners(text) == {"PT"}
