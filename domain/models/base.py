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

`Model.__init__` does what Tortoise's does by code generated for the model and the shape of
its keywords (domain.models.building): 8 % of a PostgreSQL createTicket's Python was
Tortoise's.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable
from typing import Any

from tortoise import Tortoise
from tortoise.models import Model as TortoiseModel

from domain.models.building import build, read


class Model(TortoiseModel):
    # object's own slot, so CPython writes attributes without a Python call (and specialises
    # the writes): see the module.
    __setattr__ = object.__setattr__  # type: ignore[assignment]

    class Meta:
        abstract = True

    def __init__(self, **kwargs: Any) -> None:
        """Tortoise's `Model.__init__`, by the model's own code (see the module)."""
        build(self, kwargs)

    @classmethod
    def _init_from_db(cls, **kwargs: Any) -> Any:
        """Tortoise's instance of a row read, by the model's own code (domain.models.building)."""
        return read(cls, kwargs)


class _GuardedRelation(property):
    """A relation's property whose setter first checks the model of what it is given, then
    calls Tortoise's (`tortoise_setter`)."""

    tortoise_setter: Any


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

    guarded = _GuardedRelation(made.fget, checked, made.fdel, made.__doc__)
    guarded.tortoise_setter = write
    return guarded
