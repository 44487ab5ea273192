"""Article search behind one interface, on the database's own full-text engine.

SQLite (embedded): an FTS5 table holding each article's Snowball stems, accents folded by
the `unicode61 remove_diacritics 2` tokenizer too, ranked by bm25. PostgreSQL (distributed):
a tsvector per article built with the article's language configuration ('spanish' or
'english') over accent-folded text, a GIN index, ranked by ts_rank. Either way a searched
word matches its Spanish or English stem and titles weigh more than bodies.

Articles with every searched word come first, by relevance; then, when they do not fill the
page, articles with only some of the words (so a long message still finds its article).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Protocol

from tortoise import Tortoise
from tortoise.backends.base.client import BaseDBAsyncClient

from domain.kb.text import fold, indexed_text, query_terms, term_stems
from domain.models import Article, ArticleStatus, Language


class Match(StrEnum):
    ALL = "ALL"  # every word
    SOME = "SOME"  # at least one word, not all of them


@dataclass(frozen=True)
class SearchQuery:
    terms: tuple[str, ...]
    statuses: tuple[ArticleStatus, ...]
    language: Language | None
    limit: int
    offset: int = 0
    match: Match = Match.ALL


class SearchIndex(Protocol):
    async def put(self, connection: BaseDBAsyncClient, article: Article) -> None: ...

    def statement(self, query: SearchQuery) -> tuple[str, list[object]]:
        """The SQL that returns the matching article ids, best first, and its parameters."""
        ...

    def count_statement(self, query: SearchQuery) -> tuple[str, list[object]]:
        """The SQL that counts the matching articles (column `matches`)."""
        ...


def _body(article: Article) -> str:
    return " ".join(
        (article.summary, article.body_markdown, article.applies_to, article.tools_required)
    )


class Fts5Index:
    """SQLite FTS5, on Python-made Snowball stems."""

    async def put(self, connection: BaseDBAsyncClient, article: Article) -> None:
        await connection.execute_query("DELETE FROM article_fts WHERE rowid = ?", [article.id])
        await connection.execute_query(
            "INSERT INTO article_fts (rowid, title, body) VALUES (?, ?, ?)",
            [
                article.id,
                indexed_text(article.title, article.language),
                indexed_text(_body(article), article.language),
            ],
        )

    @staticmethod
    def _match(query: SearchQuery) -> str:
        # Stems are word characters only, so quoting each one keeps FTS5 syntax out.
        words = [
            "(" + " OR ".join(f'"{stem}"' for stem in sorted(term_stems(term))) + ")"
            for term in query.terms
        ]
        every = " AND ".join(words)
        if query.match is Match.ALL:
            return every
        return f"({' OR '.join(words)}) NOT ({every})"

    def _from_where(self, query: SearchQuery) -> tuple[str, list[object]]:
        statuses = ", ".join("?" for _ in query.statuses)
        params: list[object] = [self._match(query), *(s.value for s in query.statuses)]
        sql = (
            "FROM article_fts JOIN article ON article.id = article_fts.rowid "
            f"WHERE article_fts MATCH ? AND article.status IN ({statuses})"
        )
        if query.language is not None:
            sql += " AND article.language = ?"
            params.append(query.language.value)
        return sql, params

    def statement(self, query: SearchQuery) -> tuple[str, list[object]]:
        from_where, params = self._from_where(query)
        return (
            f"SELECT article.id {from_where} "
            "ORDER BY bm25(article_fts, 10.0, 1.0), article.id LIMIT ? OFFSET ?",
            [*params, query.limit, query.offset],
        )

    def count_statement(self, query: SearchQuery) -> tuple[str, list[object]]:
        from_where, params = self._from_where(query)
        return f"SELECT count(*) AS matches {from_where}", params


_CONFIGURATION = {Language.ES: "spanish", Language.EN: "english"}


class PostgresIndex:
    """PostgreSQL tsvector and GIN, stemmed by the article language's configuration."""

    async def put(self, connection: BaseDBAsyncClient, article: Article) -> None:
        await connection.execute_query(
            "INSERT INTO article_search (article_id, document) VALUES ($1, "
            "setweight(to_tsvector($2::regconfig, $3), 'A') || "
            "setweight(to_tsvector($2::regconfig, $4), 'B')) "
            "ON CONFLICT (article_id) DO UPDATE SET document = excluded.document",
            [
                article.id,
                _CONFIGURATION[article.language],
                fold(article.title),
                fold(_body(article)),
            ],
        )

    def _from_where(self, query: SearchQuery) -> tuple[str, list[object]]:
        params: list[object] = list(query.terms)
        words = [
            f"(plainto_tsquery('spanish', ${n}) || plainto_tsquery('english', ${n}))"
            for n in range(1, len(query.terms) + 1)
        ]
        params.append([status.value for status in query.statuses])
        conditions = f"article.status = ANY(${len(params)}::text[])"
        if query.language is not None:
            params.append(query.language.value)
            conditions += f" AND article.language = ${len(params)}"
        every = " && ".join(words)
        matches = "article_search.document @@ searched.query"
        if query.match is Match.SOME:
            matches = f"article_search.document @@ ({' || '.join(words)}) AND NOT {matches}"
        return (
            "FROM article_search JOIN article ON article.id = article_search.article_id, "
            f"(SELECT {every} AS query) AS searched WHERE {matches} AND {conditions}",
            params,
        )

    def statement(self, query: SearchQuery) -> tuple[str, list[object]]:
        from_where, params = self._from_where(query)
        params += [query.limit, query.offset]
        return (
            f"SELECT article.id {from_where} "
            "ORDER BY ts_rank(article_search.document, searched.query) DESC, article.id "
            f"LIMIT ${len(params) - 1} OFFSET ${len(params)}",
            params,
        )

    def count_statement(self, query: SearchQuery) -> tuple[str, list[object]]:
        from_where, params = self._from_where(query)
        return f"SELECT count(*) AS matches {from_where}", params


def index_for(connection: BaseDBAsyncClient) -> SearchIndex:
    """The search index of the database behind `connection`."""
    if connection.capabilities.dialect == "sqlite":
        return Fts5Index()
    return PostgresIndex()


def default_connection() -> BaseDBAsyncClient:
    return Tortoise.get_connection("default")


async def search_article_ids(
    query: str,
    *,
    statuses: Sequence[ArticleStatus],
    language: Language | None,
    limit: int,
    offset: int = 0,
) -> list[int]:
    """Ids of the articles matching `query`, most relevant first: those with every word,
    then those with some of the words."""
    terms = tuple(query_terms(query))
    if not terms or not statuses or limit <= 0:
        return []
    connection = default_connection()
    index = index_for(connection)
    every = SearchQuery(terms, tuple(statuses), language, limit, offset)
    ids = await _ids(connection, index.statement(every))
    if len(ids) == limit or len(terms) == 1:
        return ids
    # The articles with every word end on this page (or before it): some-word ones follow.
    with_every = offset + len(ids)
    if not ids and offset > 0:
        sql, params = index.count_statement(every)
        with_every = int((await connection.execute_query_dict(sql, params))[0]["matches"])
    some = replace(
        every, match=Match.SOME, limit=limit - len(ids), offset=max(0, offset - with_every)
    )
    return ids + await _ids(connection, index.statement(some))


async def count_matching_articles(
    query: str, *, statuses: Sequence[ArticleStatus], language: Language | None
) -> int:
    """How many articles match `query` (any of its words): the whole result list."""
    terms = tuple(query_terms(query))
    if not terms or not statuses:
        return 0
    connection = default_connection()
    index = index_for(connection)
    every = SearchQuery(terms, tuple(statuses), language, limit=0)
    total = 0
    for part in (every, replace(every, match=Match.SOME)):  # the two disjoint halves
        sql, params = index.count_statement(part)
        total += int((await connection.execute_query_dict(sql, params))[0]["matches"])
    return total


async def _ids(connection: BaseDBAsyncClient, statement: tuple[str, list[object]]) -> list[int]:
    sql, params = statement
    return [int(row["id"]) for row in await connection.execute_query_dict(sql, params)]
