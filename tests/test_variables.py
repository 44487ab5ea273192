"""Variables coerced by their operation's plan (api.core.variables) are what graphql-core's
own coercion gives: for Hypothesis-made values of every input type of the schema (right,
wrong, missing and unknown fields, lists of one, nulls), required, nullable and in lists, and
for whole requests' variables, where the plan gives them or leaves them to graphql-core."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLList,
    GraphQLNonNull,
    Undefined,
    get_named_type,
    is_input_type,
    is_list_type,
    is_non_null_type,
    parse,
)
from graphql.execution import values as graphql_values
from graphql.utilities import coerce_input_value
from hypothesis import given, settings
from hypothesis import strategies as st

from api.core import compiled, variables
from api.schema import schema

_schema = schema._schema
INPUT_TYPES = sorted(
    (t for t in _schema.type_map.values() if is_input_type(t) and not t.name.startswith("__")),
    key=lambda t: t.name,
)

_ANY_LEAF = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**40), max_value=2**40),
    st.floats(allow_nan=False),
    st.text(max_size=6),
    st.sampled_from(["2026-12-07T10:00:00Z", "2026-12-07", "VGlja2V0OjE=", "MEDIUM", "es"]),
)


def _values_of(type_: Any, depth: int = 0) -> st.SearchStrategy[Any]:
    """Values shaped by `type_`, often wrong: any leaf, a list of one, null, extra names."""
    if depth > 3:
        return _ANY_LEAF
    if is_non_null_type(type_):
        return _values_of(type_.of_type, depth) | st.none()
    if is_list_type(type_):
        item = _values_of(type_.of_type, depth + 1)
        return st.lists(item, max_size=3) | item | st.none()
    if isinstance(type_, GraphQLInputObjectType):
        fields = {name: _values_of(f.type, depth + 1) for name, f in type_.fields.items()}
        given = st.fixed_dictionaries({}, optional=fields)
        extra = st.dictionaries(st.sampled_from(["nope", "__typename"]), _ANY_LEAF, max_size=1)
        return st.one_of(
            given, st.builds(lambda a, b: {**a, **b}, given, extra), _ANY_LEAF, st.just({})
        )
    if isinstance(type_, GraphQLEnumType):
        return st.sampled_from(sorted(type_.values)) | _ANY_LEAF
    return _ANY_LEAF


_WRAPPED = st.sampled_from(INPUT_TYPES).flatmap(
    lambda named: st.sampled_from(
        [named, GraphQLNonNull(named), GraphQLList(named), GraphQLNonNull(GraphQLList(named))]
    )
)


@settings(max_examples=1500, deadline=None)
@given(data=st.data(), type_=_WRAPPED)
def test_every_input_type_is_coerced_as_graphql_core_coerces_it(data: Any, type_: Any) -> None:
    value = data.draw(_values_of(type_))
    # When a value of the type is coerced by the type's coercer and by graphql-core
    ours = variables.coercer(type_)(value)
    theirs = coerce_input_value(value, type_)
    # Then both give the same value, or both refuse it (Undefined)
    assert (ours is Undefined) == (theirs is Undefined), (type_, value, ours, theirs)
    assert _same(ours, theirs), (type_, value, ours, theirs)


def _same(ours: Any, theirs: Any) -> bool:
    """Equal values, a Decimal NaN (the Decimal scalar parses "NaN", which the fields that
    take one refuse, domain.catalog.levels) being the same as another, not equal to it."""
    if isinstance(ours, Decimal) and isinstance(theirs, Decimal) and ours.is_nan():
        return theirs.is_nan()
    if isinstance(ours, dict) and isinstance(theirs, dict):
        return ours.keys() == theirs.keys() and all(_same(ours[k], theirs[k]) for k in ours)
    if isinstance(ours, list) and isinstance(theirs, list):
        return len(ours) == len(theirs) and all(map(_same, ours, theirs))
    return bool(ours == theirs)


def test_the_schema_has_input_objects_of_every_kind() -> None:
    """The generator above meets required fields, defaults, nested objects and lists."""
    objects = [t for t in INPUT_TYPES if isinstance(t, GraphQLInputObjectType)]
    fields = [f for t in objects for f in t.fields.values()]
    assert len(objects) > 40
    assert any(is_non_null_type(f.type) and f.default_value is Undefined for f in fields)
    assert any(f.default_value is not Undefined for f in fields)  # as Strawberry gives them
    assert any(isinstance(get_named_type(f.type), GraphQLInputObjectType) for f in fields)
    assert any(is_list_type(_nullable(f.type)) for f in fields)


def _nullable(type_: Any) -> Any:
    return type_.of_type if is_non_null_type(type_) else type_


DOCUMENT = parse(
    "mutation($input: CreateTicketInput!, $first: Int = 3, $after: String, $tags: [String!])"
    " { createTicket(input: $input) { __typename } }"
)
INPUT = {"subject": "Hola", "message": "Mensaje", "categoryId": "Q2F0ZWdvcnk6MQ=="}


@pytest.mark.parametrize(
    ("given", "planned"),
    [
        ({"input": INPUT}, True),
        ({"input": INPUT, "first": 5, "after": None, "tags": "uno"}, True),
        ({"input": INPUT, "tags": ["a", "b"], "after": "x"}, True),
        ({"input": {**INPUT, "priority": "HIGH", "departmentId": None}}, True),
        ({}, False),  # a required variable left out: graphql-core's error
        ({"input": {**INPUT, "subject": 3}}, False),  # a value refused: graphql-core's error
        ({"input": {**INPUT, "unknown": 1}}, False),
        ({"input": INPUT, "first": "many"}, False),
    ],
)
def test_a_requests_variables_are_planned_or_left_to_graphql_core(
    given: dict[str, Any], planned: bool
) -> None:
    nodes = DOCUMENT.definitions[0].variable_definitions  # type: ignore[attr-defined]
    found = variables.coerced_variables(_schema, nodes, given)
    reference = graphql_values.get_variable_values(_schema, nodes, given)
    assert (found is not None) == planned, (given, found, reference)
    if found is not None:
        assert variables._same(found, reference), (found, reference)
    # and graphql-core's executor takes its variables from the plans
    assert variables.installed() and compiled.enabled
