"""Signatures (FreeScout's mailbox signature, Zammad's group signature, and each agent's
own): appended, in the recipient's language, to the mail that carries an agent's reply,
the agent's first and then the department's. The stored message stays as the agent wrote
it. Placeholders {{ agent_name }} and {{ department_name }} are filled in as plain text
(no template code runs); the HTML part escapes the result like any other value."""

from __future__ import annotations

import re
from dataclasses import dataclass

from domain.catalog import audit
from domain.catalog.cache import cached
from domain.errors import NotAllowed, NotFound, ValidationFailed
from domain.identity.access import require_staff
from domain.identity.viewer import Viewer
from domain.models import Department, Language, Staff
from domain.uow import unit_of_work

SIGNATURE_MAX = 2000
PLACEHOLDERS = ("agent_name", "department_name")
_PLACEHOLDER = re.compile(r"\{\{\s*(\w+)\s*\}\}")


@dataclass(frozen=True)
class SignatureDraft:
    body_es: str
    body_en: str
    department_id: int | None = None  # none: the viewer's own


def _clean(body: str, field: str) -> str:
    body = body.replace("\x00", "").replace("\r\n", "\n").strip()
    if len(body) > SIGNATURE_MAX:
        raise ValidationFailed(
            f"A signature is at most {SIGNATURE_MAX} characters. / Una firma tiene como máximo "
            f"{SIGNATURE_MAX} caracteres.",
            field=field,
        )
    for name in _PLACEHOLDER.findall(body):
        if name not in PLACEHOLDERS:
            raise ValidationFailed(
                f"Unknown placeholder {{{{ {name} }}}}; use {{{{ agent_name }}}} or "
                f"{{{{ department_name }}}}. / Marcador desconocido {{{{ {name} }}}}.",
                field=field,
            )
    return body


async def save_signature(*, viewer: Viewer | None, draft: SignatureDraft) -> Staff | Department:
    """Set the viewer's own signature (any staff) or a department's (admins); an empty body
    removes it."""
    viewer = require_staff(viewer)
    body_es, body_en = _clean(draft.body_es, "bodyEs"), _clean(draft.body_en, "bodyEn")
    async with unit_of_work() as uow:
        row: Staff | Department | None
        if draft.department_id is None:
            row = await Staff.get_or_none(id=viewer.staff_id, using_db=uow.connection)
            if row is None:
                raise NotAllowed("Only agents have a signature. / Solo los agentes tienen firma.")
        else:
            if not viewer.is_admin:
                raise NotAllowed(
                    "Only administrators set a department's signature. / Solo los "
                    "administradores fijan la firma de un departamento.",
                    field="departmentId",
                )
            row = await Department.get_or_none(id=draft.department_id, using_db=uow.connection)
            if row is None:
                raise NotFound("Unknown department.", field="departmentId")
        fields = ("signature_es", "signature_en")
        before = audit.snapshot(row, fields)
        row.signature_es, row.signature_en = body_es, body_en
        await row.save(using_db=uow.connection, update_fields=list(fields))
        entity = "staff" if isinstance(row, Staff) else "department"
        await audit.record(
            uow.connection,
            actor=viewer,
            action=f"{entity}.set_signature",
            entity=entity,
            entity_id=row.id,
            before=before,
            after=audit.snapshot(row, fields),
        )
    return row


def _body(row: Staff | Department | None, language: Language) -> str:
    if row is None:
        return ""
    return (row.signature_en if language is Language.EN else row.signature_es) or ""


def fill(body: str, values: dict[str, str]) -> str:
    """Replace the known placeholders with plain text, nothing else."""
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), body)


async def signing_staff(staff_id: int | None) -> Staff | None:
    """A staff member as their replies are signed (name, signatures), from the catalogue's
    cache: any change to the staff advances its stamp (migration 0029). Shared: never
    changed."""
    if staff_id is None:
        return None
    return await cached("staff", staff_id, lambda: Staff.get_or_none(id=staff_id))


def render_signature(staff: Staff | None, department: Department | None, language: Language) -> str:
    """The signature block for a reply: the agent's, then the department's."""
    values = {
        "agent_name": staff.name if staff else "",
        "department_name": (
            (department.name_es or department.name)
            if department and language is Language.ES
            else (department.name if department else "")
        ),
    }
    parts = [fill(_body(row, language), values).strip() for row in (staff, department)]
    return "\n\n".join(part for part in parts if part)
