"""Settings from the environment and `.env` (python-dotenv); the token never shows in a repr or log."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

TRUE = {"1", "true", "yes", "on"}


class ConfigError(ValueError):
    """A variable is set to something unusable; the message names it."""


@dataclass(frozen=True)
class Settings:
    discord_token: str | None = field(default=None, repr=False)
    dev_guild_id: int | None = None
    seeds_dir: Path = Path("seeds")
    facts_db: Path = Path("var/facts.sqlite3")
    digest_channel_id: int | None = None
    digest_interval: float = 60.0
    digest_cron: str | None = None
    digest_backfill: bool = False
    discord_api_base: str | None = None
    discord_gateway_url: str | None = None
    ready_timeout: float = 2.0

    def __repr__(self) -> str:
        shown = {k: v for k, v in self.__dict__.items() if k != "discord_token"}
        token = "set" if self.discord_token else "unset"
        inner = ", ".join(f"{k}={v!r}" for k, v in shown.items())
        return f"Settings(discord_token=<{token}>, {inner})"

    __str__ = __repr__


def _int(env: Mapping[str, str], name: str) -> int | None:
    raw = (env.get(name) or "").strip()
    if not raw:
        return None
    if not raw.isdigit():
        raise ConfigError(f"{name} must be a numeric Discord id, got {raw[:40]!r}")
    return int(raw)


def _float(env: Mapping[str, str], name: str, default: float) -> float:
    raw = (env.get(name) or "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a number of seconds, got {raw[:40]!r}") from None
    if value < 0:
        raise ConfigError(f"{name} must not be negative, got {raw!r}")
    return value


def load_settings(env: Mapping[str, str] | None = None, dotenv: bool = True) -> Settings:
    """Read every variable; `.env` fills only what the real environment leaves unset."""
    if env is None:
        if dotenv:
            from dotenv import load_dotenv

            load_dotenv(Path.cwd() / ".env", override=False)
        env = os.environ
    return Settings(
        discord_token=(env.get("DISCORD_TOKEN") or "").strip() or None,
        dev_guild_id=_int(env, "DEV_GUILD_ID"),
        seeds_dir=Path(env.get("SEEDS_DIR") or "seeds"),
        facts_db=Path(env.get("FACTS_DB") or "var/facts.sqlite3"),
        digest_channel_id=_int(env, "DIGEST_CHANNEL_ID"),
        digest_interval=_float(env, "DIGEST_INTERVAL", 60.0),
        digest_cron=(env.get("DIGEST_CRON") or "").strip() or None,
        digest_backfill=(env.get("DIGEST_BACKFILL") or "").strip().lower() in TRUE,
        discord_api_base=(env.get("DISCORD_API_BASE") or "").strip().rstrip("/") or None,
        discord_gateway_url=(env.get("DISCORD_GATEWAY_URL") or "").strip() or None,
        ready_timeout=_float(env, "DISCORD_READY_TIMEOUT", 2.0),
    )


def apply_discord_overrides(settings: Settings) -> None:
    """Point discord.py at a Discord-compatible server (the test fake, a self-hosted one).

    Both are class attributes read at request/connect time, so set them before login.
    """
    import discord.gateway
    import discord.http
    import yarl

    if settings.discord_api_base:
        discord.http.Route.BASE = settings.discord_api_base
    if settings.discord_gateway_url:
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(settings.discord_gateway_url)
