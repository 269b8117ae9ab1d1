"""A page dated by its month alone ('Rapide Info — 2022-05', 'Le Site — mai 2022'): no publication
date, but a day of that month given with its weekday ('Ce mardi 24 mai') is in that year when the
weekday agrees. A weekday that does not agree gives no date: no date beats a wrong one. Sentences
written for these tests, after the pattern of Mauritanian and Moroccan news sites."""

from __future__ import annotations

from factkit import article, of_kind


def _page(weekday: str) -> str:
    return article(
        "La commission militaire mixte maroco-mauritanienne se réunit à Rabat",
        "Le Quotidien (lequotidien.mr) — 2022-05",
        f"Ce {weekday} 24 mai, Rabat a accueilli la 3e session de la commission militaire mixte"
        " maroco-mauritanienne, coprésidée par les chefs d'état-major des deux armées.",
    )


def test_a_weekday_that_agrees_with_the_page_month_dates_the_meeting() -> None:
    text = _page("mardi")
    assert [(e["date"], e["countries"]) for e in of_kind(text, "event")] == [("2022-05-24", ["MR"])]
    document = of_kind(text, "document")[0]
    assert document.get("published") is None


def test_a_weekday_that_disagrees_gives_no_date() -> None:
    assert [e["date"] for e in of_kind(_page("lundi"), "event")] == []


def test_the_month_line_is_not_body_text() -> None:
    assert all("lequotidien" not in f.get("quote", "") for f in of_kind(_page("mardi"), "partner"))
    assert of_kind(_page("mardi"), "partner")


def test_a_short_sentence_opening_on_a_month_is_text_not_the_page_month() -> None:
    text = article("Défense : le Maroc et ses partenaires", "En juin 2020, le Maroc a commandé 24 hélicoptères AH-64E.")
    assert [(a["system"], a["year"]) for a in of_kind(text, "acquisition")] == [("AH-64E", 2020)]


def test_a_day_of_the_page_month_without_weekday_is_in_that_year() -> None:
    text = article(
        "US approves Morocco's purchase of Harpoon missiles",
        "Morocco Daily — 2020-04",
        "The US State Department has approved the possible sale to Morocco of ten AGM-84L Harpoon Block II"
        " missiles.",
        "The Defense Security Cooperation Agency announced the approval on April 14 in a statement.",
    )
    assert [(e["date"], e["countries"]) for e in of_kind(text, "event")] == [("2020-04-14", ["US"])]


def _visit(days: str) -> str:
    return article(
        "La ministre française des Armées au Maroc",
        "Le Site — 2020-05",
        f"Il faut rappeler que la ministre française des Armées a effectué une visite au Maroc, {days}.",
    )


def test_a_day_of_an_earlier_month_of_the_page_year_is_in_that_year() -> None:
    assert [(e["date"], e["countries"]) for e in of_kind(_visit("les 5 et 6 février"), "event")] == [
        ("2020-02-05", ["FR"])]


def test_a_day_of_a_later_month_than_the_page_gives_no_date() -> None:
    # last year's, or announced: no date beats a wrong one
    assert of_kind(_visit("les 5 et 6 juillet"), "event") == []
