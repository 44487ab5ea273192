"""A compiled query plan (api.core.compiled): for each selection of an operation, its fields
looked up once, how each is read (a plain attribute, a resolver, a declared relation) and how
its values are completed. The completions take the values of one field for many objects at
once (api.core.plan_walk walks a plan breadth first) and do what graphql-core's complete_value
does, or raise Unsupported where graphql-core would report an error (it then answers). Here
the completions of objects (plain and abstract); those of leaves, lists and non-null
wrappers, which need no plan, are api.core.plan_leaves's."""

from __future__ import annotations

from collections import Counter
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from graphql import (
    FieldNode,
    GraphQLAbstractType,
    GraphQLError,
    GraphQLField,
    GraphQLObjectType,
    GraphQLOutputType,
    OperationType,
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
from graphql.execution.values import get_argument_values
from graphql.language import Node
from graphql.pyutils import gather_with_cancel
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.types.base import StrawberryObjectDefinition
from strawberry.types.cast import TYPE_CAST_ATTRIBUTE

from api.core.columns import built_from_columns, declared_columns, selected_columns
from api.core.field_kinds import attribute_name, field_relation, named_type, plain_attribute
from api.core.loaders import Loaders
from api.core.moments import iso_list_writer, iso_writer
from api.core.plan_leaves import (
    Complete,
    Run,
    Unsupported,
    absent,
    enum_members,
    leaf,
    list_of,
    non_null,
    unchanged_type,
)
from api.core.plan_paths import Paths
from api.core.relations import Relation

# Selections completed straight from their rows (FieldPlan.rows_of), per type, in this
# process: read by the tests.
rows_read: Counter[str] = Counter()


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
    # A resolver or relation giving rows of a type with declared columns
    # (api.core.columns): the columns this selection reads of them (None: every column).
    columns: frozenset[str] | None = None
    # A relation building its objects from their rows' declared columns alone
    # (api.core.columns.from_columns): the objects' type. It hands the completion its rows,
    # read as they are when the selection reads declared fields only, else built.
    rows_of: type | None = None


@dataclass(slots=True)
class Selection:
    """The fields of one object type, for the field nodes that select it."""

    type_name: str
    fields: list[FieldPlan]


class Plan:
    """The compiled form of one operation (for one set of @skip/@include values): a query's
    whole selection, or a mutation's root fields, whose values its resolvers give and the plan
    completes (api.core.compiled)."""

    def __init__(self, executor: StrawberryGraphQLCoreExecutionContext) -> None:
        schema = executor.schema
        kind = executor.operation.operation
        root_type = (
            schema.query_type
            if kind is OperationType.QUERY
            else schema.mutation_type
            if kind is OperationType.MUTATION
            else None
        )
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
        self.root_fields = collected.grouped_field_set  # as graphql-core collects them
        self.root = self.selection(executor, root_type, self.root_fields)
        self.by_key = {planned.key: planned for planned in self.root.fields}

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
            read = plain_attribute(definition)
            if read is None:
                resolve = definition.resolve or executor.field_resolver
        arguments: dict[str, Any] | None = {}
        if definition.args or node.arguments:
            arguments = (
                None if _names_variables(node) else coerced_arguments(executor, definition, node)
            )
        named = named_type(definition.type)
        relation = field_relation(definition)
        needs_info = resolve is not None or is_abstract_type(named)
        if is_object_type(named) and named.is_type_of is not None:
            needs_info = True
        columns: frozenset[str] | None = None
        if resolve is not None:
            selected = selected_columns(executor, definition.type, details)
            columns = selected if isinstance(selected, frozenset) else None
        planned = FieldPlan(
            key=key,
            definition=definition,
            details=details,
            nodes=[detail.node for detail in details],
            parent=parent,
            read=read,
            resolve=resolve,
            relation=relation,
            arguments=arguments,
            needs_info=needs_info,
            is_leaf=is_leaf_type(named),
            columns=columns,
            rows_of=_rows_of(relation, named, columns),
        )
        planned.complete = self.completer(definition.type, planned)
        return planned

    def completer(self, return_type: GraphQLOutputType, planned: FieldPlan) -> Complete:
        """How resolved values of `return_type` become response values (graphql-core's
        complete_value, decided once; here for many values of one field at a time)."""
        if is_non_null_type(return_type):
            return non_null(self.completer(return_type.of_type, planned))
        if is_list_type(return_type):
            return list_of(self.completer(return_type.of_type, planned))
        if is_leaf_type(return_type):
            coerce = return_type.coerce_output_value
            return leaf(
                iso_writer(coerce),
                unchanged_type(return_type),
                enum_members(return_type, coerce),
                iso_list_writer(coerce),
            )
        if is_abstract_type(return_type):
            return _abstract(self, return_type, planned)
        if is_object_type(return_type):
            return _object(self, return_type, planned)
        raise Unsupported


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


def _rows_of(relation: Relation | None, named: Any, columns: frozenset[str] | None) -> type | None:
    """The type a relation builds from rows alone (FieldPlan.rows_of), when the field's
    objects are exactly of that type (completed by `_object`, no type check needed) and its
    rows are read for the plan's columns: a list of them then holds plain rows, which the
    list's completion takes for values (a Tortoise model is awaitable)."""
    if relation is None or columns is None or not is_object_type(named):
        return None
    if relation.many and not Loaders.reads_in_part(relation.loader):
        return None
    built = built_from_columns(relation.build)
    return built if built is not None and built is exact_class(named) else None


def coerced_arguments(
    executor: StrawberryGraphQLCoreExecutionContext, definition: GraphQLField, node: FieldNode
) -> dict[str, Any]:
    try:
        return get_argument_values(
            definition, node, executor.variable_values, None, executor.hide_suggestions
        )
    except GraphQLError as error:
        raise Unsupported from error


def _object(plan: Plan, object_type: GraphQLObjectType, planned: FieldPlan) -> Complete:
    is_type_of = object_type.is_type_of
    selections: list[Selection] = []  # built on first use, with that request's fragments
    leaves_only: list[bool] = []  # whether that selection reads plain leaf attributes only
    # The values are rows (FieldPlan.rows_of): the selection reading them as they are, or
    # None when it reads more than declared columns (each row is then built).
    from_rows: list[Selection | None] = []
    rows_of = planned.rows_of

    origin = exact_class(object_type)

    def complete(run: Run, values: list[Any], paths: Paths, info: Any) -> Any:
        if not selections:
            selection = _subselection(plan, run.executor, object_type, planned)
            selections.append(selection)
            leaves_only.append(all(f.read is not None and f.is_leaf for f in selection.fields))
            from_rows.append(None if rows_of is None else _row_selection(selection, rows_of))
        selection = selections[0]
        if rows_of is not None and from_rows[0] is not None:
            # Read as the objects built from them would be: exactly `origin`, unchecked.
            selection, check = from_rows[0], None
            rows_read[selection.type_name] += 1
            # A relation's values: rows, or None where a parent has none.
            present = [index for index, value in enumerate(values) if value is not None]
            sources = values if len(present) == len(values) else [values[i] for i in present]
        else:
            if rows_of is not None and planned.relation is not None:
                values = _built(values, planned.relation.build)
            check = is_type_of
            if origin is not None and _all_of_class(values, origin):
                present, sources, check = list(range(len(values))), values, None
            else:
                present = [index for index, value in enumerate(values) if not absent(value)]
                sources = [values[index] for index in present]
        if leaves_only[0] and len(set(map(id, sources))) < len(sources):
            completed = _shared(run, selection, sources, present, paths, check, info)
        else:
            _check_types(check, sources, info)
            completed = run.objects(selection, sources, paths.picked(present))
        if run.is_awaitable(completed):
            return run.later(_placed_later(completed, present, len(values)))
        return _placed(completed, present, len(values))

    return complete


def _row_selection(selection: Selection, built: type) -> Selection | None:
    """`selection` read from the rows `built.from_model` makes its objects of: each field
    read from its declared column; None when a field is not one of them (or not a leaf)."""
    columns = declared_columns(built)
    if columns is None:
        return None
    fields: list[FieldPlan] = []
    for planned in selection.fields:
        if planned.read is None or not planned.is_leaf:
            return None
        read: Callable[[Any], Any] | None = planned.read
        if planned.nodes[0].name.value != "__typename":  # the type's name, read as it is
            name = attribute_name(planned.definition)
            read = None if name is None else columns.row_reader(name)
        if read is None:
            return None
        reading = replace(planned, read=read)
        reading.complete = planned.complete
        fields.append(reading)
    return Selection(selection.type_name, fields)


def _built(values: list[Any], build: Callable[[Any], Any]) -> list[Any]:
    """Rows built as the relation builds them: parents sharing a row share its object."""
    made: dict[int, Any] = {}
    objects: list[Any] = []
    for value in values:
        if absent(value):
            objects.append(value)
            continue
        found = made.get(id(value))
        if found is None:
            found = made[id(value)] = build(value)
        objects.append(found)
    return objects


def exact_class(object_type: GraphQLObjectType) -> type | None:
    """The Strawberry class of `object_type` when its `is_type_of` is Strawberry's own, which
    answers true for an instance of exactly that class not cast to another type (a cast
    names its type in the instance's TYPE_CAST_ATTRIBUTE): such values need no call."""
    definition = object_type.extensions.get("strawberry-definition")
    if not isinstance(definition, StrawberryObjectDefinition) or definition.is_type_of:
        return None
    return definition.origin


def _all_of_class(values: list[Any], origin: type) -> bool:
    """Whether every value is an instance of exactly `origin`, none of them cast."""
    if not values or set(map(type, values)) != {origin}:
        return False
    return not any(getattr(value, TYPE_CAST_ATTRIBUTE, None) is not None for value in values)


def _check_types(is_type_of: Any, sources: list[Any], info: Any) -> None:
    if is_type_of is not None:
        for source in sources:
            if is_type_of(source, info) is not True:
                raise Unsupported  # false, or an awaitable: graphql-core decides


def _shared(
    run: Run,
    selection: Selection,
    sources: list[Any],
    present: list[int],
    paths: Paths,
    is_type_of: Any,
    info: Any,
) -> Any:
    """An object met more than once (a page's tickets sharing their customer), checked and
    completed once: its selection reads plain attributes only, so each completion is the
    same and no resolver is told a path."""
    slots: dict[int, int] = {}
    unique: list[Any] = []
    first_at: list[int] = []
    where: list[int] = []
    for position, source in enumerate(sources):
        slot = slots.get(id(source))
        if slot is None:
            slot = slots[id(source)] = len(unique)
            unique.append(source)
            first_at.append(present[position])
        where.append(slot)
    _check_types(is_type_of, unique, info)
    completed = run.objects(selection, unique, paths.picked(first_at))
    if run.is_awaitable(completed):
        return run.later(_spread_later(completed, where))
    return [completed[slot] for slot in where]


async def _spread_later(completed: Awaitable[list[Any]], where: list[int]) -> list[Any]:
    done = await completed
    return [done[slot] for slot in where]


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

    def complete(run: Run, values: list[Any], paths: Paths, info: Any) -> Any:
        executor = run.executor
        resolve_type = abstract.resolve_type or executor.type_resolver
        groups: dict[str, list[int]] = {}
        for index, value in enumerate(values):
            if absent(value):
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
            completed = run.objects(selection, sources, paths.picked(indices))
            if run.is_awaitable(completed):
                waiting.append(run.later(_put_later(completed, indices, placed)))
            else:
                for index, value in zip(indices, completed, strict=True):
                    placed[index] = value
        if waiting:
            return run.later(settled_then(waiting, placed))
        return placed

    return complete


async def _put_later(completed: Awaitable[list[Any]], indices: list[int], into: list[Any]) -> None:
    for index, value in zip(indices, await completed, strict=True):
        into[index] = value


async def settled_then(waiting: Sequence[Awaitable[Any]], result: Any) -> Any:
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
