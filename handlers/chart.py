"""The budget chart: Morocco's defence budget by year as a PNG, one bar per year.

Why a picture: a table of twenty years hides the trend; a bar chart shows it at a glance. The
chart states no more than the table: a year whose articles give different totals gets an orange
bar (the most-cited total) with a black range line and a diamond at every total given, so a
disagreement stays visible instead of being averaged away. The caption numbers the sources as the
answer's source list does.

Rendering uses matplotlib's object API (``Figure`` + ``FigureCanvasAgg``), never ``pyplot``: no
global state, so two threads can draw at once, and no GUI backend is ever picked. matplotlib is
imported on the first chart only (it costs ~0.3 s), and the rendering is CPU work that callers run
off the event loop (``asyncio.to_thread``).
"""

from __future__ import annotations

import io
import os
import tempfile
import textwrap
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from facts.safe_text import display
from handlers.formatting import currency_word
from handlers.i18n import DEFAULT, ntr, tr

BAR = "#2B6CB0"  # one total for the year (the embeds' blue)
CONFLICT = "#DD6B20"  # the articles give different totals
WIDTH_IN, HEIGHT_IN, DPI = 10.0, 5.6, 100  # 1000 × 560 pixels: readable in Discord, ~40 KB
AXES = (0.08, 0.24, 0.9, 0.64)  # left, bottom, width, height (fixed: no layout pass to pay for)
TICK_PX = 40  # pixels a year tick label needs ("2024" at 10 pt and a gap); closer years share ticks
LISTED_MAX = 3  # totals of one year written out in its label; more are given as their range
LABEL_CHAR_PX = 6.2  # width of a character of the 8 pt value labels, to know whether they fit
CAPTION_MAX = 160  # characters of the sources caption (each glyph costs); the full list is in the answer
CAPTION_LINE, CAPTION_LINES = 190, 3  # pre-wrapped: matplotlib's own wrapping measures text again and again
FILENAME = "budget.png"


@dataclass(frozen=True)
class ChartYear:
    """One year: every distinct total the articles give, most cited first."""

    year: int
    amounts: tuple[float, ...]
    approximate: bool = False

    @property
    def conflicting(self) -> bool:
        return len(self.amounts) > 1


@dataclass(frozen=True)
class BudgetChart:
    """What the chart shows; hashable, so a rendered PNG can be reused for the same data."""

    currency: str
    years: tuple[ChartYear, ...]
    sources: tuple[str, ...] = ()  # "[1] bladi.net, 2021-01-14"
    left_out: tuple[str, ...] = ()  # "2019 (only in USD)": years not on this currency's axis
    language: str = DEFAULT  # of the answer: the chart's own words and numbers follow it

    def caption(self) -> str:
        """'Sources: [1] … · [2] …' cut to fit two lines, saying how many more the answer lists."""
        lang = self.language
        text = tr("Sources: ", lang)
        for shown, s in enumerate(self.sources):
            more = " · " + ntr("… and {n} more in the answer's source list",
                               "… and {n} more in the answer's source list", len(self.sources) - shown, lang)
            if len(text) + len(s) + 3 + len(more) > CAPTION_MAX:
                text += more.lstrip(" ·") if shown == 0 else more
                break
            text += (" · " if shown else "") + s
        if self.left_out:
            text += tr(". Not on this axis: {years}", lang, years=", ".join(self.left_out))
        return display(text)


@dataclass(frozen=True)
class RenderedChart:
    """The PNG and what was plotted: one bar per year, in pixels of the image (top-left origin)."""

    png: bytes
    width: int
    height: int
    years: tuple[int, ...]
    heights: tuple[float, ...]  # the bars, in the axis unit (billions or millions)
    plot_box: tuple[int, int, int, int]  # x0, y0, x1, y1 of the axes
    scale_label: str


def _scale(chart: BudgetChart) -> tuple[float, str]:
    """The axis unit: 'billion MAD' / 'milliards de dirhams'."""
    top = max(a for y in chart.years for a in y.amounts)
    lang, currency = chart.language, currency_word(chart.currency, chart.language)
    if top >= 1e9:
        return 1e9, tr("billion {currency}", lang, currency=currency)
    if top >= 1e6:
        return 1e6, tr("million {currency}", lang, currency=currency)
    return 1.0, currency


def _value(amount: float, lang: str = DEFAULT) -> str:
    """'84.6' ('84,6' in French), one decimal at most."""
    if lang == DEFAULT:
        return f"{amount:,.1f}".removesuffix(".0")
    from babel.numbers import format_decimal

    return format_decimal(round(amount, 1), format="#,##0.#", locale=lang)


def _label(y: ChartYear, unit: float, lang: str = DEFAULT) -> str:
    """'133', '124.7 / 124', or past three totals their range and count: '79.5–86.4 (21)'."""
    approx = "≈" if y.approximate else ""
    if len(y.amounts) <= LISTED_MAX:
        return approx + " / ".join(_value(a / unit, lang) for a in y.amounts)
    return f"{approx}{_value(min(y.amounts) / unit, lang)}–{_value(max(y.amounts) / unit, lang)} ({len(y.amounts)})"


def render(chart: BudgetChart, *, fresh: bool = False) -> RenderedChart:
    """The chart as PNG bytes (the same data gives the same bytes: results are cached; ``fresh``
    draws anew, for the benchmark)."""
    if len(chart.years) < 1:
        raise ValueError("a chart needs at least one year")
    return _render.__wrapped__(chart) if fresh else _render(chart)


@lru_cache(maxsize=8)
def _render(chart: BudgetChart) -> RenderedChart:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    unit, unit_label = _scale(chart)
    fig = Figure(figsize=(WIDTH_IN, HEIGHT_IN), dpi=DPI, facecolor="white")
    canvas = FigureCanvasAgg(fig)
    ax = fig.add_axes(AXES)
    heights = _bars(ax, chart, unit)
    _axes(ax, chart, unit_label)
    _legend(ax, {y.conflicting for y in chart.years}, chart.language)
    caption = "\n".join(textwrap.wrap(chart.caption(), CAPTION_LINE, break_long_words=True)[:CAPTION_LINES])
    fig.text(0.01, 0.02, caption, fontsize=8, parse_math=False, va="bottom")  # the labels' size: one font
    box = ax.get_window_extent()  # fixed axes: known without a draw
    width, height = (int(v) for v in canvas.get_width_height())
    out = io.BytesIO()
    canvas.print_png(out, metadata={"Software": None}, pil_kwargs={"compress_level": 1})  # the one draw
    plot_box = (round(box.x0), round(height - box.y1), round(box.x1), round(height - box.y0))
    years = tuple(y.year for y in chart.years)
    return RenderedChart(out.getvalue(), width, height, years, heights, plot_box, unit_label)


def _bars(ax: Any, chart: BudgetChart, unit: float) -> tuple[float, ...]:
    """One bar per year (the most-cited total); where totals differ, their range and each of them."""
    heights = tuple(y.amounts[0] / unit for y in chart.years)
    ax.bar([y.year for y in chart.years], heights, width=0.7, edgecolor="none", zorder=2,
           color=[CONFLICT if y.conflicting else BAR for y in chart.years])
    clash = [y for y in chart.years if y.conflicting]
    if clash:  # one artist each for all the ranges and all the diamonds: fewer objects to draw
        ax.vlines([y.year for y in clash], [min(y.amounts) / unit for y in clash],
                  [max(y.amounts) / unit for y in clash], colors="black", linewidth=2, zorder=3)
        import numpy as np  # matplotlib's own dependency; a plain list costs ~30 ms in masked-array checks

        xs = np.fromiter((y.year for y in clash for _ in y.amounts), dtype=float)
        ys = np.fromiter((a / unit for y in clash for a in y.amounts), dtype=float)
        ax.scatter(xs, ys, marker="D", s=22, color="black", zorder=4)
    top = max(a for y in chart.years for a in y.amounts) / unit or 1.0  # all zero: still an axis
    for y, label in zip(chart.years, _value_labels(chart, unit), strict=True):
        if label:
            ax.text(y.year, max(y.amounts) / unit + top * 0.025, label, ha="center", va="bottom",
                    fontsize=8, parse_math=False)
    ax.set_ylim(0, top * 1.15)
    return heights


def _year_px(chart: BudgetChart) -> float:
    """Pixels between two neighbouring years on the x axis (the axis spans first to last year)."""
    years = [y.year for y in chart.years]
    return WIDTH_IN * DPI * AXES[2] / (max(years) - min(years) + 1.2)


def _value_labels(chart: BudgetChart, unit: float) -> list[str]:
    """Each bar's label when they all fit beside each other; else the bars' own totals only (the
    orange bar and the range line still show a disagreement); else none rather than overlapping
    text. Fewer labels also draw faster."""
    room = _year_px(chart) * 0.95
    lang = chart.language
    for labels in ([_label(y, unit, lang) for y in chart.years],
                   [("≈" if y.approximate else "") + _value(y.amounts[0] / unit, lang) for y in chart.years]):
        if max(len(t) for t in labels) * LABEL_CHAR_PX <= room:
            return labels
    return [""] * len(chart.years)


def _axes(ax: Any, chart: BudgetChart, unit_label: str) -> None:
    from matplotlib.ticker import MaxNLocator

    years = [y.year for y in chart.years]
    ax.set_xlim(min(years) - 0.6, max(years) + 0.6)
    if _year_px(chart) >= TICK_PX:
        ax.set_xticks(years)
    else:
        ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=max(2, int(WIDTH_IN * DPI * AXES[2] / TICK_PX))))
    ax.yaxis.set_major_locator(MaxNLocator(nbins=5))  # each tick costs ~3 ms to build; five read well
    ax.set_ylabel(unit_label)
    ax.grid(axis="y", color="#dddddd", zorder=0)
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_title(tr("Morocco's defence budget by year ({unit})", chart.language, unit=unit_label),
                 fontsize=12, y=1.03)  # y: no layout pass


def _legend(ax: Any, kinds: set[bool], lang: str) -> None:
    """The kinds of bar drawn (``kinds``: their ``conflicting``), below the axes so it never covers one."""
    from matplotlib.artist import Artist
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles: list[Artist] = [Patch(color=BAR, label=tr("one total given", lang))] if False in kinds else []
    if True in kinds:
        handles += [Patch(color=CONFLICT, label=tr("articles disagree (bar: most-cited total)", lang)),
                    Line2D([], [], color="black", marker="D", markersize=5, linewidth=2,
                           label=tr("each total given and their range", lang))]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(0, -0.09), ncol=len(handles), fontsize=8,
              frameon=False)


def save(rendered: RenderedChart, folder: Path) -> Path:
    """Write the PNG as ``folder/budget.png`` (a fixed name: nothing from the question reaches the
    path), atomically, so a reader never sees half a file; returns the path."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / FILENAME
    fd, tmp = tempfile.mkstemp(prefix=".budget-", suffix=".png", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(rendered.png)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def charts_folder(facts_db: Path) -> Path:
    """Where the console and ``bot.py ask`` write charts: ``charts/`` beside the fact base (var/)."""
    return facts_db.parent / "charts"
