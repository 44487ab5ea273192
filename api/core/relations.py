"""Relations declared once, next to the Strawberry type: which loader fetches a field's rows,
by which key of the parent, and how a row becomes the field's object.

    @strawberry.field
    @relation("customer_by_id", row="customer_id", build=Customer.from_model)
    async def customer(self, info: Info) -> Customer | None: ...

The declaration is the resolver (its body is never run): graphql-core calls it per object,
and a compiled plan (api.core.compiled) reads it to fetch the field for every object of a
page at once (one `load_many`, no task per object), so the mapping is written in one place.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import Any, TypeVar

from api.core import batches

F = TypeVar("F", bound=Callable[..., Any])

RELATION_ATTRIBUTE = "__mesa_relation__"


@dataclass(frozen=True, slots=True)
class Relation:
    loader: str  # the attribute of api.core.loaders.Loaders
    key: Callable[[Any], Any]  # the parent's key; None: no related rows
    build: Callable[[Any], Any]  # a row as the field's GraphQL object
    many: bool  # the loader gives a list of rows per key
    column: str | None = None  # the column of the parent's row its key is (api.core.columns)
    by: str | None = None  # or the parent's field its key is (read from that field's column)

    def shape(self, found: Any) -> Any:
        if self.many:
            return [self.build(row) for row in found]
        return None if found is None else self.build(found)

    async def resolve(self, parent: Any, loaders: Any) -> Any:
        key = self.key(parent)
        if key is None:
            return [] if self.many else None
        return self.shape(await getattr(loaders, self.loader).load(key))

    def load_all(
        self,
        parents: Sequence[Any],
        loaders: Any,
        columns: frozenset[str] | None = None,
        *,
        rows: bool = False,
    ) -> Awaitable[list[Any]]:
        """The field's value for each parent, from one batch of the loader (of rows read in
        part, `columns`, when the loader can: api.core.loaders.Loaders.reading); with
        `rows`, the loader's rows as they are, for the caller to build (or read)."""
        keys = [self.key(parent) for parent in parents]
        loader = (
            getattr(loaders, self.loader)
            if columns is None
            else loaders.reading(self.loader, columns)
        )
        # Parents with the same key (a page's tickets, their customer) ask for it once, as
        # the loader's cache would answer them, and share its object; each value is shaped
        # once. A loader without a cache is asked for every key, as its load_many would be.
        present = [key for key in keys if key is not None]
        asked = list(dict.fromkeys(present)) if loader.cache else present
        loading = batches.load_many(loader, asked)  # no future per key to wait on
        empty: list[Any] | None = [] if self.many else None
        shape = _as_is if rows else self.shape

        async def shaped() -> list[Any]:
            made: dict[int, Any] = {}  # by the value's identity: parents sharing it share it
            shaped_values = []
            for value in await loading:
                built = made.get(id(value))
                if built is None:
                    built = made[id(value)] = shape(value)
                shaped_values.append(built)
            if asked is present:
                in_order = iter(shaped_values)
                return [empty if key is None else next(in_order) for key in keys]
            by_key = dict(zip(asked, shaped_values, strict=True))
            return [empty if key is None else by_key[key] for key in keys]

        return shaped()


def _as_is(found: Any) -> Any:
    return found


def relation(
    loader: str,
    *,
    by: str | None = None,
    row: str | None = None,
    build: Callable[[Any], Any],
    many: bool = False,
) -> Callable[[F], F]:
    """Makes the decorated resolver (signature and return type only) fetch `loader`'s rows,
    keyed by the parent's field `by` or by the column `row` of the parent's row: either way a
    plan selecting columns (api.core.columns) knows the column it reads the key from."""
    if (by is None) == (row is None):
        raise TypeError("a relation is keyed by one field (`by`) or one `row` column")
    key = attrgetter(f"row.{row}" if row is not None else str(by))
    declared = Relation(loader=loader, key=key, build=build, many=many, column=row, by=by)

    def decorate(function: F) -> F:
        @functools.wraps(function)
        async def resolve(self: Any, info: Any) -> Any:
            return await declared.resolve(self, info.context.loaders)

        setattr(resolve, RELATION_ATTRIBUTE, declared)
        return resolve  # type: ignore[return-value]

    return decorate


def declared_relation(function: Callable[..., Any] | None) -> Relation | None:
    found = getattr(function, RELATION_ATTRIBUTE, None)
    return found if isinstance(found, Relation) else None
