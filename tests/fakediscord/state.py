"""What the fake Discord knows: the bot, its guilds with their text channels (one guild with one
channel unless a test adds more), messages, commands, interactions. Builds the gateway payloads
(READY, GUILD_CREATE, INTERACTION_CREATE) from it."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from typing import Any

from . import payloads as p

INTERACTION_COMMAND, INTERACTION_COMPONENT, INTERACTION_AUTOCOMPLETE = 2, 3, 4
OPTION_SUBCOMMAND, OPTION_GROUP = 1, 2
OPTION_STRING, OPTION_INTEGER, OPTION_BOOLEAN, OPTION_CHANNEL, OPTION_NUMBER = 3, 4, 5, 7, 10
OPTION_ATTACHMENT = 11


@dataclass(frozen=True)
class Upload:
    """A file the test user attaches to a slash command's attachment option: the fake serves its
    bytes at the attachment's ``url`` (loopback), as Discord's CDN would."""

    filename: str
    data: bytes
    content_type: str = "text/plain; charset=utf-8"


@dataclass
class InteractionRecord:
    """One interaction the test sent, and how the bot answered it."""

    id: str
    token: str
    type: int
    payload: dict[str, Any]
    dispatched_at: float
    initial_type: int | None = None
    initial_at: float | None = None
    original_id: str | None = None
    message_ids: list[str] = field(default_factory=list)
    choices: list[dict[str, Any]] | None = None

    @property
    def latency(self) -> float | None:
        """Seconds from dispatch to the initial response (None while unanswered)."""
        return None if self.initial_at is None else self.initial_at - self.dispatched_at


def _permissions(value: object) -> str | None:
    """Requests may send a permission bit set as an integer; responses always carry a string."""
    return None if value is None else str(value)


class DiscordState:
    """In-memory model of the bits of Discord one bot in one guild touches."""

    def __init__(self, *, app_id: str, guild_id: str, channel_id: str, bot_name: str = "FakeBot") -> None:
        self.ids = p.Snowflakes()
        self.app_id, self.guild_id, self.channel_id = app_id, guild_id, channel_id
        self.bot_me = p.bot_user_me(app_id, bot_name)
        self.bot = p.user(app_id, bot_name, bot=True)
        self.human = p.user(self.ids.next(), "tester")
        self.application = p.application(app_id, self.bot, self.human)
        self.channels: dict[str, dict[str, Any]] = {
            channel_id: p.text_channel(channel_id, guild_id, "general"),
        }
        self.guilds: dict[str, str] = {guild_id: "Fake Guild"}  # id → name; the first is the default
        self.messages: dict[str, dict[str, Any]] = {}
        self.commands: dict[str | None, list[dict[str, Any]]] = {}
        self.interactions: dict[str, InteractionRecord] = {}
        self.uploads: dict[str, Upload] = {}  # attachment id → file, served under ``cdn_base``
        self.cdn_base = ""  # set by the server once it listens
        self.member_permissions = p.ALL_PERMISSIONS  # the test user's permissions in the channel

    # --- gateway payloads -------------------------------------------------------------
    def members(self) -> list[dict[str, Any]]:
        return [p.member(self.bot), p.member(self.human)]

    def add_guild(self, name: str = "Second Guild") -> tuple[str, str]:
        """Another guild the bot is in, with one text channel: (guild id, channel id). Add guilds
        before the bot connects: they come with READY and GUILD_CREATE."""
        guild_id, channel_id = self.ids.next(), self.ids.next()
        self.guilds[guild_id] = name
        self.channels[channel_id] = p.text_channel(channel_id, guild_id, "general")
        return guild_id, channel_id

    def add_channel(self, guild_id: str, name: str) -> str:
        channel_id = self.ids.next()
        position = sum(1 for c in self.channels.values() if c["guild_id"] == guild_id)
        self.channels[channel_id] = p.text_channel(channel_id, guild_id, name, position)
        return channel_id

    def first_channel(self, guild_id: str) -> str:
        return next(cid for cid, c in self.channels.items() if c["guild_id"] == guild_id)

    def ready_payload(self, session_id: str, gateway_url: str) -> dict[str, Any]:
        return {
            "v": 10, "user": {**self.bot_me}, "guilds": [{"id": g, "unavailable": True} for g in self.guilds],
            "session_id": session_id, "session_type": "normal", "resume_gateway_url": gateway_url,
            "shard": [0, 1], "application": {"id": self.app_id, "flags": 0}, "private_channels": [],
            "relationships": [], "presences": [], "guild_join_requests": [], "geo_ordered_rtc_regions": [],
            "user_settings": {}, "_trace": ["fakediscord"],
        }

    def guild_payload(self, guild_id: str | None = None) -> dict[str, Any]:
        gid = guild_id or self.guild_id
        channels = [c for c in self.channels.values() if c["guild_id"] == gid]
        return p.guild_create(gid, self.guilds[gid], channels, self.members(), owner_id=self.human["id"])

    # --- application commands -------------------------------------------------------------
    def store_commands(self, scope: str | None, body: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Bulk overwrite: keep the IDs of commands that already existed under the same name."""
        previous = {(c["type"], c["name"]): c["id"] for c in self.commands.get(scope, [])}
        stored = []
        for cmd in body:
            kind = cmd.get("type") or 1
            full = {
                "id": previous.get((kind, cmd["name"])) or self.ids.next(), "application_id": self.app_id,
                "version": self.ids.next(), "type": kind, "name": cmd["name"],
                "name_localizations": cmd.get("name_localizations"),
                "description": cmd.get("description") or "",
                "description_localizations": cmd.get("description_localizations"),
                "options": cmd.get("options") or [],
                "default_member_permissions": _permissions(cmd.get("default_member_permissions")),
                "dm_permission": cmd.get("dm_permission", True), "nsfw": bool(cmd.get("nsfw")),
                "integration_types": cmd.get("integration_types") or [0],
                "contexts": cmd.get("contexts"),
            }
            if scope is not None:
                full["guild_id"] = scope
            stored.append(full)
        self.commands[scope] = stored
        return stored

    def find_command(self, name: str, kind: int = 1, guild_id: str | None = None) -> dict[str, Any]:
        """The synced command the user would pick in a guild: its guild commands shadow global ones."""
        for scope in (guild_id or self.guild_id, None):
            for cmd in self.commands.get(scope, []):
                if cmd["name"] == name and cmd["type"] == kind:
                    return cmd
        synced = {s: [c["name"] for c in cs] for s, cs in self.commands.items()}
        raise LookupError(f"command /{name} was never synced (synced: {synced})")

    # --- interactions -------------------------------------------------------------------
    def interaction(self, kind: int, data: dict[str, Any], *, locale: str = "en-US",
                    message: dict[str, Any] | None = None, guild_id: str | None = None) -> dict[str, Any]:
        """An INTERACTION_CREATE payload from the test user in a text channel of the guild (default:
        the first guild, its first channel)."""
        gid = guild_id or self.guild_id
        cid = self.channel_id if gid == self.guild_id else self.first_channel(gid)
        payload: dict[str, Any] = {
            "id": self.ids.next(), "application_id": self.app_id, "type": kind, "data": data,
            "guild": {"id": gid, "locale": "en-US", "features": []}, "guild_id": gid,
            "channel": self.channels[cid], "channel_id": cid,
            "member": p.member(self.human, permissions=self.member_permissions),
            "token": "aW50ZXJhY3Rpb24" + secrets.token_urlsafe(48), "version": 1,
            "app_permissions": p.ALL_PERMISSIONS, "locale": locale, "guild_locale": "en-US",
            "entitlements": [], "authorizing_integration_owners": {"0": gid}, "context": 0,
            "attachment_size_limit": 10485760,
        }
        if message is not None:
            payload["message"] = message
        return payload

    def command_data(self, name: str, options: dict[str, Any], focused: str | None = None,
                     guild_id: str | None = None) -> dict[str, Any]:
        """``data`` of a slash command or autocomplete interaction, typed from the synced schema.

        ``name`` may be ``"group sub"`` for subcommands. Values are coerced to the option type the
        bot declared, as Discord's client would (an integer option gets an int; a channel option
        its id, with the channel in ``resolved``).
        """
        root, *path = name.split()
        cmd = self.find_command(root, guild_id=guild_id)
        declared = cmd["options"]
        wrappers: list[dict[str, Any]] = []
        for part in path:
            sub = next((o for o in declared if o["name"] == part and o["type"] in (1, 2)), None)
            if sub is None:
                raise LookupError(f"/{root} has no subcommand {part!r}")
            wrappers.append({"name": part, "type": sub["type"], "options": []})
            declared = sub.get("options") or []
        leaf = [self._option(declared, key, value, focused == key) for key, value in options.items()]
        given = leaf  # the options themselves, before subcommand wrapping
        for wrapper in reversed(wrappers):
            wrapper["options"], leaf = leaf, [wrapper]
        data: dict[str, Any] = {"id": cmd["id"], "name": root, "type": 1, "options": leaf}
        if "guild_id" in cmd:
            data["guild_id"] = cmd["guild_id"]
        picked = [str(v) for k, v in options.items() if _declared_type(declared, k) == OPTION_CHANNEL]
        if picked:
            data["resolved"] = {"channels": {cid: self.resolved_channel(cid) for cid in picked}}
        files = [o["value"] for o in given if o["type"] == OPTION_ATTACHMENT]
        if files:
            data.setdefault("resolved", {})["attachments"] = {aid: self.attachment(aid) for aid in files}
        return data

    def attachment(self, attachment_id: str) -> dict[str, Any]:
        """An attachment object as ``resolved.attachments`` carries it (AttachmentResponse)."""
        upload = self.uploads[attachment_id]
        url = f"{self.cdn_base}/attachments/{self.channel_id}/{attachment_id}/{upload.filename}"
        return {"id": attachment_id, "filename": upload.filename, "size": len(upload.data), "url": url,
                "proxy_url": url, "content_type": upload.content_type, "ephemeral": True}

    def message_attachment(self, channel_id: str, filename: str, data: bytes, content_type: str) -> dict[str, Any]:
        """A file the bot uploaded with a message (MessageAttachmentResponse), served under ``cdn_base``."""
        attachment_id = self.upload(Upload(filename, data, content_type))
        url = f"{self.cdn_base}/attachments/{channel_id}/{attachment_id}/{filename}"
        out: dict[str, Any] = {"id": attachment_id, "filename": filename, "size": len(data), "url": url,
                               "proxy_url": url, "content_type": content_type}
        size = p.png_size(data)
        if size is not None:
            out["width"], out["height"] = size
        return out

    def resolved_channel(self, channel_id: str) -> dict[str, Any]:
        """A channel as an interaction's ``resolved`` carries it (with the user's permissions there)."""
        channel = self.channels[channel_id]
        return {"id": channel_id, "name": channel["name"], "type": channel["type"], "guild_id": channel["guild_id"],
                "permissions": p.ALL_PERMISSIONS, "parent_id": None, "flags": 0}

    def upload(self, upload: Upload) -> str:
        attachment_id = self.ids.next()
        self.uploads[attachment_id] = upload
        return attachment_id

    def _option(self, declared: list[dict[str, Any]], key: str, value: Any, focused: bool) -> dict[str, Any]:
        spec = next((o for o in declared if o["name"] == key), None)
        if spec is None:
            raise LookupError(f"option {key!r} not declared (declared: {[o['name'] for o in declared]})")
        kind = spec["type"]
        if focused:
            return {"name": key, "type": kind, "value": str(value), "focused": True}
        if kind == OPTION_ATTACHMENT:
            if not isinstance(value, Upload):
                raise TypeError(f"option {key!r} takes an Upload, not {type(value).__name__}")
            return {"name": key, "type": kind, "value": self.upload(value)}
        coerce = {OPTION_INTEGER: int, OPTION_NUMBER: float, OPTION_BOOLEAN: bool}.get(kind, str)
        return {"name": key, "type": kind, "value": coerce(value)}

    # --- messages -----------------------------------------------------------------------
    def create_message(self, channel_id: str, body: dict[str, Any], *, author: dict[str, Any] | None = None,
                       extra: dict[str, Any] | None = None, message_type: int = 0) -> dict[str, Any]:
        guild_id = self.channels[channel_id]["guild_id"] if channel_id in self.channels else self.guild_id
        msg = p.message(self.ids.next(), channel_id, author or self.bot, body, guild_id=guild_id,
                        message_type=message_type, extra=extra)
        self.messages[msg["id"]] = msg
        if channel_id in self.channels:
            self.channels[channel_id]["last_message_id"] = msg["id"]
        return msg

    def channel_messages(self, channel_id: str) -> list[dict[str, Any]]:
        """Visible messages of a channel, oldest first (ephemeral ones excluded)."""
        return [m for m in self.messages.values() if m["channel_id"] == channel_id and not m["flags"] & 64]


def _declared_type(declared: list[dict[str, Any]], key: str) -> int | None:
    return next((o["type"] for o in declared if o["name"] == key), None)
