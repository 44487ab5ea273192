"""What administrators maintain: staff and their departments, departments, categories, support
levels, and customers with their services (partners with customers:write add their own)."""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import Mapping, Sequence

from tortoise.exceptions import IntegrityError
from tortoise.models import Model

from domain.catalog import audit
from domain.clock import utcnow
from domain.errors import Conflict, NotAllowed, NotFound, ValidationFailed
from domain.identity.access import CUSTOMERS_WRITE, require_admin, require_scope
from domain.identity.auth import hash_password
from domain.identity.passwords import checked_password
from domain.identity.passwords import send_welcome as send_welcome_mail
from domain.identity.viewer import Viewer
from domain.models import (
    AuthToken,
    Category,
    Channel,
    ChannelCondition,
    Customer,
    Department,
    Impact,
    Language,
    Service,
    Staff,
    StaffRole,
    SupportLevel,
)
from domain.uow import unit_of_work


def _text(value: str, field: str, *, limit: int = 200) -> str:
    value = value.strip()
    if not value or len(value) > limit:
        raise ValidationFailed(f"{field} needs 1 to {limit} characters.", field=field)
    return value


def _email(value: str, field: str = "email") -> str:
    value = _text(value, field, limit=254).lower()
    if "@" not in value.strip("@"):
        raise ValidationFailed("Give a valid email address.", field=field)
    return value


async def _get(model: type[Model], pk: int, field: str) -> Model:
    row = await model.get_or_none(id=pk)
    if row is None:
        raise NotFound(f"Unknown {model.__name__}.", field=field)
    return row


async def _departments(ids: Sequence[int]) -> list[Department]:
    rows = await Department.filter(id__in=list(ids))
    if len(rows) != len(set(ids)):
        raise NotFound("Unknown department.", field="departmentIds")
    return rows


STAFF_FIELDS = ("email", "name", "role", "language", "is_active")
CUSTOMER_FIELDS = ("client_number", "name", "email", "language", "is_active", "partner_id")
SERVICE_FIELDS = ("customer_id", "name", "support_level_id", "is_active")
DEPARTMENT_FIELDS = ("code", "name", "name_es", "is_active")
CATEGORY_FIELDS = ("code", "department_id", "name", "name_es", "default_impact", "is_active")
LEVEL_FIELDS = ("name", "description", "channels", "channel_conditions")


async def _audit(
    viewer: Viewer,
    action: str,
    row: Model,
    fields: tuple[str, ...],
    before: dict[str, object] | None,
    **extra: object,
) -> None:
    """Record the change in the audit log, in the caller's transaction."""
    entity = action.split(".", 1)[0]
    after = {**audit.snapshot(row, fields), **audit.plain(extra)}
    await audit.record(
        None,
        actor=viewer,
        action=action,
        entity=entity,
        entity_id=row.pk,
        before=before,
        after=after,
    )


async def _revoke_tokens(**owner: int) -> None:
    await AuthToken.filter(revoked_at=None, **owner).update(revoked_at=utcnow())


async def create_staff(
    *,
    viewer: Viewer | None,
    email: str,
    name: str,
    role: StaffRole,
    password: str,
    department_ids: Sequence[int],
    language: Language = Language.ES,
) -> Staff:
    """Add a staff member with a role and departments (admins)."""
    viewer = require_admin(viewer)
    password_hash = await asyncio.to_thread(
        hash_password, checked_password(password, field="password")
    )
    departments = await _departments(department_ids)
    try:
        async with unit_of_work():
            staff = await Staff.create(
                email=_email(email),
                name=_text(name, "name"),
                role=role,
                language=language,
                password_hash=password_hash,
            )
            await staff.departments.add(*departments)
            await _audit(
                viewer,
                "staff.create",
                staff,
                STAFF_FIELDS,
                None,
                department_ids=sorted(d.id for d in departments),
            )
    except IntegrityError as error:
        raise Conflict("A staff member already has this email.", field="email") from error
    return staff


async def update_staff(
    *,
    viewer: Viewer | None,
    staff_id: int,
    name: str | None = None,
    role: StaffRole | None = None,
    department_ids: Sequence[int] | None = None,
    is_active: bool | None = None,
) -> Staff:
    """Change a staff member's role, departments or status; deactivation ends their sessions."""
    viewer = require_admin(viewer)
    staff = await _get(Staff, staff_id, "staffId")
    assert isinstance(staff, Staff)
    if staff.id == viewer.staff_id and (is_active is False or role not in (None, StaffRole.ADMIN)):
        raise NotAllowed("Administrators cannot demote or deactivate themselves.", field="staffId")
    before = {
        **audit.snapshot(staff, STAFF_FIELDS),
        "department_ids": sorted(d.id for d in await staff.departments.all()),
    }
    async with unit_of_work():
        if name is not None:
            staff.name = _text(name, "name")
        if role is not None:
            staff.role = role
        if is_active is not None:
            staff.is_active = is_active
        await staff.save()
        if department_ids is not None:
            await staff.departments.clear()
            await staff.departments.add(*await _departments(department_ids))
        if is_active is False:
            await _revoke_tokens(staff_id=staff.id)
        department_ids = sorted(d.id for d in await staff.departments.all())
        await _audit(
            viewer, "staff.update", staff, STAFF_FIELDS, before, department_ids=department_ids
        )
    return staff


async def save_department(
    *,
    viewer: Viewer | None,
    department_id: int | None = None,
    code: str | None = None,
    name: str,
    name_es: str,
) -> Department:
    """Create a department (with a code) or rename one (admins)."""
    viewer = require_admin(viewer)
    if department_id is None:
        try:
            async with unit_of_work():
                created = await Department.create(
                    code=_text(code or "", "code", limit=32).upper(),
                    name=_text(name, "name", limit=100),
                    name_es=_text(name_es, "nameEs", limit=100),
                )
                await _audit(viewer, "department.create", created, DEPARTMENT_FIELDS, None)
            return created
        except IntegrityError as error:
            raise Conflict("A department already has this code.", field="code") from error
    department = await _get(Department, department_id, "departmentId")
    assert isinstance(department, Department)
    before = audit.snapshot(department, DEPARTMENT_FIELDS)
    department.name = _text(name, "name", limit=100)
    department.name_es = _text(name_es, "nameEs", limit=100)
    async with unit_of_work():
        await department.save()
        await _audit(viewer, "department.update", department, DEPARTMENT_FIELDS, before)
    return department


async def save_category(
    *,
    viewer: Viewer | None,
    category_id: int | None = None,
    code: str | None = None,
    department_id: int,
    name: str,
    name_es: str,
    default_impact: Impact,
) -> Category:
    """Create a category (with a code) or change one (admins)."""
    viewer = require_admin(viewer)
    department = await _get(Department, department_id, "departmentId")
    fields = {
        "department_id": department.pk,
        "name": _text(name, "name", limit=100),
        "name_es": _text(name_es, "nameEs", limit=100),
        "default_impact": default_impact,
    }
    if category_id is None:
        try:
            async with unit_of_work():
                created = await Category.create(code=_text(code or "", "code", limit=64), **fields)
                await _audit(viewer, "category.create", created, CATEGORY_FIELDS, None)
            return created
        except IntegrityError as error:
            raise Conflict("A category already has this code.", field="code") from error
    category = await _get(Category, category_id, "categoryId")
    assert isinstance(category, Category)
    async with unit_of_work():
        await Category.filter(id=category.id).update(**fields)
        changed = await Category.get(id=category.id)
        await _audit(
            viewer,
            "category.update",
            changed,
            CATEGORY_FIELDS,
            audit.snapshot(category, CATEGORY_FIELDS),
        )
    return changed


async def update_support_level(
    *,
    viewer: Viewer | None,
    support_level_id: int,
    name: str | None = None,
    description: str | None = None,
    channels: Mapping[Channel, ChannelCondition] | None = None,
) -> SupportLevel:
    """Change a support level's name, description or channels and their conditions (admins)."""
    viewer = require_admin(viewer)
    level = await _get(SupportLevel, support_level_id, "supportLevelId")
    assert isinstance(level, SupportLevel)
    before = audit.snapshot(level, LEVEL_FIELDS)
    if name is not None:
        level.name = _text(name, "name", limit=100)
    if description is not None:
        level.description = description.strip()[:2000]
    if channels is not None:
        level.channels = [channel.value for channel in channels]
        level.channel_conditions = {
            channel.value: condition.value
            for channel, condition in channels.items()
            if condition is not ChannelCondition.ALWAYS
        }
    async with unit_of_work():
        await level.save()
        await _audit(viewer, "support_level.update", level, LEVEL_FIELDS, before)
    return level


async def create_customer(
    *,
    viewer: Viewer | None,
    client_number: str,
    name: str,
    email: str,
    language: Language = Language.ES,
    password: str | None = None,
    send_welcome: bool = False,
) -> Customer:
    """Add a customer (admins, or partners with customers:write, who then own it). Without a
    password the customer sets one from the welcome mail or through password recovery."""
    viewer = require_scope(viewer, CUSTOMERS_WRITE)
    if not (viewer.is_admin or viewer.is_partner):
        raise NotAllowed("Only administrators and partners can add customers.")
    secret = checked_password(password) if password is not None else secrets.token_urlsafe(32)
    password_hash = await asyncio.to_thread(hash_password, secret)
    try:
        async with unit_of_work() as uow:
            customer = await Customer.create(
                client_number=_text(client_number, "clientNumber", limit=32).upper(),
                name=_text(name, "name"),
                email=_email(email),
                language=language,
                password_hash=password_hash,
                partner_id=viewer.partner_id,
            )
            await _audit(viewer, "customer.create", customer, CUSTOMER_FIELDS, None)
            if send_welcome:
                await send_welcome_mail(uow, customer)
        return customer
    except IntegrityError as error:
        raise Conflict(
            "A customer already has this client number.", field="clientNumber"
        ) from error


async def update_customer(
    *,
    viewer: Viewer | None,
    customer_id: int,
    name: str | None = None,
    email: str | None = None,
    is_active: bool | None = None,
) -> Customer:
    """Change a customer's details or status; deactivation ends their sessions (admins)."""
    viewer = require_admin(viewer)
    customer = await _get(Customer, customer_id, "customerId")
    assert isinstance(customer, Customer)
    before = audit.snapshot(customer, CUSTOMER_FIELDS)
    if name is not None:
        customer.name = _text(name, "name")
    if email is not None:
        customer.email = _email(email)
    if is_active is not None:
        customer.is_active = is_active
    async with unit_of_work():
        await customer.save()
        if is_active is False:
            await _revoke_tokens(customer_id=customer.id)
        await _audit(viewer, "customer.update", customer, CUSTOMER_FIELDS, before)
    return customer


async def add_service(
    *, viewer: Viewer | None, customer_id: int, name: str, support_level_id: int
) -> Service:
    """Give a customer a service at a support level (admins, or partners for their customers)."""
    viewer = require_scope(viewer, CUSTOMERS_WRITE)
    if not (viewer.is_admin or viewer.is_partner):
        raise NotAllowed("Only administrators and partners can add services.")
    customers = Customer.filter(id=customer_id)
    if viewer.is_partner:
        customers = customers.filter(partner_id=viewer.partner_id)
    customer = await customers.first()
    if customer is None:
        raise NotFound("Unknown customer.", field="customerId")
    level = await _get(SupportLevel, support_level_id, "supportLevelId")
    assert isinstance(level, SupportLevel)
    if not level.is_active:
        raise NotAllowed(
            "This support level is retired: choose another. / Este nivel de soporte está "
            "retirado: elija otro.",
            field="supportLevelId",
        )
    async with unit_of_work():
        service = await Service.create(
            customer=customer, name=_text(name, "name"), support_level_id=level.pk
        )
        await _audit(viewer, "service.create", service, SERVICE_FIELDS, None)
    return service


async def update_service(
    *,
    viewer: Viewer | None,
    service_id: int,
    name: str | None = None,
    support_level_id: int | None = None,
    is_active: bool | None = None,
) -> Service:
    """Rename a service, move it to another support level, or end it (admins)."""
    viewer = require_admin(viewer)
    service = await _get(Service, service_id, "serviceId")
    assert isinstance(service, Service)
    before = audit.snapshot(service, SERVICE_FIELDS)
    if name is not None:
        service.name = _text(name, "name")
    if support_level_id is not None:
        service.support_level_id = (await _get(SupportLevel, support_level_id, "supportLevelId")).pk
    if is_active is not None:
        service.is_active = is_active
    async with unit_of_work():
        await service.save()
        await _audit(viewer, "service.update", service, SERVICE_FIELDS, before)
    return service
