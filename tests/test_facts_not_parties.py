"""Countries a sentence names that take no part: the subject an official deals with ('in charge of Iran
affairs'), the other side's suppliers set against Morocco's ('while …'), and a maker's division whose
name runs into another maker's ('Lockheed Martin Aeronautics'); and a joint training 'between' two armies
pairs them. Sentences written for these tests, after the pattern of wire copy on military delegations,
arms-transfer reports and delivery news."""

from __future__ import annotations

from factkit import article, partners


def test_an_office_in_charge_of_a_country_is_no_party() -> None:
    text = article(
        "Senior Israeli military delegation ends its visit to Morocco",
        "By Sam Lee | 14 July 2022",
        "A senior Israeli military delegation led by Dan Avner, the official in charge of Iran affairs, wrapped up"
        " a series of meetings in Morocco this week.",
    )
    assert partners(text) == {"IL"}


def test_the_rivals_suppliers_set_against_moroccos_are_no_partners() -> None:
    text = article(
        "Morocco and Algeria among the largest arms importers",
        "By Sam Lee | 12 March 2019",
        "According to the institute, Algeria's chief arms suppliers were China (13 per cent) and Germany (10 per"
        " cent) while the USA (62 per cent) and France (36 per cent) were the main suppliers of arms to Morocco.",
    )
    assert partners(text) == {"US", "FR"}


def test_a_makers_division_is_one_company() -> None:
    text = article(
        "Morocco receives its last F-16s",
        "By Sam Lee | 9 August 2012",
        "Morocco received the final three of 24 F-16 fighter aircraft from the American manufacturer Lockheed"
        " Martin Aeronautics.",
    )
    assert partners(text) == {"US"}


def test_a_joint_training_between_two_armies_pairs_them() -> None:
    text = article(
        "Moroccan and French troops train together",
        "By Sam Lee | 3 March 2022",
        "Analysts noted Algeria's plan to train its armies near the border.",
        "The joint military training between the Royal Armed Forces and the French Army in the east of Morocco is"
        " the first of its kind.",
    )
    assert partners(text) == {"FR"}
