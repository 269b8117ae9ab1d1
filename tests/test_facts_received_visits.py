"""Visits told from the receiving side, as Moroccan and foreign agencies write them: a passive 'reçu par'
whose visitor is named only by rank, the visit noun naming his state; Morocco's second-in-command
'reçu à Abou Dhabi'; a foreign company's plant opened in a Moroccan town named without a preposition
of its own. Sentences written for these tests."""

from __future__ import annotations

from factkit import article, of_kind, partners


def _events(text: str) -> list[tuple[str, list[str]]]:
    return [(e["date"], e["countries"]) for e in of_kind(text, "event")]


def test_a_general_received_by_the_minister_for_his_states_first_visit() -> None:
    text = article(
        "Le Maroc et Israël resserrent leurs liens",
        "Par Lina K. | 20 juillet 2022",
        "Le général Dan Levy a été reçu le 19 juillet 2022 par le ministre délégué Abdellatif Loudiyi, au cours de"
        " la toute première tournée d'un chef d'état-major israélien en Afrique du Nord.",
    )
    assert _events(text) == [("2022-07-19", ["IL"])]
    assert partners(text) == {"IL"}


def test_moroccos_number_two_received_in_a_foreign_capital() -> None:
    text = article(
        "Les FAR aux Émirats",
        "Yabiladi — 2021-09",
        "Ce mardi 28 septembre, le n°2 des FAR a été reçu à Abou Dhabi, où il restera deux jours.",
    )
    assert _events(text) == [("2021-09-28", ["AE"])]


def test_a_foreign_companys_plant_opened_just_outside_a_moroccan_town() -> None:
    text = article(
        "Tata opens its plant in Morocco",
        "By Sam Lee | September 24, 2025",
        "On September 23, 2025, at an industrial park near Casablanca, India's Tata Advanced Systems opened its"
        " first defence factory abroad.",
    )
    assert _events(text) == [("2025-09-23", ["IN"])]
    assert partners(text) == {"IN"}


def test_a_plant_opened_abroad_is_no_moroccan_partnership() -> None:
    text = article(
        "Tata opens a plant",
        "By Sam Lee | September 24, 2025",
        "On September 23, 2025, just outside Hyderabad, India's Tata Advanced Systems inaugurated a new defence"
        " manufacturing facility, which will also build parts for Moroccan vehicles.",
    )
    assert _events(text) == []


def test_an_exercise_co_organised_by_morocco_makes_its_organisers_partners() -> None:
    text = article(
        "Des observateurs à l'exercice",
        "Par Lina K. | 4 juillet 2022",
        "Des observateurs étrangers ont suivi en juin l'exercice « Desert Shield », co-organisé par le Maroc et les"
        " États-Unis dans le sud du pays.",
    )
    assert partners(text) == {"US"}


def test_equipment_morocco_has_from_a_state_makes_a_partner_but_no_purchase() -> None:
    text = article(
        "Le Maroc et ses fournisseurs",
        "Par Lina K. | 4 juin 2025",
        "Le royaume dispose aussi d'une flotte de F-16 américains rénovés.",
    )
    assert partners(text) == {"US"}
    assert of_kind(text, "acquisition") == []
    english = article(
        "Morocco's arsenal",
        "By Sam Lee | 4 June 2025",
        "Morocco's army already operates armoured vehicles from the United States, France and Turkey.",
    )
    assert partners(english) == {"US", "FR", "TR"}


def test_what_a_rival_has_makes_no_partner() -> None:
    text = article(
        "L'arsenal algérien",
        "Par Lina K. | 4 juin 2025",
        "L'Algérie dispose d'une flotte de Su-30 russes, face au Maroc.",
    )
    assert partners(text) == set()


def test_a_meeting_abroad_whose_place_the_parser_hung_on_the_date() -> None:
    text = article(
        "La Gendarmerie royale au Kenya",
        "Par Lina K. | 21 novembre 2025",
        "Ce lundi 17 novembre, à Nairobi, le n°2 de la Gendarmerie royale a été reçu par ses homologues, selon un"
        " communiqué.",
    )
    assert _events(text) == [("2025-11-17", ["KE"])]


def test_a_company_named_after_its_noun_and_demonym_opens_a_plant_near_rabat() -> None:
    text = article(
        "Une usine de blindés à Kénitra",
        "Par Lina K. | 21 novembre 2025",
        "Le 19 novembre, dans la zone industrielle de Kénitra, tout près de Rabat, le groupe sud-africain Paramount"
        " a inauguré une usine d'assemblage de véhicules blindés.",
    )
    assert partners(text) == {"ZA"}
    assert _events(text) == [("2025-11-19", ["ZA"])]


def test_the_origin_of_the_equipment_a_fleet_holds() -> None:
    text = article(
        "Les hélicoptères des FAR",
        "Par Lina K. | 21 novembre 2025",
        "Le royaume dispose déjà d'une flotte d'hélicoptères Puma français modernisés, rappelle le communiqué.",
    )
    assert partners(text) == {"FR"}
    english = article(
        "Morocco's patrol fleet",
        "By Sam Lee | 4 June 2025",
        "The Royal Moroccan Navy already operates several patrol boats from Spain and the Netherlands.",
    )
    assert partners(english) == {"ES", "NL"}


def test_a_sea_is_no_person_at_a_meeting() -> None:
    text = article(
        "French and Moroccan navies",
        "By Sam Lee | 14 November 2025",
        "The chief of staff of the French Navy toured the Al Hoceima naval base on November 10, 2025, where he met"
        " the Inspector of the Royal Moroccan Navy and discussed joint patrols in the Alboran Sea.",
    )
    events = of_kind(text, "event")
    assert [(e["date"], e["countries"]) for e in events] == [("2025-11-10", ["FR"])]
    assert not any("Alboran" in p for e in events for p in e.get("people") or [])


def test_a_plant_opened_on_a_day_does_not_date_the_order_it_will_build() -> None:
    text = article(
        "L'usine Tata inaugurée",
        "Par Lina K. | 23 septembre 2025",
        "Le contrat, annoncé en 2024, prévoit la livraison de 150 véhicules WhAP aux FAR.",
        "Inaugurée ce 23 septembre à Berrechid, au sud de Casablanca, l'usine de Tata Advanced Systems assemblera"
        " des véhicules blindés à roues WhAP 8x8 destinés aux Forces armées royales.",
    )
    assert [(a["system"], a.get("year")) for a in of_kind(text, "acquisition")] == [("WhAP", 2024)]


def test_a_caption_naming_the_visitor_as_the_former() -> None:
    text = article(
        "Defence chief in Rabat",
        "By Sam Lee | 3 October 2020",
        "German Defence Minister Anna Weber, left, and Moroccan Foreign Minister Nasser Bourita, right, review an"
        " honour guard during the former's visit to Rabat, Friday, Oct. 2, 2020.",
    )
    assert _events(text) == [("2020-10-02", ["DE"])]


def test_the_latter_is_the_last_party_named() -> None:
    text = article(
        "Defence chief in Rabat",
        "By Sam Lee | 3 October 2020",
        "Moroccan Foreign Minister Nasser Bourita, left, and German Defence Minister Anna Weber, right, review an"
        " honour guard during the latter's visit to Rabat, Friday, Oct. 2, 2020.",
    )
    assert _events(text) == [("2020-10-02", ["DE"])]
