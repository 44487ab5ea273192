"""Keyset pagination: pages continue after the last (sort value, id) seen, never by offset."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any, Generic, TypeVar

from tortoise.expressions import Q
from tortoise.models import Model
from tortoise.queryset import QuerySet

from domain.errors import ValidationFailed
from domain.partial_rows import read_rows

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20

M = TypeVar("M", bound=Model)


class Direction(StrEnum):
    ASC = "ASC"
    DESC = "DESC"


@dataclass(frozen=True)
class Position:
    """Where the previous page ended: the sort key's value and the row id."""

    value: datetime | int | str | None
    id: int


async def _no_count() -> int:
    return 0


def known_count(total: int) -> Callable[[], Awaitable[int]]:
    """A page's count when the whole list was already read (ranked searches)."""

    async def count() -> int:
        return total

    return count


@dataclass(frozen=True)
class Page(Generic[M]):
    items: list[M]
    has_next_page: bool
    # Counts the whole list (every page) when called: a query only a client asking pays for.
    count: Callable[[], Awaitable[int]] = _no_count


def page_size(first: int | None) -> int:
    if first is None:
        return DEFAULT_PAGE_SIZE
    if first < 0 or first > MAX_PAGE_SIZE:
        raise ValidationFailed(f"first must be between 0 and {MAX_PAGE_SIZE}.", field="first")
    return first


async def keyset_page(
    query: QuerySet[M],
    *,
    sort_field: str,
    direction: Direction,
    first: int | None,
    after: Position | None,
    columns: Collection[str] | None = None,
) -> Page[M]:
    """A page of `query`'s rows; with `columns`, rows of those columns only (with the id and
    the sort key: domain.partial_rows)."""
    size = page_size(first)
    page = keyset_query(query, sort_field=sort_field, direction=direction, size=size, after=after)
    if columns is None:
        rows = await page
    else:
        rows = await read_rows(page, {*columns, "id", sort_field})
    return page_of(rows, size, query.count)


def keyset_query(
    query: QuerySet[M],
    *,
    sort_field: str,
    direction: Direction,
    size: int,
    after: Position | None,
    after_values: tuple[Any, Any, Any] | None = None,
) -> QuerySet[M]:
    """`query` from after `after`, in order, one row more than a page (whether one follows).
    The sort key's value is compared three times: `after_values` gives each comparison its
    own (a prepared query's stand-ins, domain.prepared), else each is `after.value`."""
    descending = direction is Direction.DESC
    if after is not None:
        op = "lt" if descending else "gt"
        if sort_field == "id":
            query = query.filter(**{f"id__{op}": after.id})
        else:
            bound_value, beyond_value, tie_value = after_values or (after.value,) * 3
            beyond: dict[str, Any] = {f"{sort_field}__{op}": beyond_value}
            tie: dict[str, Any] = {sort_field: tie_value, f"id__{op}": after.id}
            # The redundant bound lets the database seek the (sort, id) index to the page:
            # the OR alone makes SQLite scan every row before it (the api bench, page 10,000).
            bound: dict[str, Any] = {f"{sort_field}__{op}e": bound_value}
            query = query.filter(**bound).filter(Q(**beyond) | Q(**tie))
    prefix = "-" if descending else ""
    ordering = [f"{prefix}{sort_field}", f"{prefix}id"] if sort_field != "id" else [f"{prefix}id"]
    return query.order_by(*ordering).limit(size + 1)


def page_of(rows: Sequence[M], size: int, count: Callable[[], Awaitable[int]]) -> Page[M]:
    """A page from the rows read for it (one more than `size` when another page follows)."""
    return Page(items=list(rows[:size]), has_next_page=len(rows) > size, count=count)


def position_of(item: Any, sort_field: str) -> Position:
    return Position(value=getattr(item, sort_field), id=item.id)
