"""What a deal told before holds, named in the next sentence: 'It includes 5,810 … bombs' after a sale of
munitions for a fleet, 'Ce nouveau contrat porte sur …' after a contract with a named seller. Sentences
written for these tests, after the pattern of defence trade pages."""

from __future__ import annotations

from factkit import article, of_kind, partners


def _acquisitions(text: str) -> set[tuple[str, str | None, int | None, str]]:
    return {(a["system"], a["supplier"], a["quantity"], a["status"]) for a in of_kind(text, "acquisition")}


def test_munitions_for_a_fleet_then_what_the_sale_includes() -> None:  # (the munitions named in the next one)
    text = article(
        "Washington clears munitions",
        "By Sam Lee | 4 May 2024",
        "The State Department approved a possible sale to the Government of Morocco of munitions for its "
        "F-16 fleet for an estimated cost of $209 million.",
        "It includes 5,810 MK82-1 bombs and 1,000 GBU-39 Small Diameter Bombs.",
    )
    found = _acquisitions(text)
    assert ("MK82-1", "US", 5810, "approved") in found
    assert any(name.startswith("GBU-39") and (supplier, count) == ("US", 1000) for name, supplier, count, _ in found)
    assert not any(name == "F-16" for name, *_ in found)  # the fleet the munitions serve is not bought


def test_a_count_written_with_a_thousands_comma_before_a_designation() -> None:
    text = article("Missiles", "By Sam Lee | 4 May 2024",
                   "Morocco ordered 1,200 AGM-114R Hellfire missiles from the United States.")
    assert {(name, count) for name, _, count, _ in _acquisitions(text)} == {("AGM-114R Hellfire", 1200)}


def test_a_contract_says_what_it_bears_on_in_the_next_sentence() -> None:
    text = article(
        "Communications militaires",
        "Par Sam Lee | 4 mai 2024",
        "Les Forces armées royales ont signé un contrat avec le groupe américain Harris.",
        "Ce nouveau contrat porte sur un système de communications tactiques Falcon III.",
    )
    assert _acquisitions(text) == {("Falcon III", "US", None, "ordered")}


def test_a_talk_that_bears_on_a_sale_is_no_purchase() -> None:
    text = article(
        "Entretiens",
        "Par Sam Lee | 4 mai 2024",
        "Le ministre a reçu son homologue américain.",
        "L'entretien a porté sur la coopération militaire et le système Falcon III.",
    )
    assert _acquisitions(text) == set()


def test_an_order_placed_with_a_named_company_keeps_its_date_and_count() -> None:
    text = article(
        "Artillerie",
        "Par Sam Lee | 4 mai 2024",
        "Les FAR avaient commandé, en mars 2021, à la société française Nexter 30 canons Caesar pour 150 millions"
        " d'euros.",
    )
    assert {(a["system"], a["supplier"], a["quantity"], a["year"]) for a in of_kind(text, "acquisition")} == {
        ("Caesar", "FR", 30, 2021)}


def test_an_order_dated_in_one_sentence_and_named_in_the_next() -> None:
    text = article(
        "Blindés",
        "Par Sam Lee | 4 mai 2024",
        "Selon les mêmes sources, l'une des commandes passées par les FAR auprès des Turcs remonte au mois de"
        " mars 2023.",
        "L'armée marocaine a ainsi acquis 100 véhicules blindés Cobra 2 pour la somme de 70 millions de dollars US.",
    )
    assert {(a["system"], a["supplier"], a["year"]) for a in of_kind(text, "acquisition")} == {("Cobra 2", "TR", 2023)}
    assert partners(text) == {"TR"}  # "dollars US" names a currency, not a party


def test_another_purchase_told_before_lends_no_year() -> None:
    text = article(
        "Drones",
        "By Sam Lee | 4 May 2024",
        "Last month, Rabat procured 50 drones from the Israeli firm BlueBird Aero Systems.",
        "Morocco has also reportedly procured the Barak 8 air defence systems from IAI.",
    )
    assert {(a["system"], a["year"]) for a in of_kind(text, "acquisition") if a["system"] == "Barak 8"} == {
        ("Barak 8", None)}


def test_a_headlines_bare_kind_is_the_system_the_body_names() -> None:
    text = article(
        "Morocco receives shipments of Israel-made defence system",
        "By Sam Lee | 4 May 2024",
        "Morocco has received the first shipments of the Barak MX anti-aircraft and missile defence system made by"
        " Israel, local media reported.",
    )
    assert {a["system"] for a in of_kind(text, "acquisition")} == {"Barak MX"}


def test_a_makers_one_word_name_before_a_clitic_is_the_subject() -> None:
    text = article(
        "Artillerie",
        "Par Sam Lee | 4 mai 2024",
        "Les FAR renforcent leur artillerie. La firme française Nexter leur a livré un premier lot des 36 canons"
        " Caesar.",
    )
    assert {(a["system"], a["supplier"], a["quantity"]) for a in of_kind(text, "acquisition")} == {
        ("Caesar", "FR", 36)}


def test_a_year_in_an_absolute_clause_about_another_unit_is_not_this_ones() -> None:
    text = article(
        "Transport aérien",
        "Par Sam Lee | 4 mai 2024",
        "Le constructeur italien Leonardo vient d'annoncer la livraison aux Forces Royales Air du troisième et"
        " dernier avion de transport tactique C-27J Spartan, le premier ayant été livré en mars 2017.",
    )
    assert {(a["system"], a["quantity"], a["year"]) for a in of_kind(text, "acquisition")} == {
        ("C-27J Spartan", 3, None)}


def test_a_makers_possessive_names_the_maker_and_the_sale_is_washingtons() -> None:
    text = article(
        "US clears recovery vehicles",
        "By Sam Lee | 4 May 2024",
        "The US State Department cleared the sale to Morocco of 20 of BAE Systems' M88 recovery vehicles for a"
        " total cost of $200 million.",
    )
    assert {(a["system"], a["supplier"], a["manufacturer"], a["quantity"]) for a in of_kind(text, "acquisition")} == {
        ("M88", "US", "BAE Systems", 20)}
    assert partners(text) == {"US"}


def test_ammunition_named_after_the_fleet_it_serves() -> None:
    text = article(
        "US clears munitions",
        "By Sam Lee | 4 May 2024",
        "In September, the US approved the sale to Morocco of additional F-16 ammunition for an estimated cost of"
        " $209 million.",
    )
    # what is bought is the ammunition, named after the fleet it serves; the fighters are not bought
    assert {(a["system"], a["supplier"]) for a in of_kind(text, "acquisition")} == {("F-16 ammunition", "US")}


def test_aircraft_produced_for_the_air_force() -> None:
    text = article(
        "First F-16s on their way",
        "By Sam Lee | 4 May 2024",
        "The first four of 24 new F-16 jets produced for the Royal Moroccan Air Force have left the"
        " Lockheed Martin plant in Fort Worth, Texas.",
    )
    assert {(a["system"], a["supplier"], a["quantity"]) for a in of_kind(text, "acquisition")} == {
        ("F-16", "US", 24)}


def test_a_yard_awarded_a_contract_for_patrol_boats() -> None:
    text = article(
        "Naval boats",
        "By Sam Lee | 4 May 2024",
        "The Spanish company Navantia was awarded a contract to build patrol boats for the Moroccan Navy.",
        "Portugal will help Morocco develop its submarine arm, the Portuguese defence minister said, after Moroccan"
        " crews trained aboard the Portuguese submarine Arpao.",
    )
    assert {(a["system"], a["supplier"]) for a in of_kind(text, "acquisition")} == {("patrol boats", "ES")}


def test_patrol_boats_with_no_maker_say_too_little() -> None:
    text = article("Naval boats", "By Sam Lee | 4 May 2024", "The Moroccan Navy has received patrol boats.")
    assert of_kind(text, "acquisition") == []


def test_talks_on_a_makers_model_make_its_state_a_partner() -> None:
    text = article(
        "Fighter talks",
        "By Sam Lee | 4 May 2024",
        "Recent reports suggest Morocco is advancing plans to acquire Lockheed Martin's F-35 Lightning II jets,"
        " with negotiations reportedly underway since 2020.",
    )
    assert partners(text) == {"US"}


def test_an_unknown_name_before_a_kind_noun_is_no_reference_back() -> None:
    text = article(
        "Air defence",
        "By Sam Lee | 4 May 2024",
        "Morocco has received the first part of the Barak MX air defence system from Israel Aerospace Industries.",
        "According to FAR Maroc, the delivery of the Israeli system started in mid-2023.",
        "In 2021, the North African country purchased the Dronebuster Shield anti-drone system from Israel.",
    )
    years = {a["year"] for a in of_kind(text, "acquisition") if a["system"] == "Barak MX"}
    assert years and 2021 not in years  # the anti-drone system bought in 2021 is another one


def test_a_yards_name_opening_a_headline_keeps_its_verb() -> None:
    text = article("Navantia livre un patrouilleur hauturier à la Marine royale", "Par Sam Lee | 4 mai 2024",
                   "La Marine royale a reçu son nouveau navire.")
    assert {(a["supplier"], a["category"]) for a in of_kind(text, "acquisition")} == {("ES", "ship")}
