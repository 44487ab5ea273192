"""Publishing an announcement is a live event: those it concerns hear of it as it happens."""

from __future__ import annotations

import asyncio

from tests.factories import own_service_id
from tests.graphql_client import GraphQLClient
from tests.live_client import LiveClient, live_client
from tests.test_announcements import END, PUBLISH, create

ANNOUNCEMENT_EVENTS = """
subscription { announcementEvents { change announcement { id titleEs isPublic } } }"""
STARTING = 1.0  # a subscription without a resume point starts on the server's own time


async def heard(client: LiveClient) -> tuple[str, str]:
    event = (await client.next_data())["announcementEvents"]
    return event["change"], event["announcement"]["id"]


async def test_customers_hear_of_notices_on_their_services_and_everyone_of_public_ones(
    server: str,
    gql: GraphQLClient,
    agent_token: str,
    customer_token: str,
    other_customer_token: str,
) -> None:
    service = await own_service_id(gql, customer_token)
    async with (
        live_client(server, customer_token) as customer,
        live_client(server, other_customer_token) as other,
        live_client(server) as visitor,
    ):
        # Given a customer, another customer and a visitor without a login, listening
        for client in (customer, other, visitor):
            await client.subscribe(ANNOUNCEMENT_EVENTS)
        await asyncio.sleep(STARTING)

        # When an agent publishes a maintenance notice on the customer's service
        private = (await create(gql, agent_token, serviceIds=[service]))["announcement"]
        await gql.execute(PUBLISH, {"id": private["id"]}, token=agent_token)

        # Then only that customer hears of it
        assert await heard(customer) == ("PUBLISHED", private["id"])

        # When a public incident is published, then ended
        public = (await create(gql, agent_token, isPublic=True, kind="INCIDENT"))["announcement"]
        await gql.execute(PUBLISH, {"id": public["id"]}, token=agent_token)
        await gql.execute(END, {"id": public["id"]}, token=agent_token)

        # Then everyone hears both, the visitor included, and nobody heard the private one
        for client in (customer, other, visitor):
            assert await heard(client) == ("PUBLISHED", public["id"])
            assert await heard(client) == ("ENDED", public["id"])
            assert await client.nothing_within(0.3)
