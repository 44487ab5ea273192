"""The whole API in one place: every capability's roots merged into Query, Mutation and
Subscription, and the node types `node(id)` resolves."""

from __future__ import annotations

import strawberry
from strawberry import relay
from strawberry.tools import merge_types

from api.access.mutations import AccessMutation, LoginMutation
from api.access.queries import ViewerQuery
from api.admin.mutations import AdminMutation
from api.admin.queries import AdminQuery
from api.admin.types import AuditEntry
from api.attachments.types import Attachment
from api.automation.mutations import AutomationMutation
from api.automation.queries import AutomationQuery
from api.automation.time_rules import TimeRuleMutation, TimeRuleQuery
from api.automation.types import WebhookDelivery
from api.catalog.mutations import CatalogMutation
from api.catalog.queries import CatalogQuery
from api.catalog.types import BusinessCalendar, Category, Department, SupportLevel
from api.core import schema as core
from api.core.context import Info
from api.core.ids import parse_global_id
from api.custom_fields.mutations import CustomFieldMutation
from api.custom_fields.queries import CustomFieldQuery
from api.desk.mutations import DeskMutation
from api.desk.queries import DeskQuery
from api.desk.types import BlockedSender
from api.kb.mutations import KbMutation
from api.kb.queries import KbQuery
from api.kb.subscriptions import KbSubscription
from api.kb.types import Announcement, Article
from api.notifications.queries import NotificationQuery
from api.partners.mutations import PartnerMutation
from api.partners.queries import PartnerQuery
from api.people.queries import PeopleQuery, StaffQuery
from api.people.types import Customer, Service, Staff
from api.satisfaction.mutations import SatisfactionMutation
from api.satisfaction.queries import SatisfactionQuery
from api.sla.mutations import SlaMutation
from api.sla.queries import SlaQuery
from api.sla.subscriptions import SlaSubscription
from api.tickets.contacts import ContactMutation
from api.tickets.mutations import TicketMutation
from api.tickets.queries import TicketQuery
from api.tickets.subscriptions import TicketSubscription
from api.tickets.types import Message, Ticket, TicketEvent
from api.workspace.macros import MacroMutation, MacroQuery
from api.workspace.mutations import WorkspaceMutation
from api.workspace.presence import PresenceMutation, PresenceSubscription
from api.workspace.queries import WorkspaceQuery
from api.workspace.subscriptions import WorkspaceSubscription
from domain.config import get_settings
from domain.errors import NotFound
from domain.identity import directory

NODE_TYPES = {
    "Ticket": Ticket,
    "Message": Message,
    "TicketEvent": TicketEvent,
    "Customer": Customer,
    "Service": Service,
    "Staff": Staff,
    "Department": Department,
    "Category": Category,
    "SupportLevel": SupportLevel,
    "Article": Article,
    "Announcement": Announcement,
    "Attachment": Attachment,
    "BusinessCalendar": BusinessCalendar,
    "AuditEntry": AuditEntry,
    "BlockedSender": BlockedSender,
    "WebhookDelivery": WebhookDelivery,
}


@strawberry.type
class NodeQuery:
    @strawberry.field(description="Any object by its global ID, if the viewer may see it.")
    async def node(self, info: Info, id: strawberry.ID) -> relay.Node | None:
        type_name, pk = parse_global_id(id) or ("", 0)
        found = None
        if type_name in NODE_TYPES:
            found = await directory.find_visible(info.context.viewer, type_name, pk)
        if found is None:
            raise NotFound("Nothing found with this ID.", field="id")
        node: relay.Node = NODE_TYPES[type_name].from_model(found)  # type: ignore[attr-defined]
        return node


# Each capability contributes its own root types; add new ones to these tuples (a root's
# fields keep this order in the schema).
Query = merge_types(
    "Query",
    (
        NodeQuery,
        ViewerQuery,
        TicketQuery,
        PeopleQuery,
        CatalogQuery,
        SlaQuery,
        KbQuery,
        NotificationQuery,
        WorkspaceQuery,
        StaffQuery,
        PartnerQuery,
        AdminQuery,
        MacroQuery,
        DeskQuery,
        AutomationQuery,
        SatisfactionQuery,
        TimeRuleQuery,
        CustomFieldQuery,
    ),
)
Mutation = merge_types(
    "Mutation",
    (
        LoginMutation,
        TicketMutation,
        AccessMutation,
        PartnerMutation,
        AdminMutation,
        SlaMutation,
        ContactMutation,
        KbMutation,
        WorkspaceMutation,
        CatalogMutation,
        MacroMutation,
        PresenceMutation,
        DeskMutation,
        AutomationMutation,
        SatisfactionMutation,
        TimeRuleMutation,
        CustomFieldMutation,
    ),
)
Subscription = merge_types(
    "Subscription",
    (
        TicketSubscription,
        SlaSubscription,
        KbSubscription,
        WorkspaceSubscription,
        PresenceSubscription,
    ),
)


def build_schema(*, production: bool | None = None) -> strawberry.Schema:
    production = get_settings().is_production if production is None else production
    return core.MesaSchema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        types=list(NODE_TYPES.values()),
        extensions=core.extensions(production=production),
        config=core.config(),
        hide_suggestions=production,
    )


schema = build_schema(production=False)
