"""``python -m benchmarks.run --sizes 10 1000 10000``: how speed and memory grow with the corpus.

For each size N: generate N articles into ``var/bench/<N>/articles`` (reused when the
same seed and count are already there), then in child processes: cold compile, the
floor (read + one regex), spaCy alone, handler latencies (with ``/search`` p99) and the
``/budget`` chart render, incremental compile and digest, bot start-up. Prints a table and merges
the results into ``var/bench.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from benchmarks.corpus import VERSION, write_corpus

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = ["partner", "budget", "acquisitions", "search", "timeline", "sources", "autocomplete"]
LATENCIES = [f"{c}_{p}" for c in COMMANDS for p in ("p50_ms", "p99_ms")]
CHART = ["chart_p50_ms", "chart_p99_ms"]  # the /budget PNG, drawn anew (target < 300 ms)
REQUIRED = ["compile_s", "docs_per_s", "mb_per_s", "peak_rss_mb", "incremental_s", "digest_s", "startup_s",
            "rss_mb", "floor_ratio", "spacy_ratio", *LATENCIES, *CHART]


def run_child(argv: list[str], env: dict[str, str] | None = None, timeout: float = 1800) -> dict[str, Any]:
    """Run a child; returns wall seconds, its peak RSS (with its own children) and its output.

    ``os.wait4`` gives the rusage of that one child, so earlier children don't count.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=err, env=env, cwd=ROOT, start_new_session=True)
        timer = threading.Timer(timeout, lambda: os.killpg(proc.pid, signal.SIGKILL))
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return {"wall_s": wall, "rss_mb": usage.ru_maxrss / 1024, "rc": proc.returncode,
                "stdout": out.read().decode("utf-8", "replace"),
                "stderr": err.read().decode("utf-8", "replace")}


def measure(task: str, **kwargs: Any) -> dict[str, Any]:
    """One ``benchmarks.measure`` task in a fresh interpreter; errors come back as ``error``."""
    child = run_child([sys.executable, "-m", "benchmarks.measure", task, json.dumps(kwargs)])
    lines = child["stdout"].strip().splitlines()
    if child["rc"] != 0 or not lines:
        tail = child["stderr"].strip().splitlines()[-1:] or [f"exit code {child['rc']}"]
        return {"error": tail[0], "wall_s": child["wall_s"], "rss_mb": child["rss_mb"]}
    result: dict[str, Any] = json.loads(lines[-1])
    result["child_rss_mb"] = child["rss_mb"]
    return result


def prepare_corpus(folder: Path, size: int, seed: int) -> tuple[int, float]:
    """Generate the corpus unless the same one is already there; returns (bytes, seconds)."""
    manifest = folder / ".manifest.json"
    wanted = {"size": size, "seed": seed, "generator": VERSION}
    start = time.perf_counter()
    if not (manifest.exists() and json.loads(manifest.read_text()) == wanted
            and sum(1 for p in folder.iterdir() if not p.name.startswith(".")) == size):
        shutil.rmtree(folder, ignore_errors=True)
        write_corpus(size, folder, seed)
        manifest.write_text(json.dumps(wanted))
    total = sum(p.stat().st_size for p in folder.iterdir() if not p.name.startswith("."))
    return total, time.perf_counter() - start


def settle(db: Path, seeds: Path) -> None:
    """The base as a running digest leaves it: compiled once more after the folder's last change
    is out of a clock tick (``facts.seeds.RACY_NS``), so that compile records the folder stamp
    and a start-up over it does not list the folder. Not measured: the start-up figure is a
    restart over an up-to-date base (a restart right after files came or went lists them once)."""
    from facts.seeds import RACY_NS

    try:
        mtime_ns = seeds.stat().st_mtime_ns
    except OSError:
        return
    wait = (mtime_ns + RACY_NS + 100_000_000 - time.time_ns()) / 1e9
    if wait > 0:
        time.sleep(wait)
    run_child([sys.executable, "-m", "facts", "compile", str(seeds), "--db", str(db)], timeout=7200)


def startup(db: Path, seeds: Path) -> dict[str, Any]:
    """Console-mode start-up to an answered ``/help`` with an existing, up-to-date fact base
    (``settle``), and its RSS."""
    entry = ROOT / "bot.py"
    if not entry.exists():
        return {"startup_error": "bot.py not available"}
    settle(db, seeds)
    env = {k: v for k, v in os.environ.items() if k != "DISCORD_TOKEN"}
    env.update(FACTS_DB=str(db), SEEDS_DIR=str(seeds))
    child = run_child([sys.executable, str(entry), "ask", "/help"], env=env, timeout=120)
    if child["rc"] != 0:
        tail = child["stderr"].strip().splitlines()[-1:] or [f"exit code {child['rc']}"]
        return {"startup_error": tail[0]}
    return {"startup_s": child["wall_s"], "rss_mb": child["rss_mb"]}


def _same_corpus(folder: Path, size: int, seed: int) -> bool:
    manifest = folder / ".manifest.json"
    try:
        return bool(json.loads(manifest.read_text()) == {"size": size, "seed": seed, "generator": VERSION})
    except (OSError, json.JSONDecodeError):
        return False


def _kept_compile(args: argparse.Namespace, size: int, row: dict[str, Any]) -> None:
    """``--keep-base``: the compiled base of this very corpus is reused (a cold compile of 10 000
    articles takes minutes); the compile figures of the last full run are carried over."""
    try:
        before = json.loads(args.out.read_text(encoding="utf-8")).get(str(size), {})
    except (OSError, json.JSONDecodeError):
        before = {}
    carried = ["compile_s", "docs_per_s", "mb_per_s", "peak_rss_mb", "compile_self_rss_mb", "compile_workers_rss_mb",
               "added", "duplicates", "skipped", "uses_spacy", "floor_s", "floor_ratio", "spacy_s", "spacy_rss_mb",
               "spacy_ratio"]
    row.update({k: before[k] for k in carried if k in before})
    row["notes"].append("cold compile not run (--keep-base): compile figures from "
                        + (str(before.get("measured_at")) if before else "no earlier run"))


def bench_size(size: int, args: argparse.Namespace, say: Any) -> dict[str, Any]:
    base = args.workdir / str(size)
    folder, db = base / "articles", base / "facts.sqlite3"
    keep = args.keep_base and db.exists() and _same_corpus(folder, size, args.seed)
    total_bytes, gen_s = prepare_corpus(folder, size, args.seed)
    row: dict[str, Any] = {"size": size, "bytes": total_bytes, "generate_s": round(gen_s, 2),
                           "seed": args.seed, "cpus": os.cpu_count(), "python": platform.python_version(),
                           "notes": []}
    source = args.workdir / str(args.replicate) / "facts.sqlite3" if args.replicate else None
    if keep:
        _kept_compile(args, size, row)
        say(f"[bold]N={size}[/]: corpus and fact base kept")
    elif source is not None and size > args.replicate and source.exists():
        say(f"[bold]N={size}[/]: fact base replicated from the {args.replicate}-article one (no cold compile)…")
        _replicated(source, folder, db, args, size, row)
    else:
        _cold(folder, db, size, total_bytes, gen_s, row, args, say)
    _warm_figures(folder, db, size, row, args, say)
    for key in REQUIRED:
        row.setdefault(key, None)
    return row


def _replicated(source: Path, folder: Path, db: Path, args: argparse.Namespace, size: int,
                row: dict[str, Any]) -> None:
    """``--replicate M``: the base of this size filled from the compiled M-article one
    (``benchmarks.replicate``), then compiled once so the first measured compile does not pay the
    check of a file changed from outside; the cold compile figures are carried over (or none)."""
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "source.sqlite3"
        shutil.copyfile(source, copy)
        child = run_child([sys.executable, "-m", "benchmarks.replicate", str(copy), str(args.replicate), str(folder),
                           str(db)], timeout=7200)
    if child["rc"] != 0:
        row["notes"].append(f"replicate failed: {child['stderr'].strip().splitlines()[-1:]}")
        return
    run_child([sys.executable, "-m", "facts", "compile", str(folder), "--db", str(db)], timeout=7200)
    _kept_compile(args, size, row)
    row["notes"].append(f"fact base replicated from the {args.replicate}-article base (benchmarks.replicate):"
                        " warm figures on a base of this size and shape, no cold compile")


def _cold(folder: Path, db: Path, size: int, total_bytes: int, gen_s: float, row: dict[str, Any],
          args: argparse.Namespace, say: Any) -> None:
    """Cold compile, the floor and spaCy alone."""
    say(f"[bold]N={size}[/]: corpus {total_bytes / 1e6:.1f} MB ready in {gen_s:.1f}s; cold compile…")
    comp = measure("compile", folder=str(folder), db=str(db))
    if "error" in comp:
        row["notes"].append(f"compile not available: {comp['error']}")
    else:
        secs = comp["compile_s"]
        row.update(compile_s=secs, docs_per_s=size / secs, mb_per_s=total_bytes / 1e6 / secs,
                   peak_rss_mb=comp["child_rss_mb"], compile_self_rss_mb=comp["self_rss_mb"],
                   compile_workers_rss_mb=comp["workers_rss_mb"], added=comp["added"],
                   duplicates=comp["duplicates"], skipped=comp["skipped"], uses_spacy=comp["uses_spacy"])
    floor = measure("floor", folder=str(folder))
    if "error" not in floor:
        row["floor_s"] = floor["floor_s"]
        if "compile_s" in row:
            row["floor_ratio"] = row["compile_s"] / max(floor["floor_s"], 1e-9)
    if "compile_s" in row and (row.get("uses_spacy") or _mentions_spacy()) and not args.skip_spacy:
        say("  spaCy alone…")
        sp = measure("spacy", folder=str(folder), sample=args.spacy_sample, processes=1)
        if "error" in sp:
            row["notes"].append(f"spaCy: {sp['error']}")
        else:
            cores = os.cpu_count() or 1
            row.update(spacy_s=sp["spacy_s"], spacy_rss_mb=sp["child_rss_mb"],
                       spacy_ratio=row["compile_s"] / (sp["spacy_s"] / cores))
            how = (f"sampled {sp['spacy_docs']} docs, extrapolated by bytes" if sp["spacy_sampled"]
                   else "all docs")
            row["notes"].append(f"spaCy alone: 1 process, {how}, divided by {cores} cores for spacy_ratio")


def _warm_figures(folder: Path, db: Path, size: int, row: dict[str, Any], args: argparse.Namespace,
                  say: Any) -> None:
    """Handler latencies, start-up, incremental compile and digest on the compiled base."""
    if db.exists():
        say("  handler latencies…")
        lat = measure("handlers", db=str(db), queries=args.queries, budget_s=args.handler_budget)
        if "error" in lat:
            row["notes"].append(f"handlers: {lat['error']}")
        row.update({k: v for k, v in lat.items() if k not in ("error", "child_rss_mb")})
        row["handlers_rss_mb"] = lat.get("child_rss_mb")
        row.update(startup(db, folder))
        say("  incremental compile and digest…")
        inc = measure("incremental", folder=str(folder), db=str(db), seed=args.seed, index=size)
        if "error" in inc:
            row["notes"].append(f"incremental: {inc['error']}")
        row.update({k: v for k, v in inc.items() if k not in ("error", "child_rss_mb", "self_rss_mb",
                                                                "workers_rss_mb")})


def _mentions_spacy() -> bool:
    """Whether the compiler's sources load spaCy (it may import it only in worker processes)."""
    marks = ("import spacy", "spacy.load", "fr_core_news")
    return any(m in p.read_text(encoding="utf-8") for p in (ROOT / "facts").rglob("*.py") for m in marks)


def _fmt(value: Any, digits: int = 2) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def table(rows: list[dict[str, Any]]) -> Table:
    t = Table(title="Benchmarks (every field: var/bench.json)")
    t.add_column("metric")
    for row in rows:
        t.add_column(f"N={row['size']}", justify="right")
    metrics = ["compile_s", "docs_per_s", "mb_per_s", "peak_rss_mb", "floor_ratio", "spacy_ratio",
               "warmup_s", "incremental_s", "rescan_s", "quick_rescan_s", "digest_s", "startup_s", "rss_mb"]
    metrics += LATENCIES + CHART + ["chart_floor_ms", "chart_floor_ratio", "chart_years"]
    for metric in metrics:
        t.add_row(metric, *[_fmt(r.get(metric)) for r in rows])
    return t


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 1000, 10000])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workdir", type=Path, default=ROOT / "var" / "bench")
    parser.add_argument("--out", type=Path, default=ROOT / "var" / "bench.json")
    parser.add_argument("--queries", type=int, default=300, help="queries per command (cap)")
    parser.add_argument("--handler-budget", type=float, default=5.0, help="seconds per command (cap)")
    parser.add_argument("--spacy-sample", type=int, default=100, help="docs spaCy parses (extrapolated)")
    parser.add_argument("--skip-spacy", action="store_true")
    parser.add_argument("--replicate", type=int, metavar="M",
                        help="sizes above M without a base: fill it from the compiled M-article base instead of a"
                             " cold compile (benchmarks.replicate; M must be measured first)")
    parser.add_argument("--keep-base", action="store_true",
                        help="reuse a compiled base of the same corpus: no cold compile (its figures carried over)")
    args = parser.parse_args(argv)
    if any(n < 1 for n in args.sizes):
        parser.error("sizes must be >= 1")
    console = Console()
    rows = []
    for size in args.sizes:
        row = bench_size(size, args, console.print)
        rows.append(row)
        for note in row["notes"]:
            console.print(f"  [yellow]note[/]: {note}")
        _save(args.out, row)
    console.print(table(rows))
    console.print(f"written to {args.out}")
    return 0


def _save(path: Path, row: dict[str, Any]) -> None:
    """Merge into the JSON object keyed by size, so a run of one size keeps the others."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        data = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    except json.JSONDecodeError:
        data = {}
    data[str(row["size"])] = row | {"measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
