"""Small but real articles for the reliability tests, from the benchmark generator.

``benchmarks/corpus.py`` writes realistic French articles (title, date line, paragraphs with
partners, systems, quantities, budgets). The tests keep each article's title, date line and the
first two sentences of its first paragraph: nearly as many facts, a tenth of the extraction
time, so a 2 000-article compile fits in a test run.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

from benchmarks.corpus import article

LINES_KEPT = 5  # title, blank, date line, blank, first paragraph
SENTENCES_KEPT = 2


def small_articles(count: int, *, seed: int = 11, start: int = 0, distinct: bool = True) -> list[tuple[str, bytes]]:
    """(file name, bytes) of ``count`` short articles; ``distinct`` drops re-published copies."""
    out: list[tuple[str, bytes]] = []
    seen: set[bytes] = set()
    index = start
    while len(out) < count:
        item = article(seed, index)
        index += 1
        lines = item.text.split("\n")[:LINES_KEPT]
        lines[-1] = " ".join(re.split(r"(?<=[.!?]) ", lines[-1])[:SENTENCES_KEPT])
        text = "\n".join(lines).strip() + "\n"
        data = text.encode(item.encoding)
        body = text.split("\n", 1)[-1].encode()
        if distinct and body in seen:
            continue
        seen.add(body)
        out.append((item.name, data))
    return out


def write_articles(folder: Path, articles: list[tuple[str, bytes]], *, age: float = 600.0) -> list[Path]:
    """Write whole files with an mtime ``age`` seconds ago (finished copies, not files being written)."""
    folder.mkdir(parents=True, exist_ok=True)
    old = time.time() - age
    paths = []
    for name, data in articles:
        path = folder / name
        path.write_bytes(data)
        os.utime(path, (old, old))
        paths.append(path)
    return paths
