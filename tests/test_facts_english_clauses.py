"""English clauses as wire copy writes them: a time phrase between subject and verb, a quoted
exercise name before its noun, and the setting of a sentence ("amid tensions with Algeria"), whose
parties belong to the tensions, never to the exercise. Sentences written for these tests, after
the patterns of wire reports on the African Lion drills.
"""

from __future__ import annotations

from factkit import article, partners

TITLE = "Joint drills open in southern Morocco"


def test_the_setting_of_an_exercise_gives_its_parties_to_the_tensions() -> None:
    text = article("Morocco, US launch annual drills amid tensions with Algeria",
                   "The United States and Morocco on Monday launched their annual military exercise, amid"
                   " heightened tensions between the kingdom and neighbouring Algeria.",
                   "The exercise gathers some 8,000 troops in the regions of Agadir and Tan-Tan.")
    assert partners(text) == {"US"}


def test_a_time_phrase_between_subject_and_verb_keeps_the_subject() -> None:
    text = article(TITLE, "Morocco and Spain on Tuesday, March 4 began a naval exercise off the coast of Tangier.")
    assert partners(text) == {"ES"}


def test_a_quoted_name_before_exercise_keeps_it_a_noun() -> None:
    text = article(TITLE, "Morocco and the United States opened the “Atlas Shield” exercise on Monday"
                          " near Ben Guerir.")
    assert partners(text) == {"US"}


def test_an_adjective_right_before_drills_keeps_it_a_noun() -> None:
    text = article(TITLE, "Morocco and Spain began joint naval drills on Tuesday off the coast of Tangier.")
    assert partners(text) == {"ES"}
