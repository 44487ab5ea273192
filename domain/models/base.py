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

`Model.__init__` gives the fields not passed their defaults as Tortoise's does, from a plan
made once per model: Tortoise's asks `inspect.iscoroutinefunction` (five Python calls) of
each field's default on every new instance, some thirty times for a new ticket, its message
and its events, for defaults that are never async here (`guard_relations` refuses one).
tests/test_model_init.py builds every model both ways and compares the instances.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Iterable
from copy import deepcopy
from typing import Any

from tortoise import Tortoise
from tortoise.models import Model as TortoiseModel


class Model(TortoiseModel):
    # object's own slot, so CPython writes attributes without a Python call (and specialises
    # the writes): see the module.
    __setattr__ = object.__setattr__  # type: ignore[assignment]

    class Meta:
        abstract = True

    def __init__(self, **kwargs: Any) -> None:
        """Tortoise's `Model.__init__`, the defaults from the model's plan (see the module)."""
        self._partial = False
        self._saved_in_db = False
        self._custom_generated_pk = False
        self._await_when_save = {}
        passed = self._set_kwargs(kwargs)
        for key, make, value in _defaults(type(self)):
            if key not in passed:
                setattr(self, key, make(value) if make is not None else value)


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
