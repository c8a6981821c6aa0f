"""What the api's requests share for the process's life: one Redis client, producer, store, sampler."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Request
from redis.asyncio import Redis

from newsflow.api.samples import Sampler
from newsflow.client import Producer
from newsflow.shared.settings import Settings
from newsflow.store.store import ArticleStore


@dataclass(slots=True)
class ApiState:
    settings: Settings
    token: str | None
    redis: Redis
    producer: Producer
    store: ArticleStore
    sampler: Sampler


def api_state(request: Request) -> ApiState:
    """FastAPI dependency: the process's :class:`ApiState`."""
    state: ApiState = request.app.state.newsflow
    return state
