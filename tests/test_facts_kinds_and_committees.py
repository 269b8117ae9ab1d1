"""Kinds named alone and parties named in a name: 'deux satellites espions israéliens' is the one Israeli
satellite the article names; satellites a new deal replaces are not bought; 'the U.S.-Morocco Defense
Consultative Committee' names both sides; a newspaper's country one adjective away ('le site spécialisé
espagnol') is no party; 'bridge the gap with Algeria' is a rivalry. Sentences written for these tests,
after the pattern of Moroccan and international news pages."""

from __future__ import annotations

from factkit import article, of_kind, partners


def test_a_kind_named_alone_is_the_named_system_its_seller_makes() -> None:
    text = article(
        "Satellites espions",
        "Par Sam Lee | 4 mai 2024",
        "Le Maroc aurait conclu un accord pour acquérir deux nouveaux satellites espions israéliens.",
        "Le Royaume veut en effet remplacer les satellites Mohammed VI-A et Mohammed VI-B, lancés en 2017 et 2018.",
        "Selon certaines sources, l'accord porte sur des Ofek-13.",
    )
    assert {(a["system"], a["supplier"], a["quantity"]) for a in of_kind(text, "acquisition")} == {
        ("Ofek-13", "IL", 2)}


def test_a_bilateral_committee_names_both_sides() -> None:
    text = article(
        "Defense committee",
        "By Sam Lee | 4 May 2024",
        "Under Secretary of Defense for Policy Dr. John Smith and Lieutenant General Ahmed Kabbaj, Inspector General"
        " of the Royal Moroccan Armed Forces and Southern Zone Commander, co-chaired the 13th U.S.-Morocco Defense"
        " Consultative Committee (DCC) from November 6-7, 2023 at the Pentagon.",
    )
    assert [(e["date"], e["countries"]) for e in of_kind(text, "event")] == [("2023-11-06", ["US"])]


def test_a_newspapers_country_one_adjective_away_is_no_party() -> None:
    text = article(
        "Artillerie",
        "Par Sam Lee | 4 mai 2024",
        "C'est aussi le cas du site spécialisé espagnol Defensa, qui a publié un long article sur le lance-roquettes"
        " PULS de la société israélienne Elbit Systems que le Maroc aurait reçu en mai.",
    )
    assert partners(text) == {"IL"}


def test_bridging_the_gap_with_a_rival_is_no_cooperation() -> None:
    text = article(
        "Defence industry",
        "By Sam Lee | 4 May 2024",
        "Morocco is preparing to launch a factory to reduce its dependency on foreign suppliers and bridge the gap"
        " with Algeria, which is planning to establish a factory for military helicopters.",
    )
    assert "DZ" not in partners(text)


def test_a_pair_before_a_capitalised_name_is_two_parties() -> None:
    from facts.extract.actors import find_actors

    for text in ("the 13th U.S.-Morocco Defense Consultative Committee",
                 "the Morocco-US Defense Consultative Committee"):
        assert sorted(a.country for a in find_actors(text)) == ["MA", "US"], text


def test_rifles_are_equipment_and_carry_their_designation() -> None:
    text = article(
        "Armes légères",
        "Par Sam Lee | 4 mai 2024",
        "C'est un contrat de fourniture d'un lot de fusils d'assaut M4 américains qui vient d'être conclu entre le"
        " Maroc et la société américaine Colt.",
    )
    assert {(a["system"], a["supplier"]) for a in of_kind(text, "acquisition")} == {("M4", "US")}


def test_a_vehicle_named_with_its_type_suffix() -> None:
    text = article(
        "Sherpa",
        "By Sam Lee | 4 May 2024",
        "France is preparing to deliver a second batch of Sherpa-type tactical armored vehicles to Morocco.",
    )
    assert {(a["system"], a["supplier"]) for a in of_kind(text, "acquisition")} == {("Sherpa", "FR")}


def test_a_news_site_based_in_a_capital_is_no_party() -> None:
    text = article(
        "Drones",
        "Par Sam Lee | 4 mai 2024",
        "Malgré l'essor du partenariat militaro-industriel entre Ankara et Rabat, l'usine de drones Baykar au Maroc"
        " reste un projet, écrit un site d'actualité basé à Londres.",
    )
    assert partners(text) == {"TR"}


def test_two_drones_of_one_maker_are_not_one_family() -> None:
    text = article(
        "Drones turcs",
        "Par Sam Lee | 4 mai 2024",
        "Les Bayraktar Akinci commandés par les FAR doivent arriver en février.",
        "En septembre 2021, Rabat avait réceptionné un premier lot de 13 drones armés Bayraktar TB2, acquis auprès"
        " de Baykar.",
    )
    found = {(a["system"], a["quantity"]) for a in of_kind(text, "acquisition")}
    assert ("Bayraktar TB2", 13) in found and ("Bayraktar Akinci", 13) not in found
