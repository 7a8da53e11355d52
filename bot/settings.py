"""Settings from the environment and `.env`, under the names in the README's Settings table."""

from __future__ import annotations

import base64
import binascii
import os
import re
import socket
from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import unquote, urlsplit

from dotenv import dotenv_values
from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

_COOKIE_NAME = re.compile(r"^YTDLP_COOKIES_(\d+)$")
_HOST_ENTRY = re.compile(r"^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:\d{1,5})?$")


class SettingsError(Exception):
    """A setting is missing or malformed. The message names it and never shows its value."""


class Settings(BaseSettings):
    """Every setting Stash reads. Field names are the environment names, lower-cased."""

    model_config = SettingsConfigDict(
        env_file=".env", extra="ignore", case_sensitive=False, env_ignore_empty=True
    )

    telegram_bot_token: SecretStr | None = None
    telegram_api_base_url: str = "https://api.telegram.org/bot"
    telegram_webhook_url: str | None = None
    telegram_webhook_secret: SecretStr | None = None
    telegram_local_files_dir: Path | None = None
    telegram_paid_broadcast_per_second: int = Field(default=0, ge=0, le=1000)
    discord_bot_token: SecretStr | None = None
    discord_api_base_url: str = "https://discord.com/api/v10"
    discord_cdn_base_url: str = "https://cdn.discordapp.com"
    spotify_client_id: str | None = None
    spotify_client_secret: SecretStr | None = None
    spotify_redirect_uri: str | None = None
    spotify_api_base_url: str = "https://api.spotify.com/v1/"
    spotify_accounts_base_url: str = "https://accounts.spotify.com"
    spotify_playlist_name: str = Field(default="Stash", min_length=1, max_length=100)
    hosted_playlists: bool = True
    group_playlists: bool = True
    shazam_api_base_url: str = "https://amp.shazam.com"
    shazam_requests_per_minute: float = Field(default=5.0, gt=0)
    shazam_burst: int = Field(default=2, ge=1)
    database_url: str = "sqlite:///stash.db"
    database_pool_size: int = Field(default=5, ge=1, le=100)
    database_busy_timeout: float = Field(default=30.0, gt=0)
    database_timeout: float = Field(default=10.0, gt=0)
    prune_interval: float = Field(default=3600.0, gt=0)
    inbox_retention_days: float = Field(default=7.0, gt=0)
    redis_url: SecretStr | None = None
    redis_queue: str = Field(default="stash", pattern=r"^[A-Za-z0-9_.-]{1,64}$")
    worker_concurrency: int = Field(default=4, ge=1, le=256)
    worker_http_port: int = Field(default=8081, ge=1, le=65535)
    worker_heartbeat: int = Field(default=10, ge=1, le=300)
    worker_job_timeout: int | None = Field(default=None, ge=1, le=3600)
    shazam_budget_key: str = Field(default_factory=socket.gethostname, min_length=1)
    token_encryption_keys: SecretStr | None = None
    public_base_url: str | None = None
    http_host: str = "127.0.0.1"
    http_port: int = Field(default=8080, ge=1, le=65535)
    media_extra_hosts: Annotated[list[str], NoDecode] = []
    media_window_seconds: float = Field(default=10.0, ge=3, le=30)
    media_max_duration: float = Field(default=600.0, gt=0)
    media_max_bytes: int = Field(default=50 * 1024 * 1024, gt=0)
    media_socket_timeout: float = Field(default=10.0, gt=0)
    media_timeout: float = Field(default=60.0, gt=0)
    media_concurrency: int = Field(default=4, ge=1)
    links_per_minute: int = Field(default=10, ge=1)
    share_lease: float = Field(default=15.0, ge=1)
    share_resume_within: float = Field(default=600.0, gt=0)
    shutdown_grace: float = Field(default=20.0, ge=0, le=80)
    discord_shard_count: int | None = Field(default=None, ge=1)
    discord_shard_ids: Annotated[list[int], NoDecode] = []
    sentry_dsn: SecretStr | None = None
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    log_format: Literal["text", "json"] = "text"

    @field_validator("media_extra_hosts", mode="before")
    @classmethod
    def _split_hosts(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip().lower() for part in value.split(",") if part.strip()]
        return value

    @field_validator("media_extra_hosts")
    @classmethod
    def _host_entries(cls, value: list[str]) -> list[str]:
        if not all(_HOST_ENTRY.match(entry) for entry in value):
            raise ValueError("entries must be host or host:port, separated by commas "
                             "(no scheme, path or spaces), e.g. media.example.org,10.0.0.5:8000")
        return value

    @field_validator("discord_shard_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    @model_validator(mode="after")
    def _shards_in_range(self) -> Settings:
        ids, count = self.discord_shard_ids, self.discord_shard_count
        if ids and count is None:
            raise ValueError("DISCORD_SHARD_IDS needs DISCORD_SHARD_COUNT")
        if count is not None and any(not 0 <= i < count for i in ids):
            raise ValueError(f"DISCORD_SHARD_IDS must be between 0 and {count - 1} "
                             "(DISCORD_SHARD_COUNT - 1)")
        if len(set(ids)) != len(ids):
            raise ValueError("DISCORD_SHARD_IDS names a shard twice")
        return self

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper(cls, value: object) -> object:
        return value.strip().upper() if isinstance(value, str) else value

    @field_validator("log_format", mode="before")
    @classmethod
    def _lower(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("database_url")
    @classmethod
    def _known_database(cls, value: str) -> str:
        postgres = value.startswith(("postgresql://", "postgres://"))
        if not postgres and (not value.startswith("sqlite:///") or value == "sqlite:///"):
            raise ValueError("must be sqlite:///path/to/file.db or postgresql://user@host/db")
        if postgres:
            try:
                urlsplit(value).port  # noqa: B018 - reading it is the check
            except ValueError:  # its text may quote the URL: never shown
                raise ValueError("its host or port cannot be read (expected"
                                 " postgresql://user:password@host:5432/db)") from None
        return value

    @field_validator("token_encryption_keys")
    @classmethod
    def _fernet_keys(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None:
            return None
        keys = [k.strip() for k in value.get_secret_value().split(",") if k.strip()]
        if not keys or not all(_is_fernet_key(k) for k in keys):
            raise ValueError("must be Fernet keys separated by commas (make one with stash keygen)")
        return value

    @model_validator(mode="after")
    def _spotify_needs_keys(self) -> Settings:
        if self.spotify_client_id and self.token_encryption_keys is None:
            raise ValueError("TOKEN_ENCRYPTION_KEYS is required when SPOTIFY_CLIENT_ID is set:"
                             " make one with `stash keygen`")
        uri = self.redirect_uri
        if uri and not (uri.startswith("https://") or re.match(r"^http://127\.0\.0\.1:\d+/", uri)):
            raise ValueError("SPOTIFY_REDIRECT_URI must be https:// or http://127.0.0.1:PORT/...")
        return self

    @model_validator(mode="after")
    def _webhook_telegram_accepts(self) -> Settings:
        # Telegram's cloud Bot API posts updates only to https; a local Bot API server also to http.
        cloud = urlsplit(self.telegram_api_base_url).hostname == "api.telegram.org"
        if cloud and self.telegram_webhook_url and not self.telegram_webhook_url.startswith(
                "https://"):
            raise ValueError("TELEGRAM_WEBHOOK_URL must be https:// (Telegram posts updates only"
                             " to HTTPS addresses; http:// works only with a local Bot API"
                             " server in TELEGRAM_API_BASE_URL)")
        return self

    @property
    def redirect_uri(self) -> str | None:
        """SPOTIFY_REDIRECT_URI, or PUBLIC_BASE_URL + /spotify/callback."""
        if self.spotify_redirect_uri:
            return self.spotify_redirect_uri
        if self.public_base_url:
            return self.public_base_url.rstrip("/") + "/spotify/callback"
        return None

    def secret_values(self) -> list[str]:
        """Every secret setting's value, and each encryption key, for log redaction."""
        values = [field.get_secret_value() for field in (
            self.telegram_bot_token, self.telegram_webhook_secret, self.discord_bot_token,
            self.spotify_client_secret, self.redis_url, self.sentry_dsn,
            self.token_encryption_keys) if field is not None]
        if self.token_encryption_keys is not None:
            values += self.token_encryption_keys.get_secret_value().split(",")
        if urlsplit(self.database_url).password:
            values.append(unquote(urlsplit(self.database_url).password or ""))
        return [value.strip() for value in values if value.strip()]

    def cookie_files(self) -> dict[int, Path]:
        """YTDLP_COOKIES_1, _2, ... by index, from the environment and `.env`."""
        found: dict[str, str | None] = {}
        env_file = self.model_config.get("env_file")
        if isinstance(env_file, str) and Path(env_file).is_file():
            found.update(dotenv_values(env_file))
        found.update(os.environ)
        files = {}
        for name, value in found.items():
            match = _COOKIE_NAME.match(name.upper())
            if match and value:
                files[int(match.group(1))] = Path(value)
        return dict(sorted(files.items()))


def _is_fernet_key(key: str) -> bool:
    try:
        return len(base64.urlsafe_b64decode(key.encode())) == 32
    except (binascii.Error, ValueError):
        return False


def load_settings(**overrides: object) -> Settings:
    """Settings from the environment, or a SettingsError with one line naming what is wrong."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as err:
        first = err.errors()[0]
        name = str(first["loc"][0]).upper() if first["loc"] else ""
        message = first["msg"].removeprefix("Value error, ")
        where = f"setting {name} is invalid: " if name else ""
        raise SettingsError(where + message) from None
