"""An index of the rows a condition selects (a partial index, on SQLite and PostgreSQL)."""

from __future__ import annotations

from typing import Any

from tortoise.indexes import Index


class IndexWhere(Index):
    """An index of the rows where `where` (SQL, of constants only) holds. Tortoise's
    PartialIndex takes equalities alone. A query uses the index only if its own WHERE
    holds the same text, constants and all (SQLite matches the terms as written, and
    neither database proves the condition from bound parameters), so the condition is
    kept in one constant that the index and its queries both read."""

    def __init__(self, *, fields: tuple[str, ...], name: str, where: str) -> None:
        super().__init__(fields=fields, name=name)
        self.where = where
        self.extra = f" WHERE {where}"

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        path, args, kwargs = super().deconstruct()
        kwargs["where"] = self.where
        return path, args, kwargs
