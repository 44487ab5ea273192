"""What kind of Strawberry field a schema field is, as the compiled plans (api.core.query_plan)
and their column selection (api.core.columns) tell it: a plain attribute, a declared relation
(api.core.relations), or a resolver."""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from typing import Any

from graphql import GraphQLField
from strawberry.types.field import StrawberryField

from api.core.relations import Relation, declared_relation


def named_type(gql_type: Any) -> Any:
    while hasattr(gql_type, "of_type"):
        gql_type = gql_type.of_type
    return gql_type


def plain_attribute(definition: GraphQLField) -> Callable[[Any], Any] | None:
    """A Strawberry field with no resolver, permission or extension: its attribute, read as
    Strawberry's own basic-field path reads it."""
    resolve = definition.resolve
    if resolve is None or not getattr(resolve, "_is_default", False):
        return None
    name = attribute_name(definition)
    if name is not None:
        return attrgetter(name)
    return lambda source: resolve(source, None)


def attribute_name(definition: GraphQLField) -> str | None:
    """The attribute a plain field (`plain_attribute`) is read from as it is, if it is."""
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
        return strawberry_field.python_name
    return None


def field_relation(definition: GraphQLField) -> Relation | None:
    """A relation declared on a field Strawberry runs as is (no permission, no extension)."""
    strawberry_field = definition.extensions.get("strawberry-definition")
    if not isinstance(strawberry_field, StrawberryField) or strawberry_field.extensions:
        return None
    resolver = strawberry_field.base_resolver
    if resolver is None or type(strawberry_field).get_result is not StrawberryField.get_result:
        return None
    return declared_relation(resolver.wrapped_func)  # type: ignore[arg-type]
