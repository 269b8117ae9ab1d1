"""The gateway half of the fake: HELLO, IDENTIFY → READY + GUILD_CREATE, heartbeats, RESUME.

Dispatches are numbered and buffered per session, so a client that drops and RESUMEs gets
what it missed, as on the real gateway. Frames go out zlib-compressed when the client asks
for ``compress=zlib-stream`` (discord.py does), plain text otherwise.
"""

from __future__ import annotations

import json
import secrets
import zlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from aiohttp import WSMsgType, web

if TYPE_CHECKING:
    from .server import FakeDiscord

HEARTBEAT_INTERVAL_MS = 41250
OP_DISPATCH, OP_HEARTBEAT, OP_IDENTIFY, OP_PRESENCE, OP_VOICE = 0, 1, 2, 3, 4
OP_RESUME, OP_RECONNECT, OP_REQUEST_MEMBERS, OP_INVALID_SESSION = 6, 7, 8, 9
OP_HELLO, OP_HEARTBEAT_ACK = 10, 11


@dataclass
class GatewayFrame:
    """One frame seen on the gateway, in either direction, for assertions and ``wait_for_gateway``."""

    direction: str  # "recv" (from the client) or "send" (from the fake)
    op: int
    t: str | None
    d: Any
    time: float


@dataclass
class Session:
    session_id: str
    seq: int = 0
    sent: list[dict[str, Any]] = field(default_factory=list)
    ws: web.WebSocketResponse | None = None
    compressor: Any = None
    intents: int = 0


class Gateway:
    """Serves the websocket and keeps the (single) bot session."""

    def __init__(self, fake: FakeDiscord) -> None:
        self.fake = fake
        self.session: Session | None = None
        self.connections = 0
        self.identifies = 0
        self.resumes = 0
        self._sockets: set[web.WebSocketResponse] = set()

    async def handle(self, request: web.Request) -> web.StreamResponse:
        ws = web.WebSocketResponse(autoping=True)
        if not ws.can_prepare(request).ok:
            self.fake.violation(f"GET {request.path}: plain HTTP on the gateway endpoint")
            return web.Response(status=400)
        await ws.prepare(request)
        self.connections += 1
        self._sockets.add(ws)
        query = request.query
        if query.get("v") != "10" or query.get("encoding", "json") != "json":
            asked = f"v={query.get('v')} encoding={query.get('encoding')}"
            self.fake.violation(f"gateway: client asked for {asked}, the fake speaks v=10 json")
        compressor = zlib.compressobj() if query.get("compress") == "zlib-stream" else None
        conn = _Connection(self, ws, compressor)
        try:
            await conn.run()
        finally:
            self._sockets.discard(ws)
            if self.session is not None and self.session.ws is ws:
                self.session.ws = None
        return ws

    async def dispatch(self, event: str, data: dict[str, Any]) -> int:
        """Send an event to the bot (buffered for RESUME when it is not connected). Returns its seq."""
        session = self.session
        if session is None:
            raise RuntimeError(f"cannot dispatch {event}: the bot has not identified yet")
        session.seq += 1
        frame = {"op": OP_DISPATCH, "t": event, "s": session.seq, "d": data}
        session.sent.append(frame)
        if session.ws is not None and not session.ws.closed:
            try:
                await _send(session.ws, session.compressor, frame)
            except (ConnectionError, RuntimeError):
                return session.seq  # the socket is going away: the frame waits for RESUME
            self.fake.record_frame("send", frame)
        return session.seq

    async def drop(self, code: int = 4000, *, resumable: bool = True) -> None:
        """Close the bot's connection as Discord would on an outage; optionally forget the session."""
        session = self.session
        if session is None or session.ws is None:
            raise RuntimeError("no gateway connection to drop")
        ws, session.ws = session.ws, None
        if not resumable:
            self.session = None
        await ws.close(code=code, message=b"fake: connection dropped")

    async def close_all(self) -> None:
        for ws in list(self._sockets):
            await ws.close(code=1001, message=b"fake: shutting down")


class _Connection:
    """One websocket connection: the per-connection protocol state machine."""

    def __init__(self, gateway: Gateway, ws: web.WebSocketResponse, compressor: Any) -> None:
        self.gateway, self.ws, self.compressor = gateway, ws, compressor
        self.fake = gateway.fake
        self.authenticated = False

    async def send(self, frame: dict[str, Any]) -> None:
        await _send(self.ws, self.compressor, frame)
        self.fake.record_frame("send", frame)

    async def run(self) -> None:
        hello = {"heartbeat_interval": HEARTBEAT_INTERVAL_MS}
        await self.send({"op": OP_HELLO, "d": hello, "s": None, "t": None})
        async for msg in self.ws:
            if msg.type != WSMsgType.TEXT:
                if msg.type == WSMsgType.ERROR:
                    break
                self.fake.violation(f"gateway: unexpected {msg.type.name} frame from the client")
                continue
            try:
                frame = json.loads(msg.data)
            except json.JSONDecodeError:
                self.fake.violation("gateway: a frame from the client is not JSON")
                await self.ws.close(code=4002, message=b"Decode error.")
                break
            self.fake.record_frame("recv", frame)
            await self.on_frame(frame)

    async def on_frame(self, frame: dict[str, Any]) -> None:
        op, data = frame.get("op"), frame.get("d")
        if op == OP_HEARTBEAT:
            await self.send({"op": OP_HEARTBEAT_ACK, "d": None, "s": None, "t": None})
        elif op == OP_IDENTIFY:
            await self.identify(data or {})
        elif op == OP_RESUME:
            await self.resume(data or {})
        elif not self.authenticated:
            self.fake.violation(f"gateway: op {op} sent before IDENTIFY/RESUME")
            await self.ws.close(code=4003, message=b"Not authenticated.")
        elif op == OP_REQUEST_MEMBERS:
            await self.request_members(data or {})
        elif op not in (OP_PRESENCE, OP_VOICE):
            self.fake.violation(f"gateway: unknown opcode {op}")
            await self.ws.close(code=4001, message=b"Unknown opcode.")

    async def identify(self, data: dict[str, Any]) -> None:
        if self.authenticated:
            self.fake.violation("gateway: IDENTIFY sent twice on one connection")
            await self.ws.close(code=4005, message=b"Already authenticated.")
            return
        if data.get("token") != self.fake.token:
            self.fake.violation("gateway: IDENTIFY with a wrong token")
            await self.ws.close(code=4004, message=b"Authentication failed.")
            return
        if "intents" not in data:
            self.fake.violation("gateway: IDENTIFY without intents")
        self.authenticated = True
        self.gateway.identifies += 1
        session = Session(secrets.token_hex(16), ws=self.ws, compressor=self.compressor,
                          intents=int(data.get("intents") or 0))
        self.gateway.session = session
        state = self.fake.state
        await self.gateway.dispatch("READY", state.ready_payload(session.session_id, self.fake.gateway_url))
        for guild_id in state.guilds:
            await self.gateway.dispatch("GUILD_CREATE", state.guild_payload(guild_id))

    async def resume(self, data: dict[str, Any]) -> None:
        session = self.gateway.session
        ok = (session is not None and data.get("session_id") == session.session_id
              and data.get("token") == self.fake.token)
        if not ok or session is None:
            await self.send({"op": OP_INVALID_SESSION, "d": False, "s": None, "t": None})
            return
        self.authenticated = True
        self.gateway.resumes += 1
        session.ws, session.compressor = self.ws, self.compressor
        last = data.get("seq") or 0
        for frame in session.sent:
            if frame["s"] > last:
                await self.send(frame)
        await self.gateway.dispatch("RESUMED", {})

    async def request_members(self, data: dict[str, Any]) -> None:
        state = self.fake.state
        chunk = {"guild_id": state.guild_id, "members": state.members(), "chunk_index": 0,
                 "chunk_count": 1, "not_found": [], "nonce": data.get("nonce")}
        await self.gateway.dispatch("GUILD_MEMBERS_CHUNK", chunk)


async def _send(ws: web.WebSocketResponse, compressor: Any, frame: dict[str, Any]) -> None:
    raw = json.dumps(frame, separators=(",", ":")).encode()
    if compressor is None:
        await ws.send_str(raw.decode())
    else:
        await ws.send_bytes(compressor.compress(raw) + compressor.flush(zlib.Z_SYNC_FLUSH))

