"""Downloading one web page, treated as hostile: `bot.py add URL`, `/article add url:`, feed entries.

aiohttp (asynchronous: the bot's event loop keeps answering). Only http and https; redirects
followed by hand, at most ``MAX_REDIRECTS``, each hop checked again; only text/html (or XHTML);
the body read in chunks and dropped past the size cap, a Content-Length over it refused before
a byte is read; one timeout for the whole exchange. Addresses on private, loopback, link-local
or otherwise non-public networks are refused unless ``ALLOW_PRIVATE_URLS=true``: the check is
made on the addresses the name resolves to, in the resolver the connection uses, so a public
name pointing at 127.0.0.1 is refused too. Every refusal is a ``FetchRefused`` with one line.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

import aiohttp

from handlers.i18n import megabytes, tr

MAX_REDIRECTS = 5
PAGE_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml",
              "application/feed+json", "application/json", "text/plain")
USER_AGENT = "morocco-defence-bot/0.1 (+article intake; one page at a time)"
CHUNK = 65536


class FetchRefused(Exception):
    """Why an address was not downloaded, in one line for the person who gave it."""


@dataclass(frozen=True)
class Fetched:
    url: str  # the final address, after redirects
    data: bytes
    content_type: str
    status: int = 200  # 304: not modified since the validators sent (no data)
    etag: str | None = None
    last_modified: str | None = None


def public_address(ip: str) -> bool:
    try:
        addr = ipaddress.ip_address(ip.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped is not None:
        addr = addr.ipv4_mapped
    return addr.is_global and not addr.is_multicast


class _PublicResolver(aiohttp.ThreadedResolver):
    """Resolves as usual, then refuses a name whose addresses are not all public."""

    async def resolve(self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET) -> list[Any]:
        found = await super().resolve(host, port, family)
        private = [r["host"] for r in found if not public_address(r["host"])]
        if private:
            raise FetchRefused(_private_message(host, private[0]))
        return found


def _private_message(host: str, ip: str) -> str:
    shown = host if host == ip else f"{host} ({ip})"
    return tr("the address {shown} is on a private or local network; such addresses are refused "
              "(ALLOW_PRIVATE_URLS=true allows them)", shown=shown)


def _check_url(url: str, allow_private: bool) -> str:
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise FetchRefused(tr("only http and https addresses can be fetched (not {scheme}:)",
                                  scheme=parts.scheme or "?"))
    host = parts.hostname
    if not host:
        raise FetchRefused(tr("the address has no host name"))
    if parts.username or parts.password:
        raise FetchRefused(tr("addresses with a user name or password are not fetched"))
    if not allow_private:
        try:
            ipaddress.ip_address(host.split("%", 1)[0])
        except ValueError:
            if host.rstrip(".").lower() == "localhost" or host.rstrip(".").lower().endswith(".localhost"):
                raise FetchRefused(_private_message(host, "loopback")) from None
        else:
            if not public_address(host):
                raise FetchRefused(_private_message(host, host))
    return host


async def fetch_page(url: str, *, allow_private: bool = False, max_bytes: int = 5 * 1024 * 1024,
                     timeout: float = 20.0, types: tuple[str, ...] = PAGE_TYPES,
                     headers: dict[str, str] | None = None) -> Fetched:
    """The page at ``url`` (see the module docstring), or ``FetchRefused``. A feed is fetched with
    ``types=FEED_TYPES`` and its validators in ``headers`` (If-None-Match, If-Modified-Since)."""
    try:
        async with asyncio.timeout(timeout):
            return await _fetch(url, allow_private, max_bytes, types, headers or {})
    except TimeoutError:
        raise FetchRefused(tr("no complete answer from {host} within {seconds} s",
                              host=urlsplit(url).hostname, seconds=f"{timeout:g}")) from None


async def _fetch(url: str, allow_private: bool, max_bytes: int, types: tuple[str, ...],
                 headers: dict[str, str]) -> Fetched:
    resolver = aiohttp.ThreadedResolver() if allow_private else _PublicResolver()
    connector = aiohttp.TCPConnector(resolver=resolver, limit=2, force_close=True)
    seen: set[str] = set()
    async with aiohttp.ClientSession(connector=connector, trust_env=False,
                                     headers={"User-Agent": USER_AGENT, "Accept": ",".join(types)},
                                     auto_decompress=True) as session:
        for _hop in range(MAX_REDIRECTS + 1):
            host = _check_url(url, allow_private)
            if url in seen:
                raise FetchRefused(tr("a redirect loop: {host} sends the request back where it started", host=host))
            seen.add(url)
            try:
                async with session.get(url, allow_redirects=False, headers=headers) as resp:
                    if resp.status in (301, 302, 303, 307, 308):
                        target = resp.headers.get("Location")
                        if not target:
                            raise FetchRefused(tr("{host} answered {status} without saying where to go",
                                                        host=host, status=resp.status))
                        url = urljoin(url, target)
                        continue
                    if resp.status == 304:
                        return Fetched(str(resp.url), b"", "", 304, resp.headers.get("ETag"),
                                       resp.headers.get("Last-Modified"))
                    if resp.status >= 400:
                        raise FetchRefused(tr("{host} answered {status}", host=host,
                                                       status=f"{resp.status} {resp.reason or ''}".rstrip()))
                    ctype = (resp.content_type or "").lower()
                    if ctype not in types:
                        raise FetchRefused(_not_wanted(host, ctype, types == PAGE_TYPES))
                    if resp.content_length is not None and resp.content_length > max_bytes:
                        raise FetchRefused(_too_large(resp.content_length, max_bytes))
                    data = bytearray()
                    async for chunk in resp.content.iter_chunked(CHUNK):
                        data += chunk
                        if len(data) > max_bytes:
                            raise FetchRefused(_too_large(None, max_bytes))
                    return Fetched(str(resp.url), bytes(data), ctype, resp.status, resp.headers.get("ETag"),
                                   resp.headers.get("Last-Modified"))
            except FetchRefused:
                raise
            except aiohttp.ClientConnectorError as exc:
                inner = exc.os_error if isinstance(getattr(exc, "os_error", None), FetchRefused) else None
                if inner is not None:
                    raise inner from None
                raise FetchRefused(tr("cannot reach {host} ({error})", host=host,
                                                error=str(exc.os_error.strerror or exc.os_error))) from None
            except aiohttp.ClientError as exc:
                raise FetchRefused(tr("the download from {host} failed ({error})", host=host,
                                                error=f"{type(exc).__name__}: {exc}")) from None
        raise FetchRefused(tr("too many redirects (more than {n})", n=MAX_REDIRECTS))


def _too_large(size: int | None, limit: int) -> str:
    if size:
        return tr("the page is too large ({size} MB); the limit is {limit} MB (FETCH_MAX_MB)",
                  size=megabytes(size), limit=megabytes(limit, 0))
    return tr("the page is too large; the limit is {limit} MB (FETCH_MAX_MB)", limit=megabytes(limit, 0))


def _not_wanted(host: str, ctype: str, page: bool) -> str:
    """Refusal of a content type: a page must be HTML, a feed RSS, Atom or JSON Feed."""
    ctype = ctype or tr("no content type")
    if page:
        return tr("not a web page: {host} sent {type} (only text/html pages are articles)", host=host, type=ctype)
    return tr("not a feed: {host} sent {type}", host=host, type=ctype)
