"""Further kinds of failure real articles showed, one test each, on sentences written for these tests:
equipment bought without a designation, relations qualified as bad, Moroccan titles in apposition,
"maroco-X" compounds and the meetings that refer back to them, exercises hosted in Morocco, and
the page's own teaser lines.
"""

from __future__ import annotations

import datetime as dt

import pytest
from factkit import article, of_kind, partners

from facts.clean import clean, detect_language
from facts.date_resolve import resolve
from facts.dates import find_dates

DEFENCE = "Défense : le Maroc et ses partenaires"
ENGLISH = "Defence: Morocco and its partners in the region"


def bought(*body: str, title: str = DEFENCE) -> dict[str, dict]:
    return {f["system"]: f for f in of_kind(article(title, *body), "acquisition")}


# ---------------------------------------------------------------- equipment without a designation


def test_a_ship_ordered_by_its_kind_alone() -> None:
    found = bought("Le chantier naval espagnol Navantia construira pour la Marine royale un patrouilleur hauturier.")
    (ship,) = found.values()
    assert (ship["system"], ship["category"], ship["supplier"], ship["quantity"]) == (
        "patrouilleur hauturier",
        "ship",
        "ES",
        1,
    )


def test_english_vehicles_counted_with_their_modifier() -> None:
    found = bought(
        "The United States delivered 500 military vehicles to the Royal Moroccan Armed Forces in June 2023.",
        title=ENGLISH,
    )
    assert found["military vehicles"]["quantity"] == 500 and found["military vehicles"]["supplier"] == "US"


@pytest.mark.parametrize(
    "sentence",
    [
        "Le Maroc a acquis des systèmes.",  # too vague a noun
        "La Marine royale a reçu ses nouveaux patrouilleurs.",  # points back to ships named elsewhere
        "Le Maroc a reçu des équipements militaires destinés aux FAR.",  # the participle qualifies nothing
        "Le Maroc a acquis des drones MALE et des drones VTOL pour surveiller ses frontières.",  # no count
    ],
)
def test_kinds_that_name_too_little_are_not_purchases(sentence: str) -> None:
    assert bought(sentence) == {}


def test_the_verb_before_a_noun_is_no_modifier() -> None:
    text = "Morocco is banking on its deeper ties with Israel and the United States to procure weapons as a deterrent."
    assert bought(text, title=ENGLISH) == {}


def test_a_named_system_of_the_same_kind_wins() -> None:
    found = bought("La Marine royale a commandé un patrouilleur hauturier Avante 2200 auprès de Navantia.")
    assert set(found) == {"Avante 2200"}


# ---------------------------------------------------------------- relations said to be bad


@pytest.mark.parametrize(
    ("title", "sentence", "rival"),
    [
        (DEFENCE, "Les relations tendues entre le Maroc et l'Algérie pèsent sur la sécurité de la région.", "DZ"),
        (DEFENCE, "Les relations maroco-algériennes, tendues depuis 2021, pèsent sur la défense du Maghreb.", "DZ"),
        (
            ENGLISH,
            "Algeria, whose relations with Spain and Morocco are non-existent, has raised its defence budget the most.",
            "ES",
        ),
    ],
)
def test_relations_qualified_as_bad_are_no_partnership(title: str, sentence: str, rival: str) -> None:
    assert rival not in partners(article(title, sentence))


def test_good_relations_stay_a_partnership() -> None:
    text = article(DEFENCE, "Le Maroc et la France entretiennent des relations militaires étroites et anciennes.")
    assert partners(text) == {"FR"}


def test_an_english_headline_is_read_as_english() -> None:
    """A headline of names and nouns has none of the commonest words: the article's language decides."""
    headline = "Morocco-Algeria arms race escalates amid tense relations, as will global military spending"
    assert detect_language(headline, tie="en") == "en"
    text = article(headline, "The Moroccan army keeps buying weapons while the region watches with concern.")
    assert "DZ" not in partners(text)


# ---------------------------------------------------------------- who sits with whom


def test_co_chairing_alongside_a_foreign_officer_is_a_meeting() -> None:
    text = article(
        DEFENCE,
        "L'Inspecteur général des Forces armées royales a coprésidé, les 7 et 8 avril 2025 à Madrid, la réunion"
        " de la commission militaire mixte, aux côtés du chef d'état-major de la Défense espagnol.",
    )
    assert partners(text) == {"ES"}
    assert [e["date"] for e in of_kind(text, "event")] == ["2025-04-07"]


def test_a_maroco_x_commission_meets() -> None:
    text = article("La commission militaire mixte maroco-espagnole s'est réunie à Madrid", "Fin des travaux.")
    assert partners(text) == {"ES"}


def test_the_first_meeting_refers_back_to_the_pair_named_before() -> None:
    text = article(
        DEFENCE,
        "Le Maroc et la Mauritanie ont signé un accord de coopération militaire en 2024.",
        "La première réunion de la commission mixte s'est tenue le 12 mars 2025 à Nouakchott.",
    )
    assert ("2025-03-12", ("MR",)) in {(e["date"], tuple(e["countries"])) for e in of_kind(text, "event")}


def test_rival_signing_with_a_supplier_is_not_moroccos_deal() -> None:
    text = article(ENGLISH, "Algeria, Morocco's neighbour and rival, signed a military deal with Russia for new jets.")
    assert partners(text) == set() and of_kind(text, "acquisition") == []


# ---------------------------------------------------------------- exercises and dates


def test_an_exercise_held_in_morocco_has_morocco_as_host() -> None:
    text = article(
        DEFENCE,
        "Quelque 2 500 militaires sont attendus au Maroc en juin 2025 dans le cadre de l'exercice African Lion.",
    )
    assert "US" in partners(text)  # the exercise's leaders come from the word list of known exercises
    assert [(e["date"], e["countries"]) for e in of_kind(text, "event")] == [("2025-06", ["US"])]


def test_two_days_joined_by_and_give_the_first() -> None:
    cases = {
        "Les manœuvres se tiendront les 22 et 23 septembre 2025.": "2025-09-22",
        "Talks were held on 12 and 13 March 2024.": "2024-03-12",
    }
    for sentence, first_day in cases.items():
        mentions = find_dates(sentence)
        resolve(mentions, None)
        assert [m.resolved for m in mentions] == [first_day]


def test_a_day_soon_after_publication_is_announced_not_last_years() -> None:
    mentions = find_dates("La visite aura lieu le 3 décembre à Rabat.")
    resolve(mentions, dt.date(2025, 11, 20))
    assert [m.resolved for m in mentions] == ["2025-12-03"]
    past = find_dates("La visite a eu lieu le 3 mars à Rabat.")
    resolve(past, dt.date(2025, 11, 20))
    assert [m.resolved for m in past] == ["2025-03-03"]


# ---------------------------------------------------------------- the page's furniture


def test_a_short_read_line_is_a_teaser_not_the_body() -> None:
    teaser = "La coopération militaire Maroc-Israël inquiète l'Algérie"
    text = article(DEFENCE, "Le Maroc modernise son armée.", f"Lire : {teaser}")
    assert {s.text: s.section for s in clean(text).sentences}[teaser] == "teaser"
    assert "DZ" not in partners(text)


# ---------------------------------------------------------------- words that mean something else here


def test_a_fiscal_year_is_no_exercise() -> None:
    text = article(
        DEFENCE,
        "Les projets de loi de finances du Maroc et de l'Algérie au titre de l'exercice 2025 augmentent les budgets"
        " de la défense, devant l'Égypte.",
    )
    assert partners(text) == set() and of_kind(text, "event") == []


def test_a_race_that_dates_back_is_no_support() -> None:
    text = article(
        ENGLISH,
        "Karim Bennani, an expert in security and military affairs, told our site that “the mad race between"
        " Morocco and Algeria towards armaments dates back two decades“.",
    )
    assert partners(text) == set()


def test_morocco_listed_among_prospective_customers_has_no_supplier_in_them() -> None:
    text = article(
        DEFENCE,
        "Une présentation officielle a laissé entrevoir le nom du Maroc aux côtés de ceux du Chili et des Émirats"
        " arabes unis comme clients pressentis de l'avion de transport C-390.",
    )
    assert not {"CL", "AE"} & partners(text)


def test_a_reference_back_past_another_system_of_its_kind_is_not_resolved() -> None:
    found = bought(
        "Une délégation des FAR s'est rendue au siège de la société Turkish Aerospace Industries, basée à Ankara,"
        " pour négocier l'achat des hélicoptères d'attaque T-129.",
        "Le choix s'est finalement porté sur l'AH-64 Apache, éprouvé en Irak.",
        "L'appareil est entré en service le 30 octobre 2013.",
    )
    assert "T-129" not in found  # only discussed; the 2013 entry into service is no Moroccan delivery of it


# ---------------------------------------------------------------- English wire and press-release phrasing


def test_a_capitalised_name_is_no_verb_and_titles_hold_together() -> None:
    text = article(
        ENGLISH,
        "Rabat, March 7, 2023 - Moroccan Defence Minister Karim Alaoui and US Chairman of the Joint Chiefs of Staff"
        " Mark Milley discussed bilateral military cooperation on Monday, March 6, 2023.",
    )
    (event,) = of_kind(text, "event")
    assert (event["date"], event["countries"], event["type"]) == ("2023-03-06", ["US"], "meeting")
    assert "Mark Milley" in event["people"] and not any("Staff" in p or "Chiefs" in p for p in event["people"])


def test_an_office_between_commas_speaks_for_its_state() -> None:
    text = article(
        ENGLISH,
        "General John Carter, head of the United States Africa Command (AFRICOM), arrived in Agadir, Morocco,"
        " on Wednesday, May 29, 2024.",
    )
    assert [(e["type"], e["date"], e["countries"]) for e in of_kind(text, "event")] == [("visit", "2024-05-29", ["US"])]


def test_received_on_a_weekday_that_the_sentence_dates() -> None:
    text = article(
        ENGLISH,
        "The Minister Delegate to the Head of Government, in charge of the National Defense Administration,"
        " received on Monday, General John Carter, Commander of the U.S. Africa Command, on an official visit"
        " to the Kingdom from October 17 to 18, 2022.",
    )
    assert [(e["type"], e["date"], e["countries"]) for e in of_kind(text, "event")] == [
        ("meeting", "2022-10-17", ["US"])
    ]


def test_a_noun_before_an_auxiliary_is_no_verb() -> None:
    text = article(
        ENGLISH,
        'The "African Lion 2024" exercise will be jointly conducted by the FAR and their American counterparts'
        " from May 20 to May 31, 2024 at Agadir and Tan-Tan.",
    )
    assert [(e["type"], e["date"], e["countries"]) for e in of_kind(text, "event")] == [
        ("exercise", "2024-05-20", ["US"])
    ]


def test_a_maker_announcing_an_agreement_with_the_ministry_sells_to_morocco() -> None:
    found = bought(
        "On Tuesday, 18 November 2025, the helicopter maker Airbus Helicopters announced the signing of an agreement"
        " with the Moroccan Ministry of Defence for the delivery of 10 H225M Caracal helicopters.",
        title=ENGLISH,
    )
    caracal = found["H225M Caracal"]
    assert (caracal["supplier"], caracal["quantity"], caracal["year"], caracal["status"]) == ("FR", 10, 2025, "ordered")


def test_two_variants_with_their_own_counts_are_two_purchases() -> None:
    found = bought(
        "Sur les 24 F-16 acquis en 2008, le constructeur américain Lockheed Martin en modernise 23.",
        "En plus, le Maroc a commandé 25 nouveaux F-16C auprès des États-Unis.",
    )
    assert (found["F-16"]["quantity"], found["F-16"]["year"]) == (24, 2008)
    assert (found["F-16C"]["quantity"], found["F-16C"]["year"]) == (25, None)


def test_a_clause_about_another_sellers_sales_takes_no_equipment_or_year() -> None:
    found = bought(
        "Boeing vendra au Maroc 36 hélicoptères d'attaque AH-64E Apache, contre, pour les ventes des industriels"
        " français au Royaume, 38 millions d'euros par an sur la période (2008-2018).",
    )
    apache = found["AH-64E Apache"]
    assert (apache["supplier"], apache["quantity"], apache["year"]) == ("US", 36, None)


# ---------------------------------------------------------------- a participle aside keeps its own status


def test_a_participle_aside_is_done_whatever_the_main_verb_may_do() -> None:
    found = bought("Le radar turc Kalkan, livré récemment aux FAR, pourrait aussi équiper la Marine royale.")
    assert found["Kalkan"]["status"] == "delivered" and found["Kalkan"]["kind"] == "acquisition"


def test_a_modal_over_the_infinitive_still_makes_a_prospect() -> None:
    text = article(DEFENCE, "Le Maroc pourrait acquérir des drones Akinci.")
    found = {f["system"]: f for f in of_kind(text, "prospect")}
    assert found["Akinci"]["status"] == "negotiating"


# ---------------------------------------------------------------- companies, kinds of designation, opening dates


def test_a_designation_with_a_kind_suffix_is_the_system() -> None:
    found = bought("Morocco received 19 TB2-type drones from Turkey in 2021.", title=ENGLISH)
    (tb2,) = found.values()
    assert (tb2["quantity"], tb2["supplier"], tb2["year"]) == (19, "TR", 2021)


def test_an_order_signed_with_a_company_is_moroccos_when_the_far_sign_it() -> None:
    found = bought("Selon Janes, les FAR ont signé le 4 mars 2024 une commande de six obusiers M109 avec BAE Systems.")
    # the M109 is made by the group's American arm (BAE Systems Land and Armaments), as Airbus's H225M by Airbus
    # Helicopters: the group named sells through the model's own maker
    assert found["M109"]["supplier"] == "US" and found["M109"]["status"] == "ordered"


def test_a_passive_order_continues_the_title_and_takes_its_opening_month_year() -> None:
    text = article(
        "Morocco orders 10 Airbus H225M Caracal helicopters",
        "The helicopters will be flown by the Royal Moroccan Air Force. In July 2022, 12 H135M helicopters "
        "(formerly known as the Eurocopter EC635), meant for pilot training, were contracted.",
    )
    found = {f["system"]: f for f in of_kind(text, "acquisition")}
    assert (found["H135M"]["quantity"], found["H135M"]["year"]) == (12, 2022)


def test_a_maker_named_in_the_passive_builds_for_no_one() -> None:
    text = article(
        "Armement : Washington approuve la vente de missiles Javelin au Maroc",
        "Les missiles Javelin sont fabriqués par une coentreprise de Lockheed Martin et de Raytheon.",
    )
    (javelin,) = of_kind(text, "acquisition")
    assert javelin["status"] == "approved"


# ---------------------------------------------------------------- designations in English order


def test_an_unknown_designation_before_its_noun_with_a_count() -> None:
    found = bought("In 2020 the United States provided Morocco with four MQ-7 Falcon XR drones.", title=ENGLISH)
    falcon = found["MQ-7 Falcon XR"]
    assert (falcon["quantity"], falcon["supplier"], falcon["year"], falcon["category"]) == (4, "US", 2020, "drone")


def test_plural_designations_after_their_counts() -> None:
    found = bought("The Moroccan army bought 140 T-84s and 36 T-84Bs in 1999.", title=ENGLISH)
    assert {name: f["quantity"] for name, f in found.items()} == {"T-84": 140, "T-84B": 36}


def test_a_known_name_in_the_plural_is_that_system() -> None:
    found = bought("Morocco received six AH-64E Apaches from the United States in 2025.", title=ENGLISH)
    assert list(found) == ["AH-64E Apache"] and found["AH-64E Apache"]["quantity"] == 6


def test_dates_counts_and_civil_jets_are_not_designations() -> None:
    text = article(
        ENGLISH,
        "RABAT, 12 January 2025 - Royal Air Maroc confirmed an order for E295-E3 commercial jets.",
        "The ageing fleet will be replaced: the FAR will replace the current SA330 Puma helicopters.",
    )
    assert of_kind(text, "acquisition") == []


def test_morocco_selling_its_old_tanks_is_no_acquisition() -> None:
    text = article(ENGLISH, "Morocco sold an unknown number of T-72B tanks to the Czech Republic, media reported.")
    assert of_kind(text, "acquisition") == [] and "CZ" not in partners(text)
