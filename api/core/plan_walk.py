"""One request walking a compiled plan (api.core.query_plan), breadth first: each selection
is completed for all its objects at once, so a declared relation is one load for the page."""

from __future__ import annotations

import inspect
from collections.abc import Awaitable
from typing import Any

from graphql.pyutils import Path, gather_with_cancel
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from api.core.plan_paths import Paths
from api.core.query_plan import FieldPlan, Plan, Selection, coerced_arguments, settled_then


def run(plan: Plan, executor: StrawberryGraphQLCoreExecutionContext) -> Any:
    """The operation's data, or an awaitable of it; raises (or the awaitable does) where the
    plan gives up."""
    walk = Run(executor)
    try:
        completed = walk.objects(plan.root, [executor.root_value], Paths.of([None]))
    except Exception:
        walk.close_unstarted()
        raise
    if executor.is_awaitable(completed):
        return walk.first(completed)
    return completed[0]


class Run:
    """One request walking a plan: each selection completed for all its objects at once
    (breadth first), so a declared relation is one load for the whole page."""

    __slots__ = ("arguments", "created", "executor", "is_awaitable", "loaders", "row_columns")

    def __init__(self, executor: StrawberryGraphQLCoreExecutionContext) -> None:
        self.executor = executor
        self.is_awaitable = executor.is_awaitable
        self.arguments: dict[int, dict[str, Any]] = {}
        self.loaders = getattr(executor.context_value, "loaders", None)
        self.created: list[Any] = []  # coroutines made by this run, to close if it gives up
        # What the resolvers returning rows may select (api.core.columns.planned_columns).
        self.row_columns: dict[int, frozenset[str]] | None = None
        context = executor.context_value
        if hasattr(context, "row_columns"):
            context.row_columns = self.row_columns = {}

    async def first(self, completed: Awaitable[list[Any]]) -> Any:
        try:
            found = (await completed)[0]
        except BaseException:
            self.close_unstarted()
            raise
        self.created.clear()  # all started and done: nothing for `__del__` to close
        return found

    def __del__(self) -> None:
        # A walk dropped before its awaitable started (a task cancelled before its first
        # step throws into `first`, which then never runs its body): the resolvers' coroutines
        # it made are closed here, as `first` would have (else each warns, never awaited).
        self.close_unstarted()

    def close_unstarted(self) -> None:
        """Coroutines made but never started (a sibling failed first): closed, not leaked
        (their resolvers never ran; the started ones were cancelled with their tasks)."""
        for coroutine in self.created:
            if inspect.getcoroutinestate(coroutine) == inspect.CORO_CREATED:
                coroutine.close()

    def later(self, coroutine: Any) -> Any:
        if inspect.iscoroutine(coroutine):
            self.created.append(coroutine)
        return coroutine

    def objects(self, selection: Selection, sources: list[Any], paths: Paths) -> Any:
        results: list[dict[str, Any]] = [{} for _ in sources]
        waiting: list[Awaitable[None]] = []
        for planned in selection.fields:
            self.field(planned, selection.type_name, sources, paths, results, waiting)
        if not waiting:
            return results
        return self.later(settled_then(waiting, results))

    def field(
        self,
        planned: FieldPlan,
        type_name: str,
        sources: list[Any],
        paths: Paths,
        results: list[dict[str, Any]],
        waiting: list[Awaitable[None]],
    ) -> None:
        key = planned.key
        read = planned.read
        if read is not None and planned.is_leaf:
            values = [read(source) for source in sources]
            _fill(results, key, planned.complete(self, values, paths, None))
            return
        field_paths = paths.keyed(key, type_name)
        info = self.info(planned, field_paths[0]) if planned.needs_info and sources else None
        if planned.relation is not None and self.loaders is not None:
            _fill(results, key, None)  # the key's place in each object, filled later
            loading = self.later(
                planned.relation.load_all(
                    sources, self.loaders, planned.columns, rows=planned.rows_of is not None
                )
            )
            waiting.append(
                self.later(self.complete_later(planned, loading, field_paths, info, results))
            )
            return
        if read is not None:
            values = [read(source) for source in sources]
        else:
            values = self.resolved(planned, sources, field_paths)
            if any(self.is_awaitable(value) for value in values):
                _fill(results, key, None)
                awaited = self.later(_awaited(values))
                waiting.append(
                    self.later(self.complete_later(planned, awaited, field_paths, info, results))
                )
                return
        completed = planned.complete(self, values, field_paths, info)
        if self.is_awaitable(completed):
            _fill(results, key, None)
            waiting.append(self.later(_fill_later(results, key, completed)))
        else:
            _fill(results, key, completed)

    def resolved(self, planned: FieldPlan, sources: list[Any], paths: Paths) -> list[Any]:
        """The resolver's value for each source, called as graphql-core calls it."""
        resolve = planned.resolve
        assert resolve is not None
        arguments = self.arguments_of(planned)
        if planned.columns is not None and self.row_columns is not None:
            self.row_columns[id(planned.nodes[0])] = planned.columns
        return [
            self.later(resolve(source, self.info(planned, path), **arguments))
            for source, path in zip(sources, paths, strict=True)
        ]

    def info(self, planned: FieldPlan, path: Path | None) -> Any:
        return self.executor.build_resolve_info(
            planned.definition,
            planned.nodes,
            planned.parent,
            path,  # type: ignore[arg-type]
        )

    async def complete_later(
        self,
        planned: FieldPlan,
        values: Awaitable[list[Any]],
        paths: Paths,
        info: Any,
        results: list[dict[str, Any]],
    ) -> None:
        completed = planned.complete(self, await values, paths, info)
        if self.is_awaitable(completed):
            completed = await completed
        _fill(results, planned.key, completed)

    def arguments_of(self, planned: FieldPlan) -> dict[str, Any]:
        if planned.arguments is not None:
            return planned.arguments
        found = self.arguments.get(id(planned))
        if found is None:
            found = coerced_arguments(self.executor, planned.definition, planned.nodes[0])
            self.arguments[id(planned)] = found
        return found


def _fill(results: list[dict[str, Any]], key: str, values: Any) -> None:
    if values is None:
        for result in results:
            result[key] = None
        return
    for result, value in zip(results, values, strict=True):
        result[key] = value


async def _fill_later(results: list[dict[str, Any]], key: str, completed: Awaitable[Any]) -> None:
    _fill(results, key, await completed)


async def _awaited(values: list[Any]) -> list[Any]:
    """The resolvers' values with the awaitable ones awaited together (as graphql-core does,
    so their dataloaders batch)."""
    waiting = [index for index, value in enumerate(values) if hasattr(value, "__await__")]
    if len(waiting) == 1:
        values[waiting[0]] = await values[waiting[0]]
        return values
    awaited = await gather_with_cancel(*(values[index] for index in waiting))
    for index, value in zip(waiting, awaited, strict=True):
        values[index] = value
    return values
