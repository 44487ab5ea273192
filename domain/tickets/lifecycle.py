"""The ticket lifecycle as an explicit state machine.

NEW -> OPEN -> WAITING_ON_CUSTOMER <-> WAITING_ON_AGENT -> RESOLVED -> CLOSED, plus MERGED.
SPAM is outside the table: only unmarking (domain.tickets.spam) leaves it.
A transition not in the table is refused with InvalidTransition and changes nothing.
"""

from __future__ import annotations

from enum import StrEnum

from domain.errors import InvalidTransition
from domain.models import TicketStatus as S


class Trigger(StrEnum):
    TRIAGE = "TRIAGE"
    ASSIGN = "ASSIGN"
    AGENT_REPLY = "AGENT_REPLY"
    CUSTOMER_REPLY = "CUSTOMER_REPLY"
    RESOLVE = "RESOLVE"
    CLOSE = "CLOSE"
    AUTO_CLOSE = "AUTO_CLOSE"
    REOPEN_BY_CUSTOMER = "REOPEN_BY_CUSTOMER"
    REOPEN_BY_AGENT = "REOPEN_BY_AGENT"
    MERGE = "MERGE"


ACTIVE = (S.NEW, S.OPEN, S.WAITING_ON_CUSTOMER, S.WAITING_ON_AGENT)
ENDED = (S.RESOLVED, S.CLOSED)

TRANSITIONS: dict[tuple[S, Trigger], S] = {
    (S.NEW, Trigger.TRIAGE): S.OPEN,
    (S.NEW, Trigger.ASSIGN): S.OPEN,
    (S.NEW, Trigger.CUSTOMER_REPLY): S.NEW,
    (S.OPEN, Trigger.CUSTOMER_REPLY): S.WAITING_ON_AGENT,
    (S.WAITING_ON_CUSTOMER, Trigger.CUSTOMER_REPLY): S.WAITING_ON_AGENT,
    (S.WAITING_ON_AGENT, Trigger.CUSTOMER_REPLY): S.WAITING_ON_AGENT,
    **{(s, Trigger.AGENT_REPLY): S.WAITING_ON_CUSTOMER for s in ACTIVE},
    **{(s, Trigger.RESOLVE): S.RESOLVED for s in ACTIVE},
    **{(s, Trigger.CLOSE): S.CLOSED for s in (*ACTIVE, S.RESOLVED)},
    (S.RESOLVED, Trigger.AUTO_CLOSE): S.CLOSED,
    **{(s, Trigger.REOPEN_BY_CUSTOMER): S.WAITING_ON_AGENT for s in ENDED},
    **{(s, Trigger.REOPEN_BY_AGENT): S.OPEN for s in ENDED},
    **{(s, Trigger.MERGE): S.MERGED for s in (*ACTIVE, *ENDED)},
}

_REASONS = {
    S.MERGED: "The ticket was merged into another ticket.",
    S.SPAM: "The ticket is marked as spam. / El ticket está marcado como spam.",
    S.CLOSED: "The ticket is closed.",
    S.RESOLVED: "The ticket is resolved.",
}


def next_status(current: S, trigger: Trigger) -> S:
    """The status the trigger leads to, or InvalidTransition."""
    try:
        return TRANSITIONS[(current, trigger)]
    except KeyError:
        reason = _REASONS.get(current, f"The ticket is {current.value}.")
        raise InvalidTransition(
            f"{reason} {trigger.value.replace('_', ' ').lower()} is not possible now."
        ) from None


def allows(current: S, trigger: Trigger) -> bool:
    return (current, trigger) in TRANSITIONS
