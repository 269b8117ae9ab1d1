"""What a name, a title or a count really stands for: an arms race with an adjective inside it, a
service titled "Système de …", an airline with its country in its name, a maker's model number
("Airbus 320"), a subject "the national carrier of Morocco", a five-word designation that opens with
its maker, "la totalité des …", a maker hung on a time phrase, "24 of its new …", a title-case "And".
Sentences written for these tests."""

from __future__ import annotations

import datetime as dt

from factkit import article, of_kind, partners

from facts.clean import clean
from facts.extract.context import build_context
from facts.numbers import quantity_before


def _acquisitions(text: str) -> list[tuple[str, str | None, int | None]]:
    return sorted((a["system"], a.get("supplier"), a.get("quantity")) for a in of_kind(text, "acquisition"))


def test_an_arms_race_with_an_adjective_inside_is_still_a_race() -> None:
    text = article(
        "Dépenses militaires : le Maghreb en tête",
        "Par Lina K. | 3 mars 2024",
        "Le différend sur le Sahara, que le Maroc dispute au Polisario appuyé par l'Algérie, nourrit"
        " une course effrénée aux armements entre Rabat et Alger.",
    )
    assert "DZ" not in partners(text)


def test_a_service_titled_systeme_de_is_no_weapon() -> None:
    text = article(
        "Le Maroc et la Slovaquie signent six accords",
        "Par Lina K. | 3 mars 2024",
        "Le Maroc et la Slovaquie ont signé mardi six accords dans les domaines de l'éducation, du"
        " tourisme et de la culture.",
        "Les accords ont été signés par les deux ministres des Affaires étrangères.",
        "Une partie des dépêches de l'agence est diffusée par le Système de Partage interne.",
    )
    assert partners(text) == set()


def test_an_airline_named_after_morocco_buys_no_arms() -> None:
    text = article(
        "Royal Air Maroc welcomes its first Boeing 787-10",
        "By Sam Lee | 4 June 2025",
        "CASABLANCA – Royal Air Maroc, the national carrier of Morocco has welcomed its first"
        " Boeing 787-10, which joins the airline to serve its routes to Europe with 190 passengers.",
    )
    assert partners(text) == set()
    assert of_kind(text, "acquisition") == []


def test_a_number_after_a_makers_name_is_its_model_not_a_count() -> None:
    assert quantity_before("the first Airbus 321 ", "en") is None
    assert quantity_before("le premier Boeing 777 ", "fr") is None
    assert quantity_before("Morocco ordered 321 ", "en") == 321


def test_a_five_word_designation_opening_with_its_maker() -> None:
    text = article(
        "The Royal Navy to buy three Beechcraft King Air 260 Plus",
        "By Sam Lee | 4 June 2025",
        "The Royal Moroccan Navy is receiving three Beechcraft Super King Air 260NGs for coastal patrol,"
        " according to a defence website.",
    )
    found = {a["system"]: a for a in of_kind(text, "acquisition")}
    assert "Beechcraft Super King Air 260NG" in found
    assert found["Beechcraft Super King Air 260NG"].get("supplier") == "US"
    assert found["Beechcraft Super King Air 260NG"].get("quantity") == 3
    assert partners(text) == {"US"}


def test_the_whole_of_a_delivery_and_a_maker_hung_on_a_time_phrase() -> None:
    text = article(
        "Le Maroc reçoit ses 150 véhicules blindés",
        "Par Lina K. | 3 mars 2024",
        "Le Royaume du Maroc a reçu l'intégralité des 150 véhicules blindés légers, commandés au début de"
        " l'année dernière au constructeur français Arquus.",
    )
    assert partners(text) == {"FR"}
    assert [(a.get("quantity"), a.get("supplier")) for a in of_kind(text, "acquisition")] == [(150, "FR")]


def test_a_count_of_its_new_trainers_and_a_title_case_and() -> None:
    text = article(
        "Royal Moroccan Air Force Deal Covers 18 Trainers And Support",
        "By Sam Lee | 4 June 2025",
        "Textron Aviation said Friday it has won a contract to provide 18 of its new T-6C trainer aircraft"
        " to the Royal Moroccan Air Force.",
    )
    found = _acquisitions(text)
    assert all(system != "And Support" for system, _, _ in found)
    assert ("T-6C", "US", 18) in found


def test_a_clause_opened_by_a_subject_and_have_is_its_own() -> None:
    text = clean("Algeria and Russia\n\nAlgeria will sign a large contract with Russia to supply arms, officials"
                 " have said as Morocco watched the talks.\n")
    ctx = build_context("x.txt", text, dt.date(2025, 6, 1))
    sign = [h for info in ctx.infos for h in info.frames.hits if h.name == "sign"]
    assert sign and all(not a.is_morocco for h in sign for a in h.actors("counterpart"))


def _events(text: str) -> list[tuple[str, list[str]]]:
    return [(e["date"], e["countries"]) for e in of_kind(text, "event")]


def test_a_range_of_days_dates_the_exercise_named_just_before() -> None:
    text = article(
        "Greece and Morocco hold naval drills",
        "By Sam Lee | 24 May 2025",
        "Earlier this month, Greek and Moroccan navies conducted a bilateral exercise, HEL-MOR 25, off the"
        " island of Crete.",
        "Spanning from May 11-16, the naval exercise focused on search and rescue.",
    )
    assert ("2025-05-11", ["GR"]) in _events(text)


def test_a_college_of_higher_military_studies_is_no_comparison() -> None:
    text = article(
        "Le Maroc et le Chili renforcent leur coopération militaire",
        "Par Lina K. | 3 mars 2024",
        "Le Collège Royal de l'enseignement militaire supérieur et l'état-major du Chili ont signé jeudi un"
        " mémorandum d'entente sur la formation des officiers.",
    )
    assert ("2024-02-29", ["CL"]) in _events(text)


def test_relations_between_states_are_diplomacy_unless_their_phrase_says_defence() -> None:
    text = article(
        "Algeria eyes a new arms deal with China",
        "By Sam Lee | 4 June 2025",
        "Algeria is set to buy Chinese arms worth $4 billion, analysts have said, at a time when China's"
        " relations with Morocco were warming and trade between them grew.",
    )
    assert "CN" not in partners(text)
    military = article(
        "Morocco and Brazil deepen ties",
        "By Sam Lee | 4 June 2025",
        "Brazil's military ties with Morocco grew closer this year, the two defence ministries said.",
    )
    assert partners(military) == {"BR"}


def test_trucks_named_by_noun_and_adjective_are_the_equipment_received() -> None:
    text = article(
        "Les FAR reçoivent leurs camions",
        "Par Lina K. | 3 mars 2024",
        "Les Forces Armées Royales ont reçu l'intégralité des 80 camions tactiques, commandés au début de"
        " l'année dernière au constructeur français Arquus.",
    )
    assert [(a.get("quantity"), a.get("supplier")) for a in of_kind(text, "acquisition")] == [(80, "FR")]


def test_a_count_of_units_later_in_the_sentence_counts_its_only_system() -> None:
    text = article(
        "Marrakech air show opens its doors",
        "By Sam Lee | 4 June 2025",
        "The 2025 edition of the show will officially welcome the first Black Hawk (UH-60M) helicopter, as"
        " part of an agreement between Morocco and Sikorsky to produce 12 units for the Kingdom.",
    )
    assert [(a["system"], a.get("quantity")) for a in of_kind(text, "acquisition")] == [("Black Hawk", 12)]
