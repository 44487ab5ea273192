"""Types of people: customers, their services, and staff."""
# mypy: disable-error-code="empty-body"
# (fields declared with api.core.relations.relation have no body of their own)

from __future__ import annotations

from datetime import datetime
from typing import ClassVar, Self

import strawberry
from strawberry import relay

from api.catalog.types import Department, SupportLevel
from api.core.columns import Columns, from_columns
from api.core.context import Info
from api.core.enums import Language, StaffRole
from api.core.relations import relation
from domain import models
from domain.identity.away import is_away


@strawberry.type(description="A service a customer contracted, with its support level.")
class Service(relay.Node):
    id: relay.NodeID[int]
    name: str
    is_active: bool
    customer_pk: strawberry.Private[int]
    support_level_pk: strawberry.Private[int]

    @strawberry.field
    @relation("support_level_by_id", by="support_level_pk", build=SupportLevel.from_model)
    async def support_level(self, info: Info) -> SupportLevel: ...

    COLUMNS: ClassVar[Columns] = Columns(
        "name", "is_active", customer_pk="customer_id", support_level_pk="support_level_id"
    )

    @classmethod
    @from_columns
    def from_model(cls, row: models.Service) -> Self:
        return cls.COLUMNS.build(cls, row)


@strawberry.type
class Customer(relay.Node):
    id: relay.NodeID[int]
    client_number: str
    name: str
    email: str
    language: Language
    created_at: datetime

    @strawberry.field
    @relation("services_by_customer_id", by="id", build=Service.from_model, many=True)
    async def services(self, info: Info) -> list[Service]: ...

    COLUMNS: ClassVar[Columns] = Columns("client_number", "name", "email", "language", "created_at")

    @classmethod
    @from_columns
    def from_model(cls, row: models.Customer) -> Self:
        return cls.COLUMNS.build(cls, row)


@strawberry.type(description="A member of the support desk. Customers see only the name.")
class Staff(relay.Node):
    id: relay.NodeID[int]
    name: str
    email_value: strawberry.Private[str]
    role_value: strawberry.Private[models.StaffRole]
    # The staff member logging in: the request itself is still anonymous, yet this is the
    # viewer the token stands for, who sees their own details.
    is_viewer: strawberry.Private[bool] = False
    row: strawberry.Private[models.Staff | None] = None

    def _details_visible(self, info: Info) -> bool:
        viewer = info.context.viewer
        return self.is_viewer or (viewer is not None and viewer.is_staff)

    @strawberry.field(description="Visible to staff only.")
    def email(self, info: Info) -> str | None:
        return self.email_value if self._details_visible(info) else None

    @strawberry.field(description="Visible to staff only.")
    def role(self, info: Info) -> StaffRole | None:
        return self.role_value if self._details_visible(info) else None

    @strawberry.field(description="Visible to staff only.")
    async def departments(self, info: Info) -> list[Department]:
        if not self._details_visible(info):
            return []
        ids = await info.context.loaders.department_ids_by_staff_id.load(self.id)
        rows = await info.context.loaders.department_by_id.load_many(ids)
        return [Department.from_model(row) for row in rows if row is not None]

    @strawberry.field(
        description="Out of office now (skipped by automatic assignment); staff only."
    )
    def away(self, info: Info) -> bool | None:
        return is_away(self.row) if self.row and self._details_visible(info) else None

    @strawberry.field(description="When an away staff member is back, if they said; staff only.")
    def away_until(self, info: Info) -> datetime | None:
        if self.row is None or not self._details_visible(info) or not is_away(self.row):
            return None
        return self.row.away_until

    @strawberry.field(description="Their signature in Spanish (staff only).")
    def signature_es(self, info: Info) -> str | None:
        return self.row.signature_es if self.row and self._details_visible(info) else None

    @strawberry.field(description="Their signature in English (staff only).")
    def signature_en(self, info: Info) -> str | None:
        return self.row.signature_en if self.row and self._details_visible(info) else None

    @classmethod
    def from_model(cls, row: models.Staff, *, is_viewer: bool = False) -> Self:
        return cls(
            id=row.id,
            name=row.name,
            email_value=row.email,
            role_value=row.role,
            is_viewer=is_viewer,
            row=row,
        )
