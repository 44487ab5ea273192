"""Which model column each field of a Strawberry type is read from, declared once next to
the type: the type's `from_model` is built from the declaration, and a compiled query plan
(api.core.query_plan) reads it to select only the columns a document's selection needs.

    COLUMNS: ClassVar[Columns] = Columns("number", "subject", internal="is_internal")

A field read from a column of another name, or converted, names it (`column` or
`(column, convert)`). A relation declared with api.core.relations names the column of its
key, or the declared field it is (a Category's `department_pk`, an id); any other resolver
(its reads are not declared) makes the plan select every column.
Rows selected in part are Tortoise's partial models: a column not selected is never read,
since only the fields of the selection are.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from operator import attrgetter
from typing import Any, TypeVar

from graphql import GraphQLOutputType, is_object_type
from graphql.execution.collect_fields import FieldDetails, collect_subfields
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from tortoise.models import Model

from api.core.field_kinds import field_relation, named_type, plain_attribute

Convert = Callable[[Any], Any]
T = TypeVar("T")


_NOT_READ = object()


class Columns:
    """Fields read from columns (python name → column, optionally converted)."""

    __slots__ = ("always", "fields", "made", "readers")

    def __init__(
        self,
        *same: str,
        always: Iterable[str] = ("id",),
        **fields: str | tuple[str, Convert],
    ) -> None:
        # `same`: fields read from the column of their own name.
        self.fields: dict[str, tuple[str, Convert | None]] = {name: (name, None) for name in same}
        for name, spec in fields.items():
            self.fields[name] = (spec, None) if isinstance(spec, str) else spec
        # Read whatever the selection: the key of the row, and what its builder needs.
        self.always = tuple(always)
        # Per class of named-tuple rows (domain.partial_rows): a reader made for its columns.
        self.readers: dict[type, Callable[[Any], dict[str, Any]]] = {}
        # Per type built from rows: the names `build` was first given besides the declared
        # fields, and the attributes its __init__ would set from defaults (None: not known).
        self.made: dict[type, tuple[tuple[str, ...], dict[str, Any] | None]] = {}

    def build(self, cls: type[T], row: Any, /, **given: Any) -> T:
        """`cls(id=row.id, **given, **self.values(row))`. For a row read in part (a named
        tuple, as a compiled plan reads them) or a model's instance, the object's attributes
        are set at once, all that its dataclass __init__ would set (twice as fast for a ticket
        of a page, and for the ticket a mutation answers with)."""
        reader = self.readers.get(type(row)) or self._reader_of(row)
        if reader is not None:
            made = self.made.get(cls)
            if made is None:
                made = self.made[cls] = (tuple(given), _set_by_init(cls, {*self.fields, *given}))
            names, defaults = made
            if defaults is not None and names == tuple(given):
                attributes = reader(row)
                attributes["id"] = row.id
                attributes.update(given)
                attributes.update(defaults)
                instance = object.__new__(cls)
                instance.__dict__ = attributes
                return instance
        return cls(id=row.id, **given, **self.values(row))  # type: ignore[call-arg]

    def values(self, row: Any) -> dict[str, Any]:
        """The declared fields' values of `row` (None for a column it was read without)."""
        reader = self.readers.get(type(row)) or self._reader_of(row)
        if reader is not None:
            return reader(row)
        return self._looked_up(row)

    def _reader_of(self, row: Any) -> Callable[[Any], dict[str, Any]] | None:
        """`values` made for the class of `row`, kept: for a named tuple's columns by
        position, for a model's instances by attribute (one read in part, whose unread
        columns are no attributes, is looked up as any other row); None for other rows."""
        if isinstance(row, tuple) and hasattr(row, "_fields"):
            reader = self._reader(row._fields)
        elif isinstance(row, Model):
            reader = self._model_reader()
        else:
            return None
        self.readers[type(row)] = reader
        return reader

    def _looked_up(self, row: Any) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for name, (column, convert) in self.fields.items():
            value = getattr(row, column, _NOT_READ)
            if value is _NOT_READ:
                found[name] = None
            else:
                found[name] = value if convert is None else convert(value)
        return found

    def _reader(self, columns: tuple[str, ...]) -> Callable[[Any], dict[str, Any]]:
        """`values` for rows of these columns, by position: made once per class of rows, as
        `collections.namedtuple` and `dataclasses` make their methods."""
        at = {column: index for index, column in enumerate(columns)}
        namespace: dict[str, Any] = {}
        entries = []
        for name, (column, convert) in self.fields.items():
            if column not in at:
                entries.append(f"{name!r}: None")
            elif convert is None:
                entries.append(f"{name!r}: row[{at[column]}]")
            else:
                namespace[f"convert_{name}"] = convert
                entries.append(f"{name!r}: convert_{name}(row[{at[column]}])")
        source = f"def read(row):\n    return {{{', '.join(entries)}}}\n"
        exec(source, namespace)  # names and positions come from the declaration
        reader: Callable[[Any], dict[str, Any]] = namespace["read"]
        return reader

    def _model_reader(self) -> Callable[[Any], dict[str, Any]]:
        namespace: dict[str, Any] = {"looked_up": self._looked_up}
        entries = []
        for name, (column, convert) in self.fields.items():
            if convert is None:
                entries.append(f"{name!r}: row.{column}")
            else:
                namespace[f"convert_{name}"] = convert
                entries.append(f"{name!r}: convert_{name}(row.{column})")
        source = (
            "def read(row):\n"
            "    if row._partial:\n"
            "        return looked_up(row)\n"
            f"    return {{{', '.join(entries)}}}\n"
        )
        exec(source, namespace)  # names come from the declaration
        reader: Callable[[Any], dict[str, Any]] = namespace["read"]
        return reader

    def column_of(self, python_name: str) -> str | None:
        declared = self.fields.get(python_name)
        return None if declared is None else declared[0]

    def row_reader(self, python_name: str) -> Callable[[Any], Any] | None:
        """What `build` sets the attribute `python_name` to, read from the row itself; None
        for an attribute it does not take from the row."""
        if python_name == "id":
            return attrgetter("id")
        declared = self.fields.get(python_name)
        if declared is None:
            return None
        column, convert = declared
        read = attrgetter(column)
        if convert is None:
            return read
        return lambda row: convert(read(row))


def _set_by_init(cls: type, given: set[str]) -> dict[str, Any] | None:
    """The attributes the dataclass __init__ of `cls` sets from defaults when called with
    `id` and `given`; None where it does more (a default factory, __post_init__, a frozen
    or slotted class, an argument missing), so `build` calls it instead."""
    params = getattr(cls, "__dataclass_params__", None)
    if (
        params is None
        or not params.init
        or params.frozen
        or hasattr(cls, "__post_init__")
        or hasattr(cls, "__slots__")
        or cls.__new__ is not object.__new__
    ):
        return None
    defaults: dict[str, Any] = {}
    for found in dataclasses.fields(cls):
        if found.name == "id" or found.name in given:
            if not found.init:
                return None
        elif found.default is not dataclasses.MISSING:
            defaults[found.name] = found.default
        elif found.default_factory is not dataclasses.MISSING or found.init:
            return None
    return defaults


COLUMNS_ATTRIBUTE = "COLUMNS"
BUILT_FROM_COLUMNS = "__mesa_built_from_columns__"
F = TypeVar("F", bound=Callable[..., Any])


def from_columns(function: F) -> F:
    """Marks a type's `from_model` whose object is `cls.COLUMNS.build(cls, row)` and nothing
    more. A relation building the type with it hands a compiled plan its rows: a selection
    reading only declared fields is read from them, with no object built for each row
    (api.core.query_plan)."""
    setattr(function, BUILT_FROM_COLUMNS, True)
    return function


def built_from_columns(build: Callable[[Any], Any]) -> type | None:
    """The type `build` (a relation's) makes of a row by its declared columns alone: the
    class of a `from_model` marked with `from_columns`, else None."""
    owner = getattr(build, "__self__", None)
    if not getattr(getattr(build, "__func__", None), BUILT_FROM_COLUMNS, False):
        return None
    if not isinstance(owner, type) or declared_columns(owner) is None:
        return None
    return owner


def planned_columns(info: Any) -> frozenset[str] | None:
    """The columns of the rows this resolver returns that the compiled plan walking it needs
    (None: every column, as graphql-core's resolvers read)."""
    wanted = getattr(info.context, "row_columns", None)
    if not wanted:
        return None
    return wanted.get(id(info._raw_info.field_nodes[0]))


def declared_columns(cls: Any) -> Columns | None:
    found = getattr(cls, COLUMNS_ATTRIBUTE, None)
    return found if isinstance(found, Columns) else None


class _NoRows:
    """No type with declared columns under a field."""


NO_ROWS = _NoRows()


def selected_columns(
    executor: StrawberryGraphQLCoreExecutionContext,
    return_type: GraphQLOutputType,
    details: list[FieldDetails],
) -> frozenset[str] | _NoRows | None:
    """The columns the selection reads of the first type with declared columns under a
    field, reached through plain attributes (a connection's edges and nodes); None when a
    field of it needs more than its declared columns."""
    named = named_type(return_type)
    if not is_object_type(named):
        return NO_ROWS
    definition = named.extensions.get("strawberry-definition")
    declared = declared_columns(getattr(definition, "origin", None))
    collected = collect_subfields(
        executor.schema,
        executor.fragments,
        executor.variable_values,
        executor.operation,
        named,
        details,
        executor.hide_suggestions,
    )
    if collected.new_defer_usages:
        return None
    grouped = collected.grouped_field_set
    if declared is None:
        found: frozenset[str] | _NoRows = NO_ROWS
        for sub_details in grouped.values():
            field_definition = executor.schema.get_field(named, sub_details[0].node.name.value)
            if field_definition is None or plain_attribute(field_definition) is None:
                continue
            below = selected_columns(executor, field_definition.type, sub_details)
            if below is None:
                return None
            if isinstance(below, frozenset):
                found = below if isinstance(found, _NoRows) else found | below
        return found
    columns = set(declared.always)
    for sub_details in grouped.values():
        name = sub_details[0].node.name.value
        if name == "__typename":
            continue
        field_definition = executor.schema.get_field(named, name)
        if field_definition is None:
            continue
        strawberry_field = field_definition.extensions.get("strawberry-definition")
        python_name = getattr(strawberry_field, "python_name", None)
        column = declared.column_of(python_name) if python_name else None
        if column is not None and plain_attribute(field_definition) is not None:
            columns.add(column)
            continue
        if python_name == "id":
            continue
        relation = field_relation(field_definition)
        if relation is None:
            return None  # a resolver: its reads are not declared
        key_column = relation.column or _column_of_field(declared, relation.by)
        if key_column is None:
            return None  # keyed by a field with no declared column
        columns.add(key_column)
    return frozenset(columns)


def _column_of_field(declared: Columns, name: str | None) -> str | None:
    if name is None:
        return None
    return declared.column_of(name) or (name if name in declared.always else None)
