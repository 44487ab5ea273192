"""Completions of a compiled plan (api.core.query_plan) that need no plan: a field's values
for many objects at once through non-null and list wrappers down to leaves (scalars and
enums), as graphql-core's complete_value does them, or Unsupported where graphql-core would
report an error (it then answers). Also what every completion shares: the request walking
the plan (Run), a completion's type (Complete) and Unsupported."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from enum import EnumMeta
from types import GeneratorType
from typing import Any, Protocol, TypeGuard

from graphql import GraphQLBoolean, GraphQLEnumType, GraphQLID, GraphQLString, Undefined
from graphql.pyutils import is_iterable
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from api.core.plan_paths import Paths


class Run(Protocol):
    """What a completion needs of the request walking the plan (api.core.plan_walk.Run);
    `objects` completes a selection (api.core.query_plan.Selection) for many objects."""

    @property
    def executor(self) -> StrawberryGraphQLCoreExecutionContext: ...

    @property
    def is_awaitable(self) -> Callable[[Any], TypeGuard[Awaitable[Any]]]: ...

    def objects(self, selection: Any, sources: list[Any], paths: Paths) -> Any: ...

    def later(self, coroutine: Any) -> Any: ...


# Completes the values of one field for many objects: the completed values, or an awaitable.
Complete = Callable[["Run", list[Any], Paths, Any], Any]


class Unsupported(Exception):
    """The plan cannot produce this response exactly: graphql-core produces it."""


def absent(value: Any) -> bool:
    if value is None or value is Undefined:
        return True
    if isinstance(value, Exception):
        raise Unsupported  # graphql-core reports it as the field's error
    return False


def non_null(inner: Complete) -> Complete:
    def complete(run: Run, values: list[Any], paths: Paths, info: Any) -> Any:
        completed = inner(run, values, paths, info)
        if run.is_awaitable(completed):
            return run.later(_all_present_later(completed))
        return _all_present(completed)

    return complete


def _all_present(completed: list[Any]) -> list[Any]:
    if None in completed:
        raise Unsupported  # graphql-core reports the null and nulls the parent
    return completed


async def _all_present_later(completed: Awaitable[list[Any]]) -> list[Any]:
    return _all_present(await completed)


def list_of(item: Complete) -> Complete:
    """Every item of every list completed together, then regrouped into the lists."""

    def complete(run: Run, values: list[Any], paths: Paths, info: Any) -> Any:
        is_awaitable = run.is_awaitable
        items: list[Any] = []
        lengths: list[int | None] = []
        for value in values:
            if absent(value):
                lengths.append(None)
                continue
            if not is_iterable(value):
                raise Unsupported
            before = len(items)
            items.extend(value)
            lengths.append(len(items) - before)
        if _any_awaitable(items, is_awaitable):
            raise Unsupported
        if not items:
            completed: Any = []
        else:
            present = [(at, n) for at, n in enumerate(lengths) if n is not None]
            completed = item(run, items, paths.items(present), info)
        if is_awaitable(completed):
            return run.later(_regrouped_later(completed, lengths))
        return _regrouped(completed, lengths)

    return complete


def _any_awaitable(items: list[Any], is_awaitable: Callable[[Any], bool]) -> bool:
    """Whether an item is awaitable (graphql-core's check), asked once per class of items
    whose instances hold no attributes of their own (no __dict__, no __getattr__: named
    tuples, such as a relation's plain rows), for whom the class's answer is each one's;
    every other item is asked itself."""
    answered: set[type] = set()  # classes whose every instance is not awaitable
    for entry in items:
        kind = type(entry)
        if kind in answered:
            continue
        if is_awaitable(entry):
            return True
        if _answers_for_all(kind):
            answered.add(kind)
    return False


def _answers_for_all(kind: type) -> bool:
    return (
        kind.__dictoffset__ == 0
        and not hasattr(kind, "__getattr__")
        and not issubclass(kind, GeneratorType)
    )


def _regrouped(completed: list[Any], lengths: list[int | None]) -> list[Any]:
    grouped: list[Any] = []
    start = 0
    for length in lengths:
        if length is None:
            grouped.append(None)
        else:
            grouped.append(completed[start : start + length])
            start += length
    return grouped


async def _regrouped_later(completed: Awaitable[list[Any]], lengths: list[int | None]) -> Any:
    return _regrouped(await completed, lengths)


# Built-in scalars whose coercion returns a value of this exact type unchanged (graphql-core's
# serialize_string, serialize_id and serialize_boolean check for it first): not called for it.
_UNCHANGED = ((GraphQLString, str), (GraphQLID, str), (GraphQLBoolean, bool))


def unchanged_type(leaf: Any) -> type | None:
    return next((kind for scalar, kind in _UNCHANGED if leaf is scalar), None)


def enum_members(leaf: Any, coerce: Callable[[Any], Any]) -> tuple[type, dict[Any, Any]] | None:
    """For an enum whose resolvers return Python members (Strawberry's), its class and each
    member's coerced name, found once by `coerce` itself: a member of exactly that class is
    then looked up, not compared with each of the enum's values (as Strawberry's does)."""
    members = getattr(leaf, "wrapped_cls", None)
    if not isinstance(leaf, GraphQLEnumType) or not isinstance(members, EnumMeta):
        return None
    known: dict[Any, Any] = {}
    member: Any
    for member in members:
        try:
            coerced = coerce(member)
        except Exception:  # not one of the GraphQL enum's: coerced (and refused) each time
            continue
        if coerced is not None and coerced is not Undefined:
            known[member] = coerced
    return members, known


def leaf(
    coerce: Callable[[Any], Any],
    unchanged: type | None = None,
    members: tuple[type, dict[Any, Any]] | None = None,
    write_all: Callable[[list[Any]], list[Any] | None] | None = None,
) -> Complete:
    enum, names = members or (None, {})

    def complete(_run: Run, values: list[Any], _paths: Paths, _info: Any) -> Any:
        if write_all is not None:
            written = write_all(values)
            if written is not None:
                return written
        completed: list[Any] = []
        for value in values:
            kind = type(value)
            if kind is unchanged:
                completed.append(value)
                continue
            if kind is enum and value in names:
                completed.append(names[value])
                continue
            if absent(value):
                completed.append(None)
                continue
            coerced = coerce(value)
            if coerced is None or coerced is Undefined:
                raise Unsupported
            completed.append(coerced)
        return completed

    return complete
