"""The moment a row is made, read from Mesa's one clock (domain.clock) like every other
moment. Tortoise's `auto_now_add` reads the system time instead, so under a moved clock (the
tests, a benchmark, a week-long trial) such a row was made at another time than everything
written with it, and a count over "since" (domain.email.loops) disagreed with it."""

from __future__ import annotations

from typing import Any

from tortoise import fields

from domain.clock import utcnow


def creation_moment(**options: Any) -> fields.DatetimeField:
    """A `created_at` column set to `utcnow()` when the row's model is made."""
    return fields.DatetimeField(default=utcnow, **options)
