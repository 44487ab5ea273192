"""Compiled execution of queries: a plan built once per document, walked once per request.

graphql-core does, for every field of every object of a page, work that depends only on the
document: look the field up, collect its sub-selections, choose how to complete its value,
build a resolve info and a path. Here that work is done once per operation and kept in a
plan (a bounded cache, like the parsed documents; graphql-jit and Hot Chocolate's compiled
operations do the same). Walking the plan calls the same resolvers (Strawberry's, with the
same info and arguments) and the same serializers, in the same order (so dataloaders batch
the same statements), and builds the same response, without the per-field machinery: a plain
attribute (most fields) is read directly, with no resolver call, info or path.

Only queries are compiled; mutations and subscription events run as always. What a plan does
not support (introspection, @defer/@stream, resolver middleware, fragment arguments) and any
error while walking it (a resolver raising, a null in a non-null field, a value of the wrong
type) send the operation to graphql-core, which produces the response and its errors exactly
as before: queries have no side effects, so running one again changes nothing. A Strawberry
or graphql-core upgrade that breaks the plans thus falls back instead of failing users, and
tests/test_compiled.py fails when queries stop taking the compiled path.

In differential mode (MESA_COMPILED_DIFFERENTIAL=1, on in the test suite) every query runs
both ways and the two responses are compared byte for byte: a difference is logged, kept in
`mismatches` and answered with an error, so the test that sent the query fails.
"""

from __future__ import annotations

import inspect
import json
import logging
import os
from collections import Counter, OrderedDict
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any

import orjson
from graphql import (
    ExecutionResult,
    FieldNode,
    GraphQLAbstractType,
    GraphQLError,
    GraphQLField,
    GraphQLObjectType,
    GraphQLOutputType,
    OperationType,
    Undefined,
    VariableNode,
    is_abstract_type,
    is_leaf_type,
    is_list_type,
    is_non_null_type,
    is_object_type,
)
from graphql.execution.collect_fields import (
    FieldDetails,
    GroupedFieldSet,
    collect_fields,
    collect_subfields,
)
from graphql.execution.executor import CollectedErrors
from graphql.execution.values import get_argument_values
from graphql.language import DirectiveNode, Node
from graphql.pyutils import Path, gather_with_cancel, is_iterable
from prometheus_client import Counter as PrometheusCounter
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.types.field import StrawberryField

from api.core.relations import Relation, declared_relation
from domain.errors import DomainError

logger = logging.getLogger("mesa.graphql.compiled")

PLAN_CACHE_SIZE = 256  # operations, like the parsed documents (api.core.schema)
MAX_SWITCH_VARIANTS = 16  # plans per operation for its @skip/@include variables
DIFFERENTIAL_ATTEMPTS = 3  # a difference is reported only if it repeats (concurrent writes)
DIFFERENTIAL_ENV = "MESA_COMPILED_DIFFERENTIAL"

# MESA_COMPILED_QUERIES=0 runs every query through graphql-core (a way out, and the benches'
# and tests' reference).
enabled = os.environ.get("MESA_COMPILED_QUERIES", "1") != "0"

EXECUTIONS = PrometheusCounter(
    "mesa_graphql_compiled_total",
    "Queries per execution path: compiled, fallback (graphql-core after the plan gave up) "
    "or unsupported (no plan).",
    ["outcome"],
)

# Outcomes in this process, read by the tests.
stats: Counter[str] = Counter()
# Differences found in differential mode, read by the test suite after each test.
mismatches: list[str] = []

Paths = list[Path | None]
# Completes the values of one field for many objects: the completed values, or an awaitable.
Complete = Callable[["_Run", list[Any], Paths, Any], Any]


class Unsupported(Exception):
    """The plan cannot produce this response exactly: graphql-core produces it."""


def differential() -> bool:
    return os.environ.get(DIFFERENTIAL_ENV, "") not in ("", "0")


@dataclass(slots=True)
class FieldPlan:
    """One response key of a selection: how its value is read and completed."""

    key: str
    definition: GraphQLField
    details: list[FieldDetails]
    nodes: list[FieldNode]
    parent: GraphQLObjectType
    # A plain attribute: read directly, no resolver, info or path (Strawberry's basic fields).
    read: Callable[[Any], Any] | None
    resolve: Callable[..., Any] | None
    # A relation declared with api.core.relations: fetched for all the objects at once.
    relation: Relation | None
    arguments: dict[str, Any] | None  # None: they name variables, coerced per request
    needs_info: bool
    is_leaf: bool
    complete: Complete = field(init=False)


@dataclass(slots=True)
class Selection:
    """The fields of one object type, for the field nodes that select it."""

    type_name: str
    fields: list[FieldPlan]


class Plan:
    """The compiled form of one query operation (for one set of @skip/@include values)."""

    def __init__(self, executor: StrawberryGraphQLCoreExecutionContext) -> None:
        schema = executor.schema
        root_type = schema.query_type
        if root_type is None:
            raise Unsupported
        collected = collect_fields(
            schema,
            executor.fragments,
            executor.variable_values,
            root_type,
            executor.operation,
            executor.hide_suggestions,
        )
        if collected.new_defer_usages:
            raise Unsupported
        self.root = self.selection(executor, root_type, collected.grouped_field_set)

    def run(self, executor: StrawberryGraphQLCoreExecutionContext) -> Any:
        run = _Run(executor)
        try:
            completed = run.objects(self.root, [executor.root_value], [None])
        except Exception:
            run.close_unstarted()
            raise
        if executor.is_awaitable(completed):
            return run.first(completed)
        return completed[0]

    def selection(
        self,
        executor: StrawberryGraphQLCoreExecutionContext,
        parent: GraphQLObjectType,
        grouped: GroupedFieldSet,
    ) -> Selection:
        fields = []
        for key, details in grouped.items():
            planned = self.field(executor, parent, key, details)
            if planned is not None:
                fields.append(planned)
        return Selection(parent.name, fields)

    def field(
        self,
        executor: StrawberryGraphQLCoreExecutionContext,
        parent: GraphQLObjectType,
        key: str,
        details: list[FieldDetails],
    ) -> FieldPlan | None:
        node = details[0].node
        name = node.name.value
        if name in ("__schema", "__type"):
            raise Unsupported  # introspection: graphql-core answers it
        if any(detail.fragment_variable_values is not None for detail in details):
            raise Unsupported
        definition = executor.schema.get_field(parent, name)
        if definition is None:
            return None  # graphql-core leaves it out of the response too
        read: Callable[[Any], Any] | None = None
        resolve: Callable[..., Any] | None = None
        if name == "__typename":
            type_name = parent.name
            read = lambda _source: type_name  # noqa: E731
        else:
            read = _plain_attribute(definition)
            if read is None:
                resolve = definition.resolve or executor.field_resolver
        arguments: dict[str, Any] | None = {}
        if definition.args or node.arguments:
            arguments = None if _names_variables(node) else _arguments(executor, definition, node)
        named = _named_type(definition.type)
        needs_info = resolve is not None or is_abstract_type(named)
        if is_object_type(named) and named.is_type_of is not None:
            needs_info = True
        planned = FieldPlan(
            key=key,
            definition=definition,
            details=details,
            nodes=[detail.node for detail in details],
            parent=parent,
            read=read,
            resolve=resolve,
            relation=_relation(definition),
            arguments=arguments,
            needs_info=needs_info,
            is_leaf=is_leaf_type(named),
        )
        planned.complete = self.completer(definition.type, planned)
        return planned

    def completer(self, return_type: GraphQLOutputType, planned: FieldPlan) -> Complete:
        """How resolved values of `return_type` become response values (graphql-core's
        complete_value, decided once; here for many values of one field at a time)."""
        if is_non_null_type(return_type):
            return _non_null(self.completer(return_type.of_type, planned))
        if is_list_type(return_type):
            return _list(self.completer(return_type.of_type, planned))
        if is_leaf_type(return_type):
            return _leaf(return_type.coerce_output_value)
        if is_abstract_type(return_type):
            return _abstract(self, return_type, planned)
        if is_object_type(return_type):
            return _object(self, return_type, planned)
        raise Unsupported


def _named_type(gql_type: Any) -> Any:
    while hasattr(gql_type, "of_type"):
        gql_type = gql_type.of_type
    return gql_type


def _plain_attribute(definition: GraphQLField) -> Callable[[Any], Any] | None:
    """A Strawberry field with no resolver, permission or extension: its attribute, read as
    Strawberry's own basic-field path reads it."""
    resolve = definition.resolve
    if resolve is None or not getattr(resolve, "_is_default", False):
        return None
    strawberry_field = definition.extensions.get("strawberry-definition")
    if (
        isinstance(strawberry_field, StrawberryField)
        and type(strawberry_field).get_result is StrawberryField.get_result
        and strawberry_field.base_resolver is None
        and strawberry_field.default_resolver is getattr
    ):
        return attrgetter(strawberry_field.python_name)
    return lambda source: resolve(source, None)


def _relation(definition: GraphQLField) -> Relation | None:
    """A relation declared on a field Strawberry runs as is (no permission, no extension)."""
    strawberry_field = definition.extensions.get("strawberry-definition")
    if not isinstance(strawberry_field, StrawberryField) or strawberry_field.extensions:
        return None
    resolver = strawberry_field.base_resolver
    if resolver is None or type(strawberry_field).get_result is not StrawberryField.get_result:
        return None
    return declared_relation(resolver.wrapped_func)  # type: ignore[arg-type]


def _names_variables(node: Node) -> bool:
    """Whether an argument of the field refers to a variable (at any depth)."""
    pending: list[Any] = [argument.value for argument in node.arguments or ()]  # type: ignore[attr-defined]
    while pending:
        value = pending.pop()
        if isinstance(value, VariableNode):
            return True
        pending.extend(getattr(value, "values", ()) or ())
        pending.extend(item.value for item in getattr(value, "fields", ()) or ())
    return False


def _arguments(
    executor: StrawberryGraphQLCoreExecutionContext, definition: GraphQLField, node: FieldNode
) -> dict[str, Any]:
    try:
        return get_argument_values(
            definition, node, executor.variable_values, None, executor.hide_suggestions
        )
    except GraphQLError as error:
        raise Unsupported from error


def _absent(value: Any) -> bool:
    if value is None or value is Undefined:
        return True
    if isinstance(value, Exception):
        raise Unsupported  # graphql-core reports it as the field's error
    return False


def _non_null(inner: Complete) -> Complete:
    def complete(run: _Run, values: list[Any], paths: Paths, info: Any) -> Any:
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


def _list(item: Complete) -> Complete:
    """Every item of every list completed together, then regrouped into the lists."""

    def complete(run: _Run, values: list[Any], paths: Paths, info: Any) -> Any:
        is_awaitable = run.is_awaitable
        items: list[Any] = []
        item_paths: list[Path | None] = []
        lengths: list[int | None] = []
        for value, path in zip(values, paths, strict=True):
            if _absent(value):
                lengths.append(None)
                continue
            if not is_iterable(value):
                raise Unsupported
            before = len(items)
            for index, entry in enumerate(value):
                if is_awaitable(entry):
                    raise Unsupported
                items.append(entry)
                item_paths.append(path.add_key(index, None) if path is not None else None)
            lengths.append(len(items) - before)
        completed = item(run, items, item_paths, info) if items else []
        if is_awaitable(completed):
            return run.later(_regrouped_later(completed, lengths))
        return _regrouped(completed, lengths)

    return complete


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


def _leaf(coerce: Callable[[Any], Any]) -> Complete:
    def complete(_run: _Run, values: list[Any], _paths: Paths, _info: Any) -> Any:
        completed: list[Any] = []
        for value in values:
            if _absent(value):
                completed.append(None)
                continue
            coerced = coerce(value)
            if coerced is None or coerced is Undefined:
                raise Unsupported
            completed.append(coerced)
        return completed

    return complete


def _object(plan: Plan, object_type: GraphQLObjectType, planned: FieldPlan) -> Complete:
    is_type_of = object_type.is_type_of
    selections: list[Selection] = []  # built on first use, with that request's fragments

    def complete(run: _Run, values: list[Any], paths: Paths, info: Any) -> Any:
        present = [index for index, value in enumerate(values) if not _absent(value)]
        sources = [values[index] for index in present]
        if is_type_of is not None:
            for source in sources:
                if is_type_of(source, info) is not True:
                    raise Unsupported  # false, or an awaitable: graphql-core decides
        if not selections:
            selections.append(_subselection(plan, run.executor, object_type, planned))
        completed = run.objects(selections[0], sources, [paths[index] for index in present])
        if run.is_awaitable(completed):
            return run.later(_placed_later(completed, present, len(values)))
        return _placed(completed, present, len(values))

    return complete


def _placed(completed: list[Any], present: list[int], size: int) -> list[Any]:
    """Completed values back at their positions among the absent (null) ones."""
    if len(present) == size:
        return completed
    placed: list[Any] = [None] * size
    for index, value in zip(present, completed, strict=True):
        placed[index] = value
    return placed


async def _placed_later(completed: Awaitable[list[Any]], present: list[int], size: int) -> Any:
    return _placed(await completed, present, size)


def _abstract(plan: Plan, abstract: GraphQLAbstractType, planned: FieldPlan) -> Complete:
    by_type: dict[str, tuple[GraphQLObjectType, Selection]] = {}

    def complete(run: _Run, values: list[Any], paths: Paths, info: Any) -> Any:
        executor = run.executor
        resolve_type = abstract.resolve_type or executor.type_resolver
        groups: dict[str, list[int]] = {}
        for index, value in enumerate(values):
            if _absent(value):
                continue
            type_name = resolve_type(value, info, abstract)
            if not isinstance(type_name, str):
                raise Unsupported  # an awaitable, or a value graphql-core reports
            groups.setdefault(type_name, []).append(index)
        placed: list[Any] = [None] * len(values)
        waiting = []
        for type_name, indices in groups.items():
            known = by_type.get(type_name)
            if known is None:
                runtime = executor.schema.get_type(type_name)
                if not is_object_type(runtime) or not executor.schema.is_sub_type(
                    abstract, runtime
                ):
                    raise Unsupported
                known = by_type[type_name] = (
                    runtime,
                    _subselection(plan, executor, runtime, planned),
                )
            runtime, selection = known
            sources = [values[index] for index in indices]
            if runtime.is_type_of is not None:
                for source in sources:
                    if runtime.is_type_of(source, info) is not True:
                        raise Unsupported
            completed = run.objects(selection, sources, [paths[index] for index in indices])
            if run.is_awaitable(completed):
                waiting.append(run.later(_put_later(completed, indices, placed)))
            else:
                for index, value in zip(indices, completed, strict=True):
                    placed[index] = value
        if waiting:
            return run.later(_all_then(waiting, placed))
        return placed

    return complete


async def _put_later(completed: Awaitable[list[Any]], indices: list[int], into: list[Any]) -> None:
    for index, value in zip(indices, await completed, strict=True):
        into[index] = value


async def _all_then(waiting: Sequence[Awaitable[Any]], result: Any) -> Any:
    await _settle(waiting)
    return result


async def _settle(waiting: Sequence[Awaitable[Any]]) -> None:
    if len(waiting) == 1:
        await waiting[0]
    else:
        await gather_with_cancel(*waiting)


def _subselection(
    plan: Plan,
    executor: StrawberryGraphQLCoreExecutionContext,
    object_type: GraphQLObjectType,
    planned: FieldPlan,
) -> Selection:
    collected = collect_subfields(
        executor.schema,
        executor.fragments,
        executor.variable_values,
        executor.operation,
        object_type,
        planned.details,
        executor.hide_suggestions,
    )
    if collected.new_defer_usages:
        raise Unsupported
    return plan.selection(executor, object_type, collected.grouped_field_set)


class _Run:
    """One request walking a plan: each selection completed for all its objects at once
    (breadth first), so a declared relation is one load for the whole page."""

    __slots__ = ("arguments", "created", "executor", "is_awaitable", "loaders")

    def __init__(self, executor: StrawberryGraphQLCoreExecutionContext) -> None:
        self.executor = executor
        self.is_awaitable = executor.is_awaitable
        self.arguments: dict[int, dict[str, Any]] = {}
        self.loaders = getattr(executor.context_value, "loaders", None)
        self.created: list[Any] = []  # coroutines made by this run, to close if it gives up

    async def first(self, completed: Awaitable[list[Any]]) -> Any:
        try:
            return (await completed)[0]
        except BaseException:
            self.close_unstarted()
            raise

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
        return self.later(_all_then(waiting, results))

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
        field_paths: Paths = [Path(path, key, type_name) for path in paths]
        info = self.info(planned, field_paths[0]) if planned.needs_info and sources else None
        if planned.relation is not None and self.loaders is not None:
            _fill(results, key, None)  # the key's place in each object, filled later
            loading = self.later(planned.relation.load_all(sources, self.loaders))
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
            found = _arguments(self.executor, planned.definition, planned.nodes[0])
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


class Plans:
    """Plans per operation (kept with the operation, so its id is not reused while cached),
    one per combination of the values of the variables its @skip/@include directives use."""

    def __init__(self, size: int = PLAN_CACHE_SIZE) -> None:
        self.size = size
        self.entries: OrderedDict[int, _Entry] = OrderedDict()

    def get(self, executor: StrawberryGraphQLCoreExecutionContext) -> Plan | None:
        operation = executor.operation
        entry = self.entries.get(id(operation))
        if entry is None or entry.operation is not operation:
            entry = _Entry(operation, _switches(operation, executor.fragment_definitions))
            self.entries[id(operation)] = entry
            if len(self.entries) > self.size:
                self.entries.popitem(last=False)
        else:
            self.entries.move_to_end(id(operation))
        coerced = executor.variable_values.coerced
        values = tuple(coerced.get(name) for name in entry.switches)
        if values in entry.plans:
            return entry.plans[values]
        if len(entry.plans) >= MAX_SWITCH_VARIANTS:
            return None
        try:
            plan: Plan | None = Plan(executor)
        except Unsupported:
            plan = None
        except Exception:  # an upgrade changed what the plan relies on: graphql-core runs
            logger.exception("could not compile a query; it runs uncompiled")
            plan = None
        entry.plans[values] = plan
        return plan


@dataclass(slots=True)
class _Entry:
    operation: Any
    switches: tuple[str, ...]
    plans: dict[tuple[Any, ...], Plan | None] = field(default_factory=dict)


def _switches(operation: Any, fragments: dict[str, Any]) -> tuple[str, ...]:
    """The variables used by @skip/@include in the operation and the document's fragments."""
    names: set[str] = set()
    pending: list[Any] = [operation, *fragments.values()]
    while pending:
        node = pending.pop()
        if isinstance(node, DirectiveNode):
            names.update(
                argument.value.name.value
                for argument in node.arguments or ()
                if isinstance(argument.value, VariableNode)
            )
            continue
        pending.extend(getattr(node, "directives", None) or ())
        selection_set = getattr(node, "selection_set", None)
        if selection_set is not None:
            pending.extend(selection_set.selections)
    return tuple(sorted(names))


PLANS = Plans()


class CompiledExecutor(StrawberryGraphQLCoreExecutionContext):
    """Strawberry's executor, walking a compiled plan for queries (see the module)."""

    def execute_operation(self, serially: bool | None = None) -> Any:
        if (
            not enabled
            or self.operation.operation is not OperationType.QUERY
            or self._has_middleware()
        ):
            return super().execute_operation(serially)
        plan = PLANS.get(self)
        if plan is None:
            _count("unsupported")
            return super().execute_operation(serially)
        if differential():
            return self._differential(plan, serially)
        try:
            data = plan.run(self)
        except Exception as error:
            return self._fall_back(error, serially)
        if self.is_awaitable(data):
            return self._compiled_later(data, serially)
        _count("compiled")
        return self.finish(self.build_response(data))

    def _has_middleware(self) -> bool:
        manager = self.middleware_manager
        return manager is not None and bool(manager.middlewares)

    async def _compiled_later(self, data: Awaitable[Any], serially: bool | None) -> Any:
        try:
            completed = await data
        except Exception as error:
            return await _maybe(self._fall_back(error, serially))
        _count("compiled")
        return self.finish(self.build_response(completed))

    def _fall_back(self, error: Exception, serially: bool | None) -> Any:
        _count("fallback")
        if not isinstance(error, Unsupported | GraphQLError | DomainError):
            logger.debug("compiled query gave up: %r", error)
        self.collected_errors = CollectedErrors()
        return super().execute_operation(serially)

    async def _differential(self, plan: Plan, serially: bool | None) -> Any:
        """Both paths, compared byte for byte; a difference that repeats is an error."""
        difference = ""
        reference: Any = None
        for _ in range(DIFFERENTIAL_ATTEMPTS):
            try:
                compiled: Any = plan.run(self)
                if self.is_awaitable(compiled):
                    compiled = await compiled
            except Exception:
                compiled = Undefined  # the plan gave up: graphql-core's answer stands
            self.collected_errors = CollectedErrors()
            reference = await _maybe(super().execute_operation(serially))
            if compiled is Undefined:
                _count("fallback")
                return reference
            difference = _difference(compiled, reference)
            if not difference:
                _count("compiled")
                return reference
        _count("mismatch")
        message = f"compiled execution differs from graphql-core: {difference}"
        logger.error(message)
        mismatches.append(message)
        return ExecutionResult(None, [GraphQLError(message)])


def _difference(compiled: Any, reference: Any) -> str:
    if reference.errors:
        first = reference.errors[0].message
        return f"graphql-core answered with errors ({first!r}) where the plan gave data"
    ours, theirs = _bytes(compiled), _bytes(reference.data)
    if ours == theirs:
        return ""
    return f"compiled {ours[:2000]!r} graphql-core {theirs[:2000]!r}"


def _bytes(data: Any) -> bytes:
    try:
        return orjson.dumps(data)
    except TypeError:
        return json.dumps(data, separators=(",", ":")).encode()


async def _maybe(value: Any) -> Any:
    if hasattr(value, "__await__"):
        return await value
    return value


def _count(outcome: str) -> None:
    stats[outcome] += 1
    EXECUTIONS.labels(outcome=outcome).inc()
