"""The read endpoints' response bodies, declared so that the OpenAPI document describes them."""

from __future__ import annotations

from pydantic import BaseModel, Field

from newsflow.store.models import SearchHit, StoredArticle


class ArticleList(BaseModel):
    """One page of stored articles, newest first."""

    articles: list[StoredArticle] = Field(description="The articles of this page.")
    limit: int = Field(description="The most articles a page holds.")
    offset: int = Field(description="How many matching articles come before this page.")
    next_offset: int | None = Field(description="The offset of the next page; null on the last one.")


class SearchResults(BaseModel):
    """Search hits, best first."""

    query: str = Field(description="The query as given.")
    hits: list[SearchHit] = Field(description="The hits, best first.")
