"""Whether a received reply really comes from the address in its From header.

From is whatever the sender typed. A reply is threaded as the requester's own words only when
- its From names exactly one address (`victim@x <attacker@y>` names two), and
- the receiving MTA vouches for that address's domain: an `Authentication-Results` header
  (RFC 8601, parsed with authres) from one of `MESA_MAIL_AUTHSERV_IDS` saying `dmarc=pass`
  for it, or `dkim=pass` with a signing domain aligned with it (the same domain or a parent);
  that MTA must remove such headers claiming its id from incoming mail, as RFC 8601 requires;
- or it answers one of the notifications Mesa sent on the ticket: their Message-IDs are
  random and secret (the reply token), so quoting one shows the sender received it.
Anything else is kept for agents as an unverified internal note (domain.email.inbound).
"""

from __future__ import annotations

from email.utils import getaddresses

import authres

from domain.config import get_settings
from domain.email.parsing import ParsedMail
from domain.identity.viewer import Viewer, ViewerKind
from domain.models import Channel, Message, Notification, Ticket
from domain.tickets.changes import BODY_MAX, add_message
from domain.uow import UnitOfWork

# authres raises its own errors for most malformed values, and AttributeError or IndexError
# for some: a header it cannot read vouches for nothing.
_UNREADABLE = (authres.AuthResError, AttributeError, IndexError, KeyError, TypeError, ValueError)


def from_domain(mail: ParsedMail) -> str | None:
    """The domain of the one address in From; None when From names none or several."""
    addresses = [
        address for _, address in getaddresses(mail.headers.get("from", [])) if "@" in address
    ]
    if len(addresses) != 1 or addresses[0].strip().lower() != mail.sender:
        return None
    return addresses[0].rpartition("@")[2].strip().lower() or None


def _aligned(domain: str, signer: str) -> bool:
    signer = signer.strip().lower().rstrip(".")
    return bool(signer) and (domain == signer or domain.endswith("." + signer))


def vouched_by_mta(mail: ParsedMail) -> bool:
    """A trusted receiving MTA found DMARC, or aligned DKIM, passing for the From domain."""
    domain = from_domain(mail)
    trusted = {i.strip().lower() for i in get_settings().mail_authserv_ids.split(",") if i.strip()}
    if domain is None or not trusted:
        return False
    for value in mail.headers.get("authentication-results", []):
        try:
            header = authres.AuthenticationResultsHeader.parse_value(value)
        except _UNREADABLE:
            continue
        if str(header.authserv_id or "").strip().lower() not in trusted:
            continue
        for result in header.results:
            if str(result.result).lower() != "pass":
                continue
            properties = {
                f"{p.type}.{p.name}".lower(): str(p.value or "") for p in result.properties
            }
            method = str(result.method).lower()
            if method == "dmarc" and properties.get("header.from", "").lower() == domain:
                return True
            if method == "dkim" and _aligned(domain, properties.get("header.d", "")):
                return True
    return False


async def answers_our_notification(uow: UnitOfWork, ticket: Ticket, mail: ParsedMail) -> bool:
    """The reply quotes the Message-ID of a notification Mesa sent on this ticket."""
    ids = mail.thread_ids[:50]
    if not ids:
        return False
    return (
        await Notification.filter(ticket_id=ticket.id, message_id__in=ids)
        .using_db(uow.connection)
        .exists()
    )


async def is_authentic(uow: UnitOfWork, ticket: Ticket, mail: ParsedMail) -> bool:
    return from_domain(mail) is not None and (
        vouched_by_mta(mail) or await answers_our_notification(uow, ticket, mail)
    )


UNVERIFIED = (
    "Correo no verificado: no se pudo comprobar que lo envió {sender} (sin DKIM/DMARC válidos "
    "ni respuesta a nuestras notificaciones); no se muestra al solicitante. / Unverified email: "
    "it could not be checked that {sender} sent it (no valid DKIM/DMARC, not an answer to our "
    "notifications); the requester does not see it."
)


async def add_unverified_note(
    uow: UnitOfWork, ticket: Ticket, mail: ParsedMail, body: str
) -> Message:
    """A reply whose From may be forged: an internal note for agents, flagged, not the
    requester's words (no status change, no notification, nothing the requester sees)."""
    sender = f"{mail.sender_name} <{mail.sender}>" if mail.sender_name else mail.sender
    viewer = Viewer(kind=ViewerKind.SYSTEM, name=f"Email: {sender}"[:200])
    text = f"{UNVERIFIED.format(sender=mail.sender)}\n\n{body}"[:BODY_MAX]
    return await add_message(
        uow, ticket, viewer, text, internal=True, channel=Channel.EMAIL, unverified=True
    )
