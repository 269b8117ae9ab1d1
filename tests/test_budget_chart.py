"""The budget chart: read back as an image — its size, that it is not blank, one bar per year
(counted in the pixels), conflicting totals drawn as such — and written by `bot.py ask` / the console."""

from __future__ import annotations

import copy
import io
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from handlers_sample import DOCS, build
from matplotlib import image

from facts.store import FactStore
from handlers import Handlers
from handlers.chart import BAR, CONFLICT, FILENAME, BudgetChart, ChartYear, RenderedChart, render, save

ROOT = Path(__file__).resolve().parents[1]


def pixels(rendered: RenderedChart) -> np.ndarray:
    img = image.imread(io.BytesIO(rendered.png), format="png")
    return img[..., :3]


def _rgb(hex_colour: str) -> np.ndarray:
    return np.array([int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)])


def bar_runs(rendered: RenderedChart, colour: str) -> int:
    """Bars of ``colour`` crossing a row just above the x axis: runs of that colour along the row."""
    img = pixels(rendered)
    x0, _, x1, y1 = rendered.plot_box
    row = img[y1 - 3, x0:x1]
    hit = np.all(np.abs(row - _rgb(colour)) < 0.04, axis=1)
    return int(np.count_nonzero(hit[1:] & ~hit[:-1]) + hit[0])


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Handlers:
    return Handlers(FactStore(build(tmp_path_factory.mktemp("chart") / "f.sqlite3")), warm=False)


def test_the_budget_table_carries_a_chart_with_the_disagreement(sample: Handlers) -> None:
    chart = sample.budget().chart
    assert chart is not None and chart.currency == "MAD"
    assert [y.year for y in chart.years] == [2024, 2025]
    y2024, y2025 = chart.years
    assert y2024.conflicting and sorted(y2024.amounts) == [124e9, 124.7e9]
    assert not y2025.conflicting and y2025.amounts == (133e9,)
    assert chart.sources == ("[1] bladi.net, 2022-09-20", "[2] hespress.com, 2023-10-20")
    assert "Chart:" in sample.budget().footer


def test_one_year_gets_no_chart(sample: Handlers, tmp_path: Path) -> None:
    assert sample.budget(2025).chart is None
    docs = copy.deepcopy(DOCS)
    docs[2]["facts"] = [f for f in docs[2]["facts"] if f.get("year") != 2024]
    docs = docs[:3]
    h = Handlers(FactStore(build(tmp_path / "f.sqlite3", docs)), warm=False)
    assert h.budget().chart is None and h.budget().footer == ""


def test_the_png_has_one_bar_per_year_and_is_not_blank(sample: Handlers) -> None:
    chart = sample.budget().chart
    assert chart is not None
    drawn = render(chart)
    assert drawn.png.startswith(b"\x89PNG\r\n\x1a\n") and len(drawn.png) < 10 * 1024 * 1024
    img = pixels(drawn)
    assert img.shape[:2] == (drawn.height, drawn.width) == (560, 1000)
    assert np.mean(np.any(img < 0.95, axis=2)) > 0.1, "a good share of the image is drawn on"
    assert drawn.years == (2024, 2025) and drawn.heights == (124.7, 133.0)
    assert bar_runs(drawn, CONFLICT) == 1 and bar_runs(drawn, BAR) == 1


def test_many_years_each_get_their_bar() -> None:
    years = tuple(ChartYear(2000 + i, (1e9 * (5 + i), 1e9 * (6 + i)) if i % 5 == 0 else (1e9 * (5 + i),))
                  for i in range(25))
    drawn = render(BudgetChart("MAD", years, tuple(f"[{i}] site{i}.ma, 2024-01-01" for i in range(1, 80))))
    assert drawn.years == tuple(range(2000, 2025))
    assert bar_runs(drawn, CONFLICT) == 5 and bar_runs(drawn, BAR) == 20
    assert render(BudgetChart("MAD", years)) is not drawn  # cache keyed on the data


def test_the_caption_is_cut_and_says_so() -> None:
    chart = BudgetChart("MAD", (ChartYear(2024, (1e9,)), ChartYear(2025, (2e9,))),
                        tuple(f"[{i}] a-rather-long-site-name-{i}.ma, 2024-01-01" for i in range(1, 60)),
                        ("2019 (only in USD)",))
    caption = chart.caption()
    assert caption.startswith("Sources: [1] ") and "more in the answer's source list" in caption
    assert caption.endswith("Not on this axis: 2019 (only in USD)")


def test_hostile_source_names_are_drawn_as_text() -> None:
    """'$' would start matplotlib's math mode and bidi overrides would reorder the caption."""
    chart = BudgetChart("MAD", (ChartYear(2024, (1e9,)), ChartYear(2025, (2e9,))),
                        ("[1] $\\frac{a}{b}$ site\u202e.ma", "[2] a_b^c {x}"))
    assert "\u202e" not in chart.caption()
    assert pixels(render(chart)).shape == (560, 1000, 3)


def test_a_year_only_in_another_currency_is_left_off_the_axis(tmp_path: Path) -> None:
    docs = copy.deepcopy(DOCS)
    docs[3]["facts"].append({"kind": "budget", "year": 2019, "amount": 10e9, "currency": "USD", "scope": "total",
                             "approximate": False, "quote": "En 2019, 10 milliards de dollars."})
    chart = Handlers(FactStore(build(tmp_path / "f.sqlite3", docs)), warm=False).budget().chart
    assert chart is not None and [y.year for y in chart.years] == [2024, 2025]
    assert chart.left_out == ("2019 (only in USD)",)


def test_save_writes_a_fixed_name_atomically(sample: Handlers, tmp_path: Path) -> None:
    chart = sample.budget().chart
    assert chart is not None
    path = save(render(chart), tmp_path / "charts")
    assert path == tmp_path / "charts" / FILENAME and path.read_bytes() == render(chart).png
    assert sorted(p.name for p in path.parent.iterdir()) == [FILENAME]


def _env(tmp_path: Path) -> dict[str, str]:
    db = build(tmp_path / "var" / "facts.sqlite3")
    env = {k: v for k, v in os.environ.items() if k not in ("DISCORD_TOKEN", "DEV_GUILD_ID")}
    env.update(SEEDS_DIR=str(tmp_path / "no-seeds"), FACTS_DB=str(db), PYTHONUTF8="1", DISCORD_TOKEN="")
    return env


def _run(args: list[str], env: dict[str, str], stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "bot.py", *args], cwd=ROOT, env=env, input=stdin,
                          capture_output=True, text=True, timeout=120)


def test_bot_py_ask_writes_the_png_and_prints_its_path(tmp_path: Path) -> None:
    (tmp_path / "var").mkdir()
    res = _run(["ask", "/budget"], _env(tmp_path))
    assert res.returncode == 0, res.stderr
    path = tmp_path / "var" / "charts" / FILENAME
    assert f"Chart (PNG): {path}" in res.stdout
    assert image.imread(path).shape[:2] == (560, 1000)
    one_year = _run(["ask", "/budget 2025"], _env(tmp_path))
    assert "Chart" not in one_year.stdout


def test_the_console_writes_the_png_too(tmp_path: Path) -> None:
    (tmp_path / "var").mkdir()
    res = _run(["console", "--no-digest"], _env(tmp_path), stdin="budget\nexit\n")
    assert res.returncode == 0, res.stderr
    assert f"Chart (PNG): {tmp_path / 'var' / 'charts' / FILENAME}" in res.stdout


def test_totals_of_zero_still_draw_an_axis() -> None:
    drawn = render(BudgetChart("MAD", (ChartYear(2024, (0.0,)), ChartYear(2025, (0.0,)))))
    assert drawn.heights == (0.0, 0.0) and pixels(drawn).shape == (560, 1000, 3)


def test_a_year_with_many_totals_is_labelled_by_its_range() -> None:
    from handlers.chart import _label

    assert _label(ChartYear(2024, (124.7e9, 124e9)), 1e9) == "124.7 / 124"
    assert _label(ChartYear(2015, tuple(x * 1e9 for x in (89.1, 88, 28, 91.1))), 1e9) == "28–91.1 (4)"
    assert _label(ChartYear(2024, (124e9,), approximate=True), 1e9) == "≈124"


def test_value_labels_are_shortened_then_dropped_when_years_are_too_close() -> None:
    """Labels wider than the room between two years would overlap: a long span keeps each bar's
    own total only, a very long one no labels at all (the axis still reads)."""
    from handlers.chart import _value_labels

    def span(first: int, last: int) -> BudgetChart:
        many = tuple(x * 1e9 for x in (86.4, 79.5, 81.2, 84.0))
        return BudgetChart("MAD", tuple(ChartYear(y, many) for y in range(first, last + 1)))

    assert _value_labels(span(2020, 2025), 1e9)[0] == "79.5–86.4 (4)"
    assert _value_labels(span(2000, 2026), 1e9)[0] == "86.4"
    assert set(_value_labels(span(1900, 2026), 1e9)) == {""}
    drawn = render(span(1900, 2026))
    assert len(drawn.years) == 127 and pixels(drawn).std() > 0.05


def test_a_french_answer_gets_a_french_chart(sample: Handlers) -> None:
    """The chart follows the answer's language: its unit, numbers, caption and left-out years."""
    from handlers.chart import _label, _scale
    from handlers.i18n import using

    with using("fr"):
        chart = sample.budget().chart
    assert chart is not None and chart.language == "fr"
    assert _scale(chart) == (1e9, "milliards de dirhams")
    assert _label(chart.years[0], 1e9, "fr") in ("124,7 / 124", "124 / 124,7")
    assert chart.caption().startswith("Sources : [1] bladi.net")
    assert sample.budget().chart.language == "en"
    many = BudgetChart("MAD", chart.years, tuple(f"[{i}] site-{i}.ma" for i in range(1, 60)),
                       ("2019 (seulement en USD)",), "fr")
    assert "autres dans la liste des sources" in many.caption()
    assert many.caption().endswith("Hors de cet axe : 2019 (seulement en USD)")
    assert pixels(render(many)).std() > 0.05
