"""Attachment types: a file on a message, from upload to storage."""

from __future__ import annotations

from datetime import datetime
from typing import Self

import strawberry
from strawberry import relay

from api.core.ids import encode_id
from domain import models
from domain.attachments.pipeline import rejection_message

AttachmentState = strawberry.enum(
    models.AttachmentState,
    description="PENDING while a worker checks the file, then STORED or REJECTED.",
)


def download_url(attachment_id: int) -> str:
    """Where the file is downloaded (GET /attachments/{id}, served by api.http.downloads)."""
    return f"/attachments/{encode_id('Attachment', attachment_id)}"


@strawberry.type(description="A file attached to a message.")
class Attachment(relay.Node):
    id: relay.NodeID[int]
    name: str = strawberry.field(description="A safe display name derived from the sender's.")
    declared_type: str = strawberry.field(description="The type the sender claimed; untrusted.")
    content_type: str | None = strawberry.field(
        description="The type sniffed from the content, once checked."
    )
    size: int = strawberry.field(description="Bytes.")
    sha256: str | None
    state: AttachmentState  # type: ignore[valid-type]
    rejection_reason: str | None = strawberry.field(
        description="Why the file was refused (Spanish and English)."
    )
    download_url: str | None = strawberry.field(
        description="Where a STORED file is downloaded, with the same bearer token."
    )
    created_at: datetime

    @classmethod
    def from_model(cls, row: models.Attachment) -> Self:
        stored = row.state is models.AttachmentState.STORED
        return cls(
            id=row.id,
            name=row.name,
            declared_type=row.declared_type,
            content_type=row.content_type,
            size=row.size,
            sha256=row.sha256,
            state=row.state,
            rejection_reason=rejection_message(row),
            download_url=download_url(row.id) if stored else None,
            created_at=row.created_at,
        )
