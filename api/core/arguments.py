"""Strawberry's conversion of a field's arguments, decided once per field instead of per call.

Before calling a resolver, Strawberry turns graphql-core's coerced arguments into Python
values (`strawberry.types.arguments.convert_arguments`): input objects into their classes,
GlobalIDs into GlobalID, Maybe into Some. It decides how for every value of every call:
it resolves each argument's and each input field's type annotation again, converts its
GraphQL name again and walks the type's kind. A py-spy profile of `createTicket` put that at
8 % of the request's CPU, more than its SQL for the ticket row.

Here the same conversion is planned once per argument list (a field's, which lives as long
as the schema) into one converter per type: the same steps, in the same order, with the
types and names resolved once. An input object's converter is code made for it, as
dataclasses make an `__init__`, taking a leaf field's value as it is. What the plan does not
take itself (Maybe, an input type that builds its own value with `from_input`, a type
Strawberry would refuse) it hands, value by value, to Strawberry's own `convert_argument`.
`install` puts it where Strawberry's resolvers call it (`strawberry.schema.schema_converter`),
only if Strawberry still has the functions it replaces with the same parameters;
tests/test_arguments.py converts Hypothesis-generated arguments of every field of the schema
both ways and compares the results, and fails when it is not installed.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from dataclasses import MISSING
from typing import Any

from strawberry.relay.types import GlobalID, GlobalIDValueError, InvalidGlobalIDError
from strawberry.schema import schema_converter
from strawberry.types import arguments as strawberry_arguments
from strawberry.types.base import (
    StrawberryList,
    StrawberryMaybe,
    StrawberryOptional,
    has_object_definition,
)
from strawberry.types.enum import has_enum_definition
from strawberry.types.lazy_type import LazyType
from strawberry.types.unset import UNSET

# A value of one type, its resolver's info and its path in the arguments -> its Python value.
Convert = Callable[[Any, Any, tuple[str | int, ...]], Any]

_original_convert_arguments = strawberry_arguments.convert_arguments
_convert_argument = strawberry_arguments.convert_argument
_EXPECTED = {
    "convert_arguments": ["value", "arguments", "scalar_registry", "config", "info"],
    "convert_argument": ["value", "type_", "scalar_registry", "config", "info", "path"],
}
MAX_PLANS = 4096  # argument lists: a schema's fields are far fewer


class _Plan:
    __slots__ = ("arguments", "config", "registry", "steps")

    def __init__(self, arguments: list[Any], registry: Mapping[Any, Any], config: Any) -> None:
        self.arguments, self.registry, self.config = arguments, registry, config
        self.steps: list[tuple[str, str, Convert]] = []
        for argument in arguments:
            assert argument.python_name
            name = config.name_converter.from_argument(argument)
            convert = _converter(argument.type, registry, config)
            self.steps.append((argument.python_name, name, convert))


_plans: dict[int, _Plan] = {}


def convert_arguments(
    value: dict[str, Any],
    arguments: list[Any],
    scalar_registry: Mapping[Any, Any],
    config: Any,
    info: Any = None,
) -> dict[str, Any]:
    """Strawberry's `convert_arguments`, from the argument list's plan."""
    if not arguments:
        return {}
    plan = _plans.get(id(arguments))
    if (
        plan is None
        or plan.arguments is not arguments
        or plan.registry is not scalar_registry
        or plan.config is not config
    ):
        plan = _Plan(arguments, scalar_registry, config)
        if len(_plans) < MAX_PLANS:
            _plans[id(arguments)] = plan
    kwargs: dict[str, Any] = {}
    for python_name, name, convert in plan.steps:
        if name in value:
            kwargs[python_name] = convert(value[name], info, (name,))
    return kwargs


def _converter(type_: Any, registry: Mapping[Any, Any], config: Any) -> Convert:
    """How `convert_argument(value, type_, …)` converts, decided once for `type_`."""
    if isinstance(type_, StrawberryMaybe):
        return _strawberrys(type_, registry, config)
    if isinstance(type_, StrawberryOptional):
        return _converter(type_.of_type, registry, config)
    inner = _present(type_, registry, config)
    if inner is _unchanged:
        return _same  # None and UNSET stay as they are too

    def convert(value: Any, info: Any, path: tuple[str | int, ...]) -> Any:
        if value is None:
            return None
        if value is UNSET:
            return UNSET
        return inner(value, info, path)

    return convert


def _present(type_: Any, registry: Mapping[Any, Any], config: Any) -> Convert:
    """How a value other than None and UNSET of `type_` (neither Maybe nor Optional) is
    converted, in convert_argument's order of cases."""
    is_leaf = strawberry_arguments._is_leaf_type
    if isinstance(type_, StrawberryList):
        item_type = type_.of_type
        skip = (GlobalID,)
        if is_leaf(item_type, registry, skip_classes=skip) or (
            strawberry_arguments._is_optional_leaf_type(item_type, registry, skip_classes=skip)
        ):
            return lambda value, _info, _path: list(value)
        item = _converter(item_type, registry, config)
        return lambda value, info, path: [
            item(entry, info, (*path, index)) for index, entry in enumerate(value)
        ]
    if is_leaf(type_, registry):
        return _global_id if type_ is GlobalID else _unchanged
    if isinstance(type_, LazyType):
        return _converter(type_.resolve_type(), registry, config)
    if has_enum_definition(type_):
        return _converter(type_.__strawberry_definition__, registry, config)
    if has_object_definition(type_):
        definition = type_.__strawberry_definition__
        if definition.from_input is not None:
            return _strawberrys(type_, registry, config)
        return _input_object(type_, definition, registry, config)
    return _strawberrys(type_, registry, config)


def _input_object(type_: Any, definition: Any, registry: Mapping[Any, Any], config: Any) -> Convert:
    implicit: dict[str, Any] = {}
    if definition.is_input:
        # Strawberry's implicit None for the fields without a default (graphql-core has
        # checked that the required ones are present).
        implicit = {
            field.python_name: None
            for field in definition.fields
            if field.default_value is MISSING and field.default_factory is MISSING
        }
    namespace: dict[str, Any] = {"type_": type_}
    lines = ["def convert(value, info, path):", f"    kwargs = {implicit!r}"]
    for index, field in enumerate(definition.fields):
        name = config.name_converter.from_field(field)
        converted = _converter(field.resolve_type(type_definition=definition), registry, config)
        lines.append(f"    if {name!r} in value:")
        if converted is _same:  # most fields: the value as it is
            lines.append(f"        kwargs[{field.python_name!r}] = value[{name!r}]")
        else:
            namespace[f"convert{index}"] = converted
            lines.append(
                f"        kwargs[{field.python_name!r}] = "
                f"convert{index}(value[{name!r}], info, (*path, {name!r}))"
            )
    lines.append("    return type_(**kwargs)")
    # The fields' names are Python identifiers and GraphQL names, written as repr()s, and the
    # implicit values are None.
    exec("\n".join(lines) + "\n", namespace)
    made: Convert = namespace["convert"]
    return made


def _unchanged(value: Any, _info: Any, _path: tuple[str | int, ...]) -> Any:
    return value


def _same(value: Any, _info: Any, _path: tuple[str | int, ...]) -> Any:
    """A leaf's conversion, whatever its value (None and UNSET included): none."""
    return value


def _global_id(value: Any, _info: Any, _path: tuple[str | int, ...]) -> Any:
    try:
        return GlobalID.from_id(value)
    except GlobalIDValueError as error:
        # like the built-in scalars, instead of the decoding error (as Strawberry says it)
        raise InvalidGlobalIDError(f'Value cannot represent a GlobalID: "{value}".') from error


def _strawberrys(type_: Any, registry: Mapping[Any, Any], config: Any) -> Convert:
    def convert(value: Any, info: Any, path: tuple[str | int, ...]) -> Any:
        return _convert_argument(value, type_, registry, config, info, path=path)

    return convert


def compatible() -> bool:
    """Whether Strawberry still has what this module replaces and relies on, as it was."""
    for name, parameters in _EXPECTED.items():
        function = getattr(strawberry_arguments, name, None)
        if function is None or list(inspect.signature(function).parameters) != parameters:
            return False
    return all(
        hasattr(strawberry_arguments, name) for name in ("_is_leaf_type", "_is_optional_leaf_type")
    ) and getattr(schema_converter, "convert_arguments", None) in (
        _original_convert_arguments,
        convert_arguments,
    )


def install() -> bool:
    """Strawberry's resolvers convert arguments here from now on; False (and Strawberry's
    own conversion) when this Strawberry is not the one this module was written for."""
    if not compatible():
        return False
    schema_converter.convert_arguments = convert_arguments
    return True


def installed() -> bool:
    return schema_converter.convert_arguments is convert_arguments
