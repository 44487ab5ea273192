"""The data the authorization matrix works on, and its principals.

Customer B belongs to a partner and is the target of every case; customer A is another
customer; the guest holds a pass for one of A's tickets."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from api.core.ids import encode_id
from domain.identity.auth import issue_token
from domain.models import (
    AgentPreferences,
    Announcement,
    Article,
    ArticleVote,
    AuditEntry,
    AuthToken,
    BlockedSender,
    BusinessCalendar,
    CalendarHoliday,
    CannedResponse,
    Category,
    Customer,
    Department,
    Message,
    Notification,
    NotificationKind,
    Partner,
    PartnerKey,
    Service,
    SlaTarget,
    Staff,
    SupportLevel,
    Ticket,
    TicketEvent,
    TicketTag,
    TicketView,
    TicketWatcher,
    TokenKind,
)
from domain.tickets.actions import NewTicket
from domain.tickets.guest_tickets import GuestRequester, open_guest_ticket
from tests.access_helpers import new_customer
from tests.conftest import AGENT_LOGIN, DEMO_PASSWORD, LOGIN
from tests.email_support import settings
from tests.factories import CREATE_TICKET, category_id
from tests.graphql_client import GraphQLClient
from tests.rate_limits import reset_rate_limits
from tests.test_partners import new_partner

PASSWORD = "first-password"
B_NUMBER, A_NUMBER = "C-9601", "C-9602"
STAFF_LOGINS = {
    "agent_outside": "billing@mesa.example",
    "agent": "agent@mesa.example",
    "supervisor": "supervisor@mesa.example",
    "admin": "admin@mesa.example",
}
PRINCIPALS = (
    "anonymous",
    "guest_other",
    "customer_a",
    "agent_outside",
    "agent",
    "supervisor",
    "admin",
    "partner",
    "partner_unscoped",
)


def unique(prefix: str) -> str:
    return f"{prefix}{uuid.uuid4().hex[:8]}"


async def payload(
    gql: GraphQLClient, query: str, token: str | None = None, **variables: Any
) -> Any:
    return next(iter((await gql.execute(query, variables, token=token)).data.values()))


@dataclass
class World:
    gql: GraphQLClient
    admin: str
    b_token: str
    b_pk: int
    b_service: str
    a_ticket_tracking_id: str
    partner_id: str
    keys: dict[str, str]
    shared: dict[str, str | None] | None = None

    @property
    def b_id(self) -> str:
        return encode_id("Customer", self.b_pk)

    async def b_ticket(self) -> dict[str, Any]:
        """A fresh TECH ticket of customer B."""
        data = {
            "subject": "Los registros DNS no propagan",
            "message": "Cambié el registro A.",
            "categoryId": await category_id(self.gql, "dns_configuration"),
            "serviceId": self.b_service,
        }
        created = await payload(self.gql, CREATE_TICKET, self.b_token, input=data)
        assert created["__typename"] == "CreateTicketSuccess", created
        ticket: dict[str, Any] = created["ticket"]
        return ticket

    async def shared_principals(self) -> dict[str, str | None]:
        """Tokens of every principal, logged in once for the cases that end no session."""
        if self.shared is None:
            self.shared = await self.principals()
        return self.shared

    async def principals(self) -> dict[str, str | None]:
        """Fresh tokens of every principal (fresh, so a case may log one out)."""
        await reset_rate_limits()
        tokens: dict[str, str | None] = {"anonymous": None, **self.keys}
        for name, email in STAFF_LOGINS.items():
            login = await payload(self.gql, AGENT_LOGIN, e=email, p=DEMO_PASSWORD)
            tokens[name] = login["token"]
        tokens["customer_a"] = (await payload(self.gql, LOGIN, n=A_NUMBER, p=PASSWORD))["token"]
        customer_a = await Customer.get(client_number=A_NUMBER)
        ticket = await Ticket.get(tracking_id=self.a_ticket_tracking_id)
        raw, _ = await issue_token(TokenKind.GUEST, ticket=ticket)
        assert ticket.customer_id == customer_a.id
        tokens["guest_other"] = raw
        return tokens

    async def reset_code(self) -> str:
        """A password-reset code of a throwaway customer."""
        customer = await new_customer(unique("R-"))
        raw, _ = await issue_token(TokenKind.PASSWORD_RESET, customer=customer)
        return raw

    async def guest_confirmation_code(self) -> str:
        """The mailed code of a guest ticket held for its new address to be confirmed."""
        email = f"{unique('held-').lower()}@example.org"
        tech = await Department.get(code="TECH")
        with settings(guest_confirmation="new-addresses"):
            created = await open_guest_ticket(
                viewer=None,
                guest=GuestRequester(name="Invitada", email=email),
                data=NewTicket(
                    subject="Ayuda", message="No entra el correo.", department_id=tech.id
                ),
                honeypot=None,
                client_address="",
            )
        assert created.access is None
        mail = await Notification.get(recipient=email, kind=NotificationKind.GUEST_CONFIRMATION)
        code: str = mail.payload["token"]
        return code

    async def snapshot(self) -> dict[str, Any]:
        """Everything a denied case could have changed."""
        from tests.matrix_rows_automation import snapshot as automation_snapshot
        from tests.matrix_rows_satisfaction import snapshot as satisfaction_snapshot

        return {
            "tickets": await Ticket.all().count(),
            "b_tickets": await Ticket.filter(customer_id=self.b_pk).order_by("id").values(),
            "b_messages": await Message.filter(ticket__customer_id=self.b_pk).count(),
            "b_events": await TicketEvent.filter(ticket__customer_id=self.b_pk).count(),
            "customers": await Customer.all().order_by("id").values(),
            "services": await Service.all().order_by("id").values(),
            "staff": await Staff.all().order_by("id").values(),
            "departments": await Department.all().order_by("id").values(),
            "categories": await Category.all().order_by("id").values(),
            "levels": await SupportLevel.all().order_by("id").values(),
            "partners": await Partner.all().order_by("id").values(),
            "keys": await PartnerKey.all().order_by("id").values(),
            # Reset codes aside: a new one revokes the older ones from a worker job, which in
            # distributed mode may land while a later case runs.
            "revoked": await AuthToken.filter(revoked_at__not_isnull=True)
            .exclude(kind=TokenKind.PASSWORD_RESET)
            .count(),
            "calendars": await BusinessCalendar.all().order_by("id").values(),
            "holidays": await CalendarHoliday.all().order_by("id").values(),
            "targets": await SlaTarget.all().order_by("id").values(),
            "articles": await Article.all().order_by("id").values(),
            "votes": await ArticleVote.all().count(),
            "announcements": await Announcement.all().order_by("id").values(),
            "ticket_tags": await TicketTag.all().count(),
            "canned_responses": await CannedResponse.all().order_by("id").values(),
            "ticket_views": await TicketView.all().order_by("id").values(),
            "watchers": await TicketWatcher.all().count(),
            "agent_preferences": await AgentPreferences.all().order_by("staff_id").values(),
            "blocked_senders": await BlockedSender.all().order_by("id").values(),
            "audit": await AuditEntry.all().count(),
            **await automation_snapshot(),
            **await satisfaction_snapshot(),
        }


async def build_world(gql: GraphQLClient, admin: str) -> World:
    await reset_rate_limits()
    every_scope = ["tickets:read", "tickets:write", "customers:write"]
    key, _, partner_pk = await new_partner(gql, admin, unique("Matrix "), every_scope)
    partner_id = encode_id("Partner", partner_pk)
    issued = await payload(
        gql,
        "mutation($input: CreatePartnerKeyInput!) { createPartnerKey(input: $input) "
        "{ ... on CreatePartnerKeySuccess { key } } }",
        admin,
        input={"partnerId": partner_id, "name": "no scopes", "scopes": []},
    )
    b = await new_customer(B_NUMBER, level="N3")
    await Customer.filter(id=b.id).update(partner_id=partner_pk)
    b_token = (await payload(gql, LOGIN, n=B_NUMBER, p=PASSWORD))["token"]
    b_service = encode_id("Service", (await Service.get(customer_id=b.id)).id)
    await new_customer(A_NUMBER)
    a_token = (await payload(gql, LOGIN, n=A_NUMBER, p=PASSWORD))["token"]
    a_ticket = await payload(
        gql,
        CREATE_TICKET,
        a_token,
        input={
            "subject": "Otra consulta",
            "message": "Hola",
            "categoryId": await category_id(gql, "dns_configuration"),
        },
    )
    return World(
        gql=gql,
        admin=admin,
        b_token=b_token,
        b_pk=b.id,
        b_service=b_service,
        a_ticket_tracking_id=a_ticket["ticket"]["trackingId"],
        partner_id=partner_id,
        keys={"partner": key, "partner_unscoped": issued["key"]},
    )
