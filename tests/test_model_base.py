"""Mesa's models write their attributes as plain objects do (domain.models.base), and keep
what Tortoise's `Model.__setattr__` checked: a relation given an instance of another model is
refused, on assignment and through `__init__`, for foreign keys and one-to-one fields alike;
a model declaring an async default, which that `__setattr__` would cancel when the field is
written, is refused when the models are initialised."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

import pytest
from tortoise import Tortoise, fields
from tortoise.exceptions import ValidationError

from domain.models import AgentHours, Article, AutoAssignment, Customer, Department, Ticket
from domain.models.base import Model, guard_relations
from tests.own_database import own_database

M = TypeVar("M", bound=Model)


async def test_every_model_writes_its_attributes_without_a_python_call(tmp_path: Path) -> None:
    async with own_database(tmp_path):
        models = [model for app in Tortoise.apps.values() for model in app.values()]
        assert len(models) > 40
        for model in models:
            assert issubclass(model, Model), model
            assert model.__setattr__ is object.__setattr__, model


async def test_a_relation_refuses_an_instance_of_another_model(tmp_path: Path) -> None:
    async with own_database(tmp_path):
        customer, department = _stored(Customer(id=7)), _stored(Department(id=3))
        ticket = Ticket()
        with pytest.raises(ValidationError, match="Expected model type 'Department'"):
            ticket.department = customer  # type: ignore[assignment]
        with pytest.raises(ValidationError, match="Expected model type 'Department'"):
            Ticket(department=customer)
        assert "department_id" not in vars(ticket) or ticket.department_id is None
        ticket.department = department
        assert (ticket.department_id, ticket.customer_id) == (department.id, None)
        assert Ticket(customer=customer).customer_id == customer.id
        # One-to-one fields, nullable or not, check the same way.
        with pytest.raises(ValidationError, match="Expected model type 'Ticket'"):
            Article().source_ticket = department  # type: ignore[assignment]
        with pytest.raises(ValidationError, match="Expected model type 'Department'"):
            AutoAssignment(department=customer)
        with pytest.raises(ValidationError, match="Expected model type 'Staff'"):
            AgentHours(staff=department)
        assert AutoAssignment(department=department).department_id == department.id


def _stored(row: M) -> M:
    """`row` as if read from the database: what a relation may be given."""
    row._saved_in_db = True
    return row


async def _later() -> int:
    return 1


class _Later(Model):
    """A model with an async default: what `guard_relations` refuses."""

    value = fields.IntField(default=_later)

    class Meta:
        app = "model_base_test"


def test_an_async_default_is_refused() -> None:
    with pytest.raises(TypeError, match=r"_Later\.value: an async default"):
        guard_relations([_Later])
