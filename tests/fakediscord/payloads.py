"""Discord object payloads, shaped as Discord's API documentation describes them.

Pure builders: no server state here, so tests can also use them to craft odd payloads.
"""

from __future__ import annotations

import itertools
import re
import time
from datetime import UTC, datetime
from typing import Any

DISCORD_EPOCH_MS = 1420070400000
ALL_PERMISSIONS = str((1 << 50) - 1)
MENTION = re.compile(r"<@!?(\d+)>|<@&(\d+)>|@(everyone|here)")


class Snowflakes:
    """Monotonic snowflake IDs (timestamp << 22 | counter), as strings like Discord sends them."""

    def __init__(self) -> None:
        self._counter = itertools.count(1)

    def next(self) -> str:
        ms = int(time.time() * 1000) - DISCORD_EPOCH_MS
        return str((ms << 22) | (next(self._counter) & 0x3FFFFF))


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def user(user_id: str, username: str, *, bot: bool = False) -> dict[str, Any]:
    return {
        "id": user_id, "username": username, "discriminator": "0", "global_name": None if bot else username,
        "avatar": None, "bot": bot, "system": False, "banner": None, "accent_color": None,
        "public_flags": 0, "flags": 0, "avatar_decoration_data": None, "primary_guild": None,
        "collectibles": None,
    }


def bot_user_me(user_id: str, username: str) -> dict[str, Any]:
    """``GET /users/@me`` for a bot: the user plus the private fields."""
    return {**user(user_id, username, bot=True), "mfa_enabled": True, "verified": True,
            "email": None, "locale": "en-US", "premium_type": 0}


def application(app_id: str, bot: dict[str, Any], owner: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": app_id, "name": bot["username"], "icon": None, "description": "", "summary": "",
        "type": None, "bot": bot, "bot_public": False, "bot_require_code_grant": False,
        "verify_key": "0" * 64, "flags": 0, "owner": owner, "team": None, "rpc_origins": [],
        "redirect_uris": [], "interactions_endpoint_url": None, "role_connections_verification_url": None,
        "tags": [], "approximate_guild_count": 1, "integration_types_config": {"0": {}},
        "flags_new": "0", "approximate_user_install_count": 0, "approximate_user_authorization_count": 0,
        "explicit_content_filter": 0, "eligible_oauth2_scopes": ["bot", "applications.commands"],
    }


def text_channel(channel_id: str, guild_id: str, name: str, position: int = 0) -> dict[str, Any]:
    return {
        "id": channel_id, "type": 0, "guild_id": guild_id, "name": name, "position": position,
        "permission_overwrites": [], "topic": None, "nsfw": False, "last_message_id": None,
        "rate_limit_per_user": 0, "parent_id": None, "flags": 0,
    }


def role(role_id: str, name: str, permissions: str) -> dict[str, Any]:
    return {
        "id": role_id, "name": name, "color": 0, "colors": {"primary_color": 0}, "hoist": False,
        "icon": None, "unicode_emoji": None, "position": 0, "permissions": permissions,
        "managed": False, "mentionable": False, "flags": 0,
    }


def member(user_obj: dict[str, Any], *, permissions: str | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "user": user_obj, "nick": None, "avatar": None, "banner": None, "roles": [],
        "joined_at": "2024-01-01T00:00:00.000000+00:00", "premium_since": None, "deaf": False,
        "mute": False, "flags": 0, "pending": False, "communication_disabled_until": None,
    }
    if permissions is not None:
        data["permissions"] = permissions
    return data


def guild_create(guild_id: str, name: str, channels: list[dict[str, Any]],
                 members: list[dict[str, Any]], owner_id: str) -> dict[str, Any]:
    """The GUILD_CREATE dispatch: a full guild with its channels and (some) members."""
    return {
        "id": guild_id, "name": name, "icon": None, "splash": None, "discovery_splash": None,
        "owner_id": owner_id, "afk_channel_id": None, "afk_timeout": 300, "verification_level": 0,
        "default_message_notifications": 1, "explicit_content_filter": 0,
        "roles": [role(guild_id, "@everyone", "2248473465835073")], "emojis": [], "stickers": [],
        "features": [], "mfa_level": 0, "application_id": None, "system_channel_id": None,
        "system_channel_flags": 0, "rules_channel_id": None, "vanity_url_code": None,
        "description": None, "banner": None, "premium_tier": 0, "premium_subscription_count": 0,
        "preferred_locale": "en-US", "public_updates_channel_id": None, "nsfw_level": 0,
        "premium_progress_bar_enabled": False, "safety_alerts_channel_id": None,
        "joined_at": "2024-01-01T00:00:00.000000+00:00", "large": False, "unavailable": False,
        "member_count": len(members), "voice_states": [], "members": members, "channels": channels,
        "threads": [], "presences": [], "stage_instances": [], "guild_scheduled_events": [],
        "soundboard_sounds": [], "max_members": 500000, "max_video_channel_users": 25,
    }


def pings(body: dict[str, Any]) -> dict[str, Any]:
    """Who ``body`` would notify, applying ``allowed_mentions`` the way Discord does.

    Without ``allowed_mentions`` Discord parses every mention in the content; with it, only
    the listed types (``parse``) or explicit ``users``/``roles`` ping.
    """
    content = body.get("content") or ""
    rules = body.get("allowed_mentions")
    parse = {"users", "roles", "everyone"} if rules is None else set(rules.get("parse") or [])
    users = set((rules or {}).get("users") or [])
    roles = set((rules or {}).get("roles") or [])
    found: dict[str, Any] = {"everyone": False, "users": [], "roles": []}
    for match in MENTION.finditer(content):
        uid, rid, everyone = match.groups()
        if everyone and "everyone" in parse:
            found["everyone"] = True
        elif uid and ("users" in parse or uid in users):
            found["users"].append(uid)
        elif rid and ("roles" in parse or rid in roles):
            found["roles"].append(rid)
    return found


def number_components(components: list[Any]) -> list[Any]:
    """Copy ``components`` with the integer ``id`` Discord fills in (sequential, keeping given ones)."""
    taken = set()

    def collect(items: list[Any]) -> None:
        for item in items:
            if isinstance(item, dict):
                if isinstance(item.get("id"), int):
                    taken.add(item["id"])
                collect(item.get("components") or [])

    collect(components)
    counter = itertools.count(1)

    def fill(items: list[Any]) -> list[Any]:
        out = []
        for item in items:
            if not isinstance(item, dict):
                out.append(item)
                continue
            copy = dict(item)
            if not isinstance(copy.get("id"), int):
                copy["id"] = next(n for n in counter if n not in taken)
            if "components" in copy:
                copy["components"] = fill(copy["components"] or [])
            out.append(copy)
        return out

    return fill(components)


def message(message_id: str, channel_id: str, author: dict[str, Any], body: dict[str, Any], *,
            guild_id: str | None = None, message_type: int = 0,
            extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """A message object as Discord returns it after creating one from ``body``."""
    who = pings(body)
    embeds = [{"type": "rich", **e} for e in body.get("embeds") or []]
    data: dict[str, Any] = {
        "id": message_id, "channel_id": channel_id, "author": author,
        "content": body.get("content") or "", "timestamp": now_iso(), "edited_timestamp": None,
        "tts": bool(body.get("tts")), "mention_everyone": who["everyone"],
        "mentions": [user(u, f"user{u}") for u in who["users"]], "mention_roles": who["roles"],
        "mention_channels": [], "attachments": [], "embeds": embeds, "reactions": [],
        "pinned": False, "type": message_type, "flags": int(body.get("flags") or 0),
        "components": number_components(body.get("components") or []),
    }
    if guild_id is not None:
        data["guild_id"] = guild_id
    if body.get("nonce") is not None:
        data["nonce"] = body["nonce"]
    data.update(extra or {})
    return data


def edit_message(existing: dict[str, Any], body: dict[str, Any],
                 uploads: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """Apply a PATCH body (only the keys present) to a stored message, as Discord does: with an
    ``attachments`` list, the attachments it names stay and the others go; ``uploads`` join them."""
    updated = dict(existing)
    if isinstance(body.get("attachments"), list):
        kept = {str(a.get("id")) for a in body["attachments"] if isinstance(a, dict)}
        updated["attachments"] = [a for a in existing["attachments"] if a["id"] in kept]
    updated["attachments"] = list(updated["attachments"]) + list(uploads or [])
    for key in ("content", "flags"):
        if key in body and body[key] is not None:
            updated[key] = body[key]
    if body.get("components") is not None:
        updated["components"] = number_components(body["components"])
    if "embeds" in body and body["embeds"] is not None:
        updated["embeds"] = [{"type": "rich", **e} for e in body["embeds"]]
    if "content" in body or "allowed_mentions" in body:
        who = pings({"content": updated["content"], "allowed_mentions": body.get("allowed_mentions")})
        updated["mention_everyone"] = who["everyone"]
    updated["edited_timestamp"] = now_iso()
    return updated


ATTACHMENT_REF = "attachment://"


def png_size(data: bytes) -> tuple[int, int] | None:
    """Width and height from a PNG's IHDR chunk (Discord reports them for images)."""
    if data[:8] != b"\x89PNG\r\n\x1a\n" or len(data) < 24:
        return None
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def link_attachments(embeds: list[dict[str, Any]], attachments: list[dict[str, Any]]) -> list[str]:
    """Point ``attachment://name`` embed images at the attachment's URL, as Discord does; returns the
    names no attachment of the message has (Discord would show a broken image)."""
    by_name = {a["filename"]: a for a in attachments}
    missing = []
    for embed in embeds:
        for key in ("image", "thumbnail"):
            media = embed.get(key)
            url = media.get("url", "") if isinstance(media, dict) else ""
            if not url.startswith(ATTACHMENT_REF):
                continue
            found = by_name.get(url[len(ATTACHMENT_REF):])
            if found is None:
                missing.append(url)
                continue
            embed[key] = {"url": found["url"], "proxy_url": found["proxy_url"],
                          **{k: found[k] for k in ("width", "height", "content_type") if k in found}}
    return missing
