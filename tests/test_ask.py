"""Plain questions (/ask, console lines without a slash): routed to the right command with the
right options, answered, and the answer says how it was understood."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from facts.store import FactStore
from handlers import Handlers
from handlers.ask import understand
from handlers.text import render

TODAY = dt.date(2025, 6, 1)


def text(answer) -> str:
    return " ".join(render(answer).split())


@pytest.fixture(scope="module")
def seeds(compiled_seeds: tuple[Path, Path]) -> Handlers:
    return Handlers(FactStore(compiled_seeds[1]))


@pytest.mark.parametrize(("question", "line"), [
    ("what did Morocco buy from Israel?", "/acquisitions supplier:Israel"),
    ("Quel est le budget de la défense en 2025 ?", "/budget year:2025"),
    ("Turquie", "/partner country:Turkey"),
    ("Turky", "/partner country:Turkey"),  # a typo, when the whole line is one name
    ("quand le Maroc a-t-il rencontré l'Inde ?", "/timeline partner:India"),
    ("budget de l'année prochaine", "/budget year:2026"),
    ("dépenses militaires cette année", "/budget year:2025"),
    ("what happened from 2019 to 2021", "/timeline 2019-2021"),
    ("drones turcs", "/acquisitions supplier:Turkey category:drone"),
    ("Quels accords avec les États-Unis ?", "/partner country:United States"),
    ("which articles do you use?", "/sources"),
])
def test_questions_are_understood(question: str, line: str) -> None:
    assert understand(question, TODAY).line() == line


@pytest.mark.parametrize("question", ["hello there", "in the morning", "Morocco"])
def test_no_intent_and_no_entity_is_not_guessed(seeds: Handlers, question: str) -> None:
    assert understand(question, TODAY).command is None
    answer = seeds.ask(question)
    assert answer.kind == "error" and answer.title == "Question not understood"
    assert "what did Morocco buy from Israel?" in answer.summary


def test_the_six_plain_questions_are_answered_on_the_seeds(seeds: Handlers) -> None:
    israel = text(seeds.dispatch("what did Morocco buy from Israel?"))
    assert israel.startswith("Acquisitions") and "Understood as /acquisitions supplier:Israel." in israel
    assert "Heron" in israel and "Bayraktar" not in israel
    budget = text(seeds.dispatch("Quel est le budget de la défense en 2025 ?"))
    assert "Understood as /budget year:2025." in budget and "133 billion MAD" in budget
    for line in ("partner Turkey", "Turquie"):
        turkey = text(seeds.dispatch(line))
        assert "Understood as /partner" in turkey and "Bayraktar TB2" in turkey
    timeline = seeds.dispatch("/timeline 2021")
    assert timeline.kind == "ok" and timeline.title == "Timeline in 2021"
    assert all("2021-" in line[:12] for line in timeline.sections[0].lines)
    assert seeds.dispatch("/timeline 2019-2022").title == "Timeline from 2019 to 2022"
    next_year = seeds.dispatch("/budget next year")
    assert next_year.title == f"Defence budget {dt.date.today().year + 1}"
    assert seeds.dispatch("/budget soon").kind == "error"  # still refused: not a year


def test_ask_checks_its_input(seeds: Handlers) -> None:
    assert seeds.ask("").kind == "error"
    assert seeds.ask("x" * 500).title == "Question too long"
    assert "Understood as /ask" not in text(seeds.dispatch("/ask question:Turquie"))
    assert "Understood as /partner country:Turkey." in text(seeds.dispatch("/ask question:Turquie"))


@pytest.mark.parametrize(("question", "line"), [
    ("what did Morocco buy from Lockheed Martin?", "/acquisitions maker:Lockheed Martin"),
    ("qu'a acheté le Maroc à Baykar ?", "/acquisitions maker:Baykar"),
    ("Baykar", "/acquisitions maker:Baykar"),  # a bare manufacturer: what it sold
    ("drones from Israel Aerospace Industries", "/acquisitions maker:Israel Aerospace Industries category:drone"),
    ("what did Morocco buy from IAI?", "/acquisitions maker:Israel Aerospace Industries"),  # an alias, in capitals
    ("when did Morocco buy from Baykar?", "/timeline partner:Baykar"),
    ("budget 2025 Lockheed Martin", "/budget year:2025"),  # a budget question stays one
    ("what did Morocco buy from the iai?", "/acquisitions"),  # three letters in lower case: not a name
])
def test_manufacturers_route_to_acquisitions_by_maker(question: str, line: str) -> None:
    assert understand(question, TODAY).line() == line


def test_every_manufacturer_of_the_word_list_is_recognised() -> None:
    """The names come from facts/data/manufacturers.json, not from code: each one routes."""
    from facts.lexicon import manufacturers

    for entry in manufacturers():
        reading = understand(f"what did Morocco buy from {entry['name']}?", TODAY)
        assert reading.command == "acquisitions" and reading.options["maker"] == entry["name"], entry


@pytest.mark.parametrize("question", ["what did Morocco buy from Lockheed Martin?", "qu'a acheté le Maroc à Baykar ?"])
def test_maker_questions_are_answered_and_say_how(seeds: Handlers, question: str) -> None:
    answer = seeds.ask(question)
    said = text(answer)
    assert answer.kind == "ok", said
    maker = "Lockheed Martin" if "Lockheed" in question else "Baykar"
    assert f"Understood as /acquisitions maker:{maker}." in said
    if maker == "Baykar":
        assert "Bayraktar TB2" in said
