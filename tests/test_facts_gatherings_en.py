"""A gathering told by its end ('ended a series of meetings', 'a achevé sa visite') and a group named with a
reduced relative before its verb ('a delegation led by X, …, ended'): the group is the subject, and a verb
that ends something lends it only to gatherings — 'ended its cooperation' is no cooperation. Sentences
written for these tests, after the pattern of wire copy on military delegations."""

from __future__ import annotations

from factkit import article, of_kind, partners


def test_a_delegation_led_by_an_officer_ends_its_meetings() -> None:
    text = article(
        "Military talks in Rabat",
        "By Sam Lee | 14 July 2022",
        "A senior Israeli delegation led by Dan Avner, the officer in charge of Iran affairs, ended a series of"
        " meetings in Rabat this week.",
    )
    assert partners(text) == {"IL"}
    assert {f["relation"] for f in of_kind(text, "partner")} == {"meeting"}


def test_a_delegation_headed_by_a_general_winds_up_its_visit() -> None:
    text = article(
        "Defence ties",
        "By Sam Lee | 4 May 2024",
        "A Spanish military delegation headed by General Ana Ruiz wound up its visit to Morocco on 3 May 2024.",
    )
    assert partners(text) == {"ES"}
    events = of_kind(text, "event")
    assert [e["date"] for e in events] == ["2024-05-03"]


def test_a_passive_leader_leaves_the_group_the_subject_of_the_next_verb() -> None:
    text = article(
        "Defence ties",
        "By Sam Lee | 4 May 2024",
        "The delegation from Brazil was led by Admiral Costa and met Moroccan officers in Rabat on 2 May 2024.",
    )
    assert partners(text) == {"BR"}


def test_ending_cooperation_is_no_cooperation() -> None:
    text = article(
        "Regional news",
        "By Sam Lee | 4 May 2024",
        "Algeria ended its military cooperation with Morocco decades ago, the paper recalled.",
    )
    assert partners(text) == set()


def test_une_delegation_conduite_par_un_general_acheve_sa_visite() -> None:
    text = article(
        "Coopération militaire",
        "Par Samir Alaoui | 4 mai 2024",
        "Une délégation militaire portugaise conduite par le général Rui Matos a achevé, vendredi 3 mai 2024, une"
        " visite de travail au Maroc.",
    )
    assert partners(text) == {"PT"}
