"""Administration mutations: staff, departments, categories, support levels, customers and
their services. Each resolver decodes its input and calls one action of domain.catalog.admin."""

from __future__ import annotations

from typing import Annotated

import strawberry

from api.catalog.types import Category, ChannelRuleInput, Department, SupportLevel
from api.core.context import Info
from api.core.enums import Impact, Language, StaffRole
from api.core.errors import ConflictError, NotAllowedError, NotFoundError, ValidationError, attempt
from api.core.idempotency import create_once, idempotency_key_argument, idempotency_key_field
from api.core.ids import decode_id, decode_optional_id
from api.people.types import Customer, Service, Staff
from domain import models
from domain.catalog import admin

_Failure = ValidationError | NotFoundError | NotAllowedError | ConflictError


@strawberry.type
class StaffSuccess:
    staff: Staff


@strawberry.type
class DepartmentSuccess:
    department: Department


@strawberry.type
class CategorySuccess:
    category: Category


@strawberry.type
class SupportLevelSuccess:
    support_level: SupportLevel


@strawberry.type
class CustomerSuccess:
    customer: Customer


@strawberry.type
class ServiceSuccess:
    service: Service


StaffResult = Annotated[StaffSuccess | _Failure, strawberry.union("StaffResult")]
DepartmentResult = Annotated[DepartmentSuccess | _Failure, strawberry.union("DepartmentResult")]
CategoryResult = Annotated[CategorySuccess | _Failure, strawberry.union("CategoryResult")]
SupportLevelResult = Annotated[
    SupportLevelSuccess | _Failure, strawberry.union("SupportLevelResult")
]
CustomerResult = Annotated[CustomerSuccess | _Failure, strawberry.union("CustomerResult")]
ServiceResult = Annotated[ServiceSuccess | _Failure, strawberry.union("ServiceResult")]


@strawberry.input
class CreateStaffInput:
    email: str
    name: str
    role: StaffRole
    password: str
    department_ids: list[strawberry.ID]
    language: Language = Language.ES
    idempotency_key: str | None = idempotency_key_field("staff member")


@strawberry.input
class UpdateStaffInput:
    staff_id: strawberry.ID
    name: str | None = None
    role: StaffRole | None = None
    department_ids: list[strawberry.ID] | None = None
    is_active: bool | None = None


@strawberry.input
class CategoryInput:
    department_id: strawberry.ID
    name: str
    name_es: str
    default_impact: Impact
    code: str | None = strawberry.field(default=None, description="Required to create.")
    category_id: strawberry.ID | None = strawberry.field(
        default=None, description="Set to change an existing category."
    )
    idempotency_key: str | None = idempotency_key_field("category (when creating one)")


@strawberry.input
class UpdateSupportLevelInput:
    support_level_id: strawberry.ID
    name: str | None = None
    description: str | None = None
    channels: list[ChannelRuleInput] | None = strawberry.field(
        default=None, description="Replaces the channels the level includes."
    )


@strawberry.input
class CreateCustomerInput:
    client_number: str
    name: str
    email: str
    language: Language = Language.ES
    password: str | None = strawberry.field(
        default=None, description="Leave empty: the customer sets one by password recovery."
    )
    send_welcome: bool = strawberry.field(
        default=False,
        description="Mail the client number and a single-use link to set the password.",
    )
    idempotency_key: str | None = idempotency_key_field("customer")


@strawberry.input
class UpdateCustomerInput:
    customer_id: strawberry.ID
    name: str | None = None
    email: str | None = None
    is_active: bool | None = None


@strawberry.input
class AddServiceInput:
    customer_id: strawberry.ID
    name: str
    support_level_id: strawberry.ID
    idempotency_key: str | None = idempotency_key_field("service")


@strawberry.input
class UpdateServiceInput:
    service_id: strawberry.ID
    name: str | None = None
    support_level_id: strawberry.ID | None = None
    is_active: bool | None = None


def _departments(ids: list[strawberry.ID]) -> list[int]:
    return [decode_id(value, "Department", field="departmentIds") for value in ids]


@strawberry.type
class AdminMutation:
    @strawberry.mutation(description="Add a staff member (admins).")
    async def create_staff(self, info: Info, input: CreateStaffInput) -> StaffResult:
        return await attempt(
            lambda: create_once(
                info,
                input,
                lambda: admin.create_staff(
                    viewer=info.context.viewer,
                    email=input.email,
                    name=input.name,
                    role=input.role,
                    password=input.password,
                    department_ids=_departments(input.department_ids),
                    language=input.language,
                ),
                lambda staff_id: models.Staff.get(id=staff_id),
            ),
            lambda row: StaffSuccess(staff=Staff.from_model(row)),
        )

    @strawberry.mutation(description="Change a staff member's role, departments, status.")
    async def update_staff(self, info: Info, input: UpdateStaffInput) -> StaffResult:
        async def run() -> models.Staff:
            ids = None if input.department_ids is None else _departments(input.department_ids)
            return await admin.update_staff(
                viewer=info.context.viewer,
                staff_id=decode_id(input.staff_id, "Staff", field="staffId"),
                name=input.name,
                role=input.role,
                department_ids=ids,
                is_active=input.is_active,
            )

        return await attempt(run, lambda row: StaffSuccess(staff=Staff.from_model(row)))

    @strawberry.mutation(description="Create a department, or rename one (admins).")
    async def save_department(
        self,
        info: Info,
        name: str,
        name_es: str,
        code: str | None = None,
        department_id: strawberry.ID | None = None,
        idempotency_key: Annotated[
            str | None, idempotency_key_argument("department (when creating one)")
        ] = None,
    ) -> DepartmentResult:
        arguments = {
            "name": name,
            "name_es": name_es,
            "code": code,
            "department_id": department_id,
            "idempotency_key": idempotency_key,
        }
        return await attempt(
            lambda: create_once(
                info,
                arguments,
                lambda: admin.save_department(
                    viewer=info.context.viewer,
                    department_id=decode_optional_id(
                        department_id, "Department", field="departmentId"
                    ),
                    code=code,
                    name=name,
                    name_es=name_es,
                ),
                lambda row_id: models.Department.get(id=row_id),
            ),
            lambda row: DepartmentSuccess(department=Department.from_model(row)),
        )

    @strawberry.mutation(description="Create a category, or change one (admins).")
    async def save_category(self, info: Info, input: CategoryInput) -> CategoryResult:
        return await attempt(
            lambda: create_once(
                info,
                input,
                lambda: admin.save_category(
                    viewer=info.context.viewer,
                    category_id=decode_optional_id(
                        input.category_id, "Category", field="categoryId"
                    ),
                    code=input.code,
                    department_id=decode_id(
                        input.department_id, "Department", field="departmentId"
                    ),
                    name=input.name,
                    name_es=input.name_es,
                    default_impact=input.default_impact,
                ),
                lambda row_id: models.Category.get(id=row_id),
            ),
            lambda row: CategorySuccess(category=Category.from_model(row)),
        )

    @strawberry.mutation(description="Change a support level and its channels (admins).")
    async def update_support_level(
        self, info: Info, input: UpdateSupportLevelInput
    ) -> SupportLevelResult:
        channels = (
            None
            if input.channels is None
            else {rule.channel: rule.condition for rule in input.channels}
        )
        return await attempt(
            lambda: admin.update_support_level(
                viewer=info.context.viewer,
                support_level_id=decode_id(
                    input.support_level_id, "SupportLevel", field="supportLevelId"
                ),
                name=input.name,
                description=input.description,
                channels=channels,
            ),
            lambda row: SupportLevelSuccess(support_level=SupportLevel.from_model(row)),
        )

    @strawberry.mutation(description="Add a customer (admins; partners with customers:write).")
    async def create_customer(self, info: Info, input: CreateCustomerInput) -> CustomerResult:
        return await attempt(
            lambda: create_once(
                info,
                input,
                lambda: admin.create_customer(
                    viewer=info.context.viewer,
                    client_number=input.client_number,
                    name=input.name,
                    email=input.email,
                    language=input.language,
                    password=input.password,
                    send_welcome=input.send_welcome,
                ),
                lambda row_id: models.Customer.get(id=row_id),
            ),
            lambda row: CustomerSuccess(customer=Customer.from_model(row)),
        )

    @strawberry.mutation(description="Change a customer's details or status (admins).")
    async def update_customer(self, info: Info, input: UpdateCustomerInput) -> CustomerResult:
        return await attempt(
            lambda: admin.update_customer(
                viewer=info.context.viewer,
                customer_id=decode_id(input.customer_id, "Customer", field="customerId"),
                name=input.name,
                email=input.email,
                is_active=input.is_active,
            ),
            lambda row: CustomerSuccess(customer=Customer.from_model(row)),
        )

    @strawberry.mutation(description="Give a customer a service (admins; partners).")
    async def add_service(self, info: Info, input: AddServiceInput) -> ServiceResult:
        return await attempt(
            lambda: create_once(
                info,
                input,
                lambda: admin.add_service(
                    viewer=info.context.viewer,
                    customer_id=decode_id(input.customer_id, "Customer", field="customerId"),
                    name=input.name,
                    support_level_id=decode_id(
                        input.support_level_id, "SupportLevel", field="supportLevelId"
                    ),
                ),
                lambda row_id: models.Service.get(id=row_id),
            ),
            lambda row: ServiceSuccess(service=Service.from_model(row)),
        )

    @strawberry.mutation(description="Rename, re-level or end a service (admins).")
    async def update_service(self, info: Info, input: UpdateServiceInput) -> ServiceResult:
        return await attempt(
            lambda: admin.update_service(
                viewer=info.context.viewer,
                service_id=decode_id(input.service_id, "Service", field="serviceId"),
                name=input.name,
                support_level_id=decode_optional_id(
                    input.support_level_id, "SupportLevel", field="supportLevelId"
                ),
                is_active=input.is_active,
            ),
            lambda row: ServiceSuccess(service=Service.from_model(row)),
        )
