"""/search, /sources and /help: the articles themselves and how to ask about them."""

from __future__ import annotations

from facts.models import Evidence
from facts.store import DocumentRow, document_row, search_terms
from facts.store import pages as sql
from facts.store.pages import MATCHES_COUNTED
from handlers.answers import Answer, More, Section
from handlers.common import View, check_text
from handlers.formatting import SOURCE_TITLE_MAX, articles, echo, shorten, show_date
from handlers.i18n import N_, ntr, number, tr

SEARCH_LIMIT = 15


def search(view: View, text: str) -> Answer:
    bad = check_text(text, N_("search text"), tr("/search drone"))
    if bad:
        return bad
    terms = search_terms(text)
    if not terms:
        return Answer(title=tr("Search text too short"), kind="error",
                      summary=tr("Give a word of at least 2 letters or digits, e.g. `/search drone`."))
    return view.memo(("search", tuple(terms)), lambda: _search(view, text, terms))


def _search(view: View, text: str, terms: list[str]) -> Answer:
    rows = view.search(text, SEARCH_LIMIT * 2)[:SEARCH_LIMIT]
    shown = echo(text)
    if not rows:
        return Answer(title=tr("Search"), kind="not_found",
                      summary=tr("No sentence matches \"{text}\" in the {articles} (accents, case and plurals "
                                 "ignored; words match as prefixes).", text=shown, articles=articles(view.n_articles)))
    total = max(view.count_matches(text), len(rows))
    src = view.sources()
    lines = [f"« {shorten(r.text, 300)} » {src.cite(Evidence(r.doc, ''))}" for r in rows]
    heading, sentences = _counted(total, len(rows))
    return Answer(title=tr("Search: {text} ({heading})", text=shown, heading=heading), sources=src.sources(),
                  summary=tr("{sentences} of the {articles} match \"{text}\"", sentences=sentences,
                             articles=articles(view.n_articles), text=shown)
                  + (tr("; the {n} best are shown", n=len(rows)) if total > len(rows) else "")
                  + tr(". Accents, case and plurals are ignored and words match as prefixes (drone → drones)."),
                  sections=[Section(tr("Matching sentences"), lines)])


def _counted(total: int, shown: int) -> tuple[str, str]:
    """The heading and the count of sentences: past ``MATCHES_COUNTED`` the matches are not
    counted to the end (that cost grew with the corpus), so the answer says "more than"."""
    if total > MATCHES_COUNTED:
        return (tr("showing {n} of more than {total}", n=shown, total=number(MATCHES_COUNTED)),
                tr("more than {n} sentences", n=number(MATCHES_COUNTED)))
    heading = (tr("showing {n} of {total}", n=shown, total=total) if total > shown
               else ntr("{n} match", "{n} matches", total))
    return heading, ntr("{n} sentence", "{n} sentences", total)


def _dated(row: DocumentRow) -> str:
    """'2024-10-28', '2024-10-28 (updated 2024-10-29)', or 'date unknown'."""
    published = show_date(row.published) if row.published else tr("date unknown")
    if row.updated and row.updated != row.published:
        return tr("{date} (updated {updated})", date=published, updated=show_date(row.updated))
    return published


def sources(view: View) -> Answer:
    return view.memo("sources", lambda: _sources(view))


def _source_line(r: DocumentRow) -> str:
    def facts_of(n: int) -> str:
        return ntr("{n} fact", "{n} facts", n)

    # the message is marked outside the f-string: before Python 3.12 the extractor cannot see inside one
    unknown = tr("site unknown")
    return (f"{shorten(r.title or r.name, SOURCE_TITLE_MAX)} — {_dated(r)}"
            f" — {r.source or unknown} — {facts_of(r.fact_count)} ({r.name})")


def _sources(view: View) -> Answer:
    from handlers.paging import LONG

    if view.n_articles > LONG:
        return sources_page(view, 1)
    docs = sorted(view.docs.values(), key=lambda r: (r.published or "", r.name), reverse=True)
    if not docs:
        return Answer(title=tr("Sources"), kind="not_found",
                      summary=tr("No article compiled yet. Put article files in the seeds folder and run "
                                 "`python -m facts compile`."))
    lines = [_source_line(r) for r in docs]
    return Answer(title=tr("Sources"), summary=_sources_summary(view, len(docs)),
                  sections=[Section(tr("Articles"), lines)])


SOURCES_PAGE = 25  # articles on a page of a long /sources


def sources_page(view: View, n: int) -> Answer:
    """Page ``n`` of /sources over more than ``paging.LONG`` articles, newest first: the rows of
    that page only, read when it is shown."""
    total = view.n_articles
    pages = -(-total // SOURCES_PAGE)
    if not 1 <= n <= pages:
        return Answer(title=tr("Sources"), kind="not_found", summary=tr("No page {n}: this answer has {pages}.", n=n,
                                                                      pages=ntr("{n} page", "{n} pages", pages)))
    rows = view.snapshot.read(lambda s: sql.documents_page(s, (n - 1) * SOURCES_PAGE, SOURCES_PAGE))
    lines = [_source_line(document_row(r)) for r in rows]
    summary = _sources_summary(view, total) if n == 1 else tr("{what}, {first} to {last} of {total}.", what=tr(
        "Articles"), first=(n - 1) * SOURCES_PAGE + 1, last=(n - 1) * SOURCES_PAGE + len(lines), total=total)
    return Answer(title=tr("Sources"), summary=summary, sections=[Section(tr("Articles"), lines)],
                  more=More(("sources",), pages, n))


def _sources_summary(view: View, n: int) -> str:
    other = view.snapshot.n_not_used
    summary = tr("{articles} compiled, newest first.", articles=articles(n))
    if other:
        summary += " " + ntr("{n} file not used (duplicates or unreadable).",
                             "{n} files not used (duplicates or unreadable).", other)
    return summary


# Every command: what it does, its options, examples. /help lists the first lines; /help <command>
# shows one command whole. The digest is Discord-only (a server's channel); the console has its own.
COMMAND_HELP: dict[str, tuple[str, list[str], list[str]]] = {
    "partner": (N_("/partner <country> — Morocco's cooperation with a country: acquisitions, dated events, sources."),
                [N_("country — a name in English or French, a demonym, an ISO code or a flag (Turkey, Turquie, turc, "
                 "TR, 🇹🇷); a manufacturer stands for its country (Lockheed Martin → United States)")],
                [N_("/partner Turkey"), N_("/partner Israël"), N_("/partner Lockheed Martin")]),
    "budget": (N_("/budget [year] — the defence budget for a year and its change on the previous known year; "
               "no year gives every year, with a chart (PNG) when two or more years are known."),
               [N_("year — 1900 to 2100, or in the console: this year, next year, l'an dernier")],
               [N_("/budget 2025"), N_("/budget"), N_("/budget next year")]),
    "acquisitions": (N_("/acquisitions [supplier] [category] [maker] — systems bought, newest first by their own "
                        "year."),
                     [N_("supplier — a country (optional)"),
                      N_("category — drone, aircraft, helicopter, air-defence, … (optional)"),
                      N_("maker — a manufacturer, e.g. Lockheed Martin, Baykar (optional)")],
                     [N_("/acquisitions Israel drone"), N_("/acquisitions maker:Baykar"),
                      N_("/acquisitions category:aircraft")]),
    "timeline": (N_("/timeline [partner or year] — dated events in order, with a partner or in a year or range."),
                 [N_("partner — a country, or a year (2021) or a range (2019-2021) (optional)")],
                 [N_("/timeline India"), N_("/timeline 2021"), N_("/timeline 2019-2021")]),
    "search": (N_("/search <text> — sentences of the articles that contain every word (accents, case and plurals "
               "ignored; words match as prefixes: drone → drones, TOW → TOW2A)."),
               [N_("text — one or more words of at least 2 letters or digits")],
               [N_("/search helicoptere"), N_("/search TOW"), N_("/search Barak MX")]),
    "ask": (N_("/ask <question> — a plain question in French or English, routed to the right command; the answer "
            "says how it was understood. In the console, any line without a slash is a question."),
            [N_("question — up to 200 characters")],
            [N_("/ask what did Morocco buy from Israel?"), N_("/ask Quel est le budget de la défense en 2025 ?"),
             N_("/ask Turquie")]),
    "sources": (N_("/sources — the compiled articles: title, date, site, number of facts."), [], [N_("/sources")]),
    "digest": (N_("/digest now · /digest channel <channel> · /digest language <language> — (Discord, server "
                  "managers) post what is new in the articles folder now, choose this server's digest channel, or "
                  "its language (by default the server's own)."),
               [N_("channel — a text channel of this server (/digest channel)"),
                N_("language — English, Français, or the server's own language (/digest language)")],
               [N_("/digest now"), N_("/digest channel #defence"), N_("/digest language Français")]),
    "article": (N_("/article add <file or url> — (Discord, members who may add articles) save an article into the "
                "articles folder, compile it at once and answer privately with what it holds; the digest posts it."),
                [N_("file — a .txt, .html, .htm or .md attachment"), N_("url — the address of a web page")],
                [N_("/article add url:https://example.org/maroc-defense"), N_("/article add file:article.html")]),
    "feed": (N_("/feed add|remove|list — (Discord, server managers) the news feeds this server follows; their new "
             "entries are stored as articles and posted by the digest."),
             [N_("url — the address of an RSS or Atom feed (add, remove)")],
             [N_("/feed add url:https://example.org/rss"), N_("/feed list")]),
    "help": (N_("/help [command] — this message, or one command with its options and examples."),
             [N_("command — a command name (optional)")], [N_("/help"), N_("/help partner")]),
}
HELP_LINES = [entry[0] for entry in COMMAND_HELP.values()]  # English; ``tr`` each line to show it


def help_answer(view: View, command: str | None = None) -> Answer:
    if command is not None and command.strip():
        return _help_command(command)
    return view.memo("help", lambda: _help(view))


def _help_command(command: str) -> Answer:
    from rapidfuzz import process

    from handlers.dispatch import ALIASES

    key = command.strip().lstrip("/").split(" ")[0].casefold()
    key = ALIASES.get(key, key)  # the French names: /aide partenaire
    if key not in COMMAND_HELP:
        close = process.extractOne(key, list(COMMAND_HELP), score_cutoff=60)
        if close is None:
            return Answer(title=tr("Unknown command"), kind="error",
                          summary=tr("No command called \"{text}\". Commands: {names}.", text=echo(command, 40),
                                     names=", ".join("/" + c for c in COMMAND_HELP)))
        key = close[0]
    line, opts, examples = COMMAND_HELP[key]
    sections = (([Section(tr("Options"), [tr(o) for o in opts])] if opts else [])
                + [Section(tr("Examples"), [tr(e) for e in examples])])
    return Answer(title=tr("Help: /{command}", command=key), kind="help", summary=tr(line), sections=sections)


def _help(view: View) -> Answer:
    partners = view.partner_counts()
    # counted in the base (claims as /acquisitions lists them), not by loading every fact
    counts = {"acquisition": view.claim_count(), "budget": view.kind_count("budget"),
              "event": view.kind_count("event")}
    summary = tr("I answer from {articles} on Morocco's defence cooperation: {partners}, {acquisitions}, "
                 "{budgets}, {events}. Every claim cites its article [n] with the sentence it comes from. "
                 "`/help <command>` shows a command's options and examples.",
                 articles=articles(view.n_articles),
                 partners=ntr("{n} partner", "{n} partners", len(partners)),
                 acquisitions=ntr("{n} acquisition", "{n} acquisitions", counts["acquisition"]),
                 budgets=ntr("{n} budget figure", "{n} budget figures", counts["budget"]),
                 events=ntr("{n} dated event", "{n} dated events", counts["event"]))
    return Answer(title=tr("Help"), kind="help", summary=summary,
                  sections=[Section(tr("Commands"), [tr(line) for line in HELP_LINES])])
