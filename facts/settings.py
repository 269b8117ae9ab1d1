"""The one settings object: every variable of the environment and of the project's ``.env``.

Built once by each entry point (``bot.py``, ``python -m facts``) and passed down; no other module
reads the environment. The real environment wins over ``.env``; a variable set to an empty
string counts as unset (its default applies), so ``DISCORD_TOKEN=`` switches a token in ``.env``
off. Relative paths are read against the project folder (where ``.env`` lives), not the current
folder, so ``python /path/to/bot.py`` answers from the project's fact base wherever it is started.
The token is a ``SecretStr``: it never shows in a repr, a log line or an error message.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from facts.seeds import CompileOptions
from facts.store import DEFAULT_DB

PROJECT = Path(__file__).resolve().parents[1]
ENV_FILE = PROJECT / ".env"
LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR"]


class ConfigError(ValueError):
    """A variable is set to something unusable; the message names it and says what is expected."""


class Settings(BaseSettings):
    """Variables are the field names in upper case (``FACTS_DB``, ``DIGEST_INTERVAL``…), documented
    in ``.env.example``."""

    model_config = SettingsConfigDict(env_file=ENV_FILE, env_file_encoding="utf-8", extra="ignore",
                                      case_sensitive=False, validate_default=True, frozen=True)

    # the fact base
    seeds_dir: Path = Field(Path("seeds"), description="folder of article files")
    facts_db: Path = Field(Path(DEFAULT_DB), description="the fact base file")
    seeds_symlinks: Literal["inside", "off"] = "inside"
    seeds_max_file_mb: float = Field(16.0, gt=0)
    facts_today: dt.date | None = None
    # Discord
    discord_token: SecretStr | None = None
    dev_guild_id: int | None = Field(None, gt=0)
    discord_api_base: str | None = None
    discord_gateway_url: str | None = None
    discord_ready_timeout: float = Field(2.0, ge=0)
    # the digest
    digest_channel_id: int | None = Field(None, gt=0)
    digest_interval: float = Field(60.0, ge=1)
    digest_sweep_interval: float = Field(300.0, ge=0)
    digest_cron: str | None = None
    digest_timezone: str = "UTC"
    digest_backfill: bool = False
    # articles added by people (bot.py add, /article add) and fetched from the web
    allow_private_urls: bool = False
    article_role_id: int | None = Field(None, gt=0)
    feeds: str | None = None
    feed_interval: float = Field(900.0, ge=1)
    fetch_max_mb: float = Field(5.0, gt=0)
    fetch_timeout: float = Field(20.0, gt=0)
    # the process
    log_level: LogLevel = "INFO"

    @model_validator(mode="before")
    @classmethod
    def _empty_is_unset(cls, data: Any) -> Any:
        if isinstance(data, dict):
            return {k: v for k, v in data.items() if not (isinstance(v, str) and not v.strip())}
        return data

    @field_validator("seeds_dir", "facts_db")
    @classmethod
    def _from_project(cls, path: Path) -> Path:
        path = path.expanduser()
        return path if path.is_absolute() else PROJECT / path

    @field_validator("discord_api_base", "discord_gateway_url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        if value is None:
            return None
        value = value.strip()
        if not value.startswith(("http://", "https://", "ws://", "wss://")):
            raise ValueError("must be a URL starting with http(s):// or ws(s)://")
        return value.rstrip("/") if value.startswith("http") else value

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper(cls, value: Any) -> Any:
        return value.strip().upper() if isinstance(value, str) else value

    @field_validator("digest_timezone")
    @classmethod
    def _zone(cls, value: str) -> str:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(value.strip())
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError("must be a time zone name such as UTC or Africa/Casablanca") from None
        return value.strip()

    @field_validator("digest_cron")
    @classmethod
    def _crontab(cls, value: str | None) -> str | None:
        if value is None:
            return None
        from apscheduler.triggers.cron import CronTrigger

        try:
            CronTrigger.from_crontab(value.strip())
        except (ValueError, LookupError) as exc:
            raise ValueError(f"must be a crontab expression such as '0 8 * * *' ({exc})") from None
        return value.strip()

    @property
    def token(self) -> str | None:
        """The token itself, for the one call that logs in."""
        return self.discord_token.get_secret_value().strip() or None if self.discord_token else None

    def compile_options(self) -> CompileOptions:
        return CompileOptions(symlinks=self.seeds_symlinks, max_file_mb=self.seeds_max_file_mb,
                              today=self.facts_today)


def load_settings(env: Mapping[str, str] | None = None, *, env_file: Path | None = ENV_FILE,
                  **values: Any) -> Settings:
    """The settings from the environment and ``env_file``; ``env`` (tests) adds variables to them,
    ``values`` sets fields directly. Raises ``ConfigError`` with one line naming each bad variable."""
    given: dict[str, Any] = {k.lower(): v for k, v in (env or {}).items() if k.lower() in Settings.model_fields}
    given.update(values)
    try:
        return Settings(_env_file=env_file, **given)  # type: ignore[call-arg]  # pydantic-settings option
    except ValidationError as exc:
        raise ConfigError(describe(exc)) from None


def describe(exc: ValidationError) -> str:
    """'DIGEST_INTERVAL: input should be greater than or equal to 1 (got '0')' — never a token."""
    parts = []
    for error in exc.errors():
        name = str(error["loc"][0]).upper() if error["loc"] else "a variable"
        message = str(error["msg"]).removeprefix("Value error, ")
        value = error.get("input")
        shown = f" (got {str(value)[:40]!r})" if isinstance(value, str | int | float) and "TOKEN" not in name else ""
        parts.append(f"{name}: {message[:1].lower()}{message[1:]}{shown}")
    return "; ".join(parts) + f" — fix it in {ENV_FILE.name} or the environment (see .env.example)"
