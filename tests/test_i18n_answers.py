"""Answers in the reader's language: the same facts, French words, numbers, dates and country names."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from handlers_sample import build

from bot.cli import take_lang
from facts.store import FactStore
from handlers import Handlers
from handlers.text import render

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("i18n") / "facts.sqlite3")


@pytest.fixture
def h(db: Path) -> Handlers:
    return Handlers(FactStore(db), warm=False)


def test_partner_in_french_and_english(h: Handlers) -> None:
    fr = h.partner("Turquie", lang="fr")
    assert fr.title == "🇹🇷 Maroc – Turquie"
    assert fr.summary.startswith("Turquie : partenaire de défense du Maroc dans 1 des")
    assert [s.heading for s in fr.sections][:2] == ["Entreprises citées", "Achats – Turquie"]
    en = h.partner("Turquie", lang="en")
    assert en.title == "🇹🇷 Morocco – Turkey / Turquie" and "defence partner of Morocco" in en.summary
    assert [q for s in fr.sources for q in s.quotes] == [q for s in en.sources for q in s.quotes], \
        "quotes stay in the article's language"
    assert h.partner("Turquie").title == en.title, "English by default, and memoised apart from French"


def test_budget_in_french_uses_french_numbers(h: Handlers) -> None:
    answer = h.budget(2025, lang="fr")
    assert answer.title == "Budget de la défense 2025"
    assert answer.summary == "Budget de la défense du Maroc pour 2025 : 133 milliards de dirhams."
    lines = "\n".join(answer.sections[0].lines)
    assert "+8,3 milliards de dirhams (+6,7 %) par rapport à 2024 (124,7 milliards de dirhams)" in lines
    assert "133 billion MAD" in h.budget(2025).summary


def test_timeline_and_acquisitions_in_french(h: Handlers) -> None:
    timeline = h.timeline(None, lang="fr")
    assert timeline.summary == "2 événements datés, du 24 novembre 2021 au 28 mars 2025."
    assert any(line.startswith("28 mars 2025 · rencontre à New Delhi") for line in timeline.sections[0].lines)
    acquisitions = h.acquisitions("Israël", lang="fr")
    assert acquisitions.title == "Achats" and acquisitions.summary.startswith("2 achats (fournisseur : Israël)")
    assert any("valeur 50 millions de dollars" in line for line in acquisitions.sections[0].lines)
    assert h.timeline("2021", lang="fr").title == "Chronologie en 2021"


def test_errors_and_help_in_french(h: Handlers) -> None:
    assert h.partner("", lang="fr").title == "pays manquant"
    unknown = h.partner("Atlantis", lang="fr")
    assert unknown.title == "Aucun pays de ce nom" and "« Atlantis »" in unknown.summary
    assert h.dispatch("/nonsense", lang="fr").title == "Commande inconnue"
    assert h.budget(1800, lang="fr").title == "Année hors limites"
    assert h.dispatch("/budget demain matin", lang="fr").title == "Année non comprise"
    assert h.search("x", lang="fr").title == "Texte de recherche trop court"
    assert "/partenaire <pays>" in render(h.help(lang="fr"))
    assert h.help("partenaire", lang="fr").title == "Aide : /partner"


def test_plain_questions_say_how_they_were_understood_in_french(h: Handlers) -> None:
    answer = h.ask("Quel est le budget de la défense en 2025 ?", lang="fr")
    assert answer.summary.startswith("Compris comme /budget") and "133 milliards de dirhams" in answer.summary
    assert h.ask("blablabla", lang="fr").title == "Question non comprise"


async def test_command_errors_reach_a_french_user_in_french() -> None:
    from types import SimpleNamespace

    import discord

    from bot.client import AnswerTree, DefenceBot
    from facts.settings import Settings

    sent: list[str] = []

    async def send_message(content: str, ephemeral: bool = False) -> None:
        sent.append(content)

    client = DefenceBot(Settings())
    tree = client.tree
    assert isinstance(tree, AnswerTree)
    interaction = SimpleNamespace(command=None, type=discord.InteractionType.application_command,
                                  locale=discord.Locale.french,
                                  response=SimpleNamespace(is_done=lambda: False, send_message=send_message))
    await tree.on_error(interaction, discord.app_commands.AppCommandError("boom"))  # type: ignore[arg-type]
    assert sent == ["Désolé, une erreur s'est produite pendant la réponse. Elle a été enregistrée ; réessayez."]
    await client.close()


def test_french_console_options(h: Handlers) -> None:
    assert h.dispatch("/achats fabricant:Baykar", lang="fr").summary.startswith("1 achat fabriqué par Baykar")
    assert h.dispatch("/budget année:2025", lang="fr").title == "Budget de la défense 2025"
    assert h.dispatch("/partenaire pays:Inde", lang="fr").title == "🇮🇳 Maroc – Inde"


@pytest.mark.parametrize(("argv", "env", "want"), [
    (["ask", "--lang", "fr", "/budget"], {}, (None, ["ask", "/budget"], "fr")),
    (["--lang=en", "ask", "x"], {"LANG": "fr_FR.UTF-8"}, (None, ["ask", "x"], "en")),
    (["ask", "x"], {"LANG": "fr_FR.UTF-8"}, (None, ["ask", "x"], "fr")),
    (["ask", "x"], {"LANG": "C.UTF-8"}, (None, ["ask", "x"], "en")),
])
def test_take_lang(argv: list[str], env: dict[str, str], want: tuple) -> None:
    assert take_lang(argv, env) == want


def test_take_lang_refuses_an_unknown_language() -> None:
    problem, _, _ = take_lang(["ask", "--lang", "klingon", "x"], {})
    assert problem and "en, fr" in problem


def _run(args: list[str], db: Path, **extra: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("DISCORD_TOKEN", "LANG", "LC_ALL", "LC_MESSAGES")}
    env.update(SEEDS_DIR=str(db.parent / "no-seeds"), FACTS_DB=str(db), PYTHONUTF8="1", DISCORD_TOKEN="", **extra)
    return subprocess.run([sys.executable, "bot.py", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)


def test_bot_py_ask_in_french(db: Path) -> None:
    res = _run(["ask", "--lang", "fr", "/budget 2025"], db)
    assert res.returncode == 0, res.stderr
    assert "Budget de la défense du Maroc pour 2025 : 133 milliards de dirhams." in res.stdout
    assert "124,7 milliards de dirhams" in res.stdout and "billion" not in res.stdout
    by_env = _run(["ask", "/budget 2025"], db, LANG="fr_FR.UTF-8")
    assert by_env.stdout == res.stdout, "LANG=fr_FR.UTF-8 asks for French too"
    english = _run(["ask", "/budget 2025"], db, LANG="en_US.UTF-8")
    assert "133 billion MAD" in english.stdout
    bad = _run(["ask", "--lang", "xx", "/budget"], db)
    assert bad.returncode == 2 and "--lang takes one of en, fr" in bad.stderr


async def test_page_buttons_and_the_strangers_note_in_french() -> None:
    from types import SimpleNamespace

    import discord

    from bot.paginator import Paginator

    view = Paginator([discord.Embed(title="1"), discord.Embed(title="2")], author_id=1, lang="fr")
    assert (view.previous_page.label, view.next_page.label) == ("◀ Précédent", "Suivant ▶")
    assert Paginator([discord.Embed(title="1")], author_id=1).next_page.label == "Next ▶"
    sent: list[str] = []

    async def send_message(text: str, ephemeral: bool = False) -> None:
        sent.append(text)

    stranger = SimpleNamespace(user=SimpleNamespace(id=2), locale=discord.Locale.french,
                               response=SimpleNamespace(send_message=send_message))
    assert not await view.interaction_check(stranger)  # type: ignore[arg-type]
    assert sent == ["Seule la personne qui a posé la question peut tourner ces pages ; lancez la commande "
                    "vous-même pour naviguer."]
    view.stop()


def test_source_dates_in_french(h: Handlers) -> None:
    from handlers.i18n import using

    answer = h.partner("Israël", lang="fr")
    with using("fr"):  # a source's label is written when the answer is shown
        assert any(s.label().endswith("(20 septembre 2022, bladi.net)") for s in answer.sources)
    assert any("(2022-09-20, bladi.net)" in s.label() for s in h.partner("Israël", lang="en").sources)


def test_console_in_french(db: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISCORD_TOKEN", "LANG", "LC_ALL", "LC_MESSAGES")}
    env.update(SEEDS_DIR=str(db.parent / "no-seeds"), FACTS_DB=str(db), PYTHONUTF8="1", DISCORD_TOKEN="")
    res = subprocess.run([sys.executable, "bot.py", "console", "--no-digest", "--lang", "fr"], cwd=ROOT, env=env,
                         input="/chronologie Inde\n/achats fabricant:Baykar\nexit\n", capture_output=True, text=True,
                         timeout=120)
    assert res.returncode == 0, res.stderr
    assert "Tapez /aide pour les commandes" in res.stdout
    assert "28 mars 2025 · rencontre à New Delhi" in res.stdout and "Bayraktar TB2 (drone)" in res.stdout
