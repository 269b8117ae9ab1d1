"""Orders a yard records, sellers in talks, approvals told two sentences before their content, lexicon
additions, civil agreements, and dated meetings whose parties sit in an apposition, a relative clause or
a light verb ('united … for Majestic Eagle'). Sentences written for these tests, after real pages."""

from __future__ import annotations

from factkit import article, of_kind, partners


def test_an_order_a_yard_records_from_the_navy_is_bought_from_the_yard() -> None:
    text = article("Navy order", "By Sam Lee | 23 June 2016",
                   "PIRIOU has just recorded a new order from the Moroccan Royal Navy for a 72 m survey vessel.")
    assert partners(text) == {"FR"}


def test_a_block_number_after_the_aircraft_is_no_system() -> None:
    text = article(
        "US sales",
        "By Sam Lee | 4 May 2024",
        "Other notable acquisitions by Morocco include 25 F-16C/D aircraft Block 72 and 40 JSOW missiles.",
    )
    found = {(a["system"], a["quantity"]) for a in of_kind(text, "acquisition")}
    assert ("JSOW", 40) in found and ("F-16C/D", 25) in found
    assert not any(name == "Block 72" for name, _ in found)


def test_a_seller_named_in_talks_is_a_partner() -> None:
    text = article(
        "Fighters",
        "By Sam Lee | 4 May 2024",
        "Reports suggest Morocco is advancing plans to acquire US-made Lockheed Martin's F-35 jets, with "
        "negotiations underway since 2020.",
    )
    assert of_kind(text, "acquisition") == []
    assert partners(text) == {"US"}


def test_what_was_approved_two_sentences_before_is_named_after_it() -> None:
    text = article(
        "Missiles",
        "Par Samir Alaoui | 18 novembre 2015",
        "Le département d'État américain a approuvé un projet de vente de missiles au Maroc.",
        "Ce projet est d'une grande importance pour les FAR.",
        "Il s'agit de 200 lanceurs et 400 missiles anti-chars TOW, pour un coût de 100 millions de dollars.",
    )
    assert {(a["system"], a["supplier"], a["status"]) for a in of_kind(text, "acquisition")} == {
        ("TOW", "US", "approved")}


def test_a_patrol_aircraft_written_in_capitals_is_known() -> None:
    text = article("Marine", "Par Samir Alaoui | 4 mai 2020",
                   "La Marine royale vient de réceptionner son premier avion de patrouille maritime (KING AIR 350ER).")
    assert {(a["system"], a["supplier"]) for a in of_kind(text, "acquisition")} == {("KING AIR 350ER", "US")}


def test_a_civil_aviation_agreement_makes_no_defence_partner() -> None:
    text = article(
        "Flights",
        "By Sam Lee | 25 December 2020",
        "The minister said that the signing of agreements on Tuesday between Morocco and Israel was part of the "
        "arrangement to re-establish regular air links.",
        "A memorandum of understanding was signed during the visit of a delegation in the field of Civil Aviation.",
    )
    assert partners(text) == set()


def test_a_us_state_guard_trains_with_morocco_on_dates_written_the_american_way() -> None:
    text = article(
        "Disaster drill",
        "By Sam Lee | 25 September 2024",
        "Soldiers and firefighters from the Utah National Guard trained with their Moroccan counterparts in "
        "disaster management, Sept. 9-20, 2024, in Kenitra.",
    )
    assert {(e["date"], tuple(e["countries"])) for e in of_kind(text, "event")} == {("2024-09-09", ("US",))}


def test_airmen_who_unite_for_an_exercise_date_it() -> None:
    text = article(
        "Majestic Eagle",
        "By Sam Lee | 16 April 2013",
        "April 15, 2013 (by SSgt. John Doe) - Airmen from the Royal Moroccan air force and the U.S. Air Force "
        "united at Ben Guerir Air Base, Morocco, April 15, for a bilateral training exercise, which will "
        "continue through April 26, 2013.",
    )
    assert ("2013-04-15", ("US",)) in {(e["date"], tuple(e["countries"])) for e in of_kind(text, "event")}


def test_an_agreement_between_two_states_signed_on_a_date_in_a_relative_clause() -> None:
    text = article(
        "Pact",
        "By Sam Lee | 12 January 2025",
        "On January 10, 2025, the president approved a military cooperation agreement between Azerbaijan and "
        "Morocco, which was signed on October 30, 2024, in Rabat.",
    )
    assert ("2024-10-30", ("AZ",)) in {(e["date"], tuple(e["countries"])) for e in of_kind(text, "event")}


def test_le_titre_du_visiteur_apres_son_nom_dit_son_pays() -> None:
    text = article(
        "Visite",
        "Par Samir Alaoui | 24 septembre 2025",
        "Sous des instructions royales, le général inspecteur des forces armées royales, le général de corps "
        "d'armée Mohammed Berrid, a accueilli le général Moussa Barno, chef d'état-major des armées du Niger, "
        "le 23 septembre 2025.",
    )
    assert ("2025-09-23", ("NE",)) in {(e["date"], tuple(e["countries"])) for e in of_kind(text, "event")}


def test_deux_etats_apres_aupres_de_sont_tous_deux_vendeurs() -> None:
    text = article(
        "Armement",
        "Par Samir Alaoui | 4 mai 2015",
        "Après l'acquisition de chars Abrams et d'autres armements auprès des Etats-Unis et de la France, le Maroc "
        "poursuit la modernisation de son armée.",
    )
    assert partners(text) == {"US", "FR"}


def test_a_photo_credit_names_no_one_who_took_part() -> None:
    english = article(
        "Drill",
        "By Sam Lee | 16 April 2013",
        "April 15, 2013 (by SSgt. John Doe) - Airmen from the Royal Moroccan air force and the U.S. Air Force "
        "united at Ben Guerir Air Base, Morocco, April 15, for a bilateral training exercise.",
    )
    french = article(
        "Exercice",
        "Par Samir Alaoui | 16 avril 2013",
        "Les marines marocaine et française ont mené le 15 avril 2013 un exercice conjoint au large de Tanger "
        "(Crédit photo : Jean Dupont).",
    )
    for text in (english, french):
        events = of_kind(text, "event")
        assert events and all("John Doe" not in e["people"] and "Jean Dupont" not in e["people"] for e in events)
