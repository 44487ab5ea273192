"""Enumerations of the helpdesk's vocabulary, stored as text."""

from __future__ import annotations

from enum import StrEnum

from domain.models.enum_lookup import read_members_from_class_dict

read_members_from_class_dict()  # every enum class's members read as Python 3.12 reads them


class Impact(StrEnum):
    LOW = "LOW"
    MEDIUM = "MEDIUM"
    HIGH = "HIGH"


class TicketStatus(StrEnum):
    NEW = "NEW"
    OPEN = "OPEN"
    WAITING_ON_CUSTOMER = "WAITING_ON_CUSTOMER"
    WAITING_ON_AGENT = "WAITING_ON_AGENT"
    RESOLVED = "RESOLVED"
    CLOSED = "CLOSED"
    MERGED = "MERGED"
    SPAM = "SPAM"  # out of every view, queue count and SLA until unmarked


class Channel(StrEnum):
    WEB = "WEB"
    EMAIL = "EMAIL"
    CHAT = "CHAT"
    PHONE = "PHONE"
    API = "API"


class Language(StrEnum):
    ES = "es"
    EN = "en"


class StaffRole(StrEnum):
    AGENT = "AGENT"
    SUPERVISOR = "SUPERVISOR"
    ADMIN = "ADMIN"


class AuthorKind(StrEnum):
    CUSTOMER = "CUSTOMER"
    GUEST = "GUEST"
    AGENT = "AGENT"
    PARTNER = "PARTNER"
    SYSTEM = "SYSTEM"


class MessageVisibility(StrEnum):
    PUBLIC = "PUBLIC"
    INTERNAL = "INTERNAL"


class SlaClock(StrEnum):
    BUSINESS_HOURS = "BUSINESS_HOURS"
    ALWAYS = "ALWAYS"


class TokenKind(StrEnum):
    CUSTOMER = "CUSTOMER"
    STAFF = "STAFF"
    GUEST = "GUEST"
    PASSWORD_RESET = "PASSWORD_RESET"
    GUEST_CONFIRM = "GUEST_CONFIRM"  # the link confirming a held guest ticket's address
    SATISFACTION = "SATISFACTION"  # the rating links mailed when a ticket is resolved


class ChannelCondition(StrEnum):
    """When a channel a support level lists is open to its customers."""

    ALWAYS = "ALWAYS"
    BUSINESS_HOURS = "BUSINESS_HOURS"
    EXISTING_TICKET = "EXISTING_TICKET"


class NotificationKind(StrEnum):
    PASSWORD_RESET = "PASSWORD_RESET"
    TRACKING_IDS = "TRACKING_IDS"
    TICKET_CREATED = "TICKET_CREATED"
    AGENT_REPLIED = "AGENT_REPLIED"
    STATUS_CHANGED = "STATUS_CHANGED"
    ASSIGNED = "ASSIGNED"
    SLA_WARNING = "SLA_WARNING"
    SLA_BREACHED = "SLA_BREACHED"
    EMAIL_REPLY_REFUSED = "EMAIL_REPLY_REFUSED"
    WELCOME = "WELCOME"  # a new customer's client number and a link to set the password
    GUEST_CONFIRMATION = "GUEST_CONFIRMATION"  # the link that puts a held guest ticket in the queue
    # To agents (domain.workspace.notifications kinds, by email)
    NEW_TICKET_ALERT = "NEW_TICKET_ALERT"
    CUSTOMER_REPLIED = "CUSTOMER_REPLIED"
    MENTIONED = "MENTIONED"


class InboundStatus(StrEnum):
    """What became of a message that reached the support address."""

    RECEIVED = "RECEIVED"  # stored, not parsed yet
    TICKET_CREATED = "TICKET_CREATED"
    REPLY_ADDED = "REPLY_ADDED"
    REPLY_REFUSED = "REPLY_REFUSED"  # email replies are off: the sender was told to use the panel
    IGNORED = "IGNORED"  # a bounce, an auto-reply, our own mail, nothing readable
    DUPLICATE = "DUPLICATE"  # a Message-ID already received
    BLOCKED = "BLOCKED"  # from a blocked address or domain: dropped, never answered


class InboundSource(StrEnum):
    SMTP = "SMTP"
    IMPORT = "IMPORT"


class EventKind(StrEnum):
    CREATED = "CREATED"
    MESSAGE_ADDED = "MESSAGE_ADDED"
    NOTE_ADDED = "NOTE_ADDED"
    STATUS_CHANGED = "STATUS_CHANGED"
    IMPACT_CHANGED = "IMPACT_CHANGED"
    DEPARTMENT_CHANGED = "DEPARTMENT_CHANGED"
    CATEGORY_CHANGED = "CATEGORY_CHANGED"
    ASSIGNED = "ASSIGNED"
    MERGED = "MERGED"
    LINKED = "LINKED"
    SLA_WARNING = "SLA_WARNING"
    SLA_BREACHED = "SLA_BREACHED"
    CONTACT_LOGGED = "CONTACT_LOGGED"
    ATTACHMENT_CHANGED = "ATTACHMENT_CHANGED"
    TAGS_CHANGED = "TAGS_CHANGED"
    MARKED_SPAM = "MARKED_SPAM"
    UNMARKED_SPAM = "UNMARKED_SPAM"
    SPLIT = "SPLIT"  # a message became a new ticket: on both, naming the other
    TRIGGER_APPLIED = "TRIGGER_APPLIED"  # an automation trigger changed the ticket
    SATISFACTION_RATED = "SATISFACTION_RATED"  # the requester rated the answer, or changed it
    TIME_RULE_APPLIED = "TIME_RULE_APPLIED"  # a time rule fired: the ticket waited too long
    CUSTOM_FIELDS_CHANGED = "CUSTOM_FIELDS_CHANGED"  # staff changed custom field values


class SatisfactionRating(StrEnum):
    """The requester's answer to "¿Fue útil la respuesta?" once the ticket is resolved."""

    GOOD = "GOOD"
    NEUTRAL = "NEUTRAL"
    BAD = "BAD"


class AttachmentState(StrEnum):
    PENDING = "PENDING"  # received, in quarantine, waiting for the worker
    STORED = "STORED"
    REJECTED = "REJECTED"


class AttachmentRejection(StrEnum):
    TYPE_NOT_ALLOWED = "TYPE_NOT_ALLOWED"
    UNRECOGNISED_TYPE = "UNRECOGNISED_TYPE"
    EMPTY = "EMPTY"
    LOST = "LOST"  # the quarantined upload vanished before it was stored


class OutboxStatus(StrEnum):
    PENDING = "PENDING"
    ENQUEUED = "ENQUEUED"
    DONE = "DONE"
    FAILED = "FAILED"


class ArticleStatus(StrEnum):
    DRAFT = "DRAFT"
    PUBLISHED = "PUBLISHED"


class Difficulty(StrEnum):
    EASY = "EASY"
    MEDIUM = "MEDIUM"
    HARD = "HARD"


class AnnouncementKind(StrEnum):
    MAINTENANCE = "MAINTENANCE"
    INCIDENT = "INCIDENT"


class AnnouncementSeverity(StrEnum):
    INFO = "INFO"
    WARNING = "WARNING"
    CRITICAL = "CRITICAL"


class BlockKind(StrEnum):
    """What a blocked sender names: one address, or every address of a domain."""

    ADDRESS = "ADDRESS"
    DOMAIN = "DOMAIN"


class WebhookDeliveryStatus(StrEnum):
    PENDING = "PENDING"  # waiting for next_attempt_at (the retry sweep queues it)
    QUEUED = "QUEUED"  # a job to send it is recorded
    SENDING = "SENDING"  # a worker is sending it
    DELIVERED = "DELIVERED"  # the receiver answered 2xx
    FAILED = "FAILED"  # out of attempts (or its webhook is paused); can be re-sent


class TriggerRunStatus(StrEnum):
    PENDING = "PENDING"  # recorded with its job
    RUNNING = "RUNNING"  # a worker took it
    APPLIED = "APPLIED"  # conditions held, actions applied
    SKIPPED = "SKIPPED"  # conditions did not hold
    FAILED = "FAILED"  # an action was refused, or the run was interrupted


class TimeRuleClock(StrEnum):
    """How a time rule counts the wait."""

    BUSINESS_HOURS = "BUSINESS_HOURS"  # the ticket's own calendar (its support level's hours)
    CALENDAR = "CALENDAR"  # every minute counts, nights and weekends too


class AssignmentMode(StrEnum):
    """How a department's new tickets get an agent by themselves."""

    OFF = "OFF"
    ROUND_ROBIN = "ROUND_ROBIN"  # each available agent in turn
    LEAST_OPEN = "LEAST_OPEN"  # the available agent with the fewest open tickets


class CustomFieldType(StrEnum):
    TEXT = "TEXT"
    NUMBER = "NUMBER"
    DATE = "DATE"
    SELECT = "SELECT"  # one of the field's options, by key
    CHECKBOX = "CHECKBOX"


class CustomFieldVisibility(StrEnum):
    CUSTOMERS = "CUSTOMERS"  # requesters see and fill it in
    STAFF = "STAFF"  # the desk's own: customers, guests and partners never see it
