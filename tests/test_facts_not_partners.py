"""States a sentence names beside Morocco that are not its partners: the nationality of an official
who serves an international organisation (envoys still speak for their state), the union a
multinational company is registered to, the other entries of an importers' ranking, and the country of
a newspaper that comments on a purchase. Sentences written for these tests, after the patterns of FAR
communiqués on UN visitors ('le général X de l'Uruguay, conseiller militaire de l'ONU'), of orders
placed with Airbus, of SIPRI rankings retold ('Morocco is preceded by Algeria … and Sudan') and of
press reviews ('Upon hearing that …, Algerian newspaper X was quick to …')."""

from __future__ import annotations

from factkit import article, of_kind, partners


def test_a_un_adviser_of_some_nationality_is_not_his_country() -> None:
    text = article(
        "L'inspecteur général des FAR reçoit un responsable onusien",
        "Par Lina K. | 14 février 2024",
        "L'inspecteur général des FAR a reçu, lundi 12 février à Rabat, le général Juan Pérez du Paraguay,"
        " conseiller militaire auprès du département des opérations de paix de l'ONU.",
        "Le général Juan Pérez effectue une visite dans le Royaume à la tête d'une délégation militaire.",
    )
    assert partners(text) == set()


def test_an_english_un_adviser_is_not_his_country() -> None:
    text = article(
        "Moroccan army chief receives UN military adviser",
        "By Sam Lee | February 14, 2024",
        "The Inspector General of the FAR received in Rabat Gen. Juan Perez of Paraguay, military adviser to"
        " the UN Department of Peace Operations.",
    )
    assert partners(text) == set()


def test_an_ambassador_at_the_un_still_speaks_for_his_state() -> None:
    text = article(
        "Défense : entretiens maroco-paraguayens",
        "Par Lina K. | 14 février 2024",
        "L'inspecteur général des FAR a reçu à Rabat le général Juan Pérez du Paraguay, représentant"
        " militaire auprès de l'ONU, pour des entretiens sur la coopération militaire bilatérale.",
    )
    assert partners(text) == {"PY"}


def test_a_company_of_a_union_makes_no_union_partner() -> None:
    text = article(
        "Les Forces royales air commandent des hélicoptères",
        "Par Lina K. | 18 novembre 2025",
        "Le Maroc a passé une commande de douze hélicoptères H225M auprès d'Airbus, selon un communiqué.",
    )
    assert "EU" not in partners(text)
    # the H225M's own maker, Airbus Helicopters, sells it from France; no union is a partner
    assert [a["supplier"] for a in of_kind(text, "acquisition")] == ["FR"]


def test_the_states_of_an_importers_ranking_are_not_partners() -> None:
    text = article(
        "Arms imports in Africa",
        "By Sam Lee | March 3, 2024",
        "Morocco is preceded by Algeria, the largest arms importer on the continent, with 40 per cent of"
        " imports and Egypt (9 per cent).",
    )
    assert partners(text) == set()


def test_a_foreign_newspaper_commenting_on_a_purchase_is_not_its_supplier() -> None:
    text = article(
        "Morocco's missile purchase angers its neighbour",
        "By Sam Lee | March 3, 2024",
        "Upon hearing that Morocco has acquired Chinese-made air defence batteries, Algerian newspaper El Khabar"
        " was quick to attack Rabat.",
    )
    assert partners(text) == {"CN"}
    assert [a["supplier"] for a in of_kind(text, "acquisition")] == ["CN"]
