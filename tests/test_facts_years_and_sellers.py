"""The year a sentence states apart dates its days ('En 2024, … du 7 au 13 octobre'); a seller is
the one the article gives for that system, never another system's. Sentences written for these
tests, after the patterns of Moroccan and wire reports on exercises and drone purchases.
"""

from __future__ import annotations

from factkit import article, of_kind


def _page(title: str, dateline: str, *body: str) -> str:
    return "\n".join([title, "", dateline, "", *body])


def test_a_year_the_sentence_sets_out_dates_its_day_and_month() -> None:
    text = _page("Exercice naval : la frégate marocaine à Toulon", "31 octobre 2025",
                 "En 2024, la Marine royale avait organisé, du 7 au 13 octobre, avec la Marine nationale française,"
                 " la 30e édition de l'exercice naval Chebec.")
    assert [(e["date"], e["countries"]) for e in of_kind(text, "event")] == [("2024-10-07", ["FR"])]


def test_only_a_leading_year_dates_the_sentence() -> None:
    text = _page("Défense : accord avec la France", "31 octobre 2025",
                 "Le contrat, qui court jusqu'en 2030, a été signé le 7 octobre à Rabat entre le Maroc et la France.")
    assert [e["date"] for e in of_kind(text, "event")] == ["2025-10-07"]


def _article(title: str, *body: str) -> str:
    return "\n".join([title, "", *body])


def test_a_donor_is_the_partner_not_the_maker_s_country() -> None:
    text = _article("Drones : les FAR modernisent leur flotte",
                    "Les FAR ont reçu, en 2020, un don des Émirats arabes unis de quatre drones Wing Loong I.")
    assert {p["country"] for p in of_kind(text, "partner")} == {"AE"}


def test_a_delivery_of_drones_ordered_from_a_maker_is_a_delivery_from_its_country() -> None:
    text = _article("Rabat receives its first Chinese drones",
                    "RABAT, 12 January 2025 - Morocco has taken delivery of the first four Wing Loong II drones"
                    " ordered from the Aviation Industry Corporation of China, military sources said.")
    assert [(e["type"], e["countries"]) for e in of_kind(text, "event")] == [("delivery", ["CN"])]


def test_talks_held_to_buy_are_a_negotiation() -> None:
    text = _article("Air defence: Rabat shops around",
                    "Over the years, Rabat has held negotiations with different suppliers from several countries to buy"
                    " medium- and long-range air defence systems, notably the American Patriot system.")
    assert of_kind(text, "partner") == []
    assert [(f["system"], f["status"]) for f in of_kind(text, "prospect")] == [("Patriot", "negotiating")]


def test_its_orders_in_general_refer_to_no_purchase_before() -> None:
    text = _article("Drones : les FAR modernisent leur flotte",
                    "Les FAR ont reçu, en 2020, un don des Émirats arabes unis de quatre drones Wing Loong I.",
                    "Le Maroc tient à diversifier ses commandes de drones.")
    assert {p["country"] for p in of_kind(text, "partner")} == {"AE"}
    assert [f["status"] for f in of_kind(text, "acquisition")] == ["donated"]


def test_the_drones_refer_to_the_one_system_the_sentence_before_names() -> None:
    text = _article("Le Polisario préoccupé par des drones",
                    "Les FAR ont déployé des drones Wing Loong II près de Laâyoune.",
                    "Les drones ont été livrés aux Marocains depuis la Chine en octobre 2022.")
    found = of_kind(text, "acquisition")
    assert [(f["system"], f["supplier"], f["year"]) for f in found] == [("Wing Loong II", "CN", 2022)]


def test_a_lowercase_l_after_a_name_is_the_variant_one() -> None:
    text = _article("Drones : la flotte des FAR",
                    "Les drones ont été livrés aux FAR depuis la Chine en octobre 2022 : des Wing Loong II.",
                    "Le Maroc possédait déjà quatre appareils de l'ancien modèle, Wing Loong l, offerts par les"
                    " Émirats arabes unis.")
    systems = {(f["system"], f["supplier"]) for f in of_kind(text, "acquisition")}
    assert ("Wing Loong l", "AE") in systems and all(s != "Wing Loong II" or c == "CN" for s, c in systems)


def test_a_guest_whose_title_the_parser_took_for_a_clause_is_still_the_guest() -> None:
    text = _article("Défense : l'Inspecteur général des FAR reçoit un haut responsable",
                    "Le Général de Corps d'Armée, Inspecteur Général des FAR, a reçu, le 30 avril 2018, au niveau de"
                    " l'Etat-Major Général des FAR à Rabat, le Lieutenant-Général Sir John Lorimer, Haut conseiller à"
                    " la Défense britannique, chargé de la région du Moyen-Orient.")
    assert [(e["date"], e["countries"], e["place"]) for e in of_kind(text, "event")] == [
        ("2018-04-30", ["GB"], "Rabat")]


def test_the_place_is_the_town_not_the_guest_named_right_after_it() -> None:
    text = _article("Coopération militaire : entretiens à Rabat",
                    "Hamid Alami, commandant de la Marine royale, a reçu le 16 mars 2025 à Rabat Ahmet Kaya, chef"
                    " d'état-major nigérian, en visite de travail dans le Royaume.")
    assert [(e["countries"], e["place"]) for e in of_kind(text, "event")] == [(["NG"], "Rabat")]


def test_a_weekday_opening_the_sentence_of_a_dated_page_gives_the_year() -> None:
    text = article("Drones for Morocco", "By Sam Lee | June 6, 2025",
                   "Morocco has been modernising its maritime surveillance for several years.",
                   "On Thursday, the State Department approved the sale of four MQ-9B SeaGuardian drones to Morocco.")
    found = [(a["system"], a["quantity"], a["year"]) for a in of_kind(text, "acquisition")]
    assert found == [("MQ-9B SeaGuardian", 4, 2025)]


def test_the_date_a_report_was_released_is_not_the_date_of_what_it_found() -> None:
    text = article("Morocco's suppliers", "By Sam Lee | June 6, 2025",
                   "Morocco has been modernising its army for several years.",
                   "A report released in September found that Morocco bought Caesar howitzers from France.")
    assert of_kind(text, "event") == []


def test_a_deal_signed_in_the_lead_of_a_dated_page_is_that_years_order() -> None:
    # the purchase is a noun, told by the verb that governs it ("has signed a deal for"): news of the day
    text = article("Indian armoured vehicles for Morocco", "By Sam Lee | September 30, 2024",
                   "Morocco has signed a deal with Tata Advanced Systems for the purchase of 100 WhAP vehicles.")
    found = [(a["system"], a["quantity"], a["year"]) for a in of_kind(text, "acquisition")]
    assert found == [("WhAP", 100, 2024)]


def test_a_month_opening_the_sentence_of_a_dated_page_gives_the_year() -> None:
    text = article("Drones for Morocco", "By Sam Lee | March 12, 2025",
                   "Morocco keeps modernising its air force.",
                   "In January, Morocco took delivery of 10 Bayraktar TB2 drones.")
    assert [(a["system"], a["year"]) for a in of_kind(text, "acquisition")] == [("Bayraktar TB2", 2025)]
