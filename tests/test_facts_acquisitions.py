"""Acquisition extraction: designations, quantities, values, years, suppliers, and traps."""

from factkit import article, facts_of, of_kind

TITLE = "Armement : le Maroc poursuit ses achats"


def acquisitions(*body: str) -> dict[str, dict]:
    return {f["system"]: f for f in of_kind(article(TITLE, *body), "acquisition")}


def test_known_system_with_word_quantity_and_supplier_from_manufacturer():
    found = acquisitions("Le Maroc a acquis trois drones Bayraktar TB2 pour sa surveillance.")
    tb2 = found["Bayraktar TB2"]
    assert (tb2["quantity"], tb2["supplier"], tb2["category"], tb2["manufacturer"]) == (3, "TR", "drone", "Baykar")


def test_compound_french_number():
    found = acquisitions("Les Forces armées royales ont commandé trente-six hélicoptères AH-64E Apache.")
    apache = next(iter(found.values()))
    assert apache["quantity"] == 36 and apache["supplier"] == "US" and apache["category"] == "helicopter"


def test_value_with_currency_and_quantity_in_digits():
    found = acquisitions("Rabat a signé un contrat de 50 millions de dollars pour l'achat de 12 obusiers Caesar.")
    caesar = found["Caesar"]
    assert caesar["value"] == {"amount": 50_000_000, "currency": "USD"}
    assert caesar["quantity"] == 12 and caesar["category"] == "artillery" and caesar["supplier"] == "FR"


def test_unknown_designation_after_a_category_noun():
    found = acquisitions("Le Maroc a réceptionné quatre patrouilleurs Zeta-300 construits par Navantia.")
    zeta = found["Zeta-300"]
    assert (zeta["quantity"], zeta["category"], zeta["supplier"], zeta["manufacturer"]) == (4, "ship", "ES", "Navantia")


def test_quoted_name_and_demonym_supplier():
    found = acquisitions("Le Maroc a acheté deux drones « Condor » israéliens.")
    assert found["Condor"]["supplier"] == "IL" and found["Condor"]["quantity"] == 2


def test_sentence_initial_year():
    found = acquisitions("En 2023, le Maroc a acheté des missiles Javelin.")
    assert found["Javelin"]["year"] == 2023 and found["Javelin"]["supplier"] == "US"


def test_pronoun_refers_to_morocco_in_previous_sentence():
    found = acquisitions("Le Maroc multiplie les commandes.", "En 2022, il a acquis le système antiaérien Spyder.")
    assert found["Spyder"]["year"] == 2022 and found["Spyder"]["category"] == "air-defence"


def test_another_countrys_purchase_is_not_moroccos():
    found = acquisitions("L'Algérie a acquis des drones Wing Loong, tandis que le Maroc a commandé des drones Heron.")
    assert set(found) == {"Heron"}


def test_foreign_purchase_without_morocco():
    assert acquisitions("L'armée algérienne a reçu six hélicoptères Mi-28 de la Russie.") == {}


def test_year_of_a_study_is_not_the_purchase_year():
    found = acquisitions("Selon un rapport publié en 2019, Rabat avait acheté cinq drones Hermes 900.")
    assert found["Hermes 900"]["year"] is None and found["Hermes 900"]["quantity"] == 5


def test_model_number_is_not_a_quantity():
    found = acquisitions("Le Maroc va recevoir des avions F-16 Viper.")
    assert found["F-16 Viper"]["quantity"] is None


def test_english_purchase():
    text = article(
        "Morocco buys attack helicopters",
        "Morocco has ordered 24 AH-64E Apache helicopters from the United States for $4.25 billion.",
    )
    (apache,) = of_kind(text, "acquisition")
    assert apache["quantity"] == 24 and apache["supplier"] == "US"
    assert apache["value"] == {"amount": 4_250_000_000, "currency": "USD"}


def test_rivals_fleet_is_not_moroccos_purchase():
    found = acquisitions(
        "Rabat a acheté des drones Akinci, alors que l'Algérie, rival du Maroc, renforce sa flotte de"
        " drones chinois CH-5."
    )
    assert set(found) == {"Akinci"}


def test_model_code_before_known_name_and_english_quantity():
    text = article("Sale approved", "Washington approved the sale to Morocco of 600 FIM-92K Stinger missiles.")
    (stinger,) = of_kind(text, "acquisition")
    assert stinger["system"] == "FIM-92K Stinger" and stinger["quantity"] == 600


def test_supplier_demonym_before_system_is_not_a_buyer():
    text = article(
        "Air defence", "The Royal Moroccan Armed Forces operate Chinese FD-2000B air defence systems, bought in 2021."
    )
    (fd,) = of_kind(text, "acquisition")
    assert fd["supplier"] == "CN" and fd["year"] == 2021


def test_equipment_already_owned_is_not_acquired():
    found = acquisitions(
        "Le Maroc a acquis un blindage auprès de L3Harris pour ses avions F-16.",
        "Le Maroc va réceptionner ses premiers hélicoptères H135.",
    )
    assert set(found) == {"H135"}


def test_short_and_long_names_of_one_system_merge():
    found = acquisitions(
        "Le Maroc a commandé trois drones Bayraktar Akinci auprès de Baykar.",
        "Les premiers Akinci seront livrés en 2026.",
    )
    assert len(found) == 1 and next(iter(found.values()))["quantity"] == 3


def test_an_article_is_not_a_quantity():
    found = acquisitions("La Marine royale a reçu une corvette Gowind construite par Naval Group.")
    assert found["Gowind"]["quantity"] is None and found["Gowind"]["supplier"] == "FR"


def test_kind_acronyms_are_not_designations():
    assert acquisitions("Le Maroc a acquis des drones MALE et des drones VTOL pour surveiller ses frontières.") == {}


def test_seller_named_in_the_sentence_beats_the_makers_country():
    found = acquisitions("Le Maroc a acheté dix hélicoptères Caracal à la France.")
    assert found["Caracal"]["supplier"] == "FR" and found["Caracal"]["manufacturer"] == "Airbus Helicopters"


def test_quantity_is_read_next_to_its_own_system():
    text = article(
        "Sale",
        "The State Department approved the sale to Morocco of 25 F-16 Block 72 jets worth $3.8 billion"
        " and 36 AH-64E Apache helicopters worth $4.25 billion.",
    )
    found = {f["system"]: f["quantity"] for f in of_kind(text, "acquisition")}
    assert found == {"F-16 Block 72": 25, "AH-64E Apache": 36}


def test_long_modifier_between_noun_and_designation():
    found = acquisitions(
        "Les FAR vont recevoir 200 véhicules blindés de transport de troupes Cobra II, produits par le turc Otokar."
    )
    assert found["Cobra II"]["quantity"] == 200 and found["Cobra II"]["supplier"] == "TR"


def test_foreign_army_as_subject_is_not_moroccos_purchase():
    found = acquisitions(
        "Le Maroc a réceptionné ses premiers systèmes.",
        "L'armée algérienne, de son côté, a récemment acquis des chars T-90 russes.",
    )
    assert found == {}


def test_a_maker_after_the_noun_is_not_a_designation():
    text = article("Drones", "Morocco has taken delivery of four Wing Loong II combat drones ordered from the Aviation"
                   " Industry Corporation of China.")
    assert [(f["system"], f["quantity"], f["supplier"]) for f in of_kind(text, "acquisition")] == [
        ("Wing Loong II", 4, "CN")]


def test_maker_named_for_another_system_is_not_this_ones():
    text = article("Air defence", "Rabat acquired the Barak MX system from Israel Aerospace Industries and is in talks"
                   " to buy the Iron Dome.")
    makers = {f["system"]: (f["manufacturer"], f["kind"], f["status"]) for f in facts_of(text)
              if f["kind"] in ("acquisition", "prospect")}
    assert makers == {"Barak MX": ("Israel Aerospace Industries", "acquisition", "ordered"),
                      "Iron Dome": ("Rafael", "prospect", "negotiating")}


def test_an_unknown_designation_of_one_letter_and_digits_with_its_demonym_after_it():
    found = acquisitions("L'armée de terre a également réceptionné des camions tactiques M977 américains.")
    truck = found["M977"]
    assert (truck["category"], truck["supplier"], truck["status"]) == ("vehicle", "US", "delivered")


def test_an_unknown_designation_before_an_english_equipment_noun():
    found = acquisitions("The Royal Armed Forces took delivery of M977 tactical trucks from the United States.")
    assert found["M977"]["supplier"] == "US" and found["M977"]["category"] == "vehicle"


def test_a_capitalised_preposition_in_a_title_case_headline_is_no_system():
    text = article("Morocco to Buy 150 Armored Vehicles From South Korea",
                   "Morocco has ordered 150 armored vehicles from South Korea, officials said.")
    assert not any(f["system"].startswith("From") for f in of_kind(text, "acquisition"))


def test_a_model_number_in_roman_numerals_makes_a_designation():
    found = acquisitions("The Royal Moroccan Army has ordered 120 Ejder II armored vehicles from Turkey.")
    assert found["Ejder II"]["quantity"] == 120 and found["Ejder II"]["supplier"] == "TR"


def test_se_faire_livrer_is_a_delivery_to_the_subject():
    found = acquisitions("Le Maroc s'est fait livrer il y a quelques semaines six drones Heron de conception"
                         " israélienne.")
    heron = found["Heron"]
    assert (heron["status"], heron["supplier"], heron["quantity"]) == ("delivered", "IL", 6)


def test_a_count_of_launchers_counts_the_system_they_carry():
    found = acquisitions("Le Maroc a commandé 12 lanceurs HIMARS auprès des États-Unis.")
    assert found["HIMARS"]["quantity"] == 12


def test_a_count_in_words_with_its_figure_in_brackets():
    found = acquisitions("Les FAR ont acheté quatre cent vingt (420) missiles Javelin.")
    assert found["Javelin"]["quantity"] == 420


def test_a_buyer_the_parser_hangs_on_the_last_object_is_still_the_buyer():
    # "… et des équipements connexes au gouvernement marocain": 'au' belongs to 'vendre', not to the equipment
    text = article("Washington donne son feu vert", "Le département d'État a approuvé un accord pour vendre 12 obusiers"
                   " M109A7 et des pièces de rechange au gouvernement marocain pour 300 millions de dollars.")
    found = [(a["system"], a["supplier"], a["quantity"], a["status"]) for a in of_kind(text, "acquisition")]
    assert found == [("M109A7", "US", 12, "approved")]


def test_one_count_before_a_list_of_systems_is_no_count_of_each():
    # "WanderB" written "Wander B"; 60 is the whole batch, not 60 of each
    found = acquisitions("Le Maroc a acquis 60 drones israéliens, Wander B et Thunder B, auprès de BlueBird.")
    assert {name: (f["quantity"], f["supplier"]) for name, f in found.items()} == {
        "Wander B": (None, "IL"), "Thunder B": (None, "IL")}


def test_equipment_the_parser_hangs_on_the_buyer_names_the_seller():
    # "l'acquisition par le Maroc de 40 drones israéliens": the drones are the purchase's, not Morocco's
    text = article(TITLE, "La revue a révélé l'acquisition par le Maroc de 40 drones israéliens.")
    assert {f["country"] for f in of_kind(text, "partner")} == {"IL"}


def test_a_subheading_does_not_put_the_system_out_of_reach():
    found = acquisitions(
        "Les FAR ont réceptionné un premier lot d'obusiers Caesar. Il s'agit de canons automoteurs. Ce qui"
        " explique le besoin de nouveaux camions.",
        "Un renfort logistique",
        "Les 24 unités ont été livrées dans le cadre d'une commande passée en 2021.",
    )
    assert (found["Caesar"]["quantity"], found["Caesar"]["year"]) == (24, 2021)


def test_equipment_held_since_a_date_was_delivered_then_and_a_month_is_no_designation():
    since = acquisitions("Les FAR possèdent depuis septembre 2021 une flotte de drones Bayraktar TB2.")
    assert {n: (f["status"], f["year"], f["supplier"]) for n, f in since.items()} == {
        "Bayraktar TB2": ("delivered", 2021, "TR")}
    english = of_kind(article("Moroccan drones", "The Royal Moroccan Air Force has operated Bayraktar TB2 drones"
                                                 " since September 2021."), "acquisition")
    assert [(a["system"], a["year"]) for a in english] == [("Bayraktar TB2", 2021)]
    # without a date the fleet is only what Morocco has: nothing is reported
    assert acquisitions("Les FAR possèdent une flotte de drones Bayraktar TB2.") == {}


def test_bare_plural_equipment_is_new_not_the_system_named_before() -> None:
    """'acquiring helicopters with anti-submarine capabilities from Russia' brings new helicopters in: it
    does not point back to the Chinooks bought from the United States a sentence before."""
    text = article(
        "Morocco adds to its helicopter fleet",
        "By Sam Lee | June 4, 2025",
        "Morocco purchased three CH-47 Chinook transport helicopters, which arrived in Tangier last week.",
        "The kingdom is also planning to reinforce its frigates by acquiring helicopters with anti-submarine"
        " capabilities from Russia.",
    )
    chinooks = [a for a in of_kind(text, "acquisition") if "Chinook" in a["system"]]
    assert chinooks and {a.get("supplier") for a in chinooks} == {"US"}
