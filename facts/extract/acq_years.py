"""The year of an acquisition: its own time complements, a date that opens or reports the sentence, the
year of the news for a headline or a lead that tells what just happened, and never a date that belongs to
another clause (a source, a relative about what is already there) or a decade.
"""

from __future__ import annotations

import re

from .. import lexicon as lx
from .context import Context, SentenceInfo
from .framelex import frame_lexicon
from .frames import FrameHit
from .mentions import equipment_nouns, maker_countries

# the furthest a deal went; a donation stays one once received, and a cancellation ends it


_WORDS = lx.grammar()


# the frame's complements of time: 'en 2020', 'by 2025', and those the parser labels oblique or modifier
TIME_MARKERS = frozenset(
    [*_WORDS["time_markers"]["fr"], *_WORDS["time_markers"]["en"], "obl:mod", "obl", "advmod", "nmod"]
)


# a year written alone, but not a decade ("à partir des années 1980"): one fixed-width look-behind per word
_NOT_A_DECADE = "".join(f"(?<!{re.escape(w)} )" for w in _WORDS["decade_words"]["fr"] + _WORDS["decade_words"]["en"])


BARE_YEAR = re.compile(r"(?<![\w-])" + _NOT_A_DECADE + r"((?:19|20)\d\d)(?![\w-])")


YEAR = re.compile(r"\b(?:(?:en|in|depuis|since|des|courant|au cours de|of|fin|debut)\s+|mi-|mid-)((?:19|20)\d\d)\b")


def year(ctx: Context, info: SentenceInfo, hit: FrameHit) -> int | None:
    """A year the frame's own time complements give ('en 2020', 'En juin 2020,'), or one leading
    the sentence; never a date that belongs to another clause ('selon un rapport publié en 2019')."""
    # "signé le 10 février 2025 un contrat"; not for what is still to come ("Inaugurée ce 23 septembre, l'usine
    # … assemblera des véhicules": the day is the plant's)
    governors = [] if hit.pred.future else hit.governors
    args = list(hit.pred.args) + [a for g in governors for a in g.args]
    spans = [(a.start, a.end) for a in args if a.marker in TIME_MARKERS or a.marker.startswith("obl")]
    own = len([a for a in hit.pred.args if a.marker in TIME_MARKERS or a.marker.startswith("obl")])
    # the frame's own complements first: "fait ses essais le 17 avril 2013, avant d'être transférée … le 30
    # janvier 2014"
    for group in (spans[:own], spans[own:]):
        for d in info.dates:
            if d.resolved and any(s <= d.start < e for s, e in group) and not _ABSOLUTE.search(info.folded[: d.start]):
                return int(d.resolved[:4])
    for start, end in spans:
        m = BARE_YEAR.search(info.folded, start, end)
        if m and not _inside_clause(info.folded[start : m.start()]) and not _ABSOLUTE.search(info.folded[: m.start()]):
            return int(m.group(1))
    lead = re.match(r"\s*(?:en|in|courant|depuis|des|au cours de|fin|debut)\s+((?:19|20)\d\d)\s*,", info.folded)
    if lead:
        return int(lead.group(1))
    opening = _opening_date(info)
    if opening is not None:  # "On Tuesday, 18 November 2025, … announced the signing of an agreement"
        return opening
    relative = _date_of_the_clause(info, hit)
    if relative is not None:
        return relative
    years = {m.group(1) for m in YEAR.finditer(info.folded) if not _inside_clause(info.folded[: m.start()])}
    if not years:  # "transferred ownership of 21 vehicles … on May 6" on a page dated May 8, 2020
        told = min([hit.pred.start] + [g.start for g in governors])  # not "Inaugurée ce 23 septembre, …"
        years = {d.resolved[:4] for d in info.dates
                 if d.resolved and d.day and d.start > told and not _inside_clause(info.folded[: d.start])}
    if len(years) == 1:  # one year in the sentence, in no other clause
        return int(years.pop())
    return None if years or _names_a_year(info) else _year_of_the_order_told_before(ctx, info, hit)


def _year_of_the_order_told_before(ctx: Context, info: SentenceInfo, hit: FrameHit) -> int | None:
    """'L'une des grandes commandes passées par les FAR auprès des Turcs remonte à janvier 2024. L'armée
    a ainsi acquis 200 véhicules Cobra 2': a purchase the sentence before dates with no equipment named,
    from the same seller, is this one."""
    prev = ctx.previous(info)
    if (prev is None or hit.pred.future or hit.pred.modal or info.sentence.para - prev.sentence.para > 1
            or (hit.status or hit.spec.status) not in NEWS_STATUSES):
        return None
    if prev.systems or equipment_nouns().search(prev.folded):
        return None  # "Rabat also procured 120 drones … Morocco has also procured the Barak 8": another purchase
    sellers = _sellers(hit)
    for told in prev.frames.hits:
        if (told.spec.status and told.spec.name not in STANDING_FRAMES and not told.items and not told.item_anaphor
                and not told.negated and not told.pred.future
                and any(a.is_morocco for a in told.actors("recipient")) and sellers and _sellers(told) == sellers):
            found = year(ctx, prev, told)
            # "… remonte au mois de janvier 2024": a sentence that only dates the order, its one year
            years = {d.resolved[:4] for d in prev.dates if d.resolved and not _inside_clause(prev.folded[: d.start])}
            return found if found is not None or len(years) != 1 else int(years.pop())
    return None


def _sellers(hit: FrameHit) -> set[str]:
    """The countries that sell what the frame tells: its supplier or origin named, else its items' makers'."""
    named = {a.country for a in hit.actors("supplier") + hit.origins if a.country and not a.is_morocco}
    makers = maker_countries()
    return named or {makers[s.manufacturer] for s in hit.items if s.manufacturer in makers}


_RELATIVES = re.compile(
    r"\s*,?\s*(?:" + lx.alternation([*_WORDS["date_relatives"]["fr"], *_WORDS["date_relatives"]["en"]]) + r")(?![\w])")


_REPORTED = re.compile(
    r"\s*,?\s*(?:" + lx.alternation([*_WORDS["date_reported"]["fr"], *_WORDS["date_reported"]["en"]]) + r")(?![\w])")


def _date_of_the_clause(info: SentenceInfo, hit: FrameHit) -> int | None:
    """'The agreement dates to September 30, 2024, when TASL and Moroccan counterparts inked a deal for
    WhAP assembly': a clause opened by 'when' / 'lorsque' right after a date is told at that date. So is
    a clause reported right after the full date of its report ('announced on November 20, 2019, that
    approval had been granted for the sale'), unless it tells what is still to come."""
    for d in info.dates:
        m = _RELATIVES.match(info.folded, d.end)
        if m is None and d.day and d.year and not hit.pred.future and not hit.pred.modal:
            m = _REPORTED.match(info.folded, d.end)
        if d.resolved and m and m.end() <= hit.pred.start and not any(
                d.end < e.start < hit.pred.start for e in info.dates):
            return int(d.resolved[:4])
    return None


NEWS_STATUSES = ("ordered", "approved", "delivered", "donated")


def news_year(ctx: Context, info: SentenceInfo, hit: FrameHit) -> int | None:
    """The headline or the lead paragraph of a dated article telling, with no date of its own, what
    has just happened ('Le Maroc commande dix H225M', 'Washington has approved the sale'): the year
    of the article. Never for a future, a wish, a pluperfect ('avait commandé') or a sentence that
    names any year (it belongs to one of those)."""
    published = ctx.article.published or ctx.article.month  # "Morocco World News — 2020-04": the page's month
    status = hit.status or hit.spec.status or "ordered"
    if not published or status not in NEWS_STATUSES or _names_a_year(info):
        return None
    preds = [hit.pred, *hit.governors]
    if _purpose_of_a_deal(hit):  # "has been contracted to supply": the news is the contract
        preds = [p for p in preds if p is not hit.pred and not (p.future and p.kind == "frame" and p.pos == "verb")]
    if any(p.future or p.modal or p.earlier for p in preds) or hit.spec.name in STANDING_FRAMES:
        return None
    if info.sentence.section == "title":
        return int(published[:4])
    paras = ctx.telling_paragraphs
    lead = info.sentence.section == "body" and bool(paras) and info.sentence.para == paras[0]
    # in the body, an event told by its verb ('a reçu', 'has signed a deal for'); a noun alone
    # ('l'acquisition éventuelle') may be talk
    told = hit.pred.pos == "verb" or bool(hit.governors) and hit.governors[0].pos == "verb" and \
        hit.governors[0].kind in ("light", "frame")  # not "ont discuté de l'acquisition éventuelle"
    # "En outre, le département d'État a approuvé la vente … de bombes AGM-154": a further approval
    # of the same news, when the lead tells an approval too
    approved = hit.pred.pos == "verb" or bool(hit.governors) and hit.governors[0].pos == "verb"  # "a approuvé la vente"
    further = status == "approved" and approved and _lead_tells_approval(ctx, paras[:2])
    return int(published[:4]) if lead and told or further else None


def _names_a_year(info: SentenceInfo) -> bool:
    """A year outside the systems' names ('36 Atmos 2000 self-propelled guns' names none)."""
    return any(not any(s.start <= m.start() < s.end for s in info.systems) for m in BARE_YEAR.finditer(info.folded))


def _purpose_of_a_deal(hit: FrameHit) -> bool:
    """'IAI has been contracted by Morocco to supply its Barak MX', 'a signé un contrat pour livrer': what is
    to come is the content of an order told as done ('securing a deal to acquire 36 Atmos'), not a plan."""
    if not hit.pred.future or not hit.governors:
        return False
    above = hit.governors[0]
    spec = frame_lexicon().frames.get(above.trigger.name) if above.kind == "frame" else None
    return not above.future and spec is not None and spec.status in ("ordered", "approved")


def _lead_tells_approval(ctx: Context, paras: list[int]) -> bool:
    """The title or the first two paragraphs (the first is often a standfirst) tell an approval."""
    return any((h.status or h.spec.status) == "approved" for i in ctx.infos
               if i.sentence.section == "title" or i.sentence.section == "body" and i.sentence.para in paras
               for h in i.frames.hits)


STANDING_FRAMES = ("customer", "supplier_of")  # 'the largest importers': a state of affairs, not news


_OPENERS = frozenset(["", *_WORDS["date_openers"]["fr"], *_WORDS["date_openers"]["en"]])  # "" : the date opens it


def _opening_date(info: SentenceInfo) -> int | None:
    """The year of a date that opens the sentence and is closed by a comma: a full date ("On Tuesday,
    18 November 2025,"), a month written with its year ("In July 2022,", "Fin juin 2020,") or a
    weekday or a month the page's date placed ("On Thursday,", "In January,")."""
    for d in info.dates:
        opener = info.folded[: d.start].strip()
        closed = info.folded[d.end : d.end + 2].strip().startswith(",")
        # "On Thursday,", "In January," of a dated page: the page's date placed them
        placed = (d.weekday is not None or d.month is not None) and len(d.resolved or "") >= 7
        if d.resolved and (d.day or d.year or placed) and closed and opener in _OPENERS:
            return int(d.resolved[:4])
    return None


def _inside_clause(before: str) -> bool:
    """The year belongs to another clause: a source ('selon un rapport publié en 2019') or a
    relative clause about what is already there ('la flotte, qui exploite déjà des drones livrés en 2021')."""
    # "Selon les mêmes sources, l'une des commandes … remonte à janvier 2024": a source that opens the
    # sentence and is closed by a comma is over before the date
    opened = _OPENING_SOURCE.match(before)
    return bool(_SOURCE.search(before[opened.end() if opened else 0 :]) or _ALREADY_THERE.search(before)
                or _ABSOLUTE.search(before))


_OTHER = _WORDS["another_clause"]


_SOURCE = re.compile(rf"\b(?:{lx.alternation(_OTHER['sources'])})\w*\b")


_OPENING_SOURCE = re.compile(rf"\s*(?:{lx.alternation(_OTHER['sources'])})\w*\b[^,;.]{{0,60}},")


_ABSOLUTE = re.compile(rf",\s*(?:\S+\s+){{1,3}}(?:{lx.alternation(_OTHER['absolute'])})\b[^,;.]*$")


_ALREADY_THERE = re.compile(
    rf"\b(?:{lx.alternation(_OTHER['relatives'])})\b[^,;.]*\b(?:{lx.alternation(_OTHER['already'])})\b"
)
