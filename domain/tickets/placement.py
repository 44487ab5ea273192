"""Where a new ticket is filed: its department and category, and the customer's service it is
about, each checked against the catalogue (read through its cache, domain.catalog.cache)."""

from __future__ import annotations

from domain.catalog.cache import cached
from domain.errors import NotFound, ValidationFailed
from domain.models import Category, Customer, Department, Service


async def resolve_placement(
    category_id: int | None, department_id: int | None
) -> tuple[Department, Category | None]:
    """The department and category a new ticket is filed under, as chosen: active ones, the
    category in the department (a category alone names its department)."""
    category = None
    if category_id is not None:
        # With its department: one statement for both when no department is named.
        category = await _category(category_id)
        if category is None:
            raise NotFound("Unknown category.", field="categoryId")
        if not category.is_active:
            raise ValidationFailed(
                "This category is retired: choose another. / Esta categoría está retirada: "
                "elija otra.",
                field="categoryId",
            )
    if department_id is not None:
        department = await department_by_id(department_id)
        if department is None:
            raise NotFound("Unknown department.", field="departmentId")
        if not department.is_active:
            raise ValidationFailed(
                "This department is retired: choose another. / Este departamento está "
                "retirado: elija otro.",
                field="departmentId",
            )
        if category is not None and category.department_id != department.id:
            raise ValidationFailed(
                "The category belongs to another department.", field="categoryId"
            )
        return department, category
    if category is None:
        raise ValidationFailed("Choose a category or a department.", field="categoryId")
    return category.department, category


async def _category(category_id: int) -> Category | None:
    return await cached(
        "category",
        category_id,
        lambda: Category.filter(id=category_id).select_related("department").first(),
    )


async def department_by_id(department_id: int) -> Department | None:
    """A department, retired or not, from the catalogue's cache (shared: never changed)."""
    return await cached(
        "department", department_id, lambda: Department.get_or_none(id=department_id)
    )


async def resolve_service(customer: Customer, service_id: int | None) -> Service | None:
    """The customer's own active service a ticket is about (None: none named)."""
    if service_id is None:
        return None
    service = await cached(
        "service",
        (service_id, customer.id),
        lambda: Service.get_or_none(id=service_id, customer_id=customer.id, is_active=True),
    )
    if service is None:
        raise NotFound("Unknown service.", field="serviceId")
    return service
