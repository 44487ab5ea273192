"""Tortoise models of every aggregate; this module is what the ORM loads."""

from domain.models.catalog import (
    BusinessCalendar,
    CalendarHoliday,
    Category,
    Department,
    SlaTarget,
    SupportLevel,
)
from domain.models.enums import (
    AuthorKind,
    Channel,
    EventKind,
    Impact,
    Language,
    MessageVisibility,
    OutboxStatus,
    SlaClock,
    StaffRole,
    TicketStatus,
    TokenKind,
)
from domain.models.outbox import OutboxJob
from domain.models.people import AuthToken, Customer, Service, Staff
from domain.models.tickets import Counter, Message, Ticket, TicketEvent

__models__ = [
    BusinessCalendar,
    CalendarHoliday,
    SupportLevel,
    SlaTarget,
    Department,
    Category,
    Customer,
    Service,
    Staff,
    AuthToken,
    Counter,
    Ticket,
    Message,
    TicketEvent,
    OutboxJob,
]

__all__ = [
    "AuthToken",
    "AuthorKind",
    "BusinessCalendar",
    "CalendarHoliday",
    "Category",
    "Channel",
    "Counter",
    "Customer",
    "Department",
    "EventKind",
    "Impact",
    "Language",
    "Message",
    "MessageVisibility",
    "OutboxJob",
    "OutboxStatus",
    "Service",
    "SlaClock",
    "SlaTarget",
    "Staff",
    "StaffRole",
    "Ticket",
    "TicketEvent",
    "TicketStatus",
    "TokenKind",
]
