"""Automatic persisted queries (Apollo's protocol): a client sends only the sha256 of a
document it sent before; an unknown hash answers PERSISTED_QUERY_NOT_FOUND and the client
sends the document with its hash once. Documents are kept in a bounded LRU in process
(embedded) or in Redis for a day (distributed, shared by every process).
"""

from __future__ import annotations

import hashlib
import logging
from collections import OrderedDict
from typing import Protocol

import redis.asyncio as aioredis
from cross_web import HTTPException
from redis.exceptions import RedisError
from strawberry.http import GraphQLRequestData

from domain.config import get_settings

logger = logging.getLogger(__name__)
REDIS_TTL_SECONDS = 24 * 3600
NOT_FOUND_MESSAGE = "PersistedQueryNotFound"


class PersistedQueryNotFound(Exception):
    """The client must send the document along with its hash."""


class QueryStore(Protocol):
    async def get(self, digest: str) -> str | None: ...

    async def put(self, digest: str, query: str) -> None: ...


class InProcessQueryStore:
    def __init__(self, size: int) -> None:
        self._size = size
        self._queries: OrderedDict[str, str] = OrderedDict()

    async def get(self, digest: str) -> str | None:
        query = self._queries.get(digest)
        if query is not None:
            self._queries.move_to_end(digest)
        return query

    async def put(self, digest: str, query: str) -> None:
        self._queries[digest] = query
        self._queries.move_to_end(digest)
        while len(self._queries) > self._size:
            self._queries.popitem(last=False)


class RedisQueryStore:
    def __init__(self, url: str) -> None:
        self._redis = aioredis.from_url(url)

    async def get(self, digest: str) -> str | None:
        value = await self._redis.get(f"mesa:apq:{digest}")
        return value.decode() if isinstance(value, bytes) else value

    async def put(self, digest: str, query: str) -> None:
        await self._redis.set(f"mesa:apq:{digest}", query, ex=REDIS_TTL_SECONDS)


_store: QueryStore | None = None


def query_store() -> QueryStore:
    global _store
    if _store is None:
        settings = get_settings()
        if settings.redis_url:
            _store = RedisQueryStore(settings.redis_url)
        else:
            _store = InProcessQueryStore(settings.persisted_queries_cache_size)
    return _store


async def resolve(data: GraphQLRequestData) -> GraphQLRequestData:
    """The request with its document: looked up by hash, or checked against it and kept."""
    persisted = (data.extensions or {}).get("persistedQuery")
    if persisted is None:
        return data
    digest = persisted.get("sha256Hash") if isinstance(persisted, dict) else None
    if not isinstance(digest, str) or persisted.get("version", 1) != 1:
        raise HTTPException(400, "Unsupported persistedQuery: send version 1 and a sha256Hash.")
    digest = digest.lower()
    if data.query is None:
        try:
            query = await query_store().get(digest)
        except (RedisError, OSError) as error:  # the client sends the document instead
            logger.warning("persisted query store unreachable: %r", error)
            query = None
        if query is None:
            raise PersistedQueryNotFound
        data.query = query
        return data
    if hashlib.sha256(data.query.encode()).hexdigest() != digest:
        raise HTTPException(400, "provided sha does not match query")
    try:
        await query_store().put(digest, data.query)
    except (RedisError, OSError) as error:
        logger.warning("persisted query not kept, store unreachable: %r", error)
    return data
