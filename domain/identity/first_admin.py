"""The first administrator of an empty install, created from the command line."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from tortoise.exceptions import IntegrityError

from domain.errors import Conflict, ValidationFailed
from domain.identity.auth import hash_password
from domain.identity.passwords import checked_password
from domain.models import Department, Language, Staff, StaffRole
from domain.uow import unit_of_work


@dataclass(frozen=True)
class FirstAdmin:
    staff: Staff
    created: bool


def _checked_email(email: str) -> str:
    address = email.strip().lower()
    local, _, domain = address.partition("@")
    if not local or "." not in domain or len(address) > 254 or " " in address:
        raise ValidationFailed(
            "Give a valid email address. / Indique una dirección de correo válida.", field="email"
        )
    return address


def _checked_name(name: str) -> str:
    name = name.strip()
    if not 1 <= len(name) <= 200:
        raise ValidationFailed(
            "The name needs 1 to 200 characters. / El nombre necesita de 1 a 200 caracteres.",
            field="name",
        )
    return name


async def ensure_admin(
    *, email: str, name: str, password: str, language: Language = Language.ES
) -> FirstAdmin:
    """Create an administrator; an administrator with this email already there is left as is
    (its password too), so a deploy script may run this on every start."""
    address = _checked_email(email)
    display_name = _checked_name(name)
    checked_password(password, field="password")
    existing = await Staff.get_or_none(email=address)
    if existing is not None:
        return _existing(existing)
    password_hash = await asyncio.to_thread(hash_password, password)
    try:
        async with unit_of_work():
            staff = await Staff.create(
                email=address,
                name=display_name,
                role=StaffRole.ADMIN,
                language=language,
                password_hash=password_hash,
            )
            await staff.departments.add(*await Department.all())
    except IntegrityError:
        # Another process created it between our look and our insert.
        return _existing(await Staff.get(email=address))
    return FirstAdmin(staff, created=True)


def _existing(staff: Staff) -> FirstAdmin:
    if staff.role is not StaffRole.ADMIN or not staff.is_active:
        raise Conflict(
            "A staff member who is not an active administrator has this email: change their "
            "role in the API instead. / Un miembro del equipo con este correo no es un "
            "administrador activo: cambie su rol en la API.",
            field="email",
        )
    return FirstAdmin(staff, created=False)
