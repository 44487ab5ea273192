"""Resolvers' arguments converted from a plan made once per field (api.core.arguments) are
what Strawberry's own conversion makes of them: every field of the schema that takes
arguments, with Hypothesis-generated values of their types (input objects with any of their
fields, nulls, lists, global IDs good and bad, enums), converted both ways."""

from __future__ import annotations

import base64
from typing import Any

import pytest
import strawberry
from graphql import GraphQLObjectType
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strawberry import relay
from strawberry.relay.types import GlobalID
from strawberry.types.base import (
    StrawberryList,
    StrawberryMaybe,
    StrawberryOptional,
    has_object_definition,
)
from strawberry.types.enum import StrawberryEnumDefinition, has_enum_definition
from strawberry.types.lazy_type import LazyType
from strawberry.types.unset import UNSET

from api.core import arguments
from api.schema import schema

CONFIG = schema.config
REGISTRY = schema.schema_converter.scalar_registry
MAX_DEPTH = 3


def _fields_with_arguments() -> list[tuple[str, Any]]:
    found = []
    for name, graphql_type in sorted(schema._schema.type_map.items()):
        if name.startswith("__") or not isinstance(graphql_type, GraphQLObjectType):
            continue
        for field_name, field in graphql_type.fields.items():
            definition = field.extensions.get("strawberry-definition")
            if definition is not None and definition.arguments:
                found.append((f"{name}.{field_name}", definition))
    return found


FIELDS = _fields_with_arguments()

_ENCODED_IDS = [base64.b64encode(b"Ticket:1").decode(), "VGlja2V0OjE=", "not base64", ""]
_LEAVES = st.one_of(st.text(max_size=5), st.integers(), st.booleans(), st.floats())


def _values(type_: Any, depth: int = 0) -> st.SearchStrategy[Any]:
    """Values of `type_` as graphql-core hands them to a resolver (and some it would not)."""
    if depth > MAX_DEPTH:
        return st.none()
    if isinstance(type_, StrawberryMaybe | StrawberryOptional):
        return st.one_of(st.none(), st.just(UNSET), _values(type_.of_type, depth))
    if isinstance(type_, StrawberryList):
        return st.lists(_values(type_.of_type, depth + 1), max_size=3)
    if type_ is GlobalID:
        return st.sampled_from(_ENCODED_IDS)
    if isinstance(type_, LazyType):
        return _values(type_.resolve_type(), depth)
    if has_enum_definition(type_) or isinstance(type_, StrawberryEnumDefinition):
        enum = type_ if isinstance(type_, type) else type_.wrapped_cls
        return st.sampled_from(list(enum))
    if has_object_definition(type_):
        definition = type_.__strawberry_definition__
        return st.fixed_dictionaries(
            {},
            optional={
                CONFIG.name_converter.from_field(field): _values(
                    field.resolve_type(type_definition=definition), depth + 1
                )
                for field in definition.fields
            },
        )
    return _LEAVES


def _outcome(convert: Any, value: dict[str, Any], field: Any) -> str:
    try:
        return repr(convert(value, field.arguments, REGISTRY, CONFIG, None))
    except Exception as error:  # the same refusal both ways
        return f"{type(error).__name__}: {error}"


def test_the_plans_are_what_strawberrys_resolvers_call() -> None:
    assert arguments.compatible()
    assert arguments.installed(), "Strawberry's own conversion is in use"
    assert len(FIELDS) > 50


@pytest.mark.parametrize(("label", "field"), FIELDS, ids=[label for label, _ in FIELDS])
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_generated_arguments_convert_as_strawberry_converts_them(
    label: str, field: Any, data: st.DataObject
) -> None:
    # Given a field of the schema that takes arguments, and values of their types
    value = data.draw(
        st.fixed_dictionaries(
            {},
            optional={
                CONFIG.name_converter.from_argument(argument): _values(argument.type)
                for argument in field.arguments
            },
        ),
        label="arguments",
    )

    # When they are converted from the field's plan, and by Strawberry
    planned = _outcome(arguments.convert_arguments, value, field)
    strawberrys = _outcome(arguments._original_convert_arguments, value, field)

    # Then both give the same values, of the same classes (or refuse them alike)
    assert planned == strawberrys, label


@strawberry.type
class _WithGlobalIds:
    @strawberry.field
    def find(self, id: relay.GlobalID, ids: list[relay.GlobalID] | None = None) -> int:
        return 0


@pytest.mark.parametrize("encoded", [*_ENCODED_IDS, None])
def test_global_ids_convert_as_strawberry_converts_them(encoded: str | None) -> None:
    # Mesa's own arguments take IDs as strings; a GlobalID argument converts as Strawberry's
    field = _WithGlobalIds.__strawberry_definition__.fields[0]
    for value in ({"id": encoded}, {"id": encoded, "ids": [encoded, encoded]}):
        planned = _outcome(arguments.convert_arguments, value, field)
        assert planned == _outcome(arguments._original_convert_arguments, value, field)
