"""Messages in the reader's language: gettext catalogues read through Babel.

English is the message id itself; French lives in ``handlers/locales/fr/LC_MESSAGES/messages.po``
(the committed source of truth, read as-is at start: no compile step at install). Code marks a
message with ``tr("…{name}…", name=value)`` (or ``ntr`` for a count, ``N_`` for a constant
translated later); ``pybabel extract -k tr -k ntr:1,2 -k N_`` finds them all, and
``tests/test_i18n.py`` fails when one has no French translation.

The language of the current answer is a context variable (``using("fr")``): the handlers keep
their signatures, a worker thread started with ``asyncio.to_thread`` or ``run_in_executor``
under ``using`` sees it, and the answers' memo keys include it (``handlers.common.View.memo``).
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import NullTranslations, Translations

LANGS = ("en", "fr")
DEFAULT = "en"
LOCALES_DIR = Path(__file__).parent / "locales"
DOMAIN = "messages"

_current: ContextVar[str] = ContextVar("answer_language", default=DEFAULT)


def language_of(value: object) -> str:
    """'fr', 'fr-FR', 'fr_CA.UTF-8', ``discord.Locale.french`` → 'fr'; anything else → 'en'."""
    text = str(getattr(value, "value", value) or "").strip().lower()
    base = text.replace("-", "_").split(".")[0].split("_")[0]
    return base if base in LANGS else DEFAULT


def env_language(environ: Mapping[str, str] | None = None) -> str:
    """The language the environment asks for (LC_ALL, LC_MESSAGES, LANG, as gettext reads them)."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if env.get(name):
            return language_of(env[name])
    return DEFAULT


def current() -> str:
    return _current.get()


@contextmanager
def using(lang: str) -> Iterator[str]:
    """Answer in ``lang`` inside the block (``language_of`` is applied: unknown → English)."""
    token = _current.set(language_of(lang))
    try:
        yield _current.get()
    finally:
        _current.reset(token)


def po_path(lang: str) -> Path:
    return LOCALES_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@lru_cache(maxsize=len(LANGS))
def translations(lang: str) -> NullTranslations:
    """The catalogue of ``lang``, read once from its .po (fuzzy entries are left out, as msgfmt does)."""
    path = po_path(lang)
    if lang == DEFAULT or not path.exists():
        return NullTranslations()
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


def _fill(text: str, params: dict[str, object]) -> str:
    return text.format(**params) if params else text


def tr(msgid: str, /, lang: str | None = None, **params: object) -> str:
    """``msgid`` in the current language (or ``lang``), with ``{name}`` placeholders filled."""
    return _fill(translations(lang or current()).gettext(msgid), params)


def ntr(singular: str, plural: str, n: int, /, lang: str | None = None, **params: object) -> str:
    """The form for ``n`` (French counts 0 and 1 as singular); ``{n}`` is filled with ``n``."""
    lang = lang or current()
    text = translations(lang).ngettext(singular, plural, n)
    return _fill(text, {"n": number(n, lang), **params})


def number(n: int, lang: str | None = None) -> str:
    """A count as the language writes it: '1234' in English (as before), '1\u202f234' in French."""
    lang = lang or current()
    return str(n) if lang == DEFAULT else format_decimal(n, locale=lang)


def megabytes(size: float, decimals: int = 1, lang: str | None = None) -> str:
    """A size in bytes as MB the way the language writes it: '2.5' in English (as before), '2,5' in French."""
    lang = lang or current()
    value = size / 1048576
    if lang == DEFAULT:
        return f"{value:.{decimals}f}" if decimals else f"{value:g}"
    return format_decimal(round(value, decimals) if decimals else value, format="#,##0.###", locale=lang)


def N_(msgid: str) -> str:
    """Marks a constant for extraction; translate it where it is shown (``tr(value)``)."""
    return msgid
