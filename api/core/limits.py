"""Per-request limits, checked after validation and before any resolver runs.

One pass over the chosen operation (fragments expanded, variables applied) measures:
- page sizes: every `first` argument is at most MAX_PAGE_SIZE;
- the cost: each field costs 1 for every time it can be produced, so a connection's
  fields count once per item of its page (`first`, or the default page size);
- the root fields, each counted against a partner key's per-minute allowance.
The cost is refused above `max_query_cost`, charged to the viewer's budget per minute, and
reported in the response's `extensions.cost`.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import AsyncIterator
from dataclasses import dataclass

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
)
from graphql.language import ValueNode
from strawberry.extensions import SchemaExtension
from strawberry.types import ExecutionContext
from strawberry.types.execution import PreExecutionError
from strawberry.types.graphql import OperationType

from api.core.error_codes import forget_frames
from domain.config import get_settings
from domain.errors import DomainError, RateLimited, ValidationFailed
from domain.identity.partners import count_partner_call
from domain.identity.ratelimit import Limit, spend
from domain.identity.viewer import Viewer
from domain.pagination import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE

BUDGET_WINDOW_SECONDS = 60


# Mutations that run argon2 (a deliberately slow hash): each alias or batched operation
# would cost tens of milliseconds of CPU, so a request may hold only a few of them.
PASSWORD_FIELDS = frozenset({"login", "agentLogin", "resetPassword", "changePassword"})
MAX_PASSWORD_CHECKS_PER_REQUEST = 2
PASSWORD_CHECKS_KEY = "password_checks"


@dataclass(frozen=True)
class Measure:
    cost: int
    root_fields: int
    password_checks: int = 0


class TooManyPasswordChecks(DomainError):
    def __init__(self) -> None:
        super().__init__(
            f"A request may check at most {MAX_PASSWORD_CHECKS_PER_REQUEST} passwords (login, "
            "agentLogin, resetPassword, changePassword; aliases and batched operations count). "
            f"/ Una solicitud puede comprobar como máximo {MAX_PASSWORD_CHECKS_PER_REQUEST} "
            "contraseñas (login, agentLogin, resetPassword, changePassword; cuentan los alias "
            "y las operaciones en lote)."
        )

    @property
    def extensions(self) -> dict[str, str]:
        return {**super().extensions, "code": "QUERY_TOO_EXPENSIVE"}


class QueryTooExpensive(DomainError):
    def __init__(self, cost: int, maximum: int) -> None:
        super().__init__(
            f"The query costs {cost}, above the maximum of {maximum}: ask for smaller pages "
            f"or fewer fields. / La consulta cuesta {cost}, más que el máximo de {maximum}: "
            "pida páginas más pequeñas o menos campos."
        )
        self.cost = cost
        self.maximum = maximum

    @property
    def extensions(self) -> dict[str, str]:
        return {**super().extensions, "code": "QUERY_TOO_EXPENSIVE", "cost": str(self.cost)}


class OperationLimits(SchemaExtension):
    """Refuses an operation past its limits with one clear error and no resolver run."""

    def __init__(self) -> None:
        self.admission = Admission()

    async def on_execute(self) -> AsyncIterator[None]:
        context = self.execution_context
        refusal = await self.admission(
            context.graphql_document,
            context.operation_name,
            context.variables or {},
            context.context,
        )
        if refusal is not None:
            if _is_subscription(context):
                # Subscriptions have no result to set: Strawberry turns an error raised here
                # into the subscription's one error result.
                raise refusal from refusal.original_error
            context.result = PreExecutionError(data=None, errors=[refusal])
        yield

    def get_results(self) -> dict[str, object]:
        if _is_subscription(self.execution_context):
            return {}  # not on every event of a subscription
        return self.admission.results()


class Admission:
    """One operation's limits: OperationLimits runs it, and so does api.core.lean."""

    cost: int | None = None  # the operation's, once measured

    async def __call__(
        self,
        document: DocumentNode | None,
        operation_name: str | None,
        variables: dict[str, object],
        request_context: object,
    ) -> GraphQLError | None:
        """The operation's refusal past a limit (page sizes, cost, the viewer's budget, a
        partner key's allowance, password checks), or None once charged to the request."""
        try:
            measure = measure_document(document, operation_name, variables)
            self.cost = measure.cost
            settings = get_settings()
            if measure.cost > settings.max_query_cost:
                raise QueryTooExpensive(measure.cost, settings.max_query_cost)
            _count_password_checks(request_context, measure.password_checks)
            await _charge(request_context, measure)
        except (DomainError, RateLimited) as error:
            refusal = GraphQLError(error.message, original_error=error, extensions=error.extensions)
            forget_frames(refusal)  # answered, not processed as the execution's errors are
            return refusal
        return None

    def results(self) -> dict[str, object]:
        """The response's `extensions.cost`, once measured."""
        if self.cost is None:
            return {}
        settings = get_settings()
        return {
            "cost": {
                "requested": self.cost,
                "maximum": settings.max_query_cost,
                "budgetPerMinute": settings.query_cost_budget_per_minute,
            }
        }


def _is_subscription(context: ExecutionContext) -> bool:
    try:
        return context.operation_type is OperationType.SUBSCRIPTION
    except RuntimeError:
        return False


def _count_password_checks(request_context: object, checks: int) -> None:
    """Counted per HTTP request, across the operations of a batch."""
    if not checks:
        return
    request = getattr(request_context, "request", None)
    state: dict[str, object] = getattr(request, "scope", {}).setdefault("state", {})
    total = int(str(state.get(PASSWORD_CHECKS_KEY, 0))) + checks
    state[PASSWORD_CHECKS_KEY] = total
    if total > MAX_PASSWORD_CHECKS_PER_REQUEST:
        raise TooManyPasswordChecks


async def _charge(request_context: object, measure: Measure) -> None:
    """The partner key's allowance and the viewer's cost budget (counted in process while
    Redis is unreachable, as every limiter is: domain.identity.ratelimit)."""
    settings = get_settings()
    viewer: Viewer | None = getattr(request_context, "viewer", None)
    budget = Limit(
        "query-cost",
        attempts=settings.query_cost_budget_per_minute,
        window_seconds=BUDGET_WINDOW_SECONDS,
    )
    if viewer is not None:
        key = viewer_key(viewer)
    else:
        key = f"address:{getattr(request_context, 'client_address', '')}"
    if viewer is not None and viewer.is_partner:
        await count_partner_call(viewer, measure.root_fields)
    if measure.cost:
        await spend(budget, key, measure.cost)


def viewer_key(viewer: Viewer) -> str:
    """Who a budget belongs to: the key, the person, or the guest's token."""
    who = viewer.partner_key_id or viewer.staff_id or viewer.customer_id or viewer.token_id
    return f"{viewer.kind.value}:{who}"


MEASURES_KEPT = 256  # documents and operation names, like the parsed documents
VARIANTS_KEPT = 16  # measures per document, one per value of the variables it reads


@dataclass
class _Measured:
    document: DocumentNode  # kept, so its id is not reused while it is cached
    names: tuple[str, ...]  # the variables the measure read, in order
    measures: dict[tuple[object, ...], Measure]


_measured: OrderedDict[tuple[int, str | None], _Measured] = OrderedDict()


def measure_document(
    document: DocumentNode | None, operation_name: str | None, variables: dict[str, object]
) -> Measure:
    """`measure_operation`, kept per document (by identity: the parser cache hands out one
    per text), operation name and the values of the variables the measure read (their
    types too: `first: 1.0` is refused where `first: 1` is not). A measure is a function of
    those alone; one that refuses the operation is made again each time."""
    if document is None:
        return measure_operation((), operation_name, variables)
    key = (id(document), operation_name)
    known = _measured.get(key)
    if known is not None and known.document is document:
        values = _typed(known.names, variables)
        found = known.measures.get(values) if values is not None else None
        if found is not None:
            _measured.move_to_end(key)
            return found
    read: list[str] = []
    measure = measure_operation(document.definitions, operation_name, variables, read)
    if known is None or known.document is not document:
        known = _measured[key] = _Measured(document, tuple(read), {})
        while len(_measured) > MEASURES_KEPT:
            _measured.popitem(last=False)
    values = _typed(tuple(read), variables)
    if tuple(read) == known.names and values is not None and len(known.measures) < VARIANTS_KEPT:
        known.measures[values] = measure
    return measure


def _typed(names: tuple[str, ...], variables: dict[str, object]) -> tuple[object, ...] | None:
    values = tuple((type(value), value) for value in map(variables.get, names))
    try:
        hash(values)
    except TypeError:  # a list or an object where a page size goes: measured each time
        return None
    return values


def measure_operation(
    definitions: object,
    operation_name: str | None,
    variables: dict[str, object],
    read: list[str] | None = None,
) -> Measure:
    fragments: dict[str, FragmentDefinitionNode] = {}
    operations: list[OperationDefinitionNode] = []
    for definition in definitions:  # type: ignore[attr-defined]
        if isinstance(definition, FragmentDefinitionNode):
            fragments[definition.name.value] = definition
        elif isinstance(definition, OperationDefinitionNode):
            operations.append(definition)
    chosen = [
        op
        for op in operations
        if operation_name is None or (op.name is not None and op.name.value == operation_name)
    ]
    if len(chosen) != 1:  # validation and graphql-core report this case themselves
        return Measure(cost=0, root_fields=0)
    walker = _Walker(fragments, variables, [] if read is None else read)
    cost = walker.cost(chosen[0].selection_set)
    roots = walker.root_fields(chosen[0].selection_set, set())
    checks = sum(1 for name in roots if name in PASSWORD_FIELDS)
    return Measure(cost=cost, root_fields=len(roots), password_checks=checks)


class _Walker:
    """Costs with each fragment's cost computed once: a field inside a fragment costs as much
    as written in place, and a fragment spread many times is not walked many times."""

    def __init__(
        self,
        fragments: dict[str, FragmentDefinitionNode],
        variables: dict[str, object],
        read: list[str],
    ) -> None:
        self.fragments = fragments
        self.variables = variables
        self.read = read  # the variables looked at, in order
        self.fragment_costs: dict[str, int] = {}

    def cost(self, selections: SelectionSetNode | None) -> int:
        """The cost of producing the selections once (a page multiplies what it holds)."""
        if selections is None:
            return 0
        total = 0
        for selection in selections.selections:
            if isinstance(selection, FieldNode):
                total += 1 + self.page_size(selection) * self.cost(selection.selection_set)
            elif isinstance(selection, InlineFragmentNode):
                total += self.cost(selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode):
                total += self.fragment_cost(selection.name.value)
        return total

    def fragment_cost(self, name: str) -> int:
        if name not in self.fragment_costs:
            fragment = self.fragments.get(name)
            self.fragment_costs[name] = 0  # a cycle (refused by validation) adds nothing
            if fragment is not None:
                self.fragment_costs[name] = self.cost(fragment.selection_set)
        return self.fragment_costs[name]

    def root_fields(self, selections: SelectionSetNode, seen: set[str]) -> list[str]:
        """The names of the fields run at the root, one per alias, through fragments."""
        names: list[str] = []
        for selection in selections.selections:
            if isinstance(selection, FieldNode):
                names.append(selection.name.value)
            elif isinstance(selection, InlineFragmentNode):
                names += self.root_fields(selection.selection_set, seen)
            elif isinstance(selection, FragmentSpreadNode):
                fragment = self.fragments.get(selection.name.value)
                if fragment is not None and fragment.name.value not in seen:
                    names += self.root_fields(fragment.selection_set, seen | {fragment.name.value})
        return names

    def page_size(self, field: FieldNode) -> int:
        """A connection's page size (its `first`); 1 for any other field."""
        argument = next((a for a in field.arguments or () if a.name.value == "first"), None)
        if argument is None:
            return DEFAULT_PAGE_SIZE if self.is_connection(field.selection_set, set()) else 1
        value = self.value(argument.value)
        if value is None:
            return DEFAULT_PAGE_SIZE
        if not isinstance(value, int) or not 0 <= value <= MAX_PAGE_SIZE:
            raise ValidationFailed(f"first must be between 0 and {MAX_PAGE_SIZE}.", field="first")
        return max(value, 1)

    def is_connection(self, selections: SelectionSetNode | None, seen: set[str]) -> bool:
        """Whether the selections ask for `edges`, directly or through fragments."""
        for selection in selections.selections if selections else ():
            if isinstance(selection, FieldNode) and selection.name.value == "edges":
                return True
            if isinstance(selection, InlineFragmentNode) and self.is_connection(
                selection.selection_set, seen
            ):
                return True
            if isinstance(selection, FragmentSpreadNode) and selection.name.value not in seen:
                fragment = self.fragments.get(selection.name.value)
                name = selection.name.value
                if fragment and self.is_connection(fragment.selection_set, seen | {name}):
                    return True
        return False

    def value(self, node: ValueNode) -> object:
        if isinstance(node, VariableNode):
            self.read.append(node.name.value)
            return self.variables.get(node.name.value)
        if isinstance(node, IntValueNode):
            return int(node.value)
        return None
