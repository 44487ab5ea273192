"""Operations of a known document, executed without Strawberry's per-request plumbing.

For every request Strawberry's `Schema.execute` builds an execution context, makes the
schema's extensions anew, enters and leaves four stages of their hooks (parsing and
validation answered from caches for a text seen before), builds a middleware manager and
converts the result. In process, without a token, that cost 72 of the 189 us of CPU of a
`{ __typename }`: graphql-core's `execute` called directly took 117. Here a request whose
text parsed and validated once is executed by graphql-core directly, with the schema's
executor (so queries still walk their compiled plans), and the work of Mesa's extensions is
done as their hooks do it, in the same order:
- the limits (api.core.limits.Admission: page sizes, cost, the viewer's budget, a partner key's
  allowance, password checks) before executing; a refusal is the one error, unprocessed;
- the execution's errors processed by the schema (codes, language, logs);
- then as the operation's hooks exit, in reverse: errors of a lost database made
  UNAVAILABLE, unexpected errors masked in production, the operation counted;
- the cost in the response's `extensions`.
A valid document stays valid: the schema's rules are fixed when it is built, so the text is
kept with the document its first request parsed (the parser cache's, so the plans kept by the
operation's identity still apply). Only a schema whose extensions are exactly Mesa's takes
this path (api.core.schema decides); a subscription, a text not known yet, an operation that
cannot be chosen or is not allowed go through Strawberry, which answers them as before. An
error raised while executing is answered as Strawberry answers it (processed, with the cost,
not counted).

MESA_LEAN_EXECUTION=0 sends every operation through Strawberry. tests/test_lean_execution.py
sends the same requests both ways and compares the responses byte for byte, and the metrics.
"""

from __future__ import annotations

import inspect
import os
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from graphql import DocumentNode, GraphQLError, execute
from graphql import ExecutionResult as GraphQLExecutionResult
from strawberry.execution import optimized_is_awaitable
from strawberry.types.execution import ExecutionContext, ExecutionResult, PreExecutionError
from strawberry.types.graphql import OperationType
from strawberry.utils.operation import get_first_operation, get_operation_type

from api.core.limits import Admission
from api.core.metrics import observe_operation
from api.core.unavailable import clear_unavailable

if TYPE_CHECKING:
    from strawberry import Schema

enabled = os.environ.get("MESA_LEAN_EXECUTION", "1") != "0"
executed = 0  # operations this path executed in this process (read by the tests)
OPERATIONS_KEPT = 16  # operation names asked of one document (a client may send any)


@dataclass(frozen=True, slots=True)
class Chosen:
    document: DocumentNode
    operation_name: str | None  # as Strawberry resolves it: the first operation's by default
    kind: OperationType


@dataclass(slots=True)
class _Known:
    document: DocumentNode
    # By the name a request gives (None: none): the operation, or None where none is found.
    operations: dict[str | None, Chosen | None] = field(default_factory=dict)


class Lean:
    """A schema's known documents, and the lean execution of their operations."""

    def __init__(self, size: int, mask: Callable[[object], None] | None) -> None:
        self.size = size
        self.mask = mask  # production's masking of unexpected errors, of a result
        self.known: OrderedDict[str, _Known] = OrderedDict()

    def learn(self, text: str, document: DocumentNode) -> None:
        """`text` parsed into `document`, which validated without an error."""
        known = self.known.get(text)
        if known is None or known.document is not document:
            self.known[text] = _Known(document)
        self.known.move_to_end(text)
        while len(self.known) > self.size:
            self.known.popitem(last=False)

    def chosen(
        self, text: str | None, operation_name: str | None, allowed: Iterable[OperationType]
    ) -> Chosen | None:
        """The operation a request runs on this path, or None for Strawberry's."""
        if not enabled or not text or not isinstance(operation_name, str | None):
            return None  # a name of another type (a client's mistake): Strawberry's to answer
        known = self.known.get(text)
        if known is None:
            return None
        self.known.move_to_end(text)
        operations = known.operations
        if operation_name in operations:
            chosen = operations[operation_name]
        else:
            chosen = _choose(known.document, operation_name)
            if len(operations) < OPERATIONS_KEPT:
                operations[operation_name] = chosen
        if chosen is None or chosen.kind is OperationType.SUBSCRIPTION:
            return None
        return chosen if chosen.kind in allowed else None

    async def execute(
        self,
        schema: Schema,
        chosen: Chosen,
        query: str,
        variables: dict[str, Any] | None,
        context: Any,
        root_value: Any,
        operation_extensions: dict[str, Any] | None,
    ) -> ExecutionResult:
        """The operation's result, as Strawberry's `execute` with Mesa's extensions gives it."""
        global executed
        executed += 1
        started = time.perf_counter()
        admission = Admission()
        try:
            refusal = await admission(
                chosen.document, chosen.operation_name, variables or {}, context
            )
            result: Any
            if refusal is not None:
                result = PreExecutionError(data=None, errors=[refusal])
            else:
                result = execute(
                    schema._schema,
                    chosen.document,
                    root_value=root_value,
                    context_value=context,
                    variable_values=variables,
                    operation_name=chosen.operation_name,
                    executor_class=schema.execution_context_class,
                    is_awaitable=optimized_is_awaitable,  # type: ignore[arg-type]
                    operation_extensions=operation_extensions,
                )
                if inspect.isawaitable(result):
                    result = await result
                if result.errors:
                    schema._process_errors(result.errors, _context(schema, query, context))
        except Exception as error:  # answered as Strawberry answers it
            raised = error if isinstance(error, GraphQLError) else None
            failed = raised or GraphQLError(str(error), original_error=error)
            schema._process_errors([failed], _context(schema, query, context))
            return PreExecutionError(data=None, errors=[failed], extensions=admission.results())
        clear_unavailable(result)
        if self.mask is not None:
            self.mask(result)
        observe_operation(chosen.operation_name, chosen.kind, result, started)
        if isinstance(result, GraphQLExecutionResult):
            result = ExecutionResult(data=result.data, errors=result.errors)
        result.extensions = admission.results()
        return result


def _choose(document: DocumentNode, operation_name: str | None) -> Chosen | None:
    """The operation Strawberry runs for `operation_name` (its ExecutionContext's
    operation_name and operation_type); None where it finds none."""
    if operation_name is None:
        first = get_first_operation(document)
        operation_name = first.name.value if first is not None and first.name else None
    try:
        kind = get_operation_type(document, operation_name)
    except RuntimeError:
        return None
    return Chosen(document, operation_name, kind)


def _context(schema: Schema, query: str, context: Any) -> ExecutionContext:
    """What `process_errors` is given with an operation's errors (only they need it)."""
    return ExecutionContext(query=query, schema=schema, allowed_operations=(), context=context)
