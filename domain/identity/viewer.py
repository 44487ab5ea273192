"""Who is acting: the authenticated person behind a request or a job."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from domain.frozen_init import fast_init
from domain.models import Language, StaffRole


class ViewerKind(StrEnum):
    CUSTOMER = "CUSTOMER"
    STAFF = "STAFF"
    GUEST = "GUEST"
    PARTNER = "PARTNER"
    SYSTEM = "SYSTEM"


@fast_init
@dataclass(frozen=True)
class Viewer:
    kind: ViewerKind
    name: str = ""
    language: Language = Language.ES
    # The language the person saved (a customer's or staff member's, the one a guest chose on
    # the web form): messages shown to them follow it before the request's Accept-Language.
    saved_language: Language | None = None
    customer_id: int | None = None
    # A customer's email address, as their session read it (empty where it was not read).
    email: str = ""
    staff_id: int | None = None
    role: StaffRole | None = None
    department_ids: frozenset[int] = field(default_factory=frozenset)
    token_id: int | None = None
    ticket_id: int | None = None  # the one ticket a guest token opens
    partner_id: int | None = None
    scopes: frozenset[str] = field(default_factory=frozenset)
    partner_key_id: int | None = None
    rate_limit: int = 0  # a partner key's operations per minute

    @property
    def is_customer(self) -> bool:
        return self.kind is ViewerKind.CUSTOMER

    @property
    def is_staff(self) -> bool:
        return self.kind is ViewerKind.STAFF

    @property
    def is_guest(self) -> bool:
        return self.kind is ViewerKind.GUEST

    @property
    def is_partner(self) -> bool:
        return self.kind is ViewerKind.PARTNER

    @property
    def is_requester(self) -> bool:
        """Customers, guests, and partners acting for their customers: who reply to and
        reopen a ticket under the customer's rules."""
        return self.kind in (ViewerKind.CUSTOMER, ViewerKind.GUEST, ViewerKind.PARTNER)

    @property
    def is_admin(self) -> bool:
        return self.is_staff and self.role is StaffRole.ADMIN

    def has_scope(self, scope: str) -> bool:
        return self.is_partner and scope in self.scopes

    @property
    def is_system(self) -> bool:
        return self.kind is ViewerKind.SYSTEM

    @property
    def sees_every_department(self) -> bool:
        """Supervisors and admins work across departments; agents only in their own."""
        return self.is_system or self.role in (StaffRole.SUPERVISOR, StaffRole.ADMIN)

    def works_in(self, department_id: int) -> bool:
        return self.is_staff and (
            self.sees_every_department or department_id in self.department_ids
        )


SYSTEM = Viewer(kind=ViewerKind.SYSTEM, name="Mesa")
