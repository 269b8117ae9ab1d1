"""Names that are not countries, and help: manufacturers stand for their country and filter
/acquisitions (maker:), organisations and movements are said to be such (never a near country),
/help lists every command of the tree (the digest's too) and /help <command> explains one."""

from __future__ import annotations

from pathlib import Path

import pytest
from handlers_sample import build

from bot.client import DefenceBot
from bot.cogs.articles import ArticlesCog
from bot.cogs.digest import DigestCog
from bot.cogs.facts import FactCommands
from bot.cogs.feeds import FeedsCog
from facts.settings import Settings
from facts.store import FactStore
from handlers import Handlers
from handlers.library import COMMAND_HELP
from handlers.text import render


def text(answer) -> str:
    return " ".join(render(answer).split())


@pytest.fixture(scope="module")
def seeds(compiled_seeds: tuple[Path, Path]) -> Handlers:
    return Handlers(FactStore(compiled_seeds[1]))


@pytest.mark.parametrize("name", ["Lockheed Martin", "lockheed martin", "Lockhead Martin"])
def test_a_manufacturer_stands_for_its_country(seeds: Handlers, name: str) -> None:
    answer = seeds.partner(name)
    assert answer.kind == "ok" and "United States" in answer.title and "Saint" not in text(answer)
    assert answer.summary.startswith("Lockheed Martin is a company of United States")
    assert "F-16 VIPER" in text(answer)


def test_acquisitions_by_maker(seeds: Handlers) -> None:
    lockheed = seeds.dispatch("/acquisitions maker:Lockheed Martin")
    assert [line.split(" (")[0] for line in lockheed.sections[0].lines] == ["F-16 VIPER"]
    iai = seeds.acquisitions(maker="IAI")
    names = {line.split(" (")[0] for line in iai.sections[0].lines}
    assert names == {"Heron", "Barak MX", "Harop"}  # every IAI system, no other maker's
    drones = seeds.acquisitions(category="drone", maker="Israel Aerospace Industries")
    assert {line.split(" (")[0] for line in drones.sections[0].lines} == {"Heron", "Harop"}
    assert seeds.acquisitions(maker="Nobody Corp").title == "Unknown maker"
    assert seeds.acquisitions(supplier="Lockheed Martin").summary.startswith("1 acquisition from United States")


@pytest.mark.parametrize("name", ["Polisario", "Front Polisario", "OTAN"])
def test_an_organisation_is_said_to_be_one(seeds: Handlers, name: str) -> None:
    for answer in (seeds.partner(name), seeds.timeline(name), seeds.acquisitions(supplier=name)):
        assert answer.kind == "not_found" and "organisation or movement, not a state" in answer.summary
        assert "Poland" not in text(answer) and "Pologne" not in text(answer)


async def test_help_lists_every_command_of_the_tree(tmp_path: Path) -> None:
    db = build(tmp_path / "facts.sqlite3")
    client = DefenceBot(Settings(facts_db=db))
    try:
        await client.add_cog(FactCommands(client, db))
        await client.add_cog(DigestCog(client, client.settings))
        await client.add_cog(ArticlesCog(client, client.settings))
        await client.add_cog(FeedsCog(client, client.settings))
        tree = {c.name for c in client.tree.get_commands()}
    finally:
        await client.close()
    assert "digest" in tree and tree == set(COMMAND_HELP)
    listed = text(Handlers(FactStore(db)).help())
    for name in tree:
        assert f"/{name} " in listed, name


@pytest.mark.parametrize("asked", ["partner", "/partner", "partenr"])
def test_help_on_one_command_shows_options_and_examples(seeds: Handlers, asked: str) -> None:
    answer = seeds.dispatch(f"/help {asked}")
    assert answer.title == "Help: /partner"
    assert [s.heading for s in answer.sections] == ["Options", "Examples"]
    assert "/partner Turkey" in answer.sections[1].lines
    assert seeds.help("zzz").kind == "error"
    assert "/help <command>" in text(seeds.help()) and seeds.help().title == "Help"
