"""Saved web pages are articles: reduced to title, date, site, body and teasers, then compiled like text.

The pages in tests/fixtures/html_pages/ are written for this test (our own words): each has the same
article as its .txt twin, wrapped in what real pages carry around it — menus, share bars, a byline,
scripts, a related-articles block, comments, a footer — and one is a home page with no article."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from facts.compiler import CompileReport, compile_folder
from facts.html import extract_page, is_html
from facts.load import decode, load
from facts.store import FactStore

PAGES = Path(__file__).parent / "fixtures" / "html_pages"


def _folder(tmp: Path, name: str, pattern: str) -> Path:
    folder = tmp / name
    folder.mkdir()
    for path in sorted(PAGES.glob(pattern)):
        shutil.copy(path, folder / path.name)
    return folder


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[CompileReport, Path]]:
    tmp = tmp_path_factory.mktemp("html")
    out = {}
    for name, pattern in (("text", "*.txt"), ("html", "*.htm*")):
        folder = _folder(tmp, name, pattern)
        db = tmp / f"{name}.sqlite3"
        out[name] = (compile_folder(folder, db), db)
    return out


def _facts(db: Path) -> list[str]:
    """Every fact with the file it came from named by its stem (drones.txt and drones.html are one article)."""
    store = FactStore(db)
    try:
        rows = []
        for fact in store.facts():
            fact = dict(fact, doc=Path(fact["doc"]).stem)
            fact.pop("sha256", None)  # the file's bytes differ by construction
            rows.append(json.dumps(fact, sort_keys=True, ensure_ascii=False))
        return sorted(rows)
    finally:
        store.close()


def test_html_pages_compile_to_the_same_facts_as_the_text_articles(compiled):
    text_facts, html_facts = _facts(compiled["text"][1]), _facts(compiled["html"][1])
    kinds = {json.loads(f)["kind"] for f in text_facts}
    assert {"acquisition", "partner", "budget", "document"} <= kinds  # the articles do say something
    assert html_facts == text_facts


def test_a_page_keeps_title_date_site_and_drops_its_surroundings(compiled):
    store = FactStore(compiled["html"][1])
    try:
        docs = {d.name: d for d in store.documents()}
        assert (docs["drones.html"].title, docs["drones.html"].published, docs["drones.html"].source) == (
            "Les FAR reçoivent leurs premiers drones turcs", "2024-06-05", "atlasdefense.ma")
        assert (docs["navy.htm"].published, docs["navy.htm"].source) == ("2025-03-14", "straitmonitor.com")
        for gone in ("Algérie", "Partager", "Tous droits", "newsletter", "Accueil", "Injected"):
            assert store.search_sentences(gone) == [], gone  # comments, share bar, footer, menu, script
        teasers = [f for f in store.facts(doc="drones.html") if f.get("section") == "teaser"]
        assert teasers and all("Navantia" in f["quote"] for f in teasers)  # the related block, as teasers
    finally:
        store.close()


def test_a_page_without_article_text_is_reported_not_compiled(compiled):
    report, db = compiled["html"]
    assert ("empty.html", "web page with no article text") in report.skipped
    store = FactStore(db)
    try:
        assert "empty.html" not in {d.name for d in store.documents()}
        assert store.facts(doc="empty.html") == []
    finally:
        store.close()


def test_a_page_is_decoded_in_its_declared_charset_and_recognised_by_its_first_bytes(tmp_path):
    page = ('<html><head><meta charset="windows-1256"><title>t</title></head><body><p>'
            'مناورات مشتركة بين المغرب وإسبانيا في عرض البحر قرب طنجة هذا الأسبوع حسب وزارة الدفاع'
            '</p></body></html>').encode("cp1256")
    text, encoding, reason = decode(page, html=True)
    assert reason is None and encoding == "cp1256" and "المغرب" in (text or "")
    saved = tmp_path / "article.txt"  # a page saved under any name is still a page
    saved.write_bytes(b"\n<!DOCTYPE html>\n" + page)
    loaded = load(saved)
    assert loaded.html and loaded.text and "المغرب" in loaded.text
    assert not is_html("notes.txt", b"Le Maroc <b>et</b> l'Espagne")


def test_a_page_with_only_a_menu_and_a_title_has_no_article():
    assert extract_page("<html><head><title>Accueil</title></head><body><nav><a href='/'>Accueil</a>"
                        "<a href='/a'>Armée</a></nav></body></html>") is None
    assert extract_page("") is None
