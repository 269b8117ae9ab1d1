"""The README's benchmark table: sizes side by side with growth factors, generated from
var/bench.json; a missing figure or file gives a clear message, never a crash."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks import run, table

ROWS = {
    "1000": {"size": 1000, "incremental_s": 0.4, "partner_p99_ms": 2.0, "startup_s": 2.0, "rss_mb": 60.0,
             "measured_at": "2026-12-02T08:00:00Z", "cpus": 2, "python": "3.11.7"},
    "10000": {"size": 10000, "incremental_s": 0.5, "partner_p99_ms": 3.0, "startup_s": 2.2, "rss_mb": 66.0,
              "compile_s": 480.0, "measured_at": "2026-12-02T08:30:00Z", "cpus": 2, "python": "3.11.7"},
}


def test_sizes_side_by_side_with_the_growth_between_them() -> None:
    text = table.markdown(ROWS)
    header = text.splitlines()[0]
    assert header.index("N = 1 000") < header.index("1 000→10 000") < header.index("N = 10 000")
    line = next(row for row in text.splitlines() if row.startswith("| one new article → stored facts"))
    assert line.split(" | ")[1:] == ["0.40", "×1.25", "0.50 |"]
    compile_line = next(row for row in text.splitlines() if row.startswith("| cold compile"))
    assert "n/a | n/a | 480" in compile_line  # measured at one size only: no factor
    assert not any(row.startswith("| `/search` p99") for row in text.splitlines())  # never measured: left out


def test_sizes_sort_by_number_not_text() -> None:
    rows = {"10000": ROWS["10000"], "10": {"size": 10, "incremental_s": 0.2}, "1000": ROWS["1000"]}
    header = table.markdown(rows).splitlines()[0]
    assert header.index("N = 10 |") < header.index("N = 1 000") < header.index("N = 10 000")


def test_readme_part_between_the_markers_is_replaced_and_the_rest_kept(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(f"# Title\n\n{table.START}\nold\n{table.END}\n\nAfter.\n", encoding="utf-8")
    assert table.update_readme(readme, "NEW TABLE")
    assert readme.read_text(encoding="utf-8") == f"# Title\n\n{table.START}\nNEW TABLE\n{table.END}\n\nAfter.\n"
    assert table.update_readme(readme, "NEW TABLE")  # again: unchanged
    plain = tmp_path / "plain.md"
    plain.write_text("no markers\n", encoding="utf-8")
    assert not table.update_readme(plain, "T") and plain.read_text(encoding="utf-8") == "no markers\n"


def test_the_project_readme_has_the_markers() -> None:
    text = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert text.index(table.START) < text.index(table.END)


def test_cli_writes_the_readme_and_explains_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    readme, data = tmp_path / "README.md", tmp_path / "bench.json"
    readme.write_text(f"{table.START}\n{table.END}\n", encoding="utf-8")
    assert table.main(["--json", str(data), "--readme", str(readme)]) == 2
    assert "run `make bench` first" in capsys.readouterr().err
    data.write_text("{not json", encoding="utf-8")
    assert table.main(["--json", str(data), "--readme", str(readme)]) == 2
    assert "not valid JSON" in capsys.readouterr().err
    data.write_text(json.dumps(ROWS), encoding="utf-8")
    assert table.main(["--json", str(data), "--readme", str(readme)]) == 0
    assert "| `/partner` p99 (ms) | 2.00 | ×1.50 | 3.00 |" in readme.read_text(encoding="utf-8")


def test_keep_base_carries_the_compile_figures_over(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    out.write_text(json.dumps({"10000": {"compile_s": 480.0, "spacy_ratio": 2.0, "measured_at": "then"}}))
    args = run.argparse.Namespace(out=out)
    row: dict[str, object] = {"notes": []}
    run._kept_compile(args, 10000, row)
    assert row["compile_s"] == 480.0 and row["spacy_ratio"] == 2.0 and "then" in str(row["notes"])
