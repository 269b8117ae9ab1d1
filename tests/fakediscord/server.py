"""FakeDiscord: a loopback Discord (REST under ``/api/v10`` + gateway at ``/``) for tests.

Every request is recorded, validated against Discord's OpenAPI schema and the explicit limits,
and can be answered with an injected fault. Violations are collected; ``assert_clean()`` turns
them into a test failure with the reasons.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import secrets
import traceback
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from . import payloads as p
from .gateway import Gateway, GatewayFrame
from .limits import check_files
from .rest import ApiError, Call, RestRoutes
from .schema import OpenAPISpec, load_spec, spec_path
from .state import (
    INTERACTION_AUTOCOMPLETE,
    INTERACTION_COMMAND,
    INTERACTION_COMPONENT,
    DiscordState,
    InteractionRecord,
)
from .wire import (
    Fault,
    RecordedRequest,
    SentFile,
    as_spec_reads,
    fault_reply,
    json_response,
    read_body,
    read_files,
)

API_PREFIX = "/api/v10"
LOADING = 128
GUILD_MESSAGES = 1 << 9  # the intent without which Discord sends no MESSAGE_CREATE for guild messages
_current: contextvars.ContextVar[RecordedRequest | None] = contextvars.ContextVar("fake_req", default=None)


@dataclass
class _Waiter:
    kind: str
    predicate: Callable[[Any], bool]
    future: asyncio.Future[Any]


class FakeDiscord:
    """The fake. Use ``async with FakeDiscord(...) as fake`` or ``await fake.start()``/``stop()``."""

    def __init__(self, *, token: str | None = None, app_id: str | None = None, guild_id: str | None = None,
                 channel_id: str | None = None, strict_mentions: bool = True, deadline: float = 3.0,
                 echo_messages: bool = True, check_responses: bool = True) -> None:
        ids = p.Snowflakes()
        self.token = token or f"fake.{secrets.token_urlsafe(24)}"
        self.state = DiscordState(app_id=app_id or ids.next(), guild_id=guild_id or ids.next(),
                                  channel_id=channel_id or ids.next())
        self.strict_mentions, self.deadline, self.echo_messages = strict_mentions, deadline, echo_messages
        self.check_responses = check_responses  # self-test of the fake: its answers against the spec
        self.requests: list[RecordedRequest] = []
        self.frames: list[GatewayFrame] = []
        self.violations: list[str] = []
        self.faults: list[Fault] = []
        self.nonce_window = 300.0  # seconds during which Discord answers a resent nonce with the first message
        self.nonce_hits = 0  # resent nonces answered with the existing message
        self.spec: OpenAPISpec | None = load_spec()
        self.schema_skipped_reason = None if self.spec else f"OpenAPI spec not found at {spec_path()}"
        self.gateway = Gateway(self)
        self.rest = RestRoutes(self)
        self._waiters: list[_Waiter] = []
        self._held: list[Fault] = []
        self._created_at: dict[str, float] = {}  # message id → creation time (loop clock)
        self._background: set[asyncio.Future[Any]] = set()
        self._failure: str | None = None
        self._runner: web.AppRunner | None = None
        self.port = 0

    # --- lifecycle ---------------------------------------------------------------------
    async def start(self) -> FakeDiscord:
        if self.schema_skipped_reason:
            warnings.warn(f"fakediscord: {self.schema_skipped_reason}; schema validation skipped, "
                          "explicit limit checks only", stacklevel=2)
            print(f"fakediscord: schema validation skipped ({self.schema_skipped_reason})")
        app = web.Application(client_max_size=32 * 1024 * 1024)
        app.router.add_get("/", self.gateway.handle)
        app.router.add_get("/attachments/{channel}/{attachment}/{filename}", self._attachment)
        app.router.add_route("*", "/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]
        self.state.cdn_base = f"http://127.0.0.1:{self.port}"
        return self

    async def _attachment(self, request: web.Request) -> web.StreamResponse:
        """An uploaded file's bytes, as Discord's CDN serves an attachment's ``url``."""
        upload = self.state.uploads.get(request.match_info["attachment"])
        if upload is None or upload.filename != request.match_info["filename"]:
            return web.Response(status=404, text="404: Not Found")
        return web.Response(body=upload.data, headers={"Content-Type": upload.content_type})

    async def stop(self) -> None:
        for fault in self._held:
            fault.release()
        await asyncio.gather(*self._background, return_exceptions=True)
        await self.gateway.close_all()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeDiscord:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}{API_PREFIX}"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/"

    def now(self) -> float:
        return asyncio.get_running_loop().time()

    # --- recording, violations, waiting -------------------------------------------------
    def violation(self, reason: str) -> None:
        """Record what Discord would reject (the test fails on it) and say so at once."""
        self.violations.append(reason)
        print(f"fakediscord VIOLATION: {reason}")

    def assert_clean(self) -> None:
        """Fail with every reason Discord would have rejected or flagged something the bot sent."""
        if self.violations:
            raise AssertionError("fake Discord saw violations:\n  " + "\n  ".join(self.violations))

    def fail(self, reason: str) -> None:
        """Abort every pending and future wait (e.g. the bot process died)."""
        self._failure = reason
        for waiter in self._waiters:
            if not waiter.future.done():
                waiter.future.set_exception(AssertionError(reason))
        self._waiters.clear()

    def _notify(self, kind: str, item: Any) -> None:
        for waiter in list(self._waiters):
            if waiter.kind != kind or waiter.future.done():
                continue
            try:
                matched = waiter.predicate(item)
            except Exception as exc:  # a broken predicate fails its own wait, not the fake
                waiter.future.set_exception(exc)
                self._waiters.remove(waiter)
                continue
            if matched:
                waiter.future.set_result(item)
                self._waiters.remove(waiter)

    def record_frame(self, direction: str, frame: dict[str, Any]) -> None:
        item = GatewayFrame(direction, frame.get("op", -1), frame.get("t"), frame.get("d"), self.now())
        self.frames.append(item)
        self._notify("frame", item)

    async def _wait(self, kind: str, items: list[Any], predicate: Callable[[Any], bool],
                    timeout: float, what: str) -> Any:
        if self._failure:
            raise AssertionError(self._failure)
        for item in items:
            if predicate(item):
                return item
        waiter = _Waiter(kind, predicate, asyncio.get_running_loop().create_future())
        self._waiters.append(waiter)
        try:
            return await asyncio.wait_for(waiter.future, timeout)
        except TimeoutError:
            recent = "\n  ".join(str(r) for r in self.requests[-12:]) or "(none)"
            raise AssertionError(f"timed out after {timeout:g} s waiting for {what}\nrecent requests:\n  "
                                 f"{recent}\nviolations: {self.violations}") from None
        finally:
            if waiter in self._waiters:
                self._waiters.remove(waiter)

    async def wait_for(self, predicate: Callable[[RecordedRequest], bool], timeout: float = 5.0,
                       what: str = "a matching request") -> RecordedRequest:
        """The first answered request (existing or future) for which ``predicate`` holds."""
        return await self._wait("request", self.requests, lambda r: r.status and predicate(r), timeout, what)

    async def wait_for_arrival(self, predicate: Callable[[RecordedRequest], bool], timeout: float = 5.0,
                               what: str = "a matching request to arrive") -> RecordedRequest:
        """The first request (existing or future) for which ``predicate`` holds, answered or not yet."""
        return await self._wait("arrival", self.requests, predicate, timeout, what)

    def message_with_nonce(self, channel_id: str, nonce: str) -> dict[str, Any] | None:
        """The bot's message in ``channel_id`` created with ``nonce`` within ``nonce_window``."""
        horizon = self.now() - self.nonce_window
        for mid, created in reversed(self._created_at.items()):
            if created < horizon:
                break
            msg = self.state.messages.get(mid)
            if msg is not None and msg["channel_id"] == channel_id and str(msg.get("nonce")) == nonce:
                return msg
        return None

    async def wait_for_gateway(self, predicate: Callable[[GatewayFrame], bool], timeout: float = 5.0,
                               what: str = "a matching gateway frame") -> GatewayFrame:
        return await self._wait("frame", self.frames, predicate, timeout, what)

    async def wait_ready(self, timeout: float = 10.0) -> None:
        """Until the bot identified and was sent READY + GUILD_CREATE."""
        await self.wait_for_gateway(lambda f: f.direction == "send" and f.t == "GUILD_CREATE", timeout,
                                    "IDENTIFY -> READY/GUILD_CREATE")

    # --- faults --------------------------------------------------------------------------
    def inject(self, method: str, path: str, *, status: int | None = None, retry_after: float = 0.5,
               delay: float = 0.0, times: int = 1, hold: str | None = None, skip: int = 0) -> Fault:
        """Fail (``status`` 429/5xx), slow down (``delay`` s) or ``hold`` (see ``Fault``) the next
        ``times`` matching requests."""
        if hold not in (None, "before", "after"):
            raise ValueError("hold is 'before' or 'after'")
        fault = Fault(method.upper(), path, status, retry_after, delay, times, hold, skip)
        self.faults.append(fault)
        return fault

    def _take_fault(self, method: str, path: str) -> Fault | None:
        for fault in self.faults:
            if fault.matches(method, path):
                if fault.passes():
                    return None
                fault.hits += 1
                fault.seen_at.append(self.now())
                return fault
        return None

    # --- the HTTP pipeline ---------------------------------------------------------------
    async def _handle(self, request: web.Request) -> web.StreamResponse:
        if not request.path.startswith(API_PREFIX + "/"):
            self.violation(f"{request.method} {request.path}: outside {API_PREFIX}")
            return json_response(404, {"message": "404: Not Found", "code": 0})
        path = request.path[len(API_PREFIX):]
        record = RecordedRequest(request.method, path, dict(request.query), None, self.now())
        _current.set(record)
        self.requests.append(record)
        try:
            record.json = await read_body(request)
            record.files = await read_files(request)
            self._notify("arrival", record)
            status, body, headers = await self._answer(request, record)
        except ApiError as err:
            status, body, headers = err.status, err.body(), {}
            if err.code == 50035:
                self.violation(f"{record.method} {path}: " + "; ".join(err.errors or []))
        except Exception as exc:  # a bug in the fake: make it loud instead of a silent 500
            self.violation(f"fake crashed on {record.method} {path}: {exc!r}\n{traceback.format_exc()}")
            status, body, headers = 500, {"message": "500: fake crashed", "code": 0}, {}
        record.status, record.response = status, body
        if self.check_responses and status < 300 and body is not None:
            self._check_own_answer(record, body)
        self._notify("request", record)
        return json_response(status, body, headers, path)

    async def _answer(self, request: web.Request, record: RecordedRequest) -> tuple[int, Any, dict[str, str]]:
        found = self.rest.match(record.method, record.path)
        if found is None:
            self.violation(f"unmatched route: {record.method} {record.path}")
            return 404, {"message": "404: Not Found", "code": 0}, {}
        handler, params, checks = found
        if "token" in params:
            record.interaction_id = self._interaction_id(params["token"])
        elif request.headers.get("Authorization") != f"Bot {self.token}":
            self.violation(f"{record.method} {record.path}: missing or wrong Authorization header")
            raise ApiError(401, 0, "401: Unauthorized")
        fault = self._take_fault(record.method, record.path)
        if fault is not None and fault.hold == "before":
            record.fault = "held, never processed"
            await self._hold(fault)
            return fault_reply(Fault(fault.method, fault.path, 503))
        if fault is not None and fault.hold is None:
            record.fault = f"delay {fault.delay:g}s" if fault.status is None else f"injected {fault.status}"
            if fault.delay:
                await asyncio.sleep(fault.delay)
            if fault.status is not None:
                return fault_reply(fault)
        if record.method in ("POST", "PUT", "PATCH"):
            reasons = self._schema_errors(record) + self.rest.extra_checks(checks, record.json)
            message = record.json.get("data") if record.path.endswith("/callback") and record.json else record.json
            reasons += check_files(message, record.files)
            if reasons:
                raise ApiError(400, 50035, "Invalid Form Body", reasons)
        status, body = await handler(Call(record, params))
        if fault is not None and fault.hold == "after":
            record.fault = "processed, answer held"
            await self._hold(fault)
        return status, body, {}

    async def _hold(self, fault: Fault) -> None:
        if fault.released is None:
            fault.released = asyncio.Event()
        self._held.append(fault)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(fault.released.wait(), fault.delay or 30.0)

    def _check_own_answer(self, record: RecordedRequest, body: Any) -> None:
        template = self.spec.match(record.method, record.path) if self.spec else None
        if self.spec is None or template is None:
            return
        for reason in self.spec.validate_response(record.method, template, record.status, body):
            self.violation(f"fake answer to {record.method} {record.path} breaks the spec: {reason}")

    def _schema_errors(self, record: RecordedRequest) -> list[str]:
        if self.spec is None:
            return []
        template = self.spec.match(record.method, record.path)
        if template is None:
            return [f"{record.method} {record.path} is not in Discord's OpenAPI description"]
        return self.spec.validate(record.method, template, as_spec_reads(record.json))

    def _interaction_id(self, token: str) -> str | None:
        return next((ix.id for ix in self.state.interactions.values() if ix.token == token), None)

    # --- messages (called by the REST handlers) -----------------------------------------
    def new_message(self, channel_id: str, body: dict[str, Any],
                    interaction: InteractionRecord | None = None) -> dict[str, Any]:
        extra: dict[str, Any] = {}
        kind = 0
        if interaction is not None:
            extra = {"webhook_id": self.state.app_id, "application_id": self.state.app_id,
                     "interaction_metadata": {"id": interaction.id, "type": interaction.type,
                                              "user": self.state.human,
                                              "authorizing_integration_owners": {"0": interaction.payload["guild_id"]}}}
            if interaction.original_id is None and interaction.type == INTERACTION_COMMAND:
                kind = 20
        record = _current.get()
        if record is not None and record.files:
            extra["attachments"] = [self._attach(channel_id, f) for f in record.files]
        msg = self.state.create_message(channel_id, body, extra=extra, message_type=kind)
        self._link(msg)
        self._created_at[msg["id"]] = self.now()
        if interaction is not None:
            interaction.message_ids.append(msg["id"])
        self._mark(msg["id"])
        session = self.gateway.session
        if self.echo_messages and not msg["flags"] & 64 and session and session.intents & GUILD_MESSAGES:
            self._background.add(asyncio.ensure_future(self.gateway.dispatch("MESSAGE_CREATE", msg)))
            self._background = {t for t in self._background if not t.done()}
        return msg

    def _attach(self, channel_id: str, sent: SentFile) -> dict[str, Any]:
        kind = "image/png" if p.png_size(sent.data) else sent.content_type
        return self.state.message_attachment(channel_id, sent.filename, sent.data, kind)

    def _link(self, msg: dict[str, Any]) -> None:
        """``attachment://name`` images → the attachment's URL; a name the message lacks is a violation."""
        for ref in p.link_attachments(msg["embeds"], msg["attachments"]):
            self.violation(f"message {msg['id']}: embed image {ref} names no attachment of the message")

    def update_message(self, message_id: str, body: dict[str, Any]) -> dict[str, Any]:
        existing, record = self.state.messages[message_id], _current.get()
        uploads = [self._attach(existing["channel_id"], f) for f in (record.files if record else [])]
        updated = p.edit_message(existing, body, uploads)
        self._link(updated)
        updated["flags"] &= ~LOADING
        self.state.messages[message_id] = updated
        self._mark(message_id)
        return updated

    def _mark(self, message_id: str) -> None:
        record = _current.get()
        if record is not None:
            record.message_id = message_id

    def channel_posts(self, channel_id: str | None = None) -> list[dict[str, Any]]:
        """Messages the bot posted with ``POST /channels/{id}/messages`` (not interaction replies)."""
        cid = channel_id or self.state.channel_id
        return [m for m in self.state.channel_messages(cid) if "interaction_metadata" not in m]

    # --- driving the bot -------------------------------------------------------------------
    async def _interact(self, kind: int, data: dict[str, Any], **kw: Any) -> InteractionRecord:
        kw = {k: v for k, v in kw.items() if v is not None}
        payload = self.state.interaction(kind, data, **kw)
        ix = InteractionRecord(payload["id"], payload["token"], kind, payload, self.now())
        self.state.interactions[ix.id] = ix
        await self.gateway.dispatch("INTERACTION_CREATE", payload)
        return ix

    async def slash(self, name: str, *, locale: str = "en-US", guild_id: str | None = None,
                    **options: Any) -> InteractionRecord:
        """The test user runs ``/name option=value ...`` (``name`` may be ``"group sub"``), in the
        first guild or in ``guild_id``; a channel option takes the channel's id."""
        data = self.state.command_data(name, options, guild_id=guild_id)
        return await self._interact(INTERACTION_COMMAND, data, locale=locale, guild_id=guild_id)

    async def autocomplete(self, name: str, option: str, value: str, *, locale: str = "en-US",
                           **others: Any) -> InteractionRecord:
        """The test user (client in ``locale``) types ``value`` into ``option`` of ``/name``."""
        data = self.state.command_data(name, {**others, option: value}, focused=option)
        return await self._interact(INTERACTION_AUTOCOMPLETE, data, locale=locale)

    async def click(self, message: dict[str, Any] | str, custom_id: str) -> InteractionRecord:
        """The test user presses the button ``custom_id`` on a message the bot sent."""
        mid = message if isinstance(message, str) else message["id"]
        current = self.state.messages[mid]
        ids = [c.get("custom_id") for row in current.get("components", []) for c in row.get("components", [])]
        if custom_id not in ids:
            raise LookupError(f"message {mid} has no component {custom_id!r} (has {ids})")
        data = {"custom_id": custom_id, "component_type": 2}
        return await self._interact(INTERACTION_COMPONENT, data, message=current)

    async def reply(self, ix: InteractionRecord, timeout: float = 3.0) -> dict[str, Any]:
        """The first visible answer to ``ix`` (response, or edit/follow-up after a defer), as stored now."""
        def answered(r: RecordedRequest) -> bool:
            return (r.interaction_id == ix.id and r.status < 300 and r.message_id is not None
                    and r.message_id in self.state.messages
                    and not self.state.messages[r.message_id]["flags"] & LOADING)
        record = await self.wait_for(answered, timeout, f"a reply to interaction {ix.id}")
        assert record.message_id is not None
        return self.state.messages[record.message_id]

    async def choices(self, ix: InteractionRecord, timeout: float = 3.0) -> list[dict[str, Any]]:
        """The autocomplete choices the bot returned for ``ix``."""
        await self.wait_for(lambda r: r.interaction_id == ix.id and r.path.endswith("/callback")
                            and r.status < 300, timeout, f"autocomplete answer to {ix.id}")
        return list(ix.choices or [])

    async def drop_gateway(self, code: int = 4000, *, resumable: bool = True) -> None:
        await self.gateway.drop(code, resumable=resumable)
