"""What travels on the wire: recorded requests, injected faults, bodies in and responses out."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from .rest import ApiError


@dataclass(frozen=True)
class SentFile:
    """One file part of a multipart request (``files[n]``), as uploaded."""

    field: str
    filename: str
    content_type: str
    data: bytes


@dataclass
class RecordedRequest:
    """One REST request as the fake saw it (path relative to ``/api/v10``, no token logged)."""

    method: str
    path: str
    query: dict[str, str]
    json: Any
    time: float
    status: int = 0
    response: Any = None
    fault: str | None = None
    interaction_id: str | None = None
    message_id: str | None = None
    files: list[SentFile] = field(default_factory=list)  # the file parts of a multipart body

    def __str__(self) -> str:
        return f"{self.method} {self.path} -> {self.status}{' [' + self.fault + ']' if self.fault else ''}"


@dataclass
class Fault:
    """An injected failure for the next ``times`` requests matching ``method`` + ``path`` (regex).

    ``hold``: ``"before"`` keeps the request waiting for ``delay`` seconds (or until
    ``release()``) and then refuses it with 503 without processing it — a request Discord never
    got; ``"after"`` processes it at once and holds the *answer* back — a message Discord
    created whose confirmation the client never saw."""

    method: str
    path: str
    status: int | None = None
    retry_after: float = 0.5
    delay: float = 0.0
    times: int = 1
    hold: str | None = None
    skip: int = 0  # matching requests let through untouched before the fault applies
    hits: int = 0
    seen_at: list[float] = field(default_factory=list)
    released: Any = None  # asyncio.Event, created by the server when the fault is first hit

    def release(self) -> None:
        if self.released is not None:
            self.released.set()

    def matches(self, method: str, path: str) -> bool:
        return self.hits < self.times and method == self.method and re.fullmatch(self.path, path) is not None

    def passes(self) -> bool:
        """Count one matching request; True while it is among the first ``skip`` ones let through."""
        if self.skip > 0:
            self.skip -= 1
            return True
        return False


async def read_body(request: web.Request) -> Any:
    if not request.can_read_body:
        return None
    ctype = request.headers.get("Content-Type", "")
    if ctype.startswith("multipart/form-data"):
        form = await request.post()
        raw = form.get("payload_json")
        return json.loads(raw) if isinstance(raw, str) else None
    text = await request.text()
    if not text:
        return None
    if ctype.split(";")[0].strip() != "application/json":
        raise ApiError(400, 50035, "Invalid Form Body", [f"Content-Type {ctype!r} is not application/json"])
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise ApiError(400, 50109, "The request body contains invalid JSON.", [str(err)]) from None


async def read_files(request: web.Request) -> list[SentFile]:
    """The file parts of a multipart body (none for JSON); aiohttp keeps the parsed form, so the
    body is read once for ``read_body`` and this."""
    if not request.headers.get("Content-Type", "").startswith("multipart/form-data"):
        return []  # (not ``can_read_body``: it is False once ``read_body`` has read the form)
    form = await request.post()
    files = []
    for name, value in form.items():
        if isinstance(value, web.FileField):
            files.append(SentFile(name, value.filename, value.content_type, value.file.read()))
    return files


def as_spec_reads(body: Any) -> Any:
    """``body`` with integer attachment ids as strings, for schema validation only.

    Discord's "Uploading Files" documentation shows ``"attachments": [{"id": 0, …}]`` (the file's
    index, an integer, which discord.py sends) while the OpenAPI description types the id as a
    snowflake string; the API takes both, so the fake does too. Nothing else is loosened."""
    if not isinstance(body, dict):
        return body
    out = dict(body)
    if isinstance(out.get("data"), dict):  # an interaction callback carries the message in ``data``
        out["data"] = as_spec_reads(out["data"])
    if isinstance(out.get("attachments"), list):
        out["attachments"] = [{**a, "id": str(a["id"])} if isinstance(a, dict) and type(a.get("id")) is int else a
                              for a in out["attachments"]]
    return out


def fault_reply(fault: Fault) -> tuple[int, Any, dict[str, str]]:
    if fault.status == 429:
        headers = {"Via": "1.1 google", "Retry-After": str(max(1, round(fault.retry_after))),
                   "X-RateLimit-Scope": "user", "X-RateLimit-Limit": "5", "X-RateLimit-Remaining": "0",
                   "X-RateLimit-Reset-After": f"{fault.retry_after:.3f}"}
        body = {"message": "You are being rate limited.", "retry_after": fault.retry_after, "global": False}
        return 429, body, headers
    return fault.status or 500, {"message": f"{fault.status}: injected failure", "code": 0}, {}


def json_response(status: int, body: Any, headers: dict[str, str] | None = None, route: str = "") -> web.Response:
    """Content-Type exactly ``application/json``: discord.py only parses JSON on that exact value."""
    out = {"X-RateLimit-Limit": "50", "X-RateLimit-Remaining": "49", "X-RateLimit-Reset-After": "1.000",
           "X-RateLimit-Bucket": hashlib.md5(route.encode()).hexdigest()[:16]}
    out.update(headers or {})
    if status == 204 or body is None:
        return web.Response(status=204 if status < 300 else status, headers=out)
    out["Content-Type"] = "application/json"
    return web.Response(status=status, body=json.dumps(body).encode(), headers=out)
