"""The api's own settings (``NEWSFLOW_API_TOKEN``, ``NEWSFLOW_HTTP_HOST``, ``NEWSFLOW_HTTP_PORT``)."""

from __future__ import annotations

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

LOCALHOST = "127.0.0.1"
EVERYWHERE = "0.0.0.0"  # noqa: S104 - only with a token, or when NEWSFLOW_HTTP_HOST asks for it
DEFAULT_PORT = 8000


class ApiSettings(BaseSettings):
    """Where the api listens and who may call it."""

    model_config = SettingsConfigDict(env_prefix="NEWSFLOW_", extra="ignore")

    api_token: SecretStr | None = Field(
        default=None,
        description="Bearer token every request must carry (`Authorization: Bearer …`). "
        "Unset: no token, and the server listens on localhost only unless NEWSFLOW_HTTP_HOST says otherwise.",
    )
    http_host: str | None = Field(
        default=None,
        description="Address to listen on; unset: 127.0.0.1 without a token, 0.0.0.0 with one.",
    )
    http_port: int = Field(
        default=DEFAULT_PORT, ge=0, le=65535, description="Port to listen on; 0: a free port, logged."
    )

    @property
    def token(self) -> str | None:
        return self.api_token.get_secret_value() if self.api_token else None

    @property
    def host(self) -> str:
        if self.http_host:
            return self.http_host
        return EVERYWHERE if self.token else LOCALHOST
