"""The year of a purchase told as news, with no date of its own, is the year of the page; these tests
cover how a page gives its date and which sentence tells the news. Sentences and page lines written
for these tests, after the pattern of saved news pages: an address line whose path holds the day
('/2025/04/16/…', '/20250211-…'), a 'date 2025-02' line, a slogan or a stray word before the lead, a
model named with a number ('Atmos 2000'), a company 'contracted to supply' a system, and a later
sentence naming the seller of a purchase told several sentences before."""

from __future__ import annotations

from factkit import article, of_kind


def _years(text: str) -> list[tuple[str, int | None]]:
    return sorted((a["system"], a["year"]) for a in of_kind(text, "acquisition"))


def test_an_address_line_dates_the_page_and_is_not_text() -> None:
    text = "\n".join([
        "Le Maroc va acquérir des missiles antichars Javelin",
        "Source: https://www.example-news.ma/2024/07/09/le-maroc-va-acquerir-des-javelin/",
        "",
        "Le département d'État américain a approuvé la vente au Maroc de 612 missiles Javelin.",
    ])
    document = of_kind(text, "document")[0]
    assert document["published"] == "2024-07-09"
    assert document["source"] == "example-news.ma"
    assert _years(text) == [("Javelin", 2024)]
    assert all("example-news" not in f.get("quote", "") for f in of_kind(text, "partner"))


def test_an_address_with_its_day_run_together_dates_the_page() -> None:
    text = "\n".join([
        "Morocco picks a new howitzer",
        "https://www.example-monitor.com/20250211-morocco-picks-a-new-howitzer/",
        "",
        "Morocco has ordered 36 ATMOS howitzers from Israel's Elbit Systems.",
    ])
    assert of_kind(text, "document")[0]["published"] == "2025-02-11"
    assert _years(text) == [("ATMOS", 2025)]


def test_an_address_with_no_day_or_an_impossible_one_gives_no_date() -> None:
    cases = (("https://example.ma/defense/article-882612", None), ("https://example.ma/2025/02/31/x", 2025))
    for address, year in cases:
        text = "\n".join(["Morocco picks a new howitzer", address, "",
                          "Morocco has ordered 36 ATMOS howitzers from Israel's Elbit Systems."])
        assert of_kind(text, "document")[0]["published"] is None
        assert _years(text) == [("ATMOS", year)]  # '/2025/02/' still gives the month


def test_a_date_line_giving_the_month_dates_the_news() -> None:
    text = article(
        "Le Maroc réceptionne des drones Akinci",
        "date 2025-02",
        "Les Forces armées royales ont réceptionné un premier lot de drones Akinci, construits par le turc Baykar.",
    )
    assert _years(text) == [("Akinci", 2025)]


def test_a_number_in_a_model_name_is_no_year() -> None:
    text = article(
        "Morocco turns to Israel for artillery",
        "By Sam Lee | 11 February 2025",
        "Morocco has ordered 36 ATMOS 2000 self-propelled howitzers from Elbit Systems, a trade weekly said.",
    )
    assert _years(text) == [("ATMOS 2000", 2025)]


def test_the_lead_is_the_first_paragraph_that_tells_something() -> None:
    text = article(
        "Morocco turns to Israel for artillery",
        "By Sam Lee | 11 February 2025",
        "clear",
        "Telling the news since 2009",
        "Morocco has ordered 36 ATMOS howitzers from Elbit Systems, a trade weekly said.",
    )
    assert _years(text) == [("ATMOS", 2025)]


def test_a_company_contracted_to_supply_reports_the_contract_as_news() -> None:
    text = article(
        "Morocco to get Israeli air defence",
        "By Sam Lee | 15 February 2022",
        "Israel Aerospace Industries has been contracted by Morocco to supply its Barak MX air defence systems in"
        " a deal worth over $500 million.",
    )
    assert _years(text) == [("Barak MX", 2022)]


def test_a_later_sentence_naming_the_seller_joins_its_purchase() -> None:
    """Talks with other suppliers told in between do not hide which purchase 'the first system' is:
    the sentence names its seller, who sold Morocco one system in the article."""
    text = article(
        "Morocco deploys its new air defence",
        "By Sam Lee | 3 March 2024",
        "Morocco has become a customer of Israel Aerospace Industries for the Barak MX air defence system.",
        "Rabat had long held talks with other suppliers to buy air defence systems, notably the American Patriot.",
        "Another offer came from China's Sky Dragon 50 missiles.",
        "The $500 million deal between IAI and Rabat was signed in 2022, and the first system was delivered to"
        " Morocco in 2023.",
    )
    barak = [a for a in of_kind(text, "acquisition") if a["system"] == "Barak MX"]
    assert [(a["year"], a["status"]) for a in barak] == [(2023, "delivered")]


def test_an_address_with_its_month_alone_places_the_news() -> None:
    text = "\n".join([
        "Morocco Acquiring Akinci Drones From Turkey",
        "Source: https://example-defence.africa/2024/11/morocco-acquiring-akinci/",
        "",
        "Morocco is set to field Bayraktar Akinci drones, a defence site reports.",
    ])
    assert of_kind(text, "document")[0]["published"] is None
    assert _years(text) == [("Akinci", 2024)]


def test_a_clause_opened_by_when_after_a_date_is_told_at_that_date() -> None:
    text = article(
        "Indian armour made in Morocco",
        "By Sam Lee | 2 October 2025",
        "The plant traces back to September 30, 2024, when Tata Advanced Systems and Moroccan officials inked a"
        " deal for WhAP armoured vehicles for the Royal Moroccan Armed Forces.",
    )
    assert _years(text) == [("WhAP", 2024)]


def test_for_a_state_to_buy_names_the_buyer() -> None:
    text = article(
        "US funds a missile purchase",
        "By Sam Lee | 16 April 2025",
        "The United States released funds on April 15, 2025 for Morocco to purchase 20 Stinger missiles.",
    )
    bought = [(a["system"], a["supplier"], a["quantity"]) for a in of_kind(text, "acquisition")]
    assert bought == [("Stinger", "US", 20)]
    assert [(e["date"], e["countries"]) for e in of_kind(text, "event")] == [("2025-04-15", ["US"])]
