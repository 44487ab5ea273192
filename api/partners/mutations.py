"""Partner administration: partners and their API keys (the key is shown once)."""

from __future__ import annotations

from typing import Annotated

import strawberry

from api.core.context import Info
from api.core.errors import (
    ConflictError,
    NotAllowedError,
    NotFoundError,
    ValidationError,
    attempt,
)
from api.core.idempotency import create_once, idempotency_key_argument, idempotency_key_field
from api.core.ids import decode_id, encode_id
from api.partners.types import PartnerKey
from domain import models
from domain.identity import partners


@strawberry.type
class CreatePartnerSuccess:
    partner_id: strawberry.ID
    name: str


@strawberry.type
class CreatePartnerKeySuccess:
    key: str | None = strawberry.field(
        description="The API key. Shown this once; store it safely. Null when the create was "
        "retried with its idempotency key: the secret is not kept, so a client that lost the "
        "first answer revokes this key (apiKey) and creates another."
    )
    api_key: PartnerKey


@strawberry.type
class RevokePartnerKeySuccess:
    api_key: PartnerKey


_Failure = ValidationError | NotFoundError | NotAllowedError | ConflictError
CreatePartnerResult = Annotated[
    CreatePartnerSuccess | _Failure, strawberry.union("CreatePartnerResult")
]
CreatePartnerKeyResult = Annotated[
    CreatePartnerKeySuccess | _Failure, strawberry.union("CreatePartnerKeyResult")
]
RevokePartnerKeyResult = Annotated[
    RevokePartnerKeySuccess | _Failure, strawberry.union("RevokePartnerKeyResult")
]


@strawberry.input
class CreatePartnerKeyInput:
    partner_id: strawberry.ID
    name: str
    scopes: list[str] = strawberry.field(
        description="Any of tickets:read, tickets:write, customers:write."
    )
    requests_per_minute: int = 120
    idempotency_key: str | None = idempotency_key_field("key (without its secret)")


@strawberry.type
class PartnerMutation:
    @strawberry.mutation(description="Register a partner organisation (admins).")
    async def create_partner(
        self,
        info: Info,
        name: str,
        idempotency_key: Annotated[str | None, idempotency_key_argument("partner")] = None,
    ) -> CreatePartnerResult:
        return await attempt(
            lambda: create_once(
                info,
                {"name": name, "idempotency_key": idempotency_key},
                lambda: partners.create_partner(viewer=info.context.viewer, name=name),
                lambda row_id: models.Partner.get(id=row_id),
            ),
            lambda p: CreatePartnerSuccess(
                partner_id=strawberry.ID(encode_id("Partner", p.id)), name=p.name
            ),
        )

    @strawberry.mutation(description="Issue an API key for a partner (admins).")
    async def create_partner_key(
        self, info: Info, input: CreatePartnerKeyInput
    ) -> CreatePartnerKeyResult:
        async def run() -> partners.IssuedKey:
            return await partners.create_partner_key(
                viewer=info.context.viewer,
                partner_id=decode_id(input.partner_id, "Partner", field="partnerId"),
                name=input.name,
                scopes=input.scopes,
                requests_per_minute=input.requests_per_minute,
            )

        return await attempt(
            lambda: create_once(
                info,
                input,
                run,
                partners.issued_key_again,
                created_id=lambda issued: issued.record.id,
            ),
            lambda issued: CreatePartnerKeySuccess(
                key=issued.key, api_key=PartnerKey.from_model(issued.record)
            ),
        )

    @strawberry.mutation(description="Revoke a partner's API key at once (admins).")
    async def revoke_partner_key(self, info: Info, key_id: strawberry.ID) -> RevokePartnerKeyResult:
        async def run() -> models.PartnerKey:
            pk = decode_id(key_id, "PartnerKey", field="keyId")
            return await partners.revoke_partner_key(viewer=info.context.viewer, key_id=pk)

        return await attempt(
            run, lambda key: RevokePartnerKeySuccess(api_key=PartnerKey.from_model(key))
        )
