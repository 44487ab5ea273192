"""The base of every Mesa model: Tortoise's Model, its attributes written as a plain object's.

Tortoise's `Model.__setattr__` is Python, so every attribute written on an instance is a
Python call: each field `__init__` sets on a new row (given or defaulted), each column a
foreign key's setter writes, each value set afterwards. CPython also cannot specialise the
attribute writes of a class that defines one. A new ticket wrote about 140 attributes that
way (its row, its first message, its events): 6 % of createTicket's instructions.

That `__setattr__` does two things besides writing:
- it drops the pending async default of the field written. Mesa's models declare no async
  default (`guard_relations` refuses one), so there is never one pending;
- it checks that a foreign key or one-to-one field is given an instance of its model. That
  check stays, in the relation's own setter: `guard_relations` wraps the setters Tortoise
  makes when it initialises the models (domain.db.connect), so `ticket.department = x`
  raises the same ValidationError as before.

`Model.__init__` runs code generated once per model (`_build_code`) that does what
Tortoise's does: each keyword in its order through Tortoise's checks and its field's
`to_python_value` (Field's, an enum's and JSON's inline, a value already of its type kept),
then the defaults of the fields not passed, decided once (`_defaults`). Tortoise's walked
every keyword through five sets and a call, and every field's default through
`inspect.iscoroutinefunction` (five Python calls), for defaults that are never async here:
8 % of a PostgreSQL createTicket's Python, which builds a ticket, its first message, their
events. tests/test_model_init.py builds every model both ways, from every kind of keyword
(relations saved or not, their columns, None, enums by value, JSON as text, names Tortoise
refuses), and compares the instances or the errors.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Iterable
from copy import deepcopy
from typing import Any

from tortoise import Tortoise
from tortoise.fields.base import Field
from tortoise.fields.data import CharEnumFieldInstance, JSONField
from tortoise.models import Model as TortoiseModel


class Model(TortoiseModel):
    # object's own slot, so CPython writes attributes without a Python call (and specialises
    # the writes): see the module.
    __setattr__ = object.__setattr__  # type: ignore[assignment]

    class Meta:
        abstract = True

    def __init__(self, **kwargs: Any) -> None:
        """Tortoise's `Model.__init__`, by the model's own code (see the module)."""
        build = _BUILDS.get(type(self))
        if build is None:
            build = _BUILDS[type(self)] = _build_code(type(self))
        build(self, kwargs)


# How a field's default is given: called, deep-copied, or as it is (None).
_Make = Callable[[Any], Any] | None


def _call(default: Callable[[], Any]) -> Any:
    return default()


@functools.cache
def _defaults(model: type[Model]) -> tuple[tuple[str, _Make, Any], ...]:
    """Each field's default as Tortoise's `Model.__init__` gives it, decided once."""
    meta = model._meta
    plan: list[tuple[str, _Make, Any]] = []
    for key in meta.fields:
        field = meta.fields_map[key]
        default = field.default
        if inspect.iscoroutinefunction(default):
            raise TypeError(f"{model.__name__}.{key}: an async default (domain.models.base)")
        if callable(default):
            plan.append((key, _call, default))
        elif default is not None:
            immutable = isinstance(default, int | float | str | bool | bytes)
            plan.append((key, None if immutable else deepcopy, default))
        elif field.has_db_default():
            plan.append((key, _call, field.get_db_default_value))
        else:
            plan.append((key, None, None))
    return tuple(plan)


# What the built code does with a keyword, by its field: Field's own conversion, an enum's,
# JSON's, the field's to_python_value, or Tortoise's _set_kwargs (relations, a generated
# key, the names Tortoise refuses).
_PLAIN, _ENUM, _JSON, _CALL, _TORTOISE = range(5)

_Build = Callable[["Model", dict[str, Any]], None]
_BUILDS: dict[type[Model], _Build] = {}


def _build_code(model: type[Model]) -> _Build:
    """The code that does what Tortoise's `Model.__init__` does for `model`, generated once
    (as dataclasses generate an `__init__`): the keywords in their order, each converted as
    its field's `to_python_value` converts it (the common conversions inline, a value
    already of its type kept), then the defaults of the fields not passed. Attributes are
    written to the instance's dict: no model has a descriptor named as a column."""
    meta = model._meta
    how: dict[str, tuple[int, bool, Any]] = {}
    for key in meta.fields_db_projection:
        field = meta.fields_map[key]
        assert not any(key in vars(klass) for klass in model.__mro__), (model, key)
        method = type(field).to_python_value
        if field.pk and field.generated:
            how[key] = (_TORTOISE, True, None)
        elif method is Field.to_python_value:
            how[key] = (_PLAIN, field.null, field.field_type)
        elif method is CharEnumFieldInstance.to_python_value:
            how[key] = (_ENUM, field.null, field.enum_type)  # type: ignore[attr-defined]
        elif method is JSONField.to_python_value:
            how[key] = (_JSON, field.null, field.to_python_value)
        else:
            how[key] = (_CALL, field.null, field.to_python_value)
    for key in (
        *meta.fk_fields,
        *meta.o2o_fields,
        *meta.backward_fk_fields,
        *meta.backward_o2o_fields,
        *meta.m2m_fields,
    ):
        how[key] = (_TORTOISE, True, None)
    # A relation passed counts its column as passed (Tortoise's `passed_fields`).
    relations = {
        meta.fields_map[key].source_field: key for key in (*meta.fk_fields, *meta.o2o_fields)
    }
    constants: dict[str, Any] = {
        "_partial": False,
        "_saved_in_db": False,
        "_custom_generated_pk": False,
    }
    namespace: dict[str, Any] = {"HOW": how, "CONSTANTS": constants, "tortoise": _tortoise}
    lines = [
        "def build(self, kwargs):",
        "    attrs = self.__dict__",
        "    attrs.update(CONSTANTS)",
        "    attrs['_await_when_save'] = {}",
        "    for key, value in kwargs.items():",
        "        how = HOW.get(key)",
        "        if how is None:",
        "            continue",
        "        kind, nullable, arg = how",
        f"        if kind == {_TORTOISE}:",
        "            tortoise(self, key, value)",
        "            continue",
        "        if value is None and not nullable:",
        '            raise ValueError(f"{key} is non nullable field, but null was passed")',
        f"        if kind == {_PLAIN}:",
        "            if value is not None and not isinstance(value, arg):",
        "                value = arg(value)",
        f"        elif kind == {_ENUM}:",
        "            if value is not None and type(value) is not arg:",
        "                value = arg(value)",
        f"        elif kind == {_JSON}:",
        "            if isinstance(value, (str, bytes)):",
        "                value = arg(value)",
        "        else:",
        "            value = arg(value)",
        "        attrs[key] = value",
    ]
    for index, (key, make, value) in enumerate(_defaults(model)):
        if key in meta.fetch_fields:
            continue
        if make is None:
            constants[key] = value
            continue
        namespace[f"make{index}"], namespace[f"default{index}"] = make, value
        passed = [key, *([relations[key]] if key in relations else [])]
        unpassed = " and ".join(f"{name!r} not in kwargs" for name in passed)
        lines += [f"    if {unpassed}:", f"        attrs[{key!r}] = make{index}(default{index})"]
    exec("\n".join(lines) + "\n", namespace)  # our own template
    built: _Build = namespace["build"]
    return built


def _tortoise(instance: Model, key: str, value: Any) -> None:
    """A keyword as Tortoise's `_set_kwargs` takes it: a relation (its model checked, its
    column set), a generated key, or a name it refuses."""
    TortoiseModel._set_kwargs(instance, {key: value})


class _GuardedRelation(property):
    """A relation's property whose setter first checks the model of what it is given."""


def guard_relations(models: Iterable[type[TortoiseModel]] | None = None) -> None:
    """Once Tortoise has initialised the models (by default, every one it knows): give each
    foreign key and one-to-one field of Mesa's models the check Tortoise's `__setattr__`
    made, and refuse an async default, which that `__setattr__` would have cancelled when
    the field is written."""
    if models is None:
        models = [model for app in Tortoise.apps.values() for model in app.values()]
    for model in models:
        if not issubclass(model, Model):
            continue
        meta = model._meta
        for name, field in meta.fields_map.items():
            if inspect.iscoroutinefunction(field.default):
                raise TypeError(
                    f"{model.__name__}.{name}: an async default needs Tortoise's "
                    "Model.__setattr__ (domain.models.base)"
                )
        for name in (*meta.fk_fields, *meta.o2o_fields):
            made = model.__dict__.get(name)
            if isinstance(made, _GuardedRelation) or not isinstance(made, property):
                continue
            setattr(model, name, _guarded(model, name, made))


def _guarded(model: type[Model], name: str, made: property) -> _GuardedRelation:
    write = made.fset
    assert write is not None  # Tortoise makes every relation's property with a setter

    def checked(instance: Model, value: Any) -> None:
        model._validate_relation_type(name, value)
        write(instance, value)

    return _GuardedRelation(made.fget, checked, made.fdel, made.__doc__)
