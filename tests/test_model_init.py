"""A new instance of every model is what Tortoise's own `Model.__init__` makes of the same
arguments (domain.models.base gives the defaults from a plan made once per model): every
attribute, of the same value and type, defaults called afresh and mutable ones not
shared."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from tortoise import Tortoise
from tortoise.models import Model as TortoiseModel

from domain import db
from domain.clock import clock
from domain.models import Language, Ticket, TicketStatus
from domain.models.base import Model


@pytest.fixture(scope="module")
async def models() -> AsyncIterator[list[type[Model]]]:
    await db.connect("sqlite://:memory:")
    try:
        every = [model for app in Tortoise.apps.values() for model in app.values()]
        yield [model for model in every if issubclass(model, Model)]
    finally:
        await db.close()


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
