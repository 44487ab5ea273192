"""Rating a resolved ticket: through the mailed link's token (no login) or, logged in, the
requester's own ticket by its ID."""

from __future__ import annotations

from typing import Annotated

import strawberry

from api.core.context import Info
from api.core.enums import SatisfactionRating
from api.core.errors import (
    InvalidTransitionError,
    NotAllowedError,
    NotFoundError,
    ValidationError,
    attempt,
)
from api.core.ids import decode_ticket_ref
from api.satisfaction.types import SatisfactionSurvey
from domain.errors import ValidationFailed
from domain.satisfaction import ratings


@strawberry.type
class RateTicketSuccess:
    survey: SatisfactionSurvey = strawberry.field(
        description="The ticket's number and subject, with the answer as it now stands."
    )


RateTicketResult = Annotated[
    RateTicketSuccess | ValidationError | NotFoundError | NotAllowedError | InvalidTransitionError,
    strawberry.union("RateTicketResult"),
]


@strawberry.type
class SatisfactionMutation:
    @strawberry.mutation(
        description="Rate a resolved or closed ticket: good, neutral or bad, with an optional "
        "comment (left out: the earlier one stays; blank: removed). With the `token` of the "
        "link mailed at resolution, no login is needed (guests); logged in, a customer or "
        "guest names their own ticket by `ticketId`. One answer per ticket, changeable for 7 "
        "days after the first one (then RATING_WINDOW_EXPIRED)."
    )
    async def rate_ticket(
        self,
        info: Info,
        rating: SatisfactionRating,
        token: str | None = None,
        ticket_id: strawberry.ID | None = None,
        comment: str | None = None,
    ) -> RateTicketResult:
        async def run() -> ratings.Survey:
            if (token is None) == (ticket_id is None):
                raise ValidationFailed(ratings.ONE_WAY_IN, field="token")
            if token is not None:
                return await ratings.rate_by_link(token=token, rating=rating, comment=comment)
            assert ticket_id is not None
            return await ratings.rate_ticket(
                viewer=info.context.viewer,
                ticket_id=decode_ticket_ref(ticket_id, field="ticketId"),
                rating=rating,
                comment=comment,
            )

        return await attempt(
            run, lambda survey: RateTicketSuccess(survey=SatisfactionSurvey.from_domain(survey))
        )
