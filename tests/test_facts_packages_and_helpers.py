"""What a cleared sale holds and who helped: 'The package includes 2,401 TOW 2A missiles' after a sale
cleared by Washington, '162 tanks had been approved for delivery', 'avec l'aide d'Israël', the origin
of equipment written after a purchase noun, deliveries still to come ('livrés très bientôt', 'devraient
se voir livrer') and what a system does ('fournissant de la surveillance'). Sentences written for these
tests, after the pattern of defence trade pages."""

from __future__ import annotations

from factkit import article, of_kind, partners


def _acquisitions(text: str) -> set[tuple[str, str | None, int | None, str]]:
    return {(a["system"], a["supplier"], a["quantity"], a["status"]) for a in of_kind(text, "acquisition")}


def test_a_package_told_after_a_cleared_sale_is_part_of_that_sale() -> None:
    text = article(
        "US clears missiles for Morocco",
        "By Sam Lee | 4 May 2024",
        "The State Department approved a possible sale to Morocco of TOW missiles.",
        "The package includes 2,401 TOW 2A missiles and 400 launchers.",
    )
    assert _acquisitions(text) == {("TOW 2A", "US", 2401, "approved")}


def test_a_request_named_after_a_system_holds_the_variant_it_lists() -> None:
    text = article(
        "US clears missiles for Morocco",
        "By Sam Lee | 4 May 2024",
        "Washington cleared Morocco to buy anti-tank missiles worth $776 million.",
        "The TOW request includes 1,250 TOW 2A radio frequency missiles and 300 launchers.",
    )
    found = _acquisitions(text)
    assert ("TOW 2A", "US", 1250, "approved") in found
    assert not any(name == "TOW" for name, *_ in found)


def test_a_count_with_a_thousands_separator_is_one_number() -> None:
    text = article("Missiles", "By Sam Lee | 4 May 2024",
                   "Morocco ordered Javelin missiles from the United States in 2023.",
                   "The contract includes 1,200 Javelin missiles and 60 launch units.")
    assert {(a["system"], a["quantity"], a["year"]) for a in of_kind(text, "acquisition")} == {
        ("Javelin", 1200, 2023)}


def test_tanks_approved_for_delivery_are_the_tanks_named_before() -> None:
    text = article(
        "New tanks for Morocco",
        "By Sam Lee | 4 May 2018",
        "Morocco will soon receive a new shipment of M1 Abrams tanks.",
        "A news site reported that another 150 tanks had been approved for delivery to Morocco in June 2017.",
    )
    assert {(a["system"], a["supplier"], a["quantity"], a["year"]) for a in of_kind(text, "acquisition")} == {
        ("M1 Abrams", "US", 150, 2017)}


def test_equipment_intended_for_a_unit_is_still_no_approval() -> None:
    text = article("Trucks", "By Sam Lee | 4 May 2024",
                   "The trucks are intended for the Royal Armed Forces, which ordered them from Tata in 2023.")
    assert all(a["status"] != "approved" for a in of_kind(text, "acquisition"))


def test_a_gerund_in_a_title_case_headline_names_no_drone() -> None:
    text = article(
        "Morocco Will Build Loitering Drones Using Israeli Know-How, Report Says",
        "By Sam Lee | 4 May 2024",
        "The kingdom plans to assemble the aircraft near Casablanca.",
    )
    assert not any(a["system"] == "Using" for a in of_kind(text, "acquisition"))


def test_avec_l_aide_d_un_etat_en_fait_un_partenaire_et_non_un_rival() -> None:
    text = article("Drones", "Par Samir Alaoui | 4 mai 2024",
                   "Avec l'aide d'Israël, Rabat cherche à produire des drones kamikazes.")
    assert partners(text) == {"IL"}


def test_with_the_help_of_a_state_makes_it_a_partner() -> None:
    text = article("Drones", "By Sam Lee | 4 May 2024",
                   "Morocco is building a drone factory with the help of Turkey.")
    assert partners(text) == {"TR"}


def test_l_origine_ecrite_apres_le_materiel_n_est_pas_l_acheteur() -> None:
    text = article(
        "Drones",
        "Par Samir Alaoui | 2 décembre 2021",
        "Des informations publiées par la presse marocaine ont fait état en 2021 de la livraison de deux drones "
        "Heron mais aussi de la commande de drones israéliens Hermes 900 et américains MQ-9B SkyGuardian, qui "
        "seraient livrés très bientôt.",
    )
    assert {(a["system"], a["supplier"], a["status"]) for a in of_kind(text, "acquisition")} == {
        ("Heron", "IL", "delivered"), ("Hermes 900", "IL", "ordered"), ("MQ-9B SkyGuardian", "US", "ordered")}


def test_des_drones_livres_tres_bientot_ne_sont_pas_encore_livres() -> None:
    text = article("Drones", "Par Samir Alaoui | 2 décembre 2021",
                   "Les FAR ont commandé des drones Heron à Israël, apparemment livrés très bientôt.")
    assert {(a["system"], a["status"]) for a in of_kind(text, "acquisition")} == {("Heron", "ordered")}


def test_devraient_se_voir_livrer_est_une_livraison_a_venir() -> None:
    text = article("Radars", "Par Samir Alaoui | 4 mai 2024",
                   "Les FAR devraient se voir livrer six radars Ground Master 400 de Thales.")
    assert _acquisitions(text) == {("Ground Master 400", "FR", 6, "ordered")}


def test_ce_qu_un_systeme_fournit_n_est_pas_une_livraison() -> None:
    text = article(
        "Surveillance",
        "Par Samir Alaoui | 4 mai 2024",
        "La coopération militaire entre le royaume et les États-Unis se poursuit avec la vente aux Forces armées "
        "royales d'un système complet de surveillance au sol, fournissant de l'intelligence et de la "
        "reconnaissance aux unités.",
    )
    assert {(a["system"], a["status"]) for a in of_kind(text, "acquisition")} == {
        ("système complet de surveillance", "ordered")}


def test_un_materiel_sans_nom_s_arrete_avant_le_complement_suivant() -> None:
    text = article("Radios", "Par Samir Alaoui | 4 mai 2024",
                   "Les FAR ont commandé aux États-Unis six systèmes de distribution d'information multifonctionnelle.")
    assert {a["system"] for a in of_kind(text, "acquisition")} == {"systèmes de distribution"}


def test_money_set_aside_for_a_purchase_tells_who_buys() -> None:
    text = article("Drones", "By Sam Lee | 4 May 2022",
                   "In 2022, a Spanish defence website reported that Morocco allocated $59 million for the "
                   "purchase of 13 Bayraktar TB2 drones.")
    assert {(a["system"], a["supplier"], a["quantity"], a["year"]) for a in of_kind(text, "acquisition")} == {
        ("Bayraktar TB2", "TR", 13, 2022)}


def test_what_a_cleared_sale_included_is_bought_but_not_the_fleet_it_upgrades() -> None:
    text = article(
        "Fighters",
        "By Sam Lee | 4 April 2019",
        "On 25 March 2019, the US State Department approved a potential Foreign Military Sale to Morocco.",
        "This included 25 F-16C/D Block 72 aircraft and related equipment, as well as upgrades for Morocco's "
        "existing fleet of 23 F\u201116C/D Block 52+ fighters.",
    )
    assert {(a["system"], a["quantity"], a["status"]) for a in of_kind(text, "acquisition")} == {
        ("F-16C/D Block 72", 25, "approved")}


def test_a_non_breaking_hyphen_keeps_a_designation_whole() -> None:
    text = article("Fighters", "By Sam Lee | 4 April 2019",
                   "Morocco ordered 12 F\u201116 Block 70 fighters from the United States in 2019.")
    assert {(a["system"], a["quantity"]) for a in of_kind(text, "acquisition")} == {("F-16 Block 70", 12)}


def test_le_compte_precede_le_premier_nom_du_materiel() -> None:
    text = article("Artillerie", "Par Samir Alaoui | 4 septembre 2022",
                   "Un premier lot des 36 pièces d'artillerie Caesar a été livré aux FAR par le français Nexter.")
    assert {(a["system"], a["quantity"]) for a in of_kind(text, "acquisition")} == {("Caesar", 36)}
