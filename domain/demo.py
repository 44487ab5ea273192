"""Demo data for embedded mode (DESIGN.md §4): the example catalogue, customers and staff."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.transactions import in_transaction

from domain.catalog.apply_config import apply_catalogue
from domain.catalog.config_file import parse_catalogue
from domain.config import PROJECT_ROOT
from domain.identity.auth import hash_password
from domain.kb.demo_articles import seed_demo_articles
from domain.models import Customer, Department, Language, Service, Staff, StaffRole, SupportLevel

DEMO_PASSWORD = "demo-password"


@dataclass(frozen=True)
class DemoLogin:
    """One demo account as the CLI shows it: who, and what to log in with."""

    who: str
    login: str
    role: str
    password: str = DEMO_PASSWORD


DEMO_CREDENTIALS: tuple[DemoLogin, ...] = (
    DemoLogin("Comercial Andina SAS (Nivel 1)", "C-1001", "customer"),
    DemoLogin("Laura Gómez (Nivel 2)", "C-1002", "customer"),
    DemoLogin("Northwind Traders (Nivel 3)", "C-1003", "customer"),
    DemoLogin("Ana Agent (Technical Support)", "agent@mesa.example", "agent"),
    DemoLogin("Bruno Billing (Billing)", "billing@mesa.example", "agent"),
    DemoLogin("Sofía Supervisor", "supervisor@mesa.example", "supervisor"),
    DemoLogin("Andrés Admin", "admin@mesa.example", "admin"),
)

# The catalogue (calendar, levels, departments, categories, custom fields: "Dominio" and
# "IP del servidor" in Technical Support, "Número de factura" in Billing) is the example file
# an operator applies with `mesa apply-config`: one source for the demo and production.
CATALOGUE_FILE = PROJECT_ROOT / "examples" / "helpdesk.toml"
DEMO_ACTOR = "mesa seed-demo"

# (client number, name, email, language, service, level code)
_CUSTOMERS = (
    (
        "C-1001",
        "Comercial Andina SAS",
        "cliente1001@example.com",
        Language.ES,
        "Hosting Plan Básico",
        "N1",
    ),
    ("C-1002", "Laura Gómez", "cliente1002@example.com", Language.ES, "VPS Estándar", "N2"),
    (
        "C-1003",
        "Northwind Traders",
        "cliente1003@example.com",
        Language.EN,
        "Dedicated Server Premium",
        "N3",
    ),
)

_EVERY_DEPARTMENT = ("TECH", "BILLING", "GENERAL")
# (email, name, role, department codes)
_STAFF = (
    ("agent@mesa.example", "Ana Agent", StaffRole.AGENT, ("TECH",)),
    ("billing@mesa.example", "Bruno Billing", StaffRole.AGENT, ("BILLING",)),
    ("supervisor@mesa.example", "Sofía Supervisor", StaffRole.SUPERVISOR, _EVERY_DEPARTMENT),
    ("admin@mesa.example", "Andrés Admin", StaffRole.ADMIN, _EVERY_DEPARTMENT),
)


async def seed_demo() -> bool:
    """Load the demo data into an empty database; False (and no change) when data exists."""
    if await SupportLevel.exists():
        return False
    catalogue = parse_catalogue(CATALOGUE_FILE.read_text(encoding="utf-8"))
    # argon2 is deliberately slow: hash once, off the event loop, and share the hash.
    password_hash = await asyncio.to_thread(hash_password, DEMO_PASSWORD)
    async with in_transaction() as connection:
        # Checked again inside the transaction so a concurrent seed cannot double the data.
        if await SupportLevel.exists(using_db=connection):
            return False
        await apply_catalogue(catalogue, actor=DEMO_ACTOR, connection=connection)
        levels = {level.code: level for level in await SupportLevel.all().using_db(connection)}
        departments = {
            department.code: department
            for department in await Department.all().using_db(connection)
        }
        await _seed_customers(connection, levels, password_hash)
        await _seed_staff(connection, departments, password_hash)
        await seed_demo_articles(connection)
    return True


async def _seed_customers(
    connection: BaseDBAsyncClient, levels: dict[str, SupportLevel], password_hash: str
) -> None:
    for client_number, name, email, language, service, level_code in _CUSTOMERS:
        customer = await Customer.create(
            client_number=client_number,
            name=name,
            email=email,
            language=language,
            password_hash=password_hash,
            using_db=connection,
        )
        await Service.create(
            customer=customer, name=service, support_level=levels[level_code], using_db=connection
        )


async def _seed_staff(
    connection: BaseDBAsyncClient, departments: dict[str, Department], password_hash: str
) -> None:
    for email, name, role, department_codes in _STAFF:
        staff = await Staff.create(
            email=email, name=name, role=role, password_hash=password_hash, using_db=connection
        )
        await staff.departments.add(
            *(departments[code] for code in department_codes), using_db=connection
        )


async def demo_data_loaded() -> bool:
    """Whether the demo staff accounts exist (the CLI then prints their credentials)."""
    return await Staff.filter(email__in=[email for email, *_ in _STAFF]).exists()
