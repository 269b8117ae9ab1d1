"""Deterministic generator of realistic French defence articles for the benchmarks.

``python -m benchmarks.corpus N DIR [--seed S]`` writes N files shaped like the seeds:
title line, optional date line, body paragraphs, site furniture and related-article
teasers. Article ``i`` depends only on ``(seed, i)``, so a 1 000-article corpus is the
first 1 000 files of the 10 000 one and ``article(seed, N)`` is a fresh "next" article.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .french import MONTHS, adjective, country
from .templates import (
    ACQUISITION,
    AGREEMENT,
    DELIVERY,
    EXERCISE,
    MEETING,
    SUPPLIERS,
    VISITORS,
    Scene,
    budget_sentences,
    filler,
    new_scene,
    quote,
    slots,
    trap,
)

KINDS = ["acquisition", "acquisition", "acquisition", "delivery", "meeting", "meeting", "agreement",
         "exercise", "budget", "budget"]
SITES = ["bladi", "bladi", "releve", "newsroom", "plain"]
SOURCES = ["lareleve.ma", "le360.ma", "fr.hespress.com", "lematin.ma", "h24info.ma", "telquel.ma",
           "maroc-diplomatique.net", "barlamane.com"]
VERSION = 3  # bump when the output changes: benchmark corpora on disk are regenerated
MAX_BYTES = 9000  # the seeds run from 2.7 to 8.7 KB
DUPLICATE_RATE = 0.005  # re-published articles: the compiler must notice them


@dataclass(frozen=True)
class Article:
    name: str
    text: str
    encoding: str = "utf-8"


TITLES: dict[str, list[str]] = {
    "acquisition": ["Le Maroc s'offre {qty} {sys}", "Armement : Rabat commande des {sys} {adj}",
                    "Les FAR se dotent de {noun_pl} {sys}", "{maker} décroche un contrat au Maroc",
                    "Défense : le Maroc mise sur les {sys} {of_maker}"],
    "delivery": ["Le Maroc réceptionne ses premiers {sys}", "Livraison de {sys} aux Forces armées royales",
                 "Les {sys} {of_maker} arrivent au Maroc"],
    "meeting": ["Le Maroc et {p_the} renforcent leur coopération militaire",
                "Coopération militaire : Rabat reçoit une délégation {p_adj_f}",
                "Défense : entretiens maroco-{short} à {place}"],
    "agreement": ["Le Maroc et {p_the} signent un accord de défense", "Accord militaire entre Rabat et {cap}",
                  "Défense : un nouvel accord-cadre {p_with}"],
    "exercise": ["{exercise} : les FAR s'entraînent {p_with}", "Coup d'envoi de l'exercice {exercise}",
                 "Manœuvres conjointes au Maroc : {exercise}"],
    "budget": ["PLF {budget_year} : le budget de la défense en hausse",
               "Armée marocaine : un budget record pour {budget_year}", "Le Maroc augmente ses dépenses militaires"],
}


def _partner(rng: random.Random, kind: str) -> str:
    if kind in ("acquisition", "delivery") or rng.random() < 0.6:
        return rng.choice(SUPPLIERS)
    return rng.choice(VISITORS)


def _lead(s: Scene, kind: str) -> list[str]:
    """The paragraph that carries the article's main facts."""
    if kind == "budget":
        return budget_sentences(s)
    table = {"acquisition": ACQUISITION, "delivery": DELIVERY, "meeting": MEETING,
             "agreement": AGREEMENT, "exercise": EXERCISE}[kind]
    extra = {"qty_words": s.pick(["mille", "deux mille", "cinq mille", "800", "1 500", "3 000"])}
    values = slots(s) | extra
    chosen = s.rng.sample(table, k=min(len(table), s.rng.randint(2, 3)))
    return [(t.format(**values)[0].upper() + t.format(**values)[1:]) for t in chosen]


def _title(s: Scene, kind: str) -> str:
    values = slots(s) | {"short": adjective(s.partner, False, False) or country(s.partner).name}
    text = s.pick(TITLES[kind]).format(**values)
    return text[0].upper() + text[1:]


def _date_line(s: Scene, site: str) -> str | None:
    d = s.published
    hour = f"{s.rng.randint(6, 22):02d}h{s.rng.choice(['00', '05', '20', '30', '45', '52'])}"
    if site == "bladi":
        initials = f"{s.pick('ABCHIKLMNSY')}.{s.pick('ABCDEHKLMST')}"
        return f"{d.day} {MONTHS[d.month - 1]} {d.year} - {hour} - Maroc - Ecrit par : {initials}"
    if site == "newsroom":
        day = f"{d.day:02d}/{d.month:02d}/{d.year}"
        return s.pick([f"Publié le {day} à {hour}", f"le {day} à {hour}", f"Publié le {day}"])
    return None


def _teasers(rng: random.Random, seed: int, index: int, count: int, budget: int = 10**6) -> list[str]:
    """Title + summary pairs of other (imaginary) articles, as related-article blocks show them.

    Stops before the pairs would pass ``budget`` bytes, so articles stay within seed-like sizes.
    """
    lines: list[str] = []
    for k in range(count):
        t_rng = random.Random(f"{seed}:teaser:{index}:{k}")
        kind = t_rng.choice(KINDS)
        s = _scene(t_rng, kind, dated=False)
        summary = " ".join(_lead(s, kind)[:2])
        if t_rng.random() < 0.5:
            summary = summary[: t_rng.randint(120, max(121, len(summary) - 1))].rstrip() + "..."
        pair = [_title(s, kind), summary]
        budget -= sum(len(x.encode()) + 2 for x in pair)
        if budget < 0:
            break
        lines += pair
    return lines


def _scene(rng: random.Random, kind: str, dated: bool) -> Scene:
    published = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randint(0, 4000))
    return new_scene(rng, _partner(rng, kind), published, dated)


def _body(s: Scene, kind: str, target: int) -> list[str]:
    """Lead with the facts, then at most one quote, trap and budget aside, then context to length."""
    paragraphs = [" ".join(_lead(s, kind))]
    asides: list[Callable[[Scene], str]] = []
    if s.rng.random() < 0.5:
        asides.append(quote)
    if s.rng.random() < 0.3:
        asides.append(trap)
    if kind != "budget" and s.rng.random() < 0.15:
        asides.append(lambda sc: " ".join(budget_sentences(sc)))
    s.rng.shuffle(asides)
    while sum(len(p) for p in paragraphs) < target or asides:
        sentences = [filler(s) for _ in range(s.rng.randint(1, 4))]
        if asides:
            sentences.insert(s.rng.randint(0, len(sentences)), asides.pop()(s))
        paragraphs.append(" ".join(sentences))
    return paragraphs


def article(seed: int, index: int) -> Article:
    """Article ``index`` of the corpus for ``seed`` (independent of how many are generated)."""
    rng = random.Random(f"{seed}:article:{index}")
    if index > 0 and rng.random() < DUPLICATE_RATE:
        original = article(seed, rng.randrange(index))
        return Article(f"{index:06d}_{rng.getrandbits(64):016x}.txt", original.text, original.encoding)
    kind, site = rng.choice(KINDS), rng.choice(SITES)
    s = _scene(rng, kind, dated=site in ("bladi", "newsroom"))
    target = int(rng.triangular(1800, 6500, 2500))
    title = _title(s, kind)
    body = _body(s, kind, target)
    text = _assemble(rng, seed, index, site, title, _date_line(s, site), body, s.partner)
    encoding = "cp1252" if rng.random() < 0.02 and _encodable(text) else "utf-8"
    if rng.random() < 0.03:
        text = text.replace("\n", "\r\n")
    return Article(f"{index:06d}_{rng.getrandbits(64):016x}.txt", text, encoding)


def _encodable(text: str) -> bool:
    try:
        text.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


def _assemble(rng: random.Random, seed: int, index: int, site: str, title: str, date_line: str | None,
              body: list[str], partner: str) -> str:
    if site == "plain":
        return f"{title}\n" + " ".join(body)
    parts = [title, ""]
    if date_line:
        parts += [date_line, ""]
    if site == "newsroom" and rng.random() < 0.5:
        parts += [f"Par {rng.choice(['la rédaction', 'M. Kettani', 'S. Amrani', 'Y. Naciri'])}", ""]
    for k, paragraph in enumerate(body):
        parts += [paragraph, ""]
        if site == "bladi" and k == 0 and rng.random() < 0.4:
            parts += ["A lire : " + _teasers(rng, seed, index + 10**7, 1)[0], ""]
    if site == "bladi":
        parts += ["Bladi.net Google News Suivez bladi.net sur Google News", "",
                  "Bladi.net sur WhatsApp Suivez bladi.net sur WhatsApp", "",
                  f"Sujets associés : {country(partner).name} - Défense - Armement", ""]
        first = _teasers(rng, seed, index, rng.randint(2, 4), MAX_BYTES - _size(parts) - 300)
        parts += ["Aller plus loin", ""] + _spaced(first)
        parts += ["Ces articles devraient vous intéresser :", ""]
        second = _teasers(rng, seed, index + 5 * 10**6, rng.randint(3, 8), MAX_BYTES - _size(parts) - 100)
        parts += _spaced(second)
    elif site == "releve":
        parts += [f"Source de l’article : {rng.choice(SOURCES)}", "", "", "", "Laisser un commentaire"]
    else:
        parts += ["Partager cet article", "Facebook Twitter WhatsApp", ""]
        teasers = _teasers(rng, seed, index, rng.randint(0, 3), MAX_BYTES - _size(parts) - 100)
        parts += ["Lire aussi", ""] + _spaced(teasers)
    return "\n".join(parts).rstrip("\n") + ("" if site == "releve" else "\n")


def _size(lines: list[str]) -> int:
    return sum(len(line.encode()) + 1 for line in lines)


def _spaced(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        out += [line, ""]
    return out


def write_corpus(count: int, folder: Path, seed: int = 0, start: int = 0) -> list[Path]:
    """Write articles ``start .. start+count-1`` into ``folder``; returns the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(start, start + count):
        item = article(seed, index)
        path = folder / item.name
        path.write_bytes(item.text.encode(item.encoding))
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.corpus", description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, help="number of articles")
    parser.add_argument("folder", type=Path, help="where to write them (created if missing)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    if args.count < 0:
        parser.error("count must be >= 0")
    paths = write_corpus(args.count, args.folder, args.seed)
    size = sum(p.stat().st_size for p in paths)
    print(f"wrote {len(paths)} articles ({size / 1e6:.1f} MB) to {args.folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
