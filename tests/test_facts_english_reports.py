"""English pages as they reach us: sentences glued where a page lost its spaces, a union of states, a
comma right after the verb, a minister 'for' a service, a recurring exercise named with its year once,
'both ministers' as the two sides, and a future told in a report ('revealed that they would acquire').
Sentences written for these tests, after the pattern of government press releases, wire copy and
defence blogs."""

from __future__ import annotations

from factkit import article, of_kind, partners

from facts.clean import split_sentences


def _events(text: str) -> list[tuple[str, list[str]]]:
    return sorted((e["date"], e["countries"]) for e in of_kind(text, "event"))


def test_sentences_glued_by_a_lost_space_are_split() -> None:
    assert split_sentences('It was signed on 27 February 2024.According to the ministry, it is fine.'
                           '"The kingdom is a partner," it said.') == [
        "It was signed on 27 February 2024.", "According to the ministry, it is fine.",
        '"The kingdom is a partner," it said.']
    assert split_sentences("Visit example.com today. The U.S.Army met.") == ["Visit example.com today.",
                                                                           "The U.S.Army met."]


def test_a_union_of_states_is_no_partner() -> None:
    text = article(
        "Romania ratifies a defence accord with Morocco",
        "By Sam Lee | 2 March 2024",
        "The agreement between Romania and Morocco on military cooperation was signed in Rabat on February 27,"
        " 2024.The Kingdom of Morocco is a solid partner of the European Union in defence matters, the release said.",
    )
    assert partners(text) == {"RO"}


def test_a_comma_after_the_verb_keeps_the_guest_as_object() -> None:
    text = article(
        "Moroccan general in Washington",
        "By Sam Lee | 8 November 2022",
        "Furthermore, the Inspector General of the Royal Armed Forces had received, on October 17, in Rabat, the"
        " commander of the US Africa Command, General Michael Langley.",
    )
    assert ("2022-10-17", ["US"]) in _events(text)


def test_a_minister_for_a_service_is_one_title() -> None:
    text = article(
        "Bourita receives a British minister",
        "By Sam Lee | 5 November 2020",
        "The Minister of Foreign Affairs, Mr. Nasser Bourita, received today November 5th, the Minister for the"
        " British Armed Forces, Mr. James Heappey.",
    )
    assert _events(text) == [("2020-11-05", ["GB"])]


def test_a_recurring_exercise_named_with_its_year_dates_a_later_day() -> None:
    text = "\n".join([
        "US and Morocco begin Flintlock exercise",
        "",
        "The US and Morocco have started Flintlock 2017, an annual regional exercise, in Morocco.",
        "The exercise started on 27 February and runs to 16 March across seven host nations, including Burkina"
        " Faso, Chad, Cameroon, Niger, Mauritania, Morocco and Tunisia.",
    ])
    assert ("2017-02-27", ["US"]) in _events(text)


def test_both_ministers_are_the_two_sides_named_before() -> None:
    text = article(
        "India, Morocco sign defence memorandum",
        "By Sam Lee | 22 September 2025",
        "Defence Minister Rajnath Singh and Morocco's Defence Minister Abdeltif Loudiyi held a meeting in Rabat on"
        " September 22, 2025, where both ministers signed a memorandum on defence cooperation.",
    )
    assert ("2025-09-22", ["IN"]) in _events(text)


def test_a_future_told_in_a_report_is_an_order_and_a_condition_is_not() -> None:
    told = article("Morocco and its drones", "By Sam Lee | 16 April 2025",
                   "The Royal Armed Forces revealed via Facebook that they would acquire Akinci drones from Turkey"
                   " during 2025.")
    assert [(a["system"], a["status"]) for a in of_kind(told, "acquisition")] == [("Akinci", "ordered")]
    wished = article("Morocco and its drones", "By Sam Lee | 16 April 2025",
                     "Officials said that Morocco would buy Akinci drones from Turkey if the price fell.")
    assert of_kind(wished, "acquisition") == []


def test_shares_in_brackets_inside_a_subject_and_whose_arms() -> None:
    text = article(
        "Morocco's arms imports",
        "By Sam Lee | 12 March 2019",
        "The USA (60 per cent) and France (30 per cent) supplied most of Morocco's arms, the institute said.",
    )
    assert partners(text) == {"US", "FR"}


def test_a_day_then_a_comma_then_the_guest() -> None:
    text = article(
        "Bourita receives a British minister",
        "By Sam Lee | 5 June 2024",
        "The Minister of Foreign Affairs, Mr. Nasser Bourita, received on June 4, the Minister for the British"
        " Armed Forces.",
    )
    assert _events(text) == [("2024-06-04", ["GB"])]
