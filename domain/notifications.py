"""Notifications to people: recorded through the outbox, rendered in the recipient's language
and dropped into the mail folder (the email issue replaces rendering and transport)."""

from __future__ import annotations

import mailbox
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from domain.clock import utcnow
from domain.config import get_settings
from domain.models import Language, Notification, NotificationKind
from domain.uow import UnitOfWork

DELIVER_ACTOR = "deliver_notification"
SENDER = "Mesa <soporte@mesa.example>"

# (subject, body) per kind and language; the body is formatted with the payload.
_TEXTS: dict[NotificationKind, dict[Language, tuple[str, str]]] = {
    NotificationKind.PASSWORD_RESET: {
        Language.ES: (
            "Restablecer su contraseña",
            "Hola {name}:\n\nPara elegir una nueva contraseña use este código antes de "
            "{expires_at} (UTC):\n\n{token}\n\nSi usted no lo pidió, ignore este mensaje.\n",
        ),
        Language.EN: (
            "Reset your password",
            "Hello {name},\n\nTo choose a new password use this code before {expires_at} "
            "(UTC):\n\n{token}\n\nIf you did not ask for it, ignore this message.\n",
        ),
    },
    NotificationKind.TRACKING_IDS: {
        Language.ES: (
            "Sus números de seguimiento",
            "Hola:\n\nEstos son los números de seguimiento de sus tickets:\n\n{tracking_ids}\n",
        ),
        Language.EN: (
            "Your tracking IDs",
            "Hello,\n\nThese are the tracking IDs of your tickets:\n\n{tracking_ids}\n",
        ),
    },
}


async def notify(
    uow: UnitOfWork,
    *,
    recipient: str,
    language: Language,
    kind: NotificationKind,
    payload: dict[str, Any],
) -> Notification:
    """Record a notification in the unit of work; it is delivered once the work commits."""
    notification = await Notification.create(
        recipient=recipient,
        language=language,
        kind=kind,
        payload=payload,
        using_db=uow.connection,
    )
    await uow.add_job(DELIVER_ACTOR, notification_id=notification.id)
    return notification


def render(notification: Notification) -> EmailMessage:
    subject, body = _TEXTS[notification.kind][notification.language]
    message = EmailMessage()
    message["From"] = SENDER
    message["To"] = notification.recipient
    message["Subject"] = subject
    message["Content-Language"] = notification.language.value
    message.set_content(body.format(**notification.payload))
    return message


def mail_folder() -> Path:
    return get_settings().data_dir / "mail"


async def deliver(notification_id: int) -> bool:
    """Write the notification into the mail folder once; False when already delivered."""
    notification = await Notification.get_or_none(id=notification_id)
    if notification is None or notification.sent_at is not None:
        return False
    claimed = await Notification.filter(id=notification_id, sent_at=None).update(sent_at=utcnow())
    if claimed != 1:
        return False
    try:
        mailbox.Maildir(mail_folder(), create=True).add(render(notification))
    except OSError:
        # Not delivered: give the claim back so the actor's retry sends it.
        await Notification.filter(id=notification_id).update(sent_at=None)
        raise
    return True
