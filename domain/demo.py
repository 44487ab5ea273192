"""Demo data for embedded mode (DESIGN.md §4): levels, calendar, catalogue, customers, staff."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.transactions import in_transaction

from domain.identity.auth import hash_password
from domain.kb.demo_articles import seed_demo_articles
from domain.models import (
    BusinessCalendar,
    Category,
    Customer,
    Department,
    Impact,
    Language,
    Service,
    SlaClock,
    SlaTarget,
    Staff,
    StaffRole,
    SupportLevel,
)

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

_WEEKDAYS_8_TO_18 = {str(day): [["08:00", "18:00"]] for day in range(5)}
_ALL_CHANNELS = ["WEB", "EMAIL", "API", "CHAT", "PHONE"]
_ALL_CHANNELS_BUT_CHAT = ["WEB", "EMAIL", "API", "PHONE"]

# (code, name, rank, channels, conditions on channels, description)
_LEVELS: tuple[tuple[str, str, int, list[str], dict[str, str], str], ...] = (
    (
        "N1",
        "Nivel 1",
        1,
        _ALL_CHANNELS_BUT_CHAT,
        {"PHONE": "EXISTING_TICKET"},
        "Included in every service. Tickets and email; phone only about an existing ticket. "
        "High impact: up to 1 h, 24/7. Medium: 3-5 business hours. Low: 5-6 business hours.",
    ),
    (
        "N2",
        "Nivel 2",
        2,
        _ALL_CHANNELS,
        {"CHAT": "BUSINESS_HOURS", "PHONE": "BUSINESS_HOURS"},
        "Included in some services. Tickets and email; chat and phone in business hours. "
        "High impact: up to 1 h, 24/7. Medium: 2-3 business hours. Low: 3-4 business hours.",
    ),
    (
        "N3",
        "Nivel 3 Premium",
        3,
        _ALL_CHANNELS,
        # Email stays open around the clock as on every level; "in business hours" (seed 001)
        # is when it is answered with priority.
        {"CHAT": "BUSINESS_HOURS", "PHONE": "BUSINESS_HOURS"},
        "Premium (COP 120.900 + IVA per month). Tickets 24/7; priority email, chat and phone "
        "in business hours; remote assistance. Every impact: under 1 h, 24/7.",
    ),
)

_HIGH, _MEDIUM, _LOW = Impact.HIGH, Impact.MEDIUM, Impact.LOW
_ALWAYS, _BUSINESS = SlaClock.ALWAYS, SlaClock.BUSINESS_HOURS

# level code -> (impact, clock, expected minutes, due minutes)
_TARGETS = {
    "N1": ((_HIGH, _ALWAYS, 60, 60), (_MEDIUM, _BUSINESS, 180, 300), (_LOW, _BUSINESS, 300, 360)),
    "N2": ((_HIGH, _ALWAYS, 60, 60), (_MEDIUM, _BUSINESS, 120, 180), (_LOW, _BUSINESS, 180, 240)),
    "N3": ((_HIGH, _ALWAYS, 60, 60), (_MEDIUM, _ALWAYS, 60, 60), (_LOW, _ALWAYS, 60, 60)),
}

_DEPARTMENTS = (
    ("TECH", "Technical Support", "Soporte Técnico"),
    ("BILLING", "Billing", "Facturación"),
    ("GENERAL", "General Enquiries", "Consultas Generales"),
)

# The case types of seed 001: (code, name, name_es, department code, default impact)
_CATEGORIES = (
    ("service_down", "Service or server down", "Caída del servicio o servidor", "TECH", _HIGH),
    (
        "service_unstable",
        "Non-functional service or prolonged intermittency",
        "Servicio no funcional o intermitencia prolongada",
        "TECH",
        _HIGH,
    ),
    ("security_attack", "Attack by a third party", "Ataque de un tercero o hacker", "TECH", _HIGH),
    (
        "payment_new_service",
        "Payment report for a new service",
        "Reporte de pago para activación de nuevo servicio",
        "BILLING",
        _HIGH,
    ),
    ("firewall_ip_block", "Firewall IP block", "Bloqueo de IP en el firewall", "TECH", _MEDIUM),
    (
        "reactivation_after_suspension",
        "Reactivation after suspension for non-payment",
        "Reactivación de servicio por suspensión de pago",
        "BILLING",
        _MEDIUM,
    ),
    (
        "data_loss",
        "Accidental loss of user data",
        "Pérdida involuntaria de información o datos del usuario",
        "TECH",
        _MEDIUM,
    ),
    ("backup_restore", "Backup restore", "Restauración de backups", "TECH", _MEDIUM),
    (
        "programming_database_errors",
        "User programming or database errors",
        "Errores de programación o bases de datos del usuario",
        "TECH",
        _MEDIUM,
    ),
    ("licensing_errors", "Licensing errors", "Errores de licenciamiento", "TECH", _MEDIUM),
    ("dns_configuration", "DNS configuration", "Configuración de DNS", "TECH", _MEDIUM),
    (
        "password_panel_access",
        "Password reset or control-panel access",
        "Restablecimiento de contraseñas o acceso a paneles de control",
        "TECH",
        _LOW,
    ),
    (
        "payment_renewal",
        "Payment report for a renewal",
        "Reporte de pago para renovación",
        "BILLING",
        _LOW,
    ),
    (
        "reports_logs",
        "Request for reports or logs",
        "Solicitud de informes o logs",
        "GENERAL",
        _LOW,
    ),
    (
        "how_to",
        "How-to guidance for tools and panels",
        "Instrucciones o guía de uso de las herramientas o paneles de control",
        "GENERAL",
        _LOW,
    ),
)

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
    # argon2 is deliberately slow: hash once, off the event loop, and share the hash.
    password_hash = await asyncio.to_thread(hash_password, DEMO_PASSWORD)
    async with in_transaction() as connection:
        # Checked again inside the transaction so a concurrent seed cannot double the data.
        if await SupportLevel.exists(using_db=connection):
            return False
        levels = await _seed_levels(connection)
        departments = await _seed_catalogue(connection)
        await _seed_customers(connection, levels, password_hash)
        await _seed_staff(connection, departments, password_hash)
        await seed_demo_articles(connection)
    return True


async def _seed_levels(connection: BaseDBAsyncClient) -> dict[str, SupportLevel]:
    calendar = await BusinessCalendar.create(
        name="Bogotá",
        timezone="America/Bogota",
        weekly_hours=_WEEKDAYS_8_TO_18,
        holiday_country="CO",
        using_db=connection,
    )
    levels: dict[str, SupportLevel] = {}
    for code, name, rank, channels, conditions, description in _LEVELS:
        level = await SupportLevel.create(
            code=code,
            name=name,
            rank=rank,
            channels=list(channels),
            channel_conditions=dict(conditions),
            description=description,
            calendar=calendar,
            using_db=connection,
        )
        for impact, clock, expected, due in _TARGETS[code]:
            await SlaTarget.create(
                support_level=level,
                impact=impact,
                clock=clock,
                first_response_expected_minutes=expected,
                first_response_due_minutes=due,
                using_db=connection,
            )
        levels[code] = level
    return levels


async def _seed_catalogue(connection: BaseDBAsyncClient) -> dict[str, Department]:
    departments = {
        code: await Department.create(code=code, name=name, name_es=name_es, using_db=connection)
        for code, name, name_es in _DEPARTMENTS
    }
    for code, name, name_es, department_code, impact in _CATEGORIES:
        await Category.create(
            code=code,
            name=name,
            name_es=name_es,
            department=departments[department_code],
            default_impact=impact,
            using_db=connection,
        )
    return departments


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
