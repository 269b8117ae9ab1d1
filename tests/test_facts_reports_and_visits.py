"""What a report's date and a visit's place say: 'announced on November 20, 2019, that approval had been
granted' dates the approval; 'a mission ended with the delivery of 21 vehicles' delivered them; 'la visite
d'une délégation marocaine, …, effectuée du 6 au 8 février en Israël' was paid to Israel. Sentences written
for these tests, after the pattern of agency wires and Moroccan news pages."""

from __future__ import annotations

from factkit import article, of_kind, partners


def _acquisitions(text: str) -> set[tuple[str, int | None, int | None, str]]:
    return {(a["system"], a["quantity"], a["year"], a["status"]) for a in of_kind(text, "acquisition")}


def test_a_report_dated_in_full_dates_the_approval_it_reports() -> None:
    text = article(
        "Apache helicopters for Morocco",
        "By Sam Lee",
        "The agency had announced on November 20, 2019, that approval had been granted for the sale of 36 AH-64E"
        " helicopters to Morocco.",
    )
    assert _acquisitions(text) == {("AH-64E", 36, 2019, "approved")}


def test_an_announcement_of_another_sale_does_not_date_the_purchase_before_it() -> None:
    text = article(
        "Israeli and American arms",
        "By Sam Lee",
        "Morocco has also reportedly procured the Barak 8 air defence systems from Israel.",
        "The US agency had announced on November 20, 2019, that approval had been granted for the sale of 36 AH-64E"
        " helicopters to Morocco.",
    )
    events = {(e["date"], tuple(e["countries"])) for e in of_kind(text, "event")}
    assert events == {("2019-11-20", ("US",))}


def test_un_communique_date_en_entier_date_la_livraison_quil_rapporte() -> None:
    text = article(
        "Hélicoptères",
        "Par Samir Alaoui",
        "Le ministère a annoncé le 3 mars 2021 que le Maroc avait reçu 36 hélicoptères AH-64E Apache.",
    )
    assert {(name, year) for name, _, year, _ in _acquisitions(text)} == {("AH-64E Apache", 2021)}


def test_a_report_of_what_is_to_come_takes_no_year_from_the_report() -> None:
    text = article(
        "Apache helicopters for Morocco",
        "By Sam Lee",
        "The agency said on November 20, 2019, that Morocco will buy 36 AH-64E helicopters.",
    )
    assert {year for _, _, year, _ in _acquisitions(text)} == {None}


def test_a_mission_that_ended_with_a_delivery_delivered() -> None:
    text = article(
        "US hands vehicles to Moroccan special forces",
        "By Sam Lee | 8 May 2020",
        "A three-year mission by the US military to train Morocco's special operations forces ended with the"
        " delivery of 21 specialized vehicles to that country, US Africa Command said on Friday.",
        "The United States transferred ownership of 21 specialized vehicles to the Moroccan special operations"
        " company on May 6.",
    )
    found = of_kind(text, "acquisition")
    assert [(a["quantity"], a["status"], a["supplier"]) for a in found] == [(21, "delivered", "US")]


def test_ending_a_cooperation_still_stops_it() -> None:
    text = article("Rupture", "By Sam Lee | 8 May 2020",
                   "Algeria ended its military cooperation with Spain after the crisis.")
    assert partners(text) == set()


def test_une_visite_marocaine_effectuee_dans_un_pays_etranger_y_a_ete_rendue() -> None:
    text = article(
        "Artillerie",
        "Par Samir Alaoui | 10 février 2023",
        "L'annonce a suivi la visite de travail d'une délégation militaire marocaine, sur instructions du"
        " commandant en chef, effectuée du 6 au 8 février en Israël, et conduite par un général des FAR.",
    )
    events = of_kind(text, "event")
    assert [(e["date"], e["countries"], e["type"]) for e in events] == [("2023-02-06", ["IL"], "visit")]


def test_a_visit_that_names_two_foreign_states_names_no_host() -> None:
    text = article(
        "Visite",
        "Par Samir Alaoui | 10 février 2023",
        "La visite d'une délégation militaire marocaine, effectuée du 6 au 8 février en Israël puis en Grèce,"
        " a été saluée.",
    )
    assert of_kind(text, "event") == []
