"""Rankings, welcomes and plans: 'suivie par le Maroc (26 %) et l'Ouganda (6,2 %)' ranks importers (no
supplier), 'the ship was received by Moroccan Navy officers' is a welcome (no purchase), 'US plans for a
sale … for Morocco' names the seller, 'les principaux pays exportateurs d'armes vers le Maroc' are its
suppliers. Sentences written for these tests, after the pattern of SIPRI digests, embassy releases and
wire items."""

from __future__ import annotations

from factkit import article, of_kind, partners


def test_des_importateurs_classes_avec_leur_part_ne_sont_pas_des_fournisseurs() -> None:
    text = article(
        "Course aux armements",
        "Par Samir Alaoui | 4 mai 2016",
        "L'Algérie occupe la première place avec 30 % des importations, suivie par le Maroc (26 %) et le Nigeria"
        " (6,2 %).",
    )
    assert partners(text) == set()


def test_a_visiting_ship_received_by_officers_is_welcomed_not_bought() -> None:
    text = article(
        "Frigate visits Casablanca",
        "By Sam Lee | 20 September 2018",
        "Pakistan Naval Ship “TARIQ” (PNS TARIQ) docked at the port of Casablanca on a goodwill visit from 17 to"
        " 20 September 2018.",
        "Upon arrival, the ship was received by Moroccan Navy officers and officials of the embassy.",
    )
    assert of_kind(text, "acquisition") == []
    assert partners(text) == {"PK"}
    text += "\nAs a goodwill gesture, students and families were given the opportunity to visit the ship."
    assert of_kind(text, "acquisition") == []  # an opportunity given, no ship
    assert all(e["people"] == [] for e in of_kind(text, "event"))  # "PNS TARIQ" is a ship, not a person


def test_a_governments_plans_for_a_sale_make_it_the_seller() -> None:
    text = article(
        "US plans missile sale for Morocco",
        "By Sam Lee | 14 April 2020",
        "Congress was notified today of US plans for a $62 million sale of anti-ship missiles for Morocco.",
    )
    assert partners(text) == {"US"}
    assert [(e["date"], e["countries"]) for e in of_kind(text, "event")] == [("2020-04-14", ["US"])]


def test_les_pays_exportateurs_vers_le_maroc_sont_ses_fournisseurs() -> None:
    for sentence in (
        "Les principaux pays exportateurs d'armes vers le Maroc sont les États-Unis (54 %) et la France (44 %).",
        "Les principaux exportateurs d'armes vers le Maroc sont les États-Unis et la France.",
    ):
        assert partners(article("Classement", "Par Samir Alaoui | 12 mars 2018", sentence)) == {"US", "FR"}, sentence


def test_a_vehicle_named_by_its_model_comes_from_its_makers_country() -> None:
    text = article(
        "Morocco buys armoured vehicles",
        "By Sam Lee | 22 January 2024",
        "The manufacturer confirmed receiving an order from Morocco on 14 December 2023 for 200 Cobra II armored"
        " vehicles.",
    )
    found = of_kind(text, "acquisition")
    assert [(a["system"], a["supplier"], a["quantity"]) for a in found] == [("Cobra II", "TR", 200)]


def test_des_bateaux_nommes_par_leur_type_remis_par_un_etat_sont_un_don() -> None:
    text = article(
        "Deux bateaux pour la Marine royale",
        "Par Samir Alaoui | 28 mars 2022",
        "Deux bateaux d'interception de type « Sea Viper », longs de 11 mètres, ont été offerts par les États-Unis"
        " à la Marine royale marocaine.",
    )
    found = of_kind(text, "acquisition")
    assert [(a["system"], a["category"], a["supplier"], a["quantity"], a["status"]) for a in found] == [
        ("Sea Viper", "ship", "US", 2, "donated")]


def test_giving_equipment_is_a_gift_but_giving_leave_is_a_clearance() -> None:
    gift = article("Tanks for Ukraine", "By Sam Lee | 22 January 2023", "Morocco gives tanks to Ukraine, media report.")
    assert {(p["country"], p["relation"]) for p in of_kind(gift, "partner")} == {("UA", "cooperation")}
    boats = article("Boats for the navy", "By Sam Lee | 22 January 2023",
                    "The United States gave two patrol boats to the Royal Moroccan Navy.")
    assert [(a["supplier"], a["quantity"], a["status"]) for a in of_kind(boats, "acquisition")] == [
        ("US", 2, "donated")]
    leave = article("Missiles for Morocco", "By Sam Lee | 22 January 2023",
                    "America gives permission to sell 612 Javelin missiles to Morocco.")
    assert [a["status"] for a in of_kind(leave, "acquisition")] == ["approved"]


def test_given_its_position_is_no_gift() -> None:
    text = article(
        "Arms deals",
        "By Sam Lee | 22 January 2021",
        "In November 2019, Morocco purchased a counter-drone system named Zorya-5 from Ukraine.",
        "Morocco is modernising its armament given its important strategic position.",
    )
    assert [a["status"] for a in of_kind(text, "acquisition")] == ["ordered"]
