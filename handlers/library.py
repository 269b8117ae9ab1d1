"""/search, /sources and /help: the articles themselves and how to ask about them."""

from __future__ import annotations

from facts.models import Evidence
from facts.store import DocumentRow, search_terms
from handlers.answers import Answer, Section
from handlers.common import View, check_text
from handlers.formatting import SOURCE_TITLE_MAX, articles, echo, plural, shorten

SEARCH_LIMIT = 15


def search(view: View, text: str) -> Answer:
    bad = check_text(text, "search text", "/search drone")
    if bad:
        return bad
    terms = search_terms(text)
    if not terms:
        return Answer(title="Search text too short", kind="error",
                      summary="Give a word of at least 2 letters or digits, e.g. `/search drone`.")
    return view.memo(("search", tuple(terms)), lambda: _search(view, text, terms))


def _search(view: View, text: str, terms: list[str]) -> Answer:
    rows = view.search(text, SEARCH_LIMIT * 2)[:SEARCH_LIMIT]
    shown = echo(text)
    if not rows:
        return Answer(title="Search", kind="not_found",
                      summary=f"No sentence matches \"{shown}\" in the {articles(view.n_articles)} "
                      "(accents, case and plurals ignored; words match as prefixes).")
    total = max(view.count_matches(text), len(rows))
    src = view.sources()
    lines = [f"« {shorten(r.text, 300)} » {src.cite(Evidence(r.doc, ''))}" for r in rows]
    heading = f"showing {len(rows)} of {total}" if total > len(rows) else f"{total} match{'' if total == 1 else 'es'}"
    return Answer(title=f"Search: {shown} ({heading})", sources=src.sources(),
                  summary=f"{plural(total, 'sentence')} of the {articles(view.n_articles)} match \"{shown}\""
                  + (f"; the {len(rows)} best are shown" if total > len(rows) else "")
                  + ". Accents, case and plurals are ignored and words match as prefixes (drone → drones).",
                  sections=[Section("Matching sentences", lines)])


def _dated(row: DocumentRow) -> str:
    """'2024-10-28', '2024-10-28 (updated 2024-10-29)', or 'date unknown'."""
    published = row.published or "date unknown"
    return f"{published} (updated {row.updated})" if row.updated and row.updated != row.published else published


def sources(view: View) -> Answer:
    return view.memo("sources", lambda: _sources(view))


def _sources(view: View) -> Answer:
    docs = sorted(view.docs.values(), key=lambda r: (r.published or "", r.name), reverse=True)
    if not docs:
        return Answer(title="Sources", kind="not_found",
                      summary="No article compiled yet. Put article files in the seeds folder and run "
                      "`python -m facts compile`.")
    lines = [f"{shorten(r.title or r.name, SOURCE_TITLE_MAX)} — {_dated(r)}"
             f" — {r.source or 'site unknown'} — {plural(r.fact_count, 'fact')} ({r.name})"
             for r in docs]
    other = view.snapshot.n_not_used
    summary = f"{articles(len(docs))} compiled, newest first."
    if other:
        summary += f" {plural(other, 'file')} not used (duplicates or unreadable)."
    return Answer(title="Sources", summary=summary, sections=[Section("Articles", lines)])


# Every command: what it does, its options, examples. /help lists the first lines; /help <command>
# shows one command whole. The digest is Discord-only (a server's channel); the console has its own.
COMMAND_HELP: dict[str, tuple[str, list[str], list[str]]] = {
    "partner": ("/partner <country> — Morocco's cooperation with a country: acquisitions, dated events, sources.",
                ["country — a name in English or French, a demonym, an ISO code or a flag (Turkey, Turquie, turc, "
                 "TR, 🇹🇷); a manufacturer stands for its country (Lockheed Martin → United States)"],
                ["/partner Turkey", "/partner Israël", "/partner Lockheed Martin"]),
    "budget": ("/budget [year] — the defence budget for a year and its change on the previous known year; "
               "no year gives every year, with a chart (PNG) when two or more years are known.",
               ["year — 1900 to 2100, or in the console: this year, next year, l'an dernier"],
               ["/budget 2025", "/budget", "/budget next year"]),
    "acquisitions": ("/acquisitions [supplier] [category] [maker] — systems bought, newest first by their own year.",
                     ["supplier — a country (optional)", "category — drone, aircraft, helicopter, air-defence, … "
                      "(optional)", "maker — a manufacturer, e.g. Lockheed Martin, Baykar (optional)"],
                     ["/acquisitions Israel drone", "/acquisitions maker:Baykar", "/acquisitions category:aircraft"]),
    "timeline": ("/timeline [partner or year] — dated events in order, with a partner or in a year or range.",
                 ["partner — a country, or a year (2021) or a range (2019-2021) (optional)"],
                 ["/timeline India", "/timeline 2021", "/timeline 2019-2021"]),
    "search": ("/search <text> — sentences of the articles that contain every word (accents, case and plurals "
               "ignored; words match as prefixes: drone → drones, TOW → TOW2A).",
               ["text — one or more words of at least 2 letters or digits"],
               ["/search helicoptere", "/search TOW", "/search Barak MX"]),
    "ask": ("/ask <question> — a plain question in French or English, routed to the right command; the answer "
            "says how it was understood. In the console, any line without a slash is a question.",
            ["question — up to 200 characters"],
            ["/ask what did Morocco buy from Israel?", "/ask Quel est le budget de la défense en 2025 ?",
             "/ask Turquie"]),
    "sources": ("/sources — the compiled articles: title, date, site, number of facts.", [], ["/sources"]),
    "digest": ("/digest now · /digest channel <channel> — (Discord, server managers) post what is new in the "
               "articles folder now, or choose this server's digest channel.",
               ["channel — a text channel of this server (/digest channel)"],
               ["/digest now", "/digest channel #defence"]),
    "article": ("/article add <file or url> — (Discord, members who may add articles) save an article into the "
                "articles folder, compile it at once and answer privately with what it holds; the digest posts it.",
                ["file — a .txt, .html, .htm or .md attachment", "url — the address of a web page"],
                ["/article add url:https://example.org/maroc-defense", "/article add file:article.html"]),
    "feed": ("/feed add|remove|list — (Discord, server managers) the news feeds this server follows; their new "
             "entries are stored as articles and posted by the digest.",
             ["url — the address of an RSS or Atom feed (add, remove)"],
             ["/feed add url:https://example.org/rss", "/feed list"]),
    "help": ("/help [command] — this message, or one command with its options and examples.",
             ["command — a command name (optional)"], ["/help", "/help partner"]),
}
HELP_LINES = [entry[0] for entry in COMMAND_HELP.values()]


def help_answer(view: View, command: str | None = None) -> Answer:
    if command is not None and command.strip():
        return _help_command(command)
    return view.memo("help", lambda: _help(view))


def _help_command(command: str) -> Answer:
    from rapidfuzz import process

    key = command.strip().lstrip("/").split(" ")[0].casefold()
    if key not in COMMAND_HELP:
        close = process.extractOne(key, list(COMMAND_HELP), score_cutoff=60)
        if close is None:
            return Answer(title="Unknown command", kind="error",
                          summary=f"No command called \"{echo(command, 40)}\". Commands: "
                          + ", ".join("/" + c for c in COMMAND_HELP) + ".")
        key = close[0]
    line, opts, examples = COMMAND_HELP[key]
    sections = ([Section("Options", opts)] if opts else []) + [Section("Examples", examples)]
    return Answer(title=f"Help: /{key}", kind="help", summary=line, sections=sections)


def _help(view: View) -> Answer:
    partners = view.partner_counts()
    from handlers.cooperation import one_per_claim  # counted as /acquisitions lists them

    counts = {"acquisition": len(one_per_claim(view.acquisitions())), "budget": len(view.budgets()),
              "event": len(view.events())}
    summary = (f"I answer from {articles(view.n_articles)} on Morocco's defence cooperation: "
               f"{plural(len(partners), 'partner')}, {plural(counts['acquisition'], 'acquisition')}, "
               f"{plural(counts['budget'], 'budget figure')}, {plural(counts['event'], 'dated event')}. "
               "Every claim cites its article [n] with the sentence it comes from. "
               "`/help <command>` shows a command's options and examples.")
    return Answer(title="Help", kind="help", summary=summary, sections=[Section("Commands", HELP_LINES)])
