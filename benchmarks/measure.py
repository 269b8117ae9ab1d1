"""The measurements, each run in its own child process by ``benchmarks.run``.

Why a child per measurement: peak RSS (``ru_maxrss``) is per process, and a fresh
interpreter keeps one measurement's imports and caches out of the next one.
``python -m benchmarks.measure TASK JSON_ARGS`` prints one JSON object on its last line.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import resource
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

FLOOR_PATTERN = re.compile(r"(?i)\b(?:maroc|drones?|milliards?|accord)\b")


def _rss() -> dict[str, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"self_rss_mb": round(own, 1), "workers_rss_mb": round(kids, 1)}


def article_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))


def task_compile(folder: str, db: str) -> dict[str, Any]:
    """Cold compile: the fact base is deleted first, so every file is new."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(db + suffix).unlink(missing_ok=True)
    from facts.compiler import compile_folder

    start = time.perf_counter()
    report = compile_folder(Path(folder), Path(db), progress=False)
    seconds = time.perf_counter() - start
    return {"compile_s": seconds, "added": len(report.added), "duplicates": len(report.duplicates),
            "skipped": len(report.skipped), "uses_spacy": "spacy" in sys.modules, **_rss()}


def task_floor(folder: str) -> dict[str, Any]:
    """The floor: read every file and run one compiled regular expression over it."""
    start = time.perf_counter()
    hits = size = 0
    for path in article_files(Path(folder)):
        data = path.read_bytes()
        size += len(data)
        hits += sum(1 for _ in FLOOR_PATTERN.finditer(data.decode("utf-8", "replace")))
    return {"floor_s": time.perf_counter() - start, "bytes": size, "hits": hits}


def task_spacy(folder: str, sample: int, processes: int) -> dict[str, Any]:
    """The French spaCy pipeline the compiler uses, alone over (a sample of) the same texts, extrapolated
    by bytes."""
    import spacy

    from facts.extract.parse_fr import MODEL

    files = article_files(Path(folder))
    step = max(1, len(files) // max(1, sample))
    chosen = files[::step][:sample]
    texts = [p.read_bytes().decode("utf-8", "replace") for p in chosen]
    total = sum(p.stat().st_size for p in files)
    start = time.perf_counter()
    nlp = spacy.load(MODEL)
    load_s = time.perf_counter() - start
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32, n_process=processes):
        pass
    run_s = time.perf_counter() - start
    sampled = sum(len(t.encode()) for t in texts)
    return {"spacy_load_s": load_s, "spacy_sample_s": run_s, "spacy_docs": len(texts),
            "spacy_processes": processes, "spacy_s": load_s + run_s * total / max(1, sampled),
            "spacy_sampled": len(texts) < len(files), **_rss()}


def _queries(store: Any) -> dict[str, list[tuple[Any, ...]]]:
    """Realistic questions drawn from what the base holds, plus misses and typos."""
    from facts.lexicon import country_name
    from facts.store.pages import budget_rows

    codes = sorted(store.partner_counts()) or ["TR"]
    names = [country_name(c, "fr") for c in codes] + [country_name(c, "en") for c in codes]
    names += ["Turky", "etats unis", "Israel", "Atlantis", "france", "🇹🇷", "US"]
    # the years from the narrow budget rows, not every budget record parsed here (at 100 000 articles
    # that was 400 MB of this process's peak, counted as the handlers' own)
    years = sorted({int(r[1]) for r in budget_rows(store) if r[1]}) or [2024]
    cats = ["drone", "helicopter", "ship", "missile", None, "hélicoptères"]
    words = ["drones", "Heron", "accord", "budget 2024", "frégate", "Bayraktar", "exercice African Lion",
             "zzzz introuvable", "défense aérienne", "Rafale", "coopération militaire", "H135"]
    prefixes = ["", "t", "tu", "tur", "fr", "isr", "eta", "esp", "chi", "in", "uni", "ma", "xx", "al", "br"]
    return {
        "partner": [(n,) for n in names],
        "budget": [(y,) for y in years] + [(None,), (1990,)],
        "acquisitions": [(n, c) for n in names[:12] + [None] for c in cats],  # type: ignore[list-item]
        "timeline": [(n,) for n in names[:20]] + [(None,)],
        "search": [(w,) for w in words],
        "sources": [()],
        "autocomplete": [(p,) for p in prefixes],
    }


def _percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    def pick(q: float) -> float:
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))]
    return {"p50_ms": pick(0.5) * 1000, "p99_ms": pick(0.99) * 1000, "max_ms": ordered[-1] * 1000,
            "mean_ms": statistics.fmean(ordered) * 1000, "n": len(ordered)}


def task_handlers(db: str, queries: int, budget_s: float) -> dict[str, Any]:
    """p50/p99 of each handler over many queries (warm: one Handlers object, as in the bot)."""
    try:
        from facts.store import FactStore
        from handlers import Handlers
    except ImportError as exc:
        return {"error": f"handlers not available: {exc}"}
    store = FactStore(db)
    h = Handlers(store)
    t0 = time.perf_counter()
    h.wait_warm(120)  # steady state, as in the bot once its start-up warm-up has finished
    out_warm = time.perf_counter() - t0
    calls: dict[str, Callable[..., Any]] = {
        "partner": h.partner, "budget": h.budget, "acquisitions": h.acquisitions, "timeline": h.timeline,
        "search": h.search, "sources": h.sources, "autocomplete": h.autocomplete_partner}
    out: dict[str, Any] = {"warm_s": out_warm}
    for command, args_list in _queries(store).items():
        fn = calls[command]
        samples: list[float] = []
        deadline = time.perf_counter() + budget_s
        try:
            fn(*args_list[0])  # first call pays one-off imports and caches: reported apart
            t0 = time.perf_counter()
            fn(*args_list[0])
            out[f"{command}_first_ms"] = (time.perf_counter() - t0) * 1000
            while len(samples) < queries and (time.perf_counter() < deadline or len(samples) < 5):
                args = args_list[len(samples) % len(args_list)]
                t0 = time.perf_counter()
                fn(*args)
                samples.append(time.perf_counter() - t0)
        except Exception as exc:  # a crashing handler is a finding, not a crashed benchmark
            out[f"{command}_error"] = f"{type(exc).__name__}: {exc}"
            continue
        for key, value in _percentiles(samples).items():
            out[f"{command}_{key}"] = value
    out.update(_chart_times(h))
    out.update(_rss())
    return out


def _chart_times(h: Any, rounds: int = 20) -> dict[str, Any]:
    """The /budget chart drawn anew each time (no cache): p50/p99; the first draw, which pays
    matplotlib's import and font loading, is reported apart as ``chart_first_ms``."""
    from handlers.chart import render

    chart = h.budget().chart
    if chart is None:
        return {"chart_note": "fewer than two budget years: no chart"}
    t0 = time.perf_counter()
    png = render(chart, fresh=True).png
    out: dict[str, Any] = {"chart_first_ms": (time.perf_counter() - t0) * 1000, "chart_years": len(chart.years),
                           "chart_png_kb": round(len(png) / 1024, 1)}
    samples, floor = [], []
    for _ in range(rounds):
        t0 = time.perf_counter()
        render(chart, fresh=True)
        samples.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        _bare_chart(len(chart.years))
        floor.append(time.perf_counter() - t0)
    out.update({f"chart_{k}": v for k, v in _percentiles(samples).items()})
    out["chart_floor_ms"] = _percentiles(floor)["p50_ms"]
    out["chart_floor_ratio"] = out["chart_p50_ms"] / max(out["chart_floor_ms"], 1e-9)
    return out


def _bare_chart(bars: int) -> bytes:
    """matplotlib's floor on this machine: the same size of PNG with bare bars and default axes,
    interleaved with the real chart so both see the same load."""
    import io

    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(10.0, 5.6), dpi=100)
    canvas = FigureCanvasAgg(fig)
    fig.add_axes((0.08, 0.24, 0.9, 0.64)).bar(range(bars), range(1, bars + 1))
    out = io.BytesIO()
    canvas.print_png(out)
    return out.getvalue()


def task_incremental(folder: str, db: str, seed: int, index: int) -> dict[str, Any]:
    """New articles into the N-article base, as a running bot sees them: file → stored facts,
    then file → rendered digest. A 10-article warm-up compile (other seed, scratch base)
    first pays the one-off imports and model load; it is reported as ``warmup_s``.

    The compiles share a ``FolderWatch`` paced as the bot's digest (``DIGEST_SWEEP_INTERVAL``):
    the first is a full sweep (``rescan_s``, a ``stat`` per file), the next ones look at new names
    (``quick_rescan_s`` with nothing changed, then ``incremental_s``)."""
    import tempfile

    from benchmarks.corpus import write_corpus
    from facts.compiler import FolderWatch, compile_folder
    from facts.settings import Settings

    out: dict[str, Any] = {}
    created: list[Path] = []
    with tempfile.TemporaryDirectory() as scratch:
        write_corpus(10, Path(scratch) / "a", seed + 1)
        start = time.perf_counter()
        compile_folder(Path(scratch) / "a", Path(scratch) / "f.sqlite3")
        out["warmup_s"] = time.perf_counter() - start
    watch = FolderWatch(Settings.model_fields["digest_sweep_interval"].default, notify=True)  # as the digest's
    try:
        start = time.perf_counter()
        report = compile_folder(Path(folder), Path(db), watch=watch)
        out["rescan_s"] = time.perf_counter() - start  # nothing changed: the cost of a full sweep
        out["rescan_unchanged"] = report.unchanged
        start = time.perf_counter()
        report = compile_folder(Path(folder), Path(db), watch=watch)
        out["quick_rescan_s"] = time.perf_counter() - start  # nothing changed: a digest tick between sweeps
        created.append(_write(Path(folder), seed, index))
        start = time.perf_counter()
        report = compile_folder(Path(folder), Path(db), watch=watch)
        out["incremental_s"] = time.perf_counter() - start
        if len(report.added) != 1:
            out["incremental_error"] = f"expected 1 added article, got {report.summary()}"
        out.update(_digest(Path(folder), Path(db), seed, index + 1, created))
    finally:
        for path in created:
            path.unlink(missing_ok=True)
    out.update(_rss())
    return out


def _write(folder: Path, seed: int, index: int) -> Path:
    from benchmarks.corpus import article

    item = article(seed, index)
    path = folder / item.name
    path.write_bytes(item.text.encode(item.encoding))
    old = time.time() - 60  # already "stable" for the digest's still-being-written check
    os.utime(path, (old, old))
    return path


def _digest(folder: Path, db: Path, seed: int, index: int, created: list[Path]) -> dict[str, Any]:
    try:
        from facts.settings import Settings
        from handlers.digest import DigestRunner, render_text
    except ImportError as exc:
        return {"digest_error": f"handlers.digest not available: {exc}"}
    rendered: list[str] = []

    async def deliver(entries: list[Any]) -> None:
        rendered.append(render_text(entries))

    async def run() -> dict[str, Any]:
        runner = DigestRunner(folder, db, deliver, min_age=0.0,
                              sweep_interval=Settings.model_fields["digest_sweep_interval"].default)
        await runner.run_once()  # first run: records the existing base without posting
        created.append(_write(folder, seed, index))
        start = time.perf_counter()
        result = await runner.run_once()
        seconds = time.perf_counter() - start
        return {"digest_s": seconds, "digest_entries": len(result.entries),
                "digest_chars": sum(len(r) for r in rendered)}

    return asyncio.run(run())


TASKS: dict[str, Callable[..., dict[str, Any]]] = {
    "compile": task_compile, "floor": task_floor, "spacy": task_spacy, "handlers": task_handlers,
    "incremental": task_incremental,
}


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in TASKS:
        print(f"usage: python -m benchmarks.measure {{{','.join(TASKS)}}} JSON_ARGS", file=sys.stderr)
        return 2
    result = TASKS[argv[0]](**json.loads(argv[1]))
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
