"""The benchmark corpus generator and runner: deterministic, realistic, complete output (no timings)."""

from __future__ import annotations

import json
import re
import statistics
import sys
from pathlib import Path

import pytest
from text_to_num import text2num

from benchmarks import corpus, run  # importable through pytest's pythonpath = ["."]
from facts.lexicon import country_name

ROOT = Path(__file__).resolve().parent.parent
from benchmarks.french import country, number_words  # noqa: E402


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    folder = tmp_path_factory.mktemp("corpus")
    paths = corpus.write_corpus(200, folder, seed=7)
    return [_decode(p.read_bytes()) for p in paths]


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252")


def test_same_seed_same_bytes_and_prefix_stable(tmp_path: Path) -> None:
    a = corpus.write_corpus(8, tmp_path / "a", seed=3)
    b = corpus.write_corpus(5, tmp_path / "b", seed=3)
    c = corpus.write_corpus(5, tmp_path / "c", seed=4)
    assert [p.name for p in a[:5]] == [p.name for p in b]
    assert [p.read_bytes() for p in a[:5]] == [p.read_bytes() for p in b]
    assert [p.read_bytes() for p in b] != [p.read_bytes() for p in c]


def test_writes_n_files_of_seed_like_size(tmp_path: Path) -> None:
    paths = corpus.write_corpus(60, tmp_path, seed=1)
    files = list(tmp_path.iterdir())
    assert len(paths) == len(files) == 60
    sizes = [p.stat().st_size for p in files]
    assert min(sizes) >= 1500 and max(sizes) <= 9500
    assert 2500 <= statistics.median(sizes) <= 7000


def test_number_words_read_back_by_text2num() -> None:
    wrong = [n for n in range(1, 1000) if text2num(number_words(n), "fr") != n]
    wrong += [n for n in range(1, 1000) if text2num(number_words(n, feminine=True), "fr") != n]
    assert wrong == []


def test_number_words_spelling() -> None:
    assert number_words(36) == "trente-six"
    assert number_words(21, feminine=True) == "vingt et une"
    assert number_words(80) == "quatre-vingts" and number_words(200) == "deux cents"
    with pytest.raises(ValueError, match="1..999"):
        number_words(0)


def test_country_article_forms() -> None:
    assert country("US").with_ == "avec les États-Unis"
    assert country("IL").of == "d'Israël"
    assert country("BR").to == "au Brésil"
    assert country("ES").the == "l'Espagne"


def test_variety_of_partners_quantities_budgets_and_dates(sample: list[str]) -> None:
    text = "\n".join(sample)
    named = {c for c in ("US", "TR", "IL", "FR", "ES", "GB", "CN", "IN", "KR", "DE", "IT", "BR")
             if country_name(c, "fr") in text}
    assert len(named) >= 8
    words = r"(?:deux|trois|quatre|cinq|six|huit|douze|treize|seize|trente-six|cent cinquante)"
    nouns = r" (?:drones|hélicoptères|avions|frégates|missiles|chars|batteries)"
    assert len(re.findall(words + nouns, text)) >= 10
    assert re.search(r"\b\d{2,3} (?:drones|hélicoptères|avions|missiles|chars|véhicules)", text)
    assert re.search(r"\d+,\d milliards de dirhams", text) and re.search(r"PLF 20\d\d", text)
    assert re.search(r"\d+ millions (?:de dollars|d'euros)", text)
    assert re.search(r"^\d{1,2} \w+ 20\d\d - \d\dh\d\d - Maroc - Ecrit par : ", text, re.M)
    assert re.search(r"^Publié le \d\d/\d\d/20\d\d", text, re.M)
    assert re.search(r"\bdu \d{1,2} au \d{1,2} \w+", text) and re.search(r"\w+ dernier\b", text)
    assert re.search(r"\b(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) \d{1,2} \w+", text)
    assert "Algérie" in text


def test_site_furniture_and_teasers(sample: list[str]) -> None:
    count = {mark: sum(mark in t for t in sample) for mark in (
        "Bladi.net Google News Suivez bladi.net sur Google News", "Laisser un commentaire",
        "Source de l’article :", "Sujets associés :", "Aller plus loin",
        "Ces articles devraient vous intéresser :")}
    assert all(n >= 10 for n in count.values()), count
    assert any("\n" not in t.strip().split("\n", 1)[1] for t in sample)  # one-paragraph articles too


def test_not_one_template_repeated(sample: list[str]) -> None:
    sentences = [s for t in sample for s in re.split(r"(?<=[.!?])\s+", t) if len(s) > 40]
    assert len(set(sentences)) / len(sentences) > 0.6
    leads = {t.split("\n")[2][:30] for t in sample if t.count("\n") > 3}
    assert len(leads) > 40


def test_no_seed_sentence_copied(sample: list[str]) -> None:
    text = "\n".join(sample)
    for seed in (ROOT / "seeds").glob("*.txt"):
        for sentence in re.split(r"(?<=[.!?])\s+", seed.read_text(encoding="utf-8")):
            if len(sentence) > 60 and "Bladi.net" not in sentence:
                assert sentence not in text


def test_cli_writes_files_and_rejects_bad_count(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert corpus.main(["4", str(tmp_path / "out"), "--seed", "2"]) == 0
    assert len(list((tmp_path / "out").iterdir())) == 4
    assert "wrote 4 articles" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exc:
        corpus.main(["-3", str(tmp_path / "bad")])
    assert exc.value.code == 2
    assert "count must be >= 0" in capsys.readouterr().err


def test_child_peak_rss_is_measured() -> None:
    code = "b = bytearray(80 * 1024 * 1024); b[::4096] = b'x' * len(b[::4096]); print('ok')"
    child = run.run_child([sys.executable, "-c", code], timeout=60)
    assert child["rc"] == 0 and child["stdout"].strip() == "ok"
    assert child["rss_mb"] >= 80


def test_run_on_five_articles_writes_every_required_key(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    (tmp_path / "bench.json").write_text(json.dumps({"7": {"size": 7}}))
    code = run.main(["--sizes", "5", "--workdir", str(tmp_path / "w"), "--out", str(out), "--queries", "5",
                     "--handler-budget", "0.5", "--skip-spacy"])
    assert code == 0
    data = json.loads(out.read_text())
    assert set(data) == {"5", "7"}  # merged, keyed by size
    row = data["5"]
    assert set(run.REQUIRED) <= set(row)
    assert len(list((tmp_path / "w" / "5" / "articles").glob("*.txt"))) == 5  # new articles cleaned up
    if not any("compile not available" in n for n in row["notes"]):
        assert row["compile_s"] > 0 and row["docs_per_s"] > 0 and row["peak_rss_mb"] > 10
        assert row["floor_ratio"] > 0
        assert row["partner_p99_ms"] >= row["partner_p50_ms"] > 0
