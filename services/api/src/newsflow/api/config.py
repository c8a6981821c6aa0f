"""Where the api listens and who may call it, from the shared settings.

``NEWSFLOW_HTTP_PORT`` and ``NEWSFLOW_HTTP_HOST`` are the same settings every service's HTTP server uses
(one port scheme); the api's defaults differ: port 8000 when unset, and without ``NEWSFLOW_API_TOKEN``
it listens on localhost only unless ``NEWSFLOW_HTTP_HOST`` is set.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, SecretStr

from newsflow.shared.settings import Settings

LOCALHOST = "127.0.0.1"
EVERYWHERE = "0.0.0.0"  # noqa: S104 - only with a token, or when NEWSFLOW_HTTP_HOST asks for it
DEFAULT_PORT = 8000


class ApiSettings(BaseModel):
    """The api's binding and token."""

    model_config = ConfigDict(frozen=True)

    api_token: SecretStr | None = Field(default=None, description="Bearer token (see Settings.api_token).")
    http_host: str | None = Field(
        default=None, description="Address to listen on; None: 127.0.0.1 without a token, 0.0.0.0 with one."
    )
    http_port: int = Field(default=DEFAULT_PORT, ge=0, le=65535, description="0: a free port, logged.")

    @classmethod
    def of(cls, settings: Settings) -> ApiSettings:
        """The api's binding from the validated settings (a host only when one was given)."""
        return cls(
            api_token=settings.api_token,
            http_host=settings.http_host if "http_host" in settings.model_fields_set else None,
            http_port=DEFAULT_PORT if settings.http_port is None else settings.http_port,
        )

    @property
    def token(self) -> str | None:
        return self.api_token.get_secret_value() if self.api_token else None

    @property
    def host(self) -> str:
        if self.http_host:
            return self.http_host
        return EVERYWHERE if self.token else LOCALHOST
