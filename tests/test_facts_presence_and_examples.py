"""Who takes part, told by a list or a ranking: 'Morocco, of which the USA remains the leading supplier,
ahead of France', 'avec de nombreux pays africains comme la Côte d'Ivoire, le Niger ou encore le Mali',
a ceremony 'en présence de' the companies of a joint venture, a navy's ship named by its prefix
('USNS …'). Sentences written for these tests, after the pattern of defence pages."""

from __future__ import annotations

from factkit import article, of_kind, partners


def test_of_which_the_leading_supplier_ranks_the_states_that_sell() -> None:
    text = article(
        "Arms imports",
        "By Sam Lee | 4 May 2024",
        "Morocco, of which the USA remains the leading supplier (70%), ahead of France (20%) and China (6%),"
        " ranks 30th among importers, compared to 1.2% for the period 2014-2018.",
    )
    assert partners(text) == {"US", "FR", "CN"}


def test_dont_le_premier_fournisseur_devant_la_france() -> None:
    text = article(
        "Importations d'armes",
        "Par Sam Lee | 4 mai 2024",
        "Le Maroc, dont les États-Unis restent le premier fournisseur (70 %), devant la France (20 %), se classe"
        " 30e parmi les importateurs.",
    )
    assert partners(text) == {"US", "FR"}


def test_examples_listed_after_comme_are_all_partners() -> None:
    text = article(
        "Formation militaire",
        "Par Sam Lee | 4 mai 2024",
        "Les services d'Abdellatif Loudiyi sont à pied d'œuvre pour renforcer la coopération militaire avec de"
        " nombreux pays africains comme la Côte d'Ivoire, le Niger ou encore le Tchad.",
    )
    assert partners(text) == {"CI", "NE", "TD"}


def test_a_first_stone_laid_in_the_presence_of_foreign_companies() -> None:
    text = article(
        "Maintenance aéronautique",
        "Par Sam Lee | 4 mai 2024",
        "Le 12 mars 2024, la première pierre a été posée à Benslimane, en présence de responsables marocains, de"
        " représentants de Sabena Engineering et de hauts responsables des Forces Royales Air.",
    )
    assert partners(text) == {"BE"}
    assert [(e["date"], e["countries"]) for e in of_kind(text, "event")] == [("2024-03-12", ["BE"])]


def test_a_ship_named_by_its_navys_prefix_stands_for_that_state() -> None:
    text = article(
        "Port call",
        "By Sam Lee | 4 May 2024",
        "The Military Sealift Command fast transport USNS Carson City (T-EPF 7) arrived in Tangier, Morocco, for a port"
        " visit on March 19, 2024.",
    )
    assert [(e["date"], e["countries"]) for e in of_kind(text, "event")] == [("2024-03-19", ["US"])]
