"""Naval visits and handovers as Moroccan and international pages tell them: "the Royal Navy" meaning the
Marine royale, a visit told in a clause after "after" ('the talks come after the chief of the French Navy
toured the base'), a pronoun as the other side of a meeting ('where he met the Inspector of the Royal
Navy'), a base named before its noun ('the Ksar Sghir naval base') that is no person, and a maker's country
that yields to the seller another sentence names. Sentences written for these tests."""

from __future__ import annotations

from factkit import article, of_kind, partners


def _events(text: str) -> list[tuple[str, list[str], list[str]]]:
    return [(e["date"], e["countries"], e.get("people") or []) for e in of_kind(text, "event")]


def test_a_visit_told_after_after_with_the_visitor_as_a_pronoun() -> None:
    text = article(
        "Morocco weighs submarine offers",
        "By Sam Lee | 29 Oct 2025",
        "Morocco's navy is studying two submarine designs, defence sources said.",
        "The talks come after the chief of staff of the French Navy toured the Ksar Sghir naval base on"
        " October 21, 2025, where he met the Inspector of the Royal Navy and discussed joint training at sea.",
    )
    assert _events(text) == [("2025-10-21", ["FR"], [])]  # the base is no person
    assert partners(text) == {"FR"}


def test_the_royal_navy_of_a_moroccan_page_is_moroccos() -> None:
    text = article(
        "Royal Navy receives a patrol vessel",
        "By Sam Lee | 4 June 2025",
        "The Royal Navy received an Avante 1800 offshore patrol vessel from the Spanish shipyard Navantia,"
        " the Moroccan armed forces said.",
    )
    assert partners(text) == {"ES"}  # not the United Kingdom


def test_the_royal_navy_is_britains_where_the_article_names_britain() -> None:
    text = article(
        "British warship in Casablanca",
        "By Sam Lee | 4 June 2025",
        "A British destroyer of the Royal Navy made a port call in Casablanca, where its crew met officers"
        " of the Royal Moroccan Navy.",
    )
    assert "GB" in partners(text)


def test_after_before_a_noun_phrase_is_still_a_rival() -> None:
    text = article(
        "Morocco joins the club of Caesar users",
        "By Sam Lee | 4 June 2025",
        "Morocco ordered 36 CAESAR howitzers, becoming the third African customer after Senegal.",
    )
    assert "SN" not in partners(text)


def test_a_named_seller_beats_the_makers_country_for_the_same_system() -> None:
    text = article(
        "Excédents américains : douze obusiers M109A5 cédés aux FAR",
        "Par Lina K. | 29 octobre 2024",
        "Le Pentagone a notifié au Congrès la cession gratuite de douze obusiers automoteurs M109A5 au profit des"
        " Forces armées royales.",
    )
    assert partners(text) == {"US"}
    assert [(a["system"], a.get("supplier")) for a in of_kind(text, "acquisition")] == [("M109A5", "US")]


def test_an_exercise_in_strategic_waters_is_defence_and_a_ship_named_after_a_capital_is_no_state() -> None:
    text = article(
        "Moroccan and Spanish navies drill in the Alboran Sea",
        "By Sam Lee | 4 June 2025",
        "The Royal Moroccan Navy and the Spanish Navy conducted joint exercises last week in the strategic waters"
        " off Tangier.",
        "Before the exercises, the Spanish frigate «Princesa Sofia» made a port call in Tangier.",
    )
    assert partners(text) == {"ES"}  # "waters" is the sea, not the water sector; Sofia is part of a name


def test_a_drill_carried_out_by_a_named_frigate_with_a_foreign_ship() -> None:
    text = article(
        "Morocco drills with Pakistan",
        "By Sam Lee | 5 March 2022",
        "On March 3, 2022, a Royal Navy frigate, Tarik Ben Ziyad, carried out a passing drill with Pakistan's"
        " Navy Shamsheer ship off Agadir.",
    )
    assert _events(text) == [("2022-03-03", ["PK"], [])]  # "ship" is no verb; the frigate is no person
    assert of_kind(text, "acquisition") == []


def test_an_acronym_spelled_out_once_names_the_system_later() -> None:
    text = article(
        "Green light for missile sales to Rabat",
        "By Sam Lee | April 12, 2023",
        "Washington gave an early green light to foreign military sales of Long Range Strike Missiles (LRSM) to"
        " Morocco, the Pentagon's cooperation agency said on Monday.",
        "Separately, the State Department cleared a possible sale of LRSM and spare parts worth about $40 million,"
        " the agency added.",
    )
    acquisitions = [(a["system"], a.get("supplier"), a["status"], (a.get("value") or {}).get("amount"))
                    for a in of_kind(text, "acquisition")]
    assert acquisitions == [("LRSM", "US", "approved", 40_000_000)]


def test_a_singular_pronoun_is_not_a_people_named_in_the_plural() -> None:
    text = article(
        "Le Maroc et la Turquie",
        "Par Lina K. | 4 juin 2025",
        "Rabat peut s'appuyer sur le savoir-faire des Turcs, auprès de qui il a déjà acheté des drones Bayraktar.",
    )
    assert [(a["system"], a.get("supplier")) for a in of_kind(text, "acquisition")] == [("Bayraktar", "TR")]


def test_a_partnership_told_among_police_matters_is_no_defence_partnership() -> None:
    text = article(
        "Romania ratifies a military agreement with Morocco",
        "By Sam Lee | 4 June 2025",
        "Bucharest's cabinet endorsed a bill ratifying the defence and technical cooperation deal between Romania"
        " and the Kingdom of Morocco.",
        '"Morocco is a reliable partner of the European Union on the southern shore of the Mediterranean, active'
        ' against human trafficking, irregular migration and terrorism," the cabinet said.',
    )
    assert partners(text) == {"RO"}


def test_sellers_listed_with_their_shares_are_all_suppliers() -> None:
    text = article(
        "Le Maroc, client des États-Unis",
        "Par Lina K. | 4 juin 2025",
        "D'après l'institut, le royaume acquiert 70 % de son armement et de ses équipements des États-Unis"
        " (70 %), de la France (25 %), et de l'Italie (1 %).",
    )
    assert partners(text) == {"US", "FR", "IT"}
    english = article(
        "Morocco among the largest arms importers",
        "By Sam Lee | 4 June 2025",
        "Over those years the kingdom imported 85% of its major weapons from the United States, 12.5% from"
        " France and 0.4% of the United Kingdom, the institute found.",
    )
    assert partners(english) == {"US", "FR", "GB"}


def test_shares_of_another_buyer_make_no_partner() -> None:
    text = article(
        "Arms imports in North Africa",
        "By Sam Lee | 4 June 2025",
        "Morocco bought its weapons mostly from the United States. Algeria imports 69% of its weapons from Russia,"
        " 10% from China and 8% from Germany.",
    )
    assert partners(text) & {"RU", "CN", "DE"} == set()


def test_each_of_two_systems_keeps_its_own_origin() -> None:
    text = article(
        "Morocco's air defence",
        "By Sam Lee | 4 June 2025",
        "Rabat has bought both the Chinese FD-2000B air defence batteries and the Israeli Iron Dome interceptors.",
    )
    assert sorted((a["system"], a.get("supplier")) for a in of_kind(text, "acquisition")) == [
        ("FD-2000B", "CN"), ("Iron Dome", "IL")]


def test_a_further_approval_of_the_same_news_takes_the_pages_year() -> None:
    text = article(
        "Feu vert américain pour des lance-roquettes",
        "Par Lina K. | 11 avril 2023",
        "Washington a approuvé un possible accord portant sur la vente de 18 lance-roquettes HIMARS au Maroc,"
        " pour près de 524 millions de dollars, a fait savoir l'agence ce mardi.",
        "Pour l'agence, l'accord sert les intérêts américains.",
        "Par ailleurs, le département d'État a approuvé la vente de bombes guidées AGM-154 au Maroc, d'une"
        " valeur de 250 millions de dollars.",
    )
    years = {a["system"]: a.get("year") for a in of_kind(text, "acquisition")}
    assert years == {"HIMARS": 2023, "AGM-154": 2023}


def test_a_purchase_recalled_later_in_the_article_gets_no_year_from_the_page() -> None:
    text = article(
        "Feu vert américain pour des lance-roquettes",
        "Par Lina K. | 11 avril 2023",
        "Le département d'État a approuvé la vente de 18 lance-roquettes HIMARS au Maroc, a annoncé l'agence ce"
        " mardi.",
        "Selon l'agence, l'accord répond aux intérêts des États-Unis.",
        "Le Maroc a aussi acheté des obusiers M109A5 aux États-Unis.",
    )
    years = {a["system"]: a.get("year") for a in of_kind(text, "acquisition")}
    assert years["M109A5"] is None


def test_a_page_dated_by_its_month_gives_its_year_to_the_approval_it_reports() -> None:
    text = article(
        "US approves a missile request",
        "Morocco Daily — 2020-04",
        "Rabat – The State Department has approved a Moroccan request for ten air-launched missiles, valued at"
        " about $62 million.",
        "In its statement, the agency added that Morocco requested to buy 10 AGM-84L Harpoon Block II missiles.",
    )
    assert [(a.get("quantity"), a.get("year")) for a in of_kind(text, "acquisition")] == [(10, 2020)]
    assert of_kind(text, "document")[0].get("published") is None  # the month fixes no publication day


def test_the_royal_navy_written_in_lower_case_is_read_too() -> None:
    text = article(
        "Morocco drills with Pakistan",
        "By Sam Lee | 5 March 2022",
        "On March 3, 2022, a Royal navy frigate, Tarik Ben Ziyad, carried out a passing drill with Pakistan's"
        " Navy Shamsheer ship off Agadir.",
    )
    assert _events(text) == [("2022-03-03", ["PK"], [])]


def test_before_a_participle_keeps_the_subject_of_its_clause() -> None:
    text = article(
        "Chinooks land in Tangier",
        "By Sam Lee | 4 June 2025",
        "Algiers voiced concern after Morocco bought US Army CH-47 Chinook heavy-lift helicopters.",
        "The three helicopters, which went through a long overhaul before being handed over to the Royal"
        " Moroccan Army, landed in Tangier on Saturday.",
    )
    assert [a.get("quantity") for a in of_kind(text, "acquisition")] == [3]
