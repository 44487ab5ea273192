"""A request's variables coerced by code made once per operation, as graphql-core coerces them.

graphql-core coerces each variable's value for every request by walking the value with its
type: per input field it asks what kind of type the field has, whether it is required, what
its default is, and first it walks the whole value once more to see that it is not nested
too deeply. For a createTicket's input that was 1.9K Python opcodes, more than the plan of
its result takes. Here the walk is decided once per type: each input type gets a function
that coerces a value of it (`coercer`), its fields' names, kinds and defaults known, and each
operation a plan of its variables (`Plans`), kept like the parsed documents.

The functions give what graphql-core's `coerce_input_value` gives, or defer to it:
- a value it refuses (Undefined) is left to graphql-core, which reports why, with its
  messages; so is a required variable the request leaves out, and a left-out variable whose
  default is a list or an object;
- an object with a name its type does not have, and a type that is a oneOf object, are
  coerced by graphql-core's own function (it decides, with the same result);
- a type that may nest itself or more than graphql-core's depth limit has no plan, so its
  depth check is never skipped where it could refuse.
graphql-core's executor takes its variables from `get_variable_values`, which `install`
replaces with one that tries a plan first (MESA_COMPILED_QUERIES=0 turns both off).
tests/test_variables.py compares the two on Hypothesis-made values of every input type of the
schema; in differential mode (the test suite) every request's variables are coerced both
ways and compared.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from collections.abc import Callable, Collection
from typing import Any

from graphql import (
    GraphQLError,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLSchema,
    Undefined,
    VariableDefinitionNode,
    is_input_object_type,
    is_leaf_type,
    is_list_type,
    is_non_null_type,
    is_required_input_field,
)
from graphql.execution import executor as graphql_executor
from graphql.execution import values as graphql_values
from graphql.execution.get_variable_signature import get_variable_signature
from graphql.execution.values import VariableValues, VariableValueSource
from graphql.language.parser import MAX_NESTING_DEPTH
from graphql.pyutils import is_iterable
from graphql.utilities.coerce_input_value import coerce_default_value, coerce_input_value

Coerce = Callable[[Any], Any]

PLAN_CACHE_SIZE = 256  # operations, like the parsed documents (api.core.schema)
enabled = os.environ.get("MESA_COMPILED_QUERIES", "1") != "0"
DIFFERENTIAL_ENV = "MESA_COMPILED_DIFFERENTIAL"

# Differences found in differential mode, read by the test suite after each test.
mismatches: list[str] = []

_graphql_get_variable_values = graphql_values.get_variable_values


class _TooDeep(Exception):
    """A type nesting itself, or deeper than graphql-core's limit: no plan."""


def coercer(type_: GraphQLInputType) -> Coerce:
    """A function coercing a value of `type_` as graphql-core's `coerce_input_value` does;
    raises _TooDeep for a type whose depth graphql-core must check."""
    return _Coercers().of(type_, 0, ())


class _Coercers:
    def __init__(self) -> None:
        self.objects: dict[tuple[str, int], Coerce] = {}

    def of(self, type_: GraphQLInputType, depth: int, within: tuple[str, ...]) -> Coerce:
        if depth > MAX_NESTING_DEPTH:
            raise _TooDeep
        if is_non_null_type(type_):
            present = self.present(type_.of_type, depth, within)

            def required(value: Any) -> Any:
                if value is None or value is Undefined:
                    return Undefined
                return present(value)

            return required
        present = self.present(type_, depth, within)

        def nullable(value: Any) -> Any:
            if value is None or value is Undefined:
                return None
            return present(value)

        return nullable

    def present(self, type_: GraphQLInputType, depth: int, within: tuple[str, ...]) -> Coerce:
        """For a value that is not null (nor undefined)."""
        if is_list_type(type_):
            return _list(self.of(type_.of_type, depth + 1, within))
        if is_input_object_type(type_):
            if type_.name in within:
                raise _TooDeep
            key = (type_.name, depth)
            found = self.objects.get(key)
            if found is None:
                found = self.objects[key] = self.input_object(type_, depth, within)
            return found
        if is_leaf_type(type_):
            return _leaf(type_.coerce_input_value)
        raise _TooDeep  # no other input type: nothing to plan

    def input_object(
        self, type_: GraphQLInputObjectType, depth: int, within: tuple[str, ...]
    ) -> Coerce:
        def whole(value: Any) -> Any:
            return coerce_input_value(value, type_)

        if type_.is_one_of:
            return whole
        namespace: dict[str, Any] = {
            "Undefined": Undefined,
            "names": frozenset(type_.fields),
            "whole": whole,
            "out_type": type_.out_type,
            "default": coerce_default_value,
        }
        lines = [
            "def coerce(value):",
            "    if not isinstance(value, dict):",
            "        return Undefined",
            "    if not names.issuperset(value):",
            "        return whole(value)",
            "    out = {}",
        ]
        for index, (name, field) in enumerate(type_.fields.items()):
            namespace[f"coerce{index}"] = self.of(field.type, depth + 1, (*within, type_.name))
            namespace[f"field{index}"] = field
            key = repr(field.out_name or name)
            lines += [f"    item = value.get({name!r}, Undefined)", "    if item is Undefined:"]
            if is_required_input_field(field):
                lines.append("        return Undefined")
            else:
                lines += [
                    f"        item = default(field{index})",
                    "        if item is not Undefined:",
                    f"            out[{key}] = item",
                ]
            lines += [
                "    else:",
                f"        item = coerce{index}(item)",
                "        if item is Undefined:",
                "            return Undefined",
                f"        out[{key}] = item",
            ]
        lines.append("    return out_type(out)")
        exec("\n".join(lines) + "\n", namespace)  # names come from the schema, as repr()s
        made: Coerce = namespace["coerce"]
        return made


def _list(item: Coerce) -> Coerce:
    def coerce(value: Any) -> Any:
        if not is_iterable(value):
            single = item(value)  # a value that is not a list is a list of one
            return Undefined if single is Undefined else [single]
        coerced = []
        for each in value:
            each = item(each)
            if each is Undefined:
                return Undefined
            coerced.append(each)
        return coerced

    return coerce


def _leaf(parse: Coerce) -> Coerce:
    def coerce(value: Any) -> Any:
        try:
            return parse(value)
        except Exception:  # refused: graphql-core's Undefined
            return Undefined

    return coerce


class _Variable:
    __slots__ = ("coerce", "defaulted", "name", "required", "signature")

    def __init__(self, schema: GraphQLSchema, node: VariableDefinitionNode) -> None:
        signature = get_variable_signature(schema, node)
        if isinstance(signature, GraphQLError):
            raise _TooDeep  # graphql-core reports it
        self.signature = signature
        self.name = signature.name
        self.coerce = coercer(signature.type)
        self.defaulted = node.default_value is not None
        self.required = is_non_null_type(signature.type)


class Plans:
    """The variables of each operation (by its variable definitions' identity), planned."""

    def __init__(self, size: int = PLAN_CACHE_SIZE) -> None:
        self.size = size
        self.entries: OrderedDict[int, tuple[Any, Any, list[_Variable] | None]] = OrderedDict()

    def get(self, schema: GraphQLSchema, nodes: Collection[VariableDefinitionNode]) -> Any:
        entry = self.entries.get(id(nodes))
        if entry is not None and entry[0] is nodes and entry[1] is schema:
            self.entries.move_to_end(id(nodes))
            return entry[2]
        try:
            planned: list[_Variable] | None = [_Variable(schema, node) for node in nodes]
        except (_TooDeep, RecursionError):
            planned = None
        self.entries[id(nodes)] = (nodes, schema, planned)
        if len(self.entries) > self.size:
            self.entries.popitem(last=False)
        return planned


PLANS = Plans()


def coerced_variables(
    schema: GraphQLSchema, nodes: Collection[VariableDefinitionNode], inputs: Any
) -> VariableValues | None:
    """The variables' values as graphql-core coerces them, or None where graphql-core is to
    decide (no plan, a value it refuses, a required variable left out)."""
    if type(inputs) is not dict:
        return None
    planned = PLANS.get(schema, nodes)
    if planned is None:
        return None
    sources: dict[str, VariableValueSource] = {}
    coerced: dict[str, Any] = {}
    for variable in planned:
        name = variable.name
        value = inputs.get(name, Undefined)
        if value is Undefined:
            if variable.defaulted:
                default = _default(variable)
                if default is Undefined:
                    return None
                coerced[name] = default
            elif variable.required:
                return None
            sources[name] = VariableValueSource(variable.signature)
            continue
        sources[name] = VariableValueSource(variable.signature, value)
        value = variable.coerce(value)
        if value is Undefined:
            return None
        coerced[name] = value
    return VariableValues(sources, coerced)


def _default(variable: _Variable) -> Any:
    """A left-out variable's default, coerced (kept with the plan's signature, as graphql-core
    keeps it with the signature it makes per request); Undefined where graphql-core is to
    decide: a default it reports, or one that is a list or object (shared, it could be
    changed by the request it is given to)."""
    try:
        default = coerce_default_value(variable.signature)
    except TypeError:
        return Undefined
    return Undefined if isinstance(default, list | dict) else default


def get_variable_values(
    schema: GraphQLSchema,
    var_def_nodes: Collection[VariableDefinitionNode],
    inputs: dict[str, Any],
    max_errors: int | None = None,
    hide_suggestions: bool = False,
) -> Any:
    """graphql-core's `get_variable_values`, by the operation's plan where it has one."""
    found = coerced_variables(schema, var_def_nodes, inputs) if enabled else None
    if found is None:
        return _graphql_get_variable_values(
            schema, var_def_nodes, inputs, max_errors, hide_suggestions
        )
    if os.environ.get(DIFFERENTIAL_ENV, "") not in ("", "0"):
        reference = _graphql_get_variable_values(
            schema, var_def_nodes, inputs, max_errors, hide_suggestions
        )
        if not _same(found, reference):
            message = f"compiled variables differ: {found!r} graphql-core {reference!r}"
            mismatches.append(message)
            return [GraphQLError(message)]
    return found


def _same(found: VariableValues, reference: Any) -> bool:
    """The same coerced values, from the same sources (graphql-core makes each variable's
    signature anew, its type and default wrapped anew: compared by what they hold)."""
    if not isinstance(reference, VariableValues) or found.coerced != reference.coerced:
        return False
    return {name: _held(source) for name, source in found.sources.items()} == {
        name: _held(source) for name, source in reference.sources.items()
    }


def _held(source: VariableValueSource) -> tuple[Any, ...]:
    signature, default = source.signature, source.signature.default
    held = None if default is None else (id(default.literal), id(default.value))
    return (signature.name, str(signature.type), held, signature.default_value, source.value)


def install() -> None:
    """graphql-core's executor takes its variables from `get_variable_values` (here, when the
    executor still names graphql-core's own: an upgrade that changed it keeps its own)."""
    if graphql_executor.get_variable_values is _graphql_get_variable_values:
        graphql_executor.get_variable_values = get_variable_values


def installed() -> bool:
    return graphql_executor.get_variable_values is get_variable_values
