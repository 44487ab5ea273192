"""Compiled execution: a plan built once per document, walked once per request.

graphql-core does, for every field of every object of a page, work that depends only on the
document: look the field up, collect its sub-selections, choose how to complete its value,
build a resolve info and a path. Here that work is done once per operation and kept in a
plan (a bounded cache, like the parsed documents; graphql-jit and Hot Chocolate's compiled
operations do the same). Walking the plan calls the same resolvers (Strawberry's, with the
same info and arguments) and the same serializers, in the same order (so dataloaders batch
the same statements), and builds the same response, without the per-field machinery: a plain
attribute (most fields) is read directly, with no resolver call, info or path, and each
selection is completed for all its objects at once, so a relation declared once with
api.core.relations is one load per page. The plan is built in api.core.query_plan and walked
in api.core.plan_walk; this module chooses the path and keeps the plans.

Queries are compiled whole. A mutation runs through graphql-core (its root fields one after
the other, each resolver once), and the value each resolver gives is completed by the plan of
its selection, as a query's is: graphql-core's completion cost more than half the GraphQL
work of a createTicket. Subscription events run as always. What a plan does not support
(introspection, @defer/@stream, resolver middleware, fragment arguments) and any error while
walking it (a resolver raising, a null in a non-null field, a value of the wrong type) send
the operation to graphql-core, which produces the response and its errors exactly as before:
a query runs again (it has no side effects, so that changes nothing), and a mutation's value
is completed again by graphql-core, its resolver not run twice. A Strawberry or graphql-core
upgrade that breaks the plans thus falls back instead of failing users, and
tests/test_compiled.py fails when operations stop taking the compiled path.

In differential mode (MESA_COMPILED_DIFFERENTIAL=1, on in the test suite) every query runs
both ways, and every mutation's result is completed both ways, on one snapshot of the
database, and the two are compared byte for byte: a difference is logged, kept in
`mismatches` and answered with an error, so the test that sent the operation fails.
"""

from __future__ import annotations

import json
import logging
import os
import weakref
from collections import Counter, OrderedDict
from collections.abc import Awaitable, Sequence
from contextlib import AsyncExitStack, suppress
from dataclasses import dataclass, field
from typing import Any

import orjson
from graphql import (
    ExecutionResult,
    GraphQLError,
    GraphQLOutputType,
    GraphQLResolveInfo,
    GraphQLResolveInfoHelpers,
    OperationType,
    Undefined,
    VariableNode,
)
from graphql.execution.executor import CollectedErrors, Executor
from graphql.language import DirectiveNode
from graphql.pyutils import Path
from prometheus_client import Counter as PrometheusCounter
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from api.core import plan_walk, variables
from api.core.plan_leaves import Unsupported
from api.core.plan_paths import Paths
from api.core.query_plan import FieldPlan, Plan
from domain.clock import clock
from domain.errors import DomainError
from domain.uow import snapshot

logger = logging.getLogger("mesa.graphql.compiled")

PLAN_CACHE_SIZE = 256  # operations, like the parsed documents (api.core.schema)
MAX_SWITCH_VARIANTS = 16  # plans per operation for its @skip/@include variables
DIFFERENTIAL_ENV = "MESA_COMPILED_DIFFERENTIAL"

# MESA_COMPILED_QUERIES=0 runs every query through graphql-core (a way out, and the benches'
# and tests' reference).
enabled = os.environ.get("MESA_COMPILED_QUERIES", "1") != "0"

EXECUTIONS = PrometheusCounter(
    "mesa_graphql_compiled_total",
    "Queries and mutations' results per execution path: compiled, fallback (graphql-core "
    "after the plan gave up) or unsupported (no plan).",
    ["outcome"],
)

# Outcomes in this process, read by the tests.
stats: Counter[str] = Counter()
# Differences found in differential mode, read by the test suite after each test.
mismatches: list[str] = []
direct_mutations = 0  # mutations whose root fields `_mutation` ran (read by the tests)


def differential() -> bool:
    return os.environ.get(DIFFERENTIAL_ENV, "") not in ("", "0")


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
variables.install()  # and the variables of every operation by their plans


def _helpers_of(executor: Executor) -> GraphQLResolveInfoHelpers:
    """graphql-core's helpers for resolvers (`info.async_helpers`), calling the executor's
    own methods through a weak reference. graphql-core keeps its bound methods, a reference
    cycle: each request (its executor, context, loaders and rows) was then freed only by the
    garbage collector, whose young collections (about 50,000 objects each, every few hundred
    requests) took 4 % of a thread of 50 messages. The executor outlives every call: the
    execution holds it until the response is built."""
    owner = weakref.ref(executor)

    def gather(values: Sequence[Awaitable[Any]]) -> Awaitable[list[Any]]:
        return _alive(owner).gather_async_work(values)

    def track(values: Sequence[Any]) -> None:
        _alive(owner).track_async_work(values)

    return GraphQLResolveInfoHelpers(gather=gather, track=track)


def _alive(owner: weakref.ref[Executor]) -> Executor:
    executor = owner()
    if executor is None:
        raise RuntimeError("the operation's execution has ended")
    return executor


class CompiledExecutor(StrawberryGraphQLCoreExecutionContext):
    """Strawberry's executor, walking a compiled plan for queries and for mutations' results
    (see the module)."""

    # A mutation's root fields whose values the plan completes, by response key: each taken
    # out when its value is completed (so graphql-core's completion of it, on a fallback, is
    # graphql-core's all the way down). None for any other operation.
    _results: dict[str, FieldPlan] | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.async_helpers = _helpers_of(self)

    def execute_operation(self, serially: bool | None = None) -> Any:
        kind = self.operation.operation
        if not enabled or kind is OperationType.SUBSCRIPTION or self._has_middleware():
            return super().execute_operation(serially)
        plan = PLANS.get(self)
        if plan is None:
            _count("unsupported")
            return super().execute_operation(serially)
        if kind is OperationType.MUTATION:
            self._results = dict(plan.by_key)
            if self.abort_signal is not None or serially is False:
                return super().execute_operation(serially)
            return self._mutation(plan)
        if differential():
            return self._differential(plan, serially)
        try:
            data = plan_walk.run(plan, self)
        except Exception as error:
            return self._fall_back(error, serially)
        if self.is_awaitable(data):
            return self._compiled_later(data, serially)
        _count("compiled")
        return self.finish(self.build_response(data))

    async def _mutation(self, plan: Plan) -> Any:
        """graphql-core's execution of a mutation's root fields, one after the other, each by
        its execute_field (its resolver, its errors located and, in a non-null field, made the
        whole data's), with the fields collected once with the plan: graphql-core collected
        them and reduced over them with closures on every request (execute_operation for an
        operation without @defer and without an abort signal)."""
        global direct_mutations
        direct_mutations += 1
        root_type = self.schema.mutation_type
        assert root_type is not None  # the plan was made for it
        data: dict[str, Any] = {}
        try:
            for key, details in plan.root_fields.items():
                path = Path(None, key, root_type.name)
                result = self.execute_field(root_type, self.root_value, details, path, None)
                if result is Undefined:
                    continue
                data[key] = await result if self.is_awaitable(result) else result
        except GraphQLError as error:
            self.collected_errors.add(error, None)
            return self.build_response(None)
        except Exception:
            await self.cancel_incremental_work()
            self.run_async_work_finished_hook()
            raise
        return self.build_response(data)

    def complete_value(
        self,
        return_type: GraphQLOutputType,
        field_details_list: Any,
        info: GraphQLResolveInfo,
        path: Path,
        result: Any,
        position_context: Any,
    ) -> Any:
        results = self._results
        if results is None or path.prev is not None or path.key not in results:
            return super().complete_value(
                return_type, field_details_list, info, path, result, position_context
            )
        planned = results.pop(path.key)

        def reference() -> Any:
            """graphql-core's completion of the same value (it reports what the plan gave up
            on); the resolver, which may have written, does not run again."""
            _whole_rows(self.context_value)
            return super(CompiledExecutor, self).complete_value(
                return_type, field_details_list, info, path, result, position_context
            )

        if isinstance(result, Exception):
            return reference()  # graphql-core raises it, located
        if differential():
            return self._both_results(planned, info, path, result, reference)
        run = plan_walk.Run(self)
        try:
            completed = planned.complete(run, [result], Paths.of([path]), info)
        except Exception as error:
            run.close_unstarted()
            return self._result_fallback(error, reference)
        if self.is_awaitable(completed):
            return self._result_later(run, completed, reference)
        _count("compiled")
        _whole_rows(self.context_value)
        return completed[0]

    async def _result_later(
        self, run: plan_walk.Run, completed: Awaitable[list[Any]], reference: Any
    ) -> Any:
        try:
            value = await run.first(completed)
        except Exception as error:
            return await _maybe(self._result_fallback(error, reference))
        _count("compiled")
        _whole_rows(self.context_value)
        return value

    def _result_fallback(self, error: Exception, reference: Any) -> Any:
        _count("fallback")
        if not isinstance(error, Unsupported | GraphQLError | DomainError):
            logger.debug("compiled completion of a mutation's result gave up: %r", error)
        return reference()

    async def _both_results(
        self, planned: FieldPlan, info: GraphQLResolveInfo, path: Path, result: Any, reference: Any
    ) -> Any:
        """A mutation's result completed both ways, on one snapshot of the database at one
        moment, and compared byte for byte (as queries are, in `_differential`)."""
        with clock.held():
            reads = AsyncExitStack()
            try:
                await reads.enter_async_context(snapshot())
            except Exception:
                return await _maybe(reference())
            try:
                run = plan_walk.Run(self)
                try:
                    completed: Any = planned.complete(run, [result], Paths.of([path]), info)
                    if self.is_awaitable(completed):
                        completed = await run.first(completed)
                    else:
                        completed = completed[0]
                except Exception:
                    run.close_unstarted()
                    completed = Undefined
                errors = len(self.collected_errors.errors)
                theirs = await _maybe(reference())
            finally:
                with suppress(Exception):
                    await reads.aclose()
        if completed is Undefined:
            _count("fallback")
            return theirs
        ours, expected = _bytes(completed), _bytes(theirs)
        if ours == expected and len(self.collected_errors.errors) == errors:
            _count("compiled")
            return theirs
        _count("mismatch")
        message = (
            f"compiled completion of {path.key} differs from graphql-core's:"
            f" compiled {ours[:2000]!r} graphql-core {expected[:2000]!r}"
            f" ({len(self.collected_errors.errors) - errors} errors)"
        )
        logger.error(message)
        mismatches.append(message)
        raise GraphQLError(message)

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
        _whole_rows(self.context_value)
        return super().execute_operation(serially)

    async def _differential(self, plan: Plan, serially: bool | None) -> Any:
        """Both paths, compared byte for byte; a difference is an error. Both read one
        snapshot of the database (a webhook delivery or a worker's write committing between
        them is no difference) at one moment (a remaining time must not tick between them)."""
        with clock.held():
            reads = AsyncExitStack()
            try:
                await reads.enter_async_context(snapshot())
            except Exception:
                # The database cannot be read now: graphql-core answers (with its resolvers'
                # errors), as it would outside differential mode.
                return await _maybe(super().execute_operation(serially))
            try:
                return await self._both(plan, serially)
            finally:
                with suppress(Exception):  # a read-only transaction: nothing to commit
                    await reads.aclose()

    async def _both(self, plan: Plan, serially: bool | None) -> Any:
        try:
            compiled: Any = plan_walk.run(plan, self)
            if self.is_awaitable(compiled):
                compiled = await compiled
        except Exception:
            compiled = Undefined  # the plan gave up: graphql-core's answer stands
        self.collected_errors = CollectedErrors()
        _whole_rows(self.context_value)
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


def _whole_rows(context: Any) -> None:
    """graphql-core's resolvers read whole rows (the plan's columns are its own)."""
    if hasattr(context, "row_columns"):
        context.row_columns = None


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
    series = _series.get(outcome)
    if series is None:  # prometheus_client's labels() costs microseconds per call
        series = _series[outcome] = EXECUTIONS.labels(outcome=outcome)
    series.inc()


_series: dict[str, Any] = {}  # three outcomes
