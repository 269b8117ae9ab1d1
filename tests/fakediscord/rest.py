"""REST routes of the fake under ``/api/v10``: the handful a bot uses, answering like Discord.

Each route is (method, path regex, handler, extra checks). Bodies were already validated
against the OpenAPI schema by the server; handlers add the rules that need state (the
interaction's type, its 3-second deadline, one initial response per interaction).
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from . import limits
from .state import INTERACTION_COMPONENT, InteractionRecord

if TYPE_CHECKING:
    from .server import FakeDiscord
    from .wire import RecordedRequest

EPHEMERAL = 64
LOADING = 128


class ApiError(Exception):
    """An error answer in Discord's JSON error shape."""

    def __init__(self, status: int, code: int, message: str, errors: list[str] | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.errors = status, code, message, errors

    def body(self) -> dict[str, Any]:
        data: dict[str, Any] = {"message": self.message, "code": self.code}
        if self.errors:
            data["errors"] = {"_errors": [{"code": "BASE_TYPE_INVALID", "message": e} for e in self.errors]}
        return data


@dataclass
class Call:
    """A matched request, as handlers see it."""

    record: RecordedRequest
    params: dict[str, str]

    @property
    def body(self) -> Any:
        return self.record.json


Reply = tuple[int, Any]
Handler = Callable[[Call], Awaitable[Reply]]
_P = r"(?P<{}>[^/]+)"


def _route(pattern: str) -> re.Pattern[str]:
    return re.compile(re.sub(r"\{(\w+)\}", lambda m: _P.format(m.group(1)), pattern))


def message_checks(body: Any, strict_mentions: bool) -> list[str]:
    if not isinstance(body, dict):
        return ["body: expected a JSON object"]
    reasons = limits.check_message(body)
    return reasons + (limits.check_mentions_none(body) if strict_mentions else [])


class RestRoutes:
    """Route table and handlers. ``fake`` gives access to state, recording and the gateway."""

    def __init__(self, fake: FakeDiscord) -> None:
        self.fake = fake
        self.state = fake.state
        self.table: list[tuple[str, re.Pattern[str], Handler, str]] = []
        add = self._add
        add("GET", "/users/@me", self.get_me)
        add("GET", "/oauth2/applications/@me", self.get_application)
        add("GET", "/applications/@me", self.get_application)
        add("GET", "/gateway", self.get_gateway)
        add("GET", "/gateway/bot", self.get_gateway)
        for prefix in ("/applications/{app}/commands", "/applications/{app}/guilds/{guild}/commands"):
            add("GET", prefix, self.get_commands)
            add("PUT", prefix, self.put_commands, "commands")
        add("POST", "/interactions/{iid}/{token}/callback", self.callback)
        add("POST", "/webhooks/{app}/{token}", self.followup, "message")
        add("GET", "/webhooks/{app}/{token}/messages/{mid}", self.get_webhook_message)
        add("PATCH", "/webhooks/{app}/{token}/messages/{mid}", self.edit_webhook_message, "message")
        add("DELETE", "/webhooks/{app}/{token}/messages/{mid}", self.delete_webhook_message)
        add("GET", "/channels/{cid}", self.get_channel)
        add("GET", "/channels/{cid}/messages", self.list_messages)
        add("POST", "/channels/{cid}/messages", self.post_message, "message")
        add("GET", "/channels/{cid}/messages/{mid}", self.get_message)
        add("PATCH", "/channels/{cid}/messages/{mid}", self.edit_message, "message")
        add("DELETE", "/channels/{cid}/messages/{mid}", self.delete_message)
        add("POST", "/channels/{cid}/typing", self.typing)

    def _add(self, method: str, pattern: str, handler: Handler, checks: str = "") -> None:
        self.table.append((method, _route(pattern), handler, checks))

    def match(self, method: str, path: str) -> tuple[Handler, dict[str, str], str] | None:
        for verb, regex, handler, checks in self.table:
            found = regex.fullmatch(path)
            if verb == method and found:
                return handler, found.groupdict(), checks
        return None

    def extra_checks(self, checks: str, body: Any) -> list[str]:
        if checks == "commands":
            return limits.check_commands(body) if isinstance(body, list) else ["body: expected a list"]
        if checks == "message":
            return message_checks(body, self.fake.strict_mentions)
        return []

    # --- identity ----------------------------------------------------------------------
    async def get_me(self, call: Call) -> Reply:
        return 200, self.state.bot_me

    async def get_application(self, call: Call) -> Reply:
        return 200, self.state.application

    async def get_gateway(self, call: Call) -> Reply:
        limit = {"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1}
        return 200, {"url": self.fake.gateway_url, "shards": 1, "session_start_limit": limit}

    # --- commands ----------------------------------------------------------------------
    def _scope(self, call: Call) -> str | None:
        if call.params["app"] != self.state.app_id:
            raise ApiError(403, 50001, "Missing Access")
        guild = call.params.get("guild")
        if guild is not None and guild not in self.state.guilds:
            raise ApiError(403, 50001, "Missing Access")
        return guild

    async def get_commands(self, call: Call) -> Reply:
        return 200, self.state.commands.get(self._scope(call), [])

    async def put_commands(self, call: Call) -> Reply:
        scope = self._scope(call)
        return 200, self.state.store_commands(scope, call.body or [])

    # --- interactions ------------------------------------------------------------------
    def _interaction(self, token: str, iid: str | None = None) -> InteractionRecord:
        for ix in self.state.interactions.values():
            if ix.token == token and (iid is None or ix.id == iid):
                return ix
        raise ApiError(404, 10062 if iid else 10015, "Unknown interaction" if iid else "Unknown Webhook")

    async def callback(self, call: Call) -> Reply:
        ix = self._interaction(call.params["token"], call.params["iid"])
        now = self.fake.now()
        body = call.body if isinstance(call.body, dict) else {}
        if ix.initial_type is not None:
            self.fake.violation(f"interaction {ix.id}: second initial response (type {body.get('type')})")
            raise ApiError(400, 40060, "Interaction has already been acknowledged.")
        elapsed = now - ix.dispatched_at
        if elapsed > self.fake.deadline:
            self.fake.violation(f"interaction {ix.id}: initial response after {elapsed:.2f} s "
                                f"(deadline {self.fake.deadline:g} s)")
            raise ApiError(404, 10062, "Unknown interaction")
        reasons = limits.check_callback(ix.type, body)
        if reasons:
            raise ApiError(400, 50035, "Invalid Form Body", reasons)
        kind, data = body["type"], body.get("data") or {}
        ix.initial_type, ix.initial_at = kind, now
        message = self._apply_callback(ix, kind, data)
        if call.record.query.get("with_response") not in ("1", "true", "True"):
            return 204, None
        info: dict[str, Any] = {"id": ix.id, "type": ix.type, "channel_id": ix.payload["channel_id"],
                                "guild_id": ix.payload["guild_id"]}
        if message is not None and kind in (4, 5, 7):
            info.update(response_message_id=message["id"], response_message_loading=kind == 5,
                        response_message_ephemeral=bool(message["flags"] & EPHEMERAL))
        if message is None or kind not in (4, 7):  # only these carry a resource (the message)
            return 200, {"interaction": info}
        return 200, {"interaction": info, "resource": {"type": kind, "message": message}}

    def _apply_callback(self, ix: InteractionRecord, kind: int,
                        data: dict[str, Any]) -> dict[str, Any] | None:
        if kind == 8:
            ix.choices = list(data.get("choices") or [])
            return None
        if kind in (6, 7) and ix.type == INTERACTION_COMPONENT:
            target = ix.payload["message"]["id"]
            if kind == 7:
                self.fake.update_message(target, data)
            return self.state.messages.get(target)
        if kind in (4, 5):
            loading = {"content": "", "flags": LOADING | (data.get("flags", 0) & EPHEMERAL)}
            body = dict(data) if kind == 4 else loading
            msg = self.fake.new_message(ix.payload["channel_id"], body, interaction=ix)
            ix.original_id = msg["id"]
            return msg
        return None

    def _owned(self, call: Call) -> tuple[InteractionRecord, str]:
        if call.params["app"] != self.state.app_id:
            raise ApiError(404, 10015, "Unknown Webhook")
        ix = self._interaction(call.params["token"])
        mid = call.params.get("mid")
        if mid == "@original":
            if ix.original_id is None:
                raise ApiError(404, 10008, "Unknown Message")
            return ix, ix.original_id
        if mid is not None and mid not in ix.message_ids:
            raise ApiError(404, 10008, "Unknown Message")
        return ix, mid or ""

    async def followup(self, call: Call) -> Reply:
        ix, _ = self._owned(call)
        if ix.initial_type is None:
            self.fake.violation(f"interaction {ix.id}: follow-up sent before any initial response")
            raise ApiError(404, 10015, "Unknown Webhook")
        msg = self.fake.new_message(ix.payload["channel_id"], call.body, interaction=ix)
        wait = call.record.query.get("wait") in ("1", "true", "True")
        return (200, msg) if wait else (204, None)

    async def get_webhook_message(self, call: Call) -> Reply:
        _, mid = self._owned(call)
        return 200, self.state.messages[mid]

    async def edit_webhook_message(self, call: Call) -> Reply:
        _, mid = self._owned(call)
        return 200, self.fake.update_message(mid, call.body)

    async def delete_webhook_message(self, call: Call) -> Reply:
        _, mid = self._owned(call)
        self.state.messages.pop(mid, None)
        return 204, None

    # --- channels ----------------------------------------------------------------------
    def _channel(self, call: Call) -> dict[str, Any]:
        channel = self.state.channels.get(call.params["cid"])
        if channel is None:
            raise ApiError(404, 10003, "Unknown Channel")
        return channel

    def _channel_message(self, call: Call) -> dict[str, Any]:
        self._channel(call)
        msg = self.state.messages.get(call.params["mid"])
        if msg is None or msg["channel_id"] != call.params["cid"]:
            raise ApiError(404, 10008, "Unknown Message")
        return msg

    async def get_channel(self, call: Call) -> Reply:
        return 200, self._channel(call)

    async def list_messages(self, call: Call) -> Reply:
        channel = self._channel(call)
        limit = int(call.record.query.get("limit", "50"))
        newest_first = list(reversed(self.state.channel_messages(channel["id"])))
        return 200, newest_first[:limit]

    async def post_message(self, call: Call) -> Reply:
        """Create a message; with ``enforce_nonce`` a nonce already used by the bot in this channel
        within ``fake.nonce_window`` seconds returns that message instead, as Discord does."""
        channel = self._channel(call)
        body = call.body if isinstance(call.body, dict) else {}
        nonce = body.get("nonce")
        if nonce is not None and body.get("enforce_nonce"):
            existing = self.fake.message_with_nonce(channel["id"], str(nonce))
            if existing is not None:
                self.fake.nonce_hits += 1
                call.record.message_id = existing["id"]
                return 200, existing
        return 200, self.fake.new_message(channel["id"], call.body)

    async def get_message(self, call: Call) -> Reply:
        return 200, self._channel_message(call)

    async def edit_message(self, call: Call) -> Reply:
        msg = self._channel_message(call)
        if msg["author"]["id"] != self.state.app_id:
            raise ApiError(403, 50005, "Cannot edit a message authored by another user")
        return 200, self.fake.update_message(msg["id"], call.body)

    async def delete_message(self, call: Call) -> Reply:
        msg = self._channel_message(call)
        self.state.messages.pop(msg["id"], None)
        return 204, None

    async def typing(self, call: Call) -> Reply:
        self._channel(call)
        return 204, None
