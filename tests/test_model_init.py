"""A new instance of every model is what Tortoise's own `Model.__init__` makes of the same
arguments (domain.models.base gives the defaults from a plan made once per model): every
attribute, of the same value and type, defaults called afresh and mutable ones not
shared."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from tortoise import Tortoise
from tortoise.models import Model as TortoiseModel

from domain import db
from domain.clock import clock
from domain.models import Language, Ticket, TicketStatus, building
from domain.models.base import Model

MOMENT_ELSEWHERE = datetime(2026, 12, 7, 9, 30, tzinfo=timezone(timedelta(hours=-3)))


@pytest.fixture(scope="module")
async def models() -> AsyncIterator[list[type[Model]]]:
    await db.connect("sqlite://:memory:")
    try:
        every = [model for app in Tortoise.apps.values() for model in app.values()]
        yield [model for model in every if issubclass(model, Model)]
    finally:
        await db.close()


def _ours(model: type[Model], **kwargs: Any) -> Model:
    return model(**kwargs)


def _generic(model: type[Model], **kwargs: Any) -> Model:
    instance = model.__new__(model)
    building._generic(model)(instance, kwargs)
    return instance


def _tortoises(model: type[Model], **kwargs: Any) -> Model:
    instance = model.__new__(model)
    TortoiseModel.__init__(instance, **kwargs)
    return instance


def _given(model: type[Model]) -> dict[str, Any]:
    """A value for each of the model's plain columns but its id (what a caller passes)."""
    meta = model._meta
    given: dict[str, Any] = {}
    for name in meta.fields_db_projection:
        field = meta.fields_map[name]
        if field.pk or name in meta.fk_fields:
            continue
        default = field.default
        if default is not None and not callable(default):
            given[name] = default
    return given


async def test_every_model_is_built_as_tortoise_builds_it(models: list[type[Model]]) -> None:
    assert len(models) > 40
    with clock.held():
        for model in models:
            for kwargs in ({}, _given(model)):
                ours, theirs = model(**kwargs), _tortoises(model, **kwargs)
                assert vars(ours).keys() == vars(theirs).keys(), model
                for name, value in vars(theirs).items():
                    mine = vars(ours)[name]
                    assert (type(mine), mine) == (type(value), value), (model, name)


async def test_mutable_defaults_are_not_shared(models: list[type[Model]]) -> None:
    first, second = Ticket(), Ticket()
    assert first.sla_pauses == [] and first.sla_pauses is not second.sla_pauses
    assert Ticket(status=TicketStatus.OPEN).status is TicketStatus.OPEN
    assert Ticket().status is TicketStatus.NEW
    assert Ticket(guest_language=Language.EN).guest_language is Language.EN


def _outcome(build: Any, model: type[Model], kwargs: dict[str, Any]) -> tuple[str, Any]:
    """An instance's attributes, each with its type, or the error building it raised."""
    try:
        instance = build(model, **kwargs)
    except Exception as error:
        return ("raised", (type(error), str(error)))
    attributes = vars(instance).items()  # a moment with its zone: equal moments compare equal
    return ("built", {n: (type(v), v, getattr(v, "tzinfo", None)) for n, v in attributes})


def _variants(model: type[Model]) -> list[dict[str, Any]]:
    """Keywords a caller may pass, each a path of Tortoise's `_set_kwargs`: every column
    given (enums by value, JSON as text), None where a column is not nullable, relations
    by instance (saved, not saved, None) and by their column, the key, and names Tortoise
    ignores or refuses."""
    meta = model._meta
    columns = _given(model)
    every: dict[str, Any] = {}
    for name, value in columns.items():
        field = meta.fields_map[name]
        if hasattr(value, "value") and type(value).__module__.startswith("domain"):
            every[name] = value.value  # an enum member's value converts to the member
        elif type(field).__name__ == "JSONField":
            every[name] = json.dumps(value)
        else:
            every[name] = value
    # Every column of its own type (what the code of a shape keeps as it is), moments to move.
    kept = dict(columns)
    for name in meta.fields_db_projection:
        field = meta.fields_map[name]
        if type(field).__name__ == "DatetimeField":
            kept[name] = MOMENT_ELSEWHERE
        elif field.field_type is int and not field.pk:
            kept[name] = 5
        elif name in kept:
            continue
        elif hasattr(field, "enum_type"):
            kept[name] = next(iter(field.enum_type))
        elif field.field_type is str:
            kept[name] = "ñandú"
    variants: list[dict[str, Any]] = [every, kept, {**every, "no_such_field": 1}, {"id": 7}]
    variants += [{name: None} for name in meta.fields_db_projection]
    for name in meta.fields_db_projection:
        if type(meta.fields_map[name]).__name__ == "JSONField":
            variants += [{name: '{"a": [1]}'}, {name: b"[2]"}, {name: {"b": 3}}, {name: "{"}]
    related_kept = dict(kept)
    for name in meta.fk_fields:
        relation: Any = meta.fields_map[name]
        related = relation.related_model
        saved = related.__new__(related)
        TortoiseModel.__init__(saved, id=3)
        saved._saved_in_db = True
        unsaved = related.__new__(related)
        TortoiseModel.__init__(unsaved, id=4)
        stranger = next(m for m in (model, *type(saved).__mro__) if m is not related)
        other = stranger.__new__(stranger)  # saved, but of another model
        other._saved_in_db = True
        variants += [
            {name: saved},
            {name: unsaved},
            {name: other},
            {name: None},
            {relation.source_field: 3},
            {relation.source_field: 3, name: saved},
        ]
        related_kept[relation.source_field] = None  # its column, left out
        related_kept[name] = saved
    for name in (*meta.backward_fk_fields, *meta.m2m_fields):
        variants.append({name: []})
    # Every column kept, every relation given as a saved instance (what a new ticket is).
    variants.insert(2, {k: v for k, v in related_kept.items() if v is not None})
    return variants


async def test_every_keyword_is_taken_as_tortoise_takes_it(models: list[type[Model]]) -> None:
    """By the code of the keywords' shape (made, then kept), and by the generic code."""
    shaped = 0
    with clock.held():
        for model in models:
            variants = _variants(model)
            for kept in variants[1:3]:  # each has code of its own
                assert building._shaped(model, (*kept, *map(type, kept.values()))), model
            for kwargs in variants:
                theirs = _outcome(_tortoises, model, kwargs)
                for build in (_ours, _ours, _generic):
                    assert _outcome(build, model, kwargs) == theirs, (model, kwargs, build)
                shape = (*kwargs, *map(type, kwargs.values()))
                shaped += building._shaped(model, shape) is not None
    assert shaped > 200
