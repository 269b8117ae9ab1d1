"""Handovers and purchases told the way wire copy and press releases tell them: the maker in a participle
('trucks manufactured by the Indian company X'), a source at the end ('…, the army reported'), a
transparent object ('transferred ownership of 21 vehicles'), a designation whose number follows a count
('two Ground Master 400 radars'), a day the page's date places, and a unit's name that is no person.
Sentences written for these tests, after the patterns of Moroccan and US military press releases."""

from __future__ import annotations

from factkit import article, of_kind, partners


def _acquisitions(text: str) -> list[tuple[str, str | None, int | None, int | None]]:
    return [(a["system"], a.get("supplier"), a.get("quantity"), a.get("year")) for a in of_kind(text, "acquisition")]


def test_the_maker_in_a_participle_is_the_supplier_despite_a_source_at_the_end() -> None:
    text = article(
        "Morocco receives military trucks",
        "By Sam Lee | January 5, 2023",
        "Morocco's Royal Armed Forces have received 60 six-wheel military trucks manufactured by the Indian"
        " aerospace, defence and military company Tata Advanced Systems, the Moroccan Armed Forces reported on"
        " Twitter.",
    )
    assert partners(text) == {"IN"}
    assert [(s, sup, q) for s, sup, q, _ in _acquisitions(text)] == [("six-wheel military trucks", "IN", 60)]


def test_ownership_transferred_is_a_delivery_dated_by_the_page() -> None:
    text = article(
        "US hands over vehicles to Moroccan special forces",
        "By Sam Lee | May 8, 2020",
        "The United States transferred ownership of 14 armoured vehicles to the Moroccan Forces Armees Royales"
        " Special Operations Company on May 6.",
    )
    assert _acquisitions(text) == [("armoured vehicles", "US", 14, 2020)]
    events = of_kind(text, "event")
    assert [(e["date"], e["countries"]) for e in events] == [("2020-05-06", ["US"])]
    assert all(not e.get("people") for e in events)


def test_a_designation_ending_in_a_number_after_a_count() -> None:
    text = article(
        "Morocco buys radars",
        "By Sam Lee | March 6, 2021",
        "The Moroccan kingdom also bought two Ground Master 400 radars from the French manufacturer Thales.",
    )
    assert [(s, sup, q) for s, sup, q, _ in _acquisitions(text)] == [("Ground Master 400", "FR", 2)]


def test_a_numeric_date_dates_the_order() -> None:
    text = article(
        "Les FAR commandent des hélicoptères",
        "D'après plusieurs sources, les FAR ont signé le 22/05/2019 une commande de six hélicoptères AW139 avec"
        " Leonardo.",
    )
    assert [(s, y) for s, _, _, y in _acquisitions(text)] == [("AW139", 2019)]


def test_what_comes_after_behind_is_the_rivals_purchase() -> None:
    text = article(
        "Morocco among buyers of Spanish arms",
        "By Sam Lee | September 7, 2016",
        "Spanish daily El Pais reported that Morocco has bought Spanish cartridges and ammunition for $22.1 million,"
        " behind Oman with $196.8 million with two transport aircraft and unarmoured vehicles.",
    )
    assert [s for s, _, _, _ in _acquisitions(text)] == []
    assert "OM" not in partners(text)


def test_a_count_written_with_a_thousands_comma() -> None:
    text = article(
        "Morocco to receive anti-tank missiles",
        "By Sam Lee | September 7, 2016",
        "Morocco will be receiving 1,200 TOW 2A anti-tank missiles from the American company Raytheon.",
    )
    assert [(s, q) for s, _, q, _ in _acquisitions(text)] == [("TOW 2A", 1200)]


def test_a_company_named_after_its_noun_is_no_person() -> None:
    text = article(
        "Morocco receives trucks",
        "By Sam Lee | January 5, 2023",
        "On January 3, the Royal Armed Forces received 48 light tactical trucks manufactured by the Indian"
        " engineering group Bharat Forge.",
    )
    assert all(not e.get("people") for e in of_kind(text, "event"))
    assert of_kind(text, "event")


def test_a_count_before_new_in_a_headline() -> None:
    text = article("Armement : deux nouveaux hélicoptères H135M bientôt livrés au Maroc",
                   "Par Lina K. | 4 juin 2025",
                   "La livraison est attendue avant la fin du mois, selon le forum FAR-Maroc.")
    assert [(s, q) for s, _, q, _ in _acquisitions(text)] == [("H135M", 2)]


def test_a_count_with_plain_words_before_a_noun_standing_for_the_system() -> None:
    text = article(
        "Morocco signs deal for WhAP armoured vehicles",
        "By Sam Lee | June 4, 2025",
        "Morocco has signed a deal with Tata Advanced Systems for the WhAP 8x8 armoured vehicle.",
        "According to media reports, Tata is set to build nearly 120 combat vehicles for Morocco's defence forces.",
    )
    assert [q for s, _, q, _ in _acquisitions(text) if s.startswith("WhAP")] == [120]


def test_ammunition_for_a_fleet_is_not_the_fleet_bought_again() -> None:
    text = article(
        "US approves arms sales to Morocco",
        "By Sam Lee | June 4, 2025",
        "The State Department also approved a possible sale of additional ammunition for the F-16 fighter jets"
        " worth $209 million to Rabat.",
        "Le Maroc a aussi commandé des missiles Hellfire pour ses hélicoptères AH-64E Apache.",
    )
    # the ammunition is bought, named after the fleet it serves; neither the F-16 nor the Apache is bought again
    assert {s for s, _, _, _ in _acquisitions(text)} == {"F-16 ammunition", "Hellfire"}


def test_equipment_named_by_its_kind_in_the_title_is_the_bodys() -> None:
    text = article(
        "US to sell missile systems worth $776m to Morocco",
        "By Sam Lee | March 24, 2019",
        "The US State Department has decided to sell anti-tank missile systems, worth $776 million, to Morocco.",
    )
    assert [(s, sup) for s, sup, _, _ in _acquisitions(text)] == [("anti-tank missile systems", "US")]
