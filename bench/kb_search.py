"""Knowledge-base search over 100,000 articles: our domain search next to its raw SQL.

Each backend gets the demo articles plus ARTICLES generated ones (bulk inserts, words drawn
from the demo articles and a long tail of rarer words, Spanish and English). The issue's
searches then run through `domain.kb.articles.search_articles` (folding, stemming, the SQL,
loading the page's articles) and, in the same run, as the bare SQL statement that search
sends, on a driver connection of its own: the baseline. p50 and p99 of each. (Every search
here has a page of articles with all its words, so the domain sends just that statement.)
"""

from __future__ import annotations

import os
import random
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import asyncpg
from rich.console import Console
from rich.progress import Progress
from tortoise.backends.base.executor import EXECUTOR_CACHE

from domain import db
from domain.config import get_settings
from domain.demo import seed_demo
from domain.kb.demo_articles import ARTICLES as DEMO
from domain.kb.search import SearchQuery, default_connection, index_for
from domain.kb.text import query_terms, stem, words
from domain.models import ArticleStatus, Language

NAME = "kb_search"
ARTICLES = int(os.environ.get("MESA_BENCH_ARTICLES", "100000"))
ROUNDS = 40
PAGE = 20
BATCH = 10_000
SEARCHES = (
    "contraseña panel",
    "restaurar copia",
    "como abro un ticket",
    "password panel",
    "restore backup",
    "how do I open a ticket",
)
NOW = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)
COLUMNS = (
    "id", "slug", "title", "summary", "body_markdown", "body_html", "language", "status",
    "difficulty", "applies_to", "tools_required", "helpful_count", "not_helpful_count",
    "created_at", "updated_at", "published_at",
)  # fmt: skip
console = Console()


def _vocabulary(language: Language) -> list[str]:
    seeded = {w for a in DEMO if a.language is language for w in words(a.title + " " + a.body)}
    # A long tail of rarer words, so common words match thousands of articles, not all.
    tail = [f"{'pal' if language is Language.ES else 'wd'}{n}x" for n in range(20_000)]
    return sorted(seeded) + tail


def _articles(first_id: int) -> Iterator[tuple[Any, ...]]:
    """Generated published articles; the text is already folded (as search sees it)."""
    rng = random.Random(9)
    vocabularies = {language: _vocabulary(language) for language in Language}
    for pk in range(first_id, first_id + ARTICLES):
        language = Language.ES if pk % 2 else Language.EN
        vocabulary = vocabularies[language]
        common = len(vocabulary) - 20_000
        # Three words in ten from the demo articles' words, the rest from the tail.
        pick = [
            vocabulary[rng.randrange(common)]
            if rng.random() < 0.3
            else vocabulary[common + int(rng.paretovariate(1.2)) % 20_000]
            for _ in range(86)
        ]
        title, body = " ".join(pick[:6]), " ".join(pick[6:])
        yield (
            pk, f"bench-{pk}", title, "", body, f"<p>{body}</p>", language.value, "PUBLISHED",
            "EASY", "", "", 0, 0, NOW, NOW, NOW,
        )  # fmt: skip


def _stems_of(text: str, language: Language, cache: dict[tuple[str, Language], str]) -> str:
    out = []
    for word in text.split():
        key = (word, language)
        if key not in cache:
            cache[key] = stem(word, language)
        out.append(cache[key])
    return " ".join(out)


def _batches(first_id: int) -> Iterator[list[tuple[Any, ...]]]:
    batch: list[tuple[Any, ...]] = []
    for row in _articles(first_id):
        batch.append(row)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def fill_sqlite(path: Path, first_id: int, progress: Progress) -> None:
    task = progress.add_task(f"SQLite: {ARTICLES:,} articles", total=ARTICLES)
    cache: dict[tuple[str, Language], str] = {}
    marks = ", ".join("?" for _ in COLUMNS)
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA synchronous=OFF")
        for batch in _batches(first_id):
            rows = [(*row[:13], *(str(v) for v in row[13:])) for row in batch]
            connection.executemany(
                f"INSERT INTO article ({', '.join(COLUMNS)}) VALUES ({marks})", rows
            )
            connection.executemany(
                "INSERT INTO article_fts (rowid, title, body) VALUES (?, ?, ?)",
                [
                    (
                        row[0],
                        _stems_of(row[2], Language(row[6]), cache),
                        _stems_of(row[4], Language(row[6]), cache),
                    )
                    for row in batch
                ],
            )
            progress.advance(task, len(batch))
        connection.execute("ANALYZE")


async def fill_postgres(url: str, first_id: int, progress: Progress) -> None:
    task = progress.add_task(f"PostgreSQL: {ARTICLES:,} articles", total=ARTICLES + BATCH)
    connection = await asyncpg.connect(url)
    try:
        for batch in _batches(first_id):
            await connection.copy_records_to_table("article", records=batch, columns=COLUMNS)
            progress.advance(task, len(batch))
        await connection.execute(
            "INSERT INTO article_search (article_id, document) SELECT id, "
            "setweight(to_tsvector(c.cfg, title), 'A') || setweight(to_tsvector(c.cfg, "
            "body_markdown), 'B') FROM article, LATERAL (SELECT (CASE language WHEN 'es' "
            "THEN 'spanish' ELSE 'english' END)::regconfig AS cfg) AS c WHERE id >= $1",
            first_id,
        )
        await connection.execute("ANALYZE")
        progress.advance(task, BATCH)
    finally:
        await connection.close()


async def _timed(call: Callable[[], Awaitable[object]]) -> list[float]:
    for _ in range(3):
        await call()  # warm caches
    samples = []
    for _ in range(ROUNDS):
        began = time.perf_counter()
        await call()
        samples.append((time.perf_counter() - began) * 1000)
    return samples


def _percentiles(samples: list[float]) -> str:
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return f"p50 {statistics.median(samples):7.2f} ms  p99 {cuts[98]:7.2f} ms"


async def raw_rows(
    raw: Callable[[str, list[object]], Awaitable[object]], sql: str, params: list[object]
) -> list[object]:
    return list(await raw(sql, params))  # type: ignore[call-overload]


def _statement(search: str) -> tuple[str, list[object]]:
    query = SearchQuery(tuple(query_terms(search)), (ArticleStatus.PUBLISHED,), None, PAGE + 1, 0)
    sql, params = index_for(default_connection()).statement(query)
    return sql, [p.value if isinstance(p, ArticleStatus) else p for p in params]


async def measure(raw: Callable[[str, list[object]], Awaitable[object]]) -> tuple[str, str]:
    from domain.kb.articles import search_articles

    ours: list[float] = []
    baseline: list[float] = []
    for search in SEARCHES:
        page = await search_articles(viewer=None, search=search, first=PAGE)
        assert page.items, search
        sql, params = _statement(search)
        assert len(await raw_rows(raw, sql, params)) == PAGE + 1, search
        ours += await _timed(lambda s=search: search_articles(viewer=None, search=s, first=PAGE))
        baseline += await _timed(lambda q=sql, p=params: raw(q, p))
    return _percentiles(ours), _percentiles(baseline)


async def _sqlite(folder: Path, progress: Progress) -> tuple[str, str]:
    path = folder / "kb.sqlite3"
    url = f"sqlite://{path}"
    await db.migrate(url)
    await db.connect(url)
    await seed_demo()
    fill_sqlite(path, len(DEMO) + 1, progress)
    driver = sqlite3.connect(path)

    async def raw(sql: str, params: list[object]) -> object:
        return driver.execute(sql, params).fetchall()

    try:
        return await measure(raw)
    finally:
        driver.close()
        await db.close()


async def _postgres(progress: Progress) -> tuple[str, str] | None:
    from tests.services import missing_binaries, running_postgres

    if missing_binaries():
        return None
    with running_postgres() as server:
        url = await server.create_database("kb_bench")
        # Tortoise caches SQL per connection name: SQLite's `?` must not reach PostgreSQL.
        EXECUTOR_CACHE.clear()
        await db.migrate(url)
        await db.connect(url)
        await seed_demo()
        await fill_postgres(url, len(DEMO) + 1, progress)
        driver = await asyncpg.connect(url)

        async def raw(sql: str, params: list[object]) -> object:
            return await driver.fetch(sql, *params)

        try:
            return await measure(raw)
        finally:
            await driver.close()
            await db.close()


async def run() -> int:
    with tempfile.TemporaryDirectory(prefix="mesa-kb-bench-") as tmp:
        folder = Path(tmp)
        os.environ["MESA_DATABASE_URL"] = f"sqlite://{folder / 'unused.sqlite3'}"
        os.environ["MESA_DATA_DIR"] = str(folder)
        get_settings.cache_clear()
        with Progress(console=console, transient=True) as progress:
            sqlite_figures = await _sqlite(folder, progress)
            postgres_figures = await _postgres(progress)
    total = ARTICLES + len(DEMO)
    console.print(f"KB search over {total:,} articles, {len(SEARCHES)} searches x {ROUNDS}:")
    for backend, figures in (("SQLite FTS5", sqlite_figures), ("PostgreSQL", postgres_figures)):
        if figures is None:
            console.print(f"  {backend}: skipped (no PostgreSQL binaries)")
            continue
        ours, baseline = figures
        console.print(f"  {backend:12} domain search  {ours}")
        console.print(f"  {backend:12} raw SQL (base) {baseline}")
    return 0
