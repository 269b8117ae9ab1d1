"""``benchmarks.replicate``: a larger base filled from a compiled smaller one must be one the
compiler sees as up to date and whose kept counts match its rows (the 100 000 figures rest on it)."""

from __future__ import annotations

from pathlib import Path

from benchmarks import corpus
from benchmarks.replicate import replicate
from facts.compiler import compile_folder
from facts.store import FactStore

KINDS = ("partner", "acquisition", "prospect", "budget", "event")


def test_a_replicated_base_is_up_to_date_and_its_tallies_match_its_rows(tmp_path: Path) -> None:
    small, big = tmp_path / "small", tmp_path / "big"
    corpus.write_corpus(4, small, seed=3)
    corpus.write_corpus(12, big, seed=3)  # its first 4 articles are the small corpus
    compile_folder(small, tmp_path / "small.sqlite3")
    replicate(tmp_path / "small.sqlite3", big, tmp_path / "big.sqlite3", 4)
    report = compile_folder(big, tmp_path / "big.sqlite3")
    assert report.unchanged == 12 and not (report.added or report.updated or report.removed)
    one, three = FactStore(tmp_path / "small.sqlite3"), FactStore(tmp_path / "big.sqlite3")
    try:
        assert three.document_counts()[0] == 3 * one.document_counts()[0]
        for kind in KINDS:
            assert len(three.facts(kind)) == 3 * len(one.facts(kind))
            assert three.kind_counts().get(kind, 0) == len(three.facts(kind))  # the triggers kept up
        assert {r["doc"] for r in three.facts()} <= {p.name for p in big.iterdir()}
        assert three.partner_counts() == {c: 3 * n for c, n in one.partner_counts().items()}
    finally:
        one.close()
        three.close()
