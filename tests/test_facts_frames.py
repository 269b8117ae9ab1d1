"""The kinds of failure real articles showed, one test each, on sentences written for these tests.

Each kind fooled the proximity rules the compiler had before (Morocco, a cue word and
another country in one clause): opposition read as cooperation, other customers, countries
inside names, partnerships outside defence, Morocco named only by an office, acquisitions
phrased other than "Morocco bought X", dropped options, quantities and years attached to
the wrong thing, and dates computed from nothing.
"""

from __future__ import annotations

import pytest
from factkit import article, facts_of, of_kind, partners

DEFENCE = "Défense : le Maroc et ses partenaires"


def by_system(text: str, kind: str = "acquisition") -> dict[str, dict]:
    return {f["system"]: f for f in of_kind(text, kind)}


# ---------------------------------------------------------------- 1. opposition, comparison, rupture


@pytest.mark.parametrize(
    "sentence",
    [
        "Sur fond de tensions entre Rabat et Alger, le Maroc renforce sa défense aérienne.",
        "La course aux armements que se livrent le Maroc et son voisin algérien inquiète les experts.",
        "Le budget marocain de la défense reste inférieur à celui de l'Algérie.",
        "Alger a rompu ses relations diplomatiques avec Rabat en août 2021.",
        "The arms race between Morocco and Algeria has intensified since 2021.",
    ],
)
def test_opposition_is_no_partnership(sentence: str) -> None:
    assert "DZ" not in partners(article(DEFENCE, sentence))


# ---------------------------------------------------------------- 2. other customers of the same system


def test_other_customers_are_not_partners() -> None:
    text = article(
        DEFENCE,
        "Après la Pologne et le Koweït, le Maroc devient le troisième client de ce système de défense aérienne.",
    )
    assert not partners(text) & {"PL", "KW"}


def test_other_operators_listed_beside_morocco_are_not_partners() -> None:
    text = article(
        "Drones",
        "Morocco has joined Qatar and Poland as an operator of the Bayraktar TB2, which it"
        " ordered from Turkey in 2021.",
    )
    assert partners(text) == {"TR"}


# ---------------------------------------------------------------- 3. a country inside a name


@pytest.mark.parametrize(
    "sentence, country",
    [
        (
            "Selon l'Institut international de recherche sur la paix de Stockholm, le Maroc a multiplié ses achats"
            " d'armes.",
            "SE",
        ),
        ("According to the Stockholm International Peace Research Institute, Morocco's arms imports fell.", "SE"),
        ("La Marine royale et la marine espagnole ont mené un exercice conjoint dans le détroit de Gibraltar.", "GI"),
    ],
)
def test_a_country_inside_a_name_is_no_partner(sentence: str, country: str) -> None:
    assert country not in partners(article(DEFENCE, sentence))


# ---------------------------------------------------------------- 4. partnerships outside defence


@pytest.mark.parametrize(
    "sentence, country",
    [
        ("Le partenariat Maroc–UE sur l'énergie verte entre dans une nouvelle phase.", "EU"),
        ("Morocco and Germany signed an agreement on green hydrogen on Tuesday.", "DE"),
        ("Pêche : le Maroc et la Corée du Sud renouvellent leur accord de coopération.", "KR"),
    ],
)
def test_a_partnership_outside_defence_is_no_partner(sentence: str, country: str) -> None:
    assert country not in partners(article(DEFENCE, sentence))


# ---------------------------------------------------------------- 5. Morocco through an office, a force, a title


def test_a_minister_named_by_his_office_meets_his_counterpart() -> None:
    text = article(
        DEFENCE,
        "Le ministre délégué chargé de l'Administration de la Défense nationale s'est entretenu"
        " dimanche à Abou Dhabi avec son homologue émirati.",
    )
    assert partners(text) == {"AE"}


def test_a_force_receives_equipment() -> None:
    found = by_system(
        article(DEFENCE, "Les Forces Royales Air ont réceptionné leurs premiers hélicoptères AH-64E Apache.")
    )
    assert found["AH-64E Apache"]["status"] == "delivered" and found["AH-64E Apache"]["supplier"] == "US"


def test_the_inspector_general_receives_a_foreign_chief_of_staff() -> None:
    text = article(DEFENCE, "L'Inspecteur général des FAR a reçu le chef d'état-major de l'armée française.")
    assert partners(text) == {"FR"}


# ---------------------------------------------------------------- 6. acquisitions phrased otherwise


def test_an_approved_sale_is_an_acquisition_with_its_status() -> None:
    found = by_system(
        article(DEFENCE, "Le Département d'État a approuvé la vente éventuelle au Maroc de 18 lance-roquettes HIMARS.")
    )
    himars = found["HIMARS"]
    assert (himars["status"], himars["supplier"], himars["quantity"]) == ("approved", "US", 18)


def test_building_for_the_navy_is_an_order() -> None:
    found = by_system(
        article(
            DEFENCE,
            "Le chantier naval espagnol Navantia construira pour la Marine royale un"
            " patrouilleur hauturier Avante 2200.",
        )
    )
    assert found["Avante 2200"]["supplier"] == "ES" and found["Avante 2200"]["status"] == "ordered"


def test_a_donation_names_the_donor() -> None:
    found = by_system(article(DEFENCE, "Le Maroc a reçu un don de quatre drones Wing Loong I des Émirats arabes unis."))
    wing = found["Wing Loong I"]
    assert (wing["status"], wing["supplier"], wing["quantity"]) == ("donated", "AE", 4)


def test_english_obtained_from() -> None:
    found = by_system(article("Drones", "Morocco obtained 13 Bayraktar TB2 drones from Turkey in 2021."))
    tb2 = found["Bayraktar TB2"]
    assert (tb2["supplier"], tb2["quantity"], tb2["year"]) == ("TR", 13, 2021)


def test_english_deal_for_the_armed_forces() -> None:
    found = by_system(
        article(
            "Artillery", "Elbit Systems signed a deal for 36 ATMOS 2000 howitzers for the Royal Moroccan Armed Forces."
        )
    )
    assert found["ATMOS 2000"]["supplier"] == "IL" and found["ATMOS 2000"]["quantity"] == 36


def test_the_rest_of_a_deal_in_the_next_sentence() -> None:
    found = by_system(
        article(
            DEFENCE,
            "Le Maroc a commandé 25 F-16 Block 72 aux États-Unis.",
            "Le contrat comprend aussi 200 missiles AIM-120 AMRAAM.",
        )
    )
    assert found["AIM-120 AMRAAM"]["supplier"] == "US" and found["AIM-120 AMRAAM"]["quantity"] == 200


# ---------------------------------------------------------------- 7. options dropped or only discussed


def test_a_dropped_option_is_a_prospect_not_an_acquisition() -> None:
    text = article(DEFENCE, "Rabat avait négocié l'achat d'hélicoptères T-129 ATAK avant d'y renoncer.")
    assert by_system(text) == {}
    assert by_system(text, "prospect")["T-129 ATAK"]["status"] == "cancelled"


def test_an_acquisition_under_study_is_a_prospect() -> None:
    text = article(DEFENCE, "Le Maroc envisage l'acquisition de chasseurs F-35.")
    assert by_system(text) == {} and by_system(text, "prospect")["F-35"]["status"] == "negotiating"


# ---------------------------------------------------------------- 8. quantity and year in their place


def test_a_leading_date_gives_the_year() -> None:
    found = by_system(article(DEFENCE, "En juin 2020, le Maroc a commandé 24 hélicoptères AH-64E Apache."))
    assert (found["AH-64E Apache"]["quantity"], found["AH-64E Apache"]["year"]) == (24, 2020)


def test_a_participle_clause_gives_the_year() -> None:
    found = by_system(article(DEFENCE, "Commandés en 2020, les 36 canons Caesar ont été livrés aux FAR."))
    assert (found["Caesar"]["quantity"], found["Caesar"]["year"]) == (36, 2020)


def test_adjectives_between_the_count_and_the_system() -> None:
    found = by_system(article(DEFENCE, "Le Maroc a acheté quatre gros drones armés de type Wing Loong II."))
    assert found["Wing Loong II"]["quantity"] == 4


def test_the_existing_fleet_is_not_the_new_order() -> None:
    found = by_system(
        article(
            DEFENCE,
            "Le Maroc va acquérir 25 nouveaux F-16 Block 72, en plus de la modernisation de ses 23 avions existants.",
        )
    )
    assert found["F-16 Block 72"]["quantity"] == 25


def test_two_variants_stay_apart() -> None:
    text = article(
        DEFENCE,
        "Après le don de drones Wing Loong I par les Émirats, Rabat négocie l'achat de"
        " Wing Loong II auprès de la Chine.",
    )
    facts = {f["system"]: (f["kind"], f["status"]) for f in facts_of(text) if f["kind"] in ("acquisition", "prospect")}
    assert facts == {"Wing Loong I": ("acquisition", "donated"), "Wing Loong II": ("prospect", "negotiating")}


def test_the_title_system_takes_the_body_count() -> None:
    found = by_system(
        article(
            "Le Maroc reçoit ses premiers hélicoptères Apache",
            "Les six appareils ont atterri mardi sur la base de Salé.",
        )
    )
    assert found["Apache"]["quantity"] == 6


def test_talks_held_in_the_plural_after_a_light_verb_are_a_meeting() -> None:
    # "des entretiens" is listed as itself and, by its lemma, as "entretien": still one reading of the noun
    text = article("Coopération aérienne avec le Nigeria",
                   "Le 14 mai 2024 à Abuja, le chef d'état-major de l'armée de l'air nigériane a eu des entretiens"
                   " avec l'attaché de défense de l'ambassade du Maroc.")
    assert [(e["date"], e["countries"], e["type"]) for e in of_kind(text, "event")] == [
        ("2024-05-14", ["NG"], "meeting")]


def test_giving_new_impetus_to_cooperation_is_no_gift_and_both_ministers_take_part() -> None:
    # "donner un élan neuf à": a gift needs equipment, so the verb lends its parties to the dialogue; the
    # Moroccan minister, hung by the parser on the Greek minister's name, is the phrase's second party
    text = article("Défense : rencontre de haut niveau", "Par Lina K. | 4 juin 2025",
                   "Le ministre grec de la Défense, Nikos Pappas et son homologue marocain Abdellatif Loudiyi ont"
                   " convenu ce mardi à Athènes, de donner un élan neuf au dialogue militaire et à la formation des"
                   " officiers.")
    assert {(p["country"], p["relation"]) for p in of_kind(text, "partner")} == {("GR", "meeting")}
    assert [(e["date"], e["countries"]) for e in of_kind(text, "event")] == [("2025-06-03", ["GR"])]
    assert not [f for f in facts_of(text) if f["kind"] in ("acquisition", "prospect")]


def test_this_drone_names_the_one_drone_named_two_sentences_before() -> None:
    text = article("Des drones israéliens au Maroc",
                   "L'armée marocaine dispose de plusieurs drones, dont le Heron du constructeur israélien IAI.",
                   "Ce drone a été mis en service par l'armée israélienne en 2010.",
                   "Le Maroc a obtenu ce drone en 2014, selon le rapport.")
    found = [(a["system"], a["year"], a["supplier"]) for a in of_kind(text, "acquisition")]
    assert found == [("Heron", 2014, "IL")]


def test_old_vehicles_of_the_same_family_do_not_deliver_the_new_model() -> None:
    # "les VAB obsolètes … entrés en service en 1979" are the fleet Morocco has, not the VAB Mk3 it wants
    text = article("Le Maroc veut des blindés français",
                   "Les Forces armées royales ont commandé le véhicule blindé français VAB Mk3.",
                   "Ce modèle remplacera les véhicules blindés VAB obsolètes qui sont entrés en service en 1979.")
    found = [(a["system"], a["status"], a["year"]) for a in of_kind(text, "acquisition")]
    assert found == [("VAB Mk3", "ordered", None)]
