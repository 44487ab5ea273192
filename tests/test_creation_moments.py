"""Every moment a row records comes from Mesa's one clock (domain.clock), as deadlines do:
under a moved clock (tests, benchmarks, a week-long trial) a row is made at the clock's
moment, not the system's, so what counts rows "since" a moment of that clock counts them."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest
from tortoise import Tortoise
from tortoise.fields.data import DatetimeField

from domain.clock import clock, utcnow
from domain.config import get_settings
from domain.email.loops import may_answer_automatically
from domain.email.notifications import Notice, notify_all
from domain.models import Customer, Language, NotificationKind
from domain.uow import unit_of_work
from tests.own_database import own_database


@pytest.fixture
async def database(tmp_path: Path) -> AsyncIterator[None]:
    async with own_database(tmp_path):
        yield


async def test_automatic_answers_are_counted_under_a_moved_clock(database: None) -> None:
    # Given the clock a week ahead, and an address sent its hour's automatic answers
    clock.set(utcnow() + timedelta(days=7))
    try:
        limit = get_settings().auto_reply_limit_per_hour
        notice = Notice("robot@example.com", Language.ES, NotificationKind.TICKET_CREATED, {})
        async with unit_of_work() as uow:
            await notify_all(uow, [notice] * limit)

        # When the next message from it asks for an automatic answer
        async with unit_of_work() as uow:
            allowed = await may_answer_automatically(uow, "robot@example.com")
    finally:
        clock.reset()

    # Then it gets none: the answers were made in the last hour of that clock
    assert allowed is False


async def test_a_row_is_made_at_the_moment_of_the_clock(database: None) -> None:
    moment = utcnow().replace(microsecond=0) - timedelta(days=30)
    clock.set(moment)
    try:
        customer = await Customer.create(
            client_number="C-9001", name="Cliente", email="c9001@example.com", password_hash="x"
        )
    finally:
        clock.reset()

    assert customer.created_at == moment
    assert (await Customer.get(id=customer.id)).created_at == moment


def test_no_model_takes_a_moment_from_the_system_clock(database: None) -> None:
    # Tortoise's auto_now and auto_now_add read the system time, not Mesa's clock.
    system_moments = [
        f"{model.__name__}.{name}"
        for model in Tortoise.apps["models"].values()
        for name, field in model._meta.fields_map.items()
        if isinstance(field, DatetimeField) and (field.auto_now or field.auto_now_add)
    ]

    assert system_moments == []
