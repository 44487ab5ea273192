"""Outgoing webhooks over real HTTP, delivery: a receiver on loopback gets each ticket event
once per delivery id, signed; a 500 and a receiver that was down are retried with backoff; a
slow receiver delays no other."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from domain.automation.signing import verify
from tests import webhook_support
from tests.automation_support import eventually
from tests.conftest import FAST_AUTOMATION
from tests.factories import create_ticket
from tests.graphql_client import GraphQLClient
from tests.webhook_receiver import Receiver, receiver
from tests.webhook_support import (
    RESEND,
    deliveries,
    of_ticket,
    webhook,
)

automation = webhook_support.automation  # the fixtures
loopback_allowed = webhook_support.loopback_allowed


async def test_a_new_ticket_reaches_the_receiver_signed_once_per_delivery(
    gql: GraphQLClient,
    admin_token: str,
    customer_token: str,
    automation: None,
    loopback_allowed: None,
) -> None:
    with receiver() as hooks:
        # Given the desk's webhook for new tickets, on a loopback receiver
        async with webhook(gql, admin_token, hooks.url, ["CREATED"]) as saved:
            secret = saved["secret"]
            assert secret.startswith("whsec_")

            # When a customer opens a ticket
            ticket = await create_ticket(gql, customer_token)

            # Then the receiver gets one signed POST for it, with the event and the ticket
            got = await eventually(
                lambda: asyncio.sleep(0, hooks.for_ticket(ticket["trackingId"])), "delivery"
            )
            request = got[0]
            assert request.path == "/hooks/mesa"
            assert request.headers["Content-Type"] == "application/json"
            assert request.headers["Mesa-Event"] == "CREATED"
            assert verify(
                request.headers["Mesa-Signature"], secret, request.body, now=int(time.time())
            )
            assert not verify(
                request.headers["Mesa-Signature"], "whsec_other", request.body, now=int(time.time())
            )
            body = request.json
            assert body["deliveryId"] == request.headers["Mesa-Delivery"]
            assert body["event"]["kind"] == "CREATED"
            assert body["ticket"]["id"] == ticket["id"]
            assert body["ticket"]["number"] == ticket["number"]
            assert body["ticket"]["requester"]["clientNumber"] == "C-1001"

            # and the delivery is DELIVERED after one attempt answered 200
            rows = await eventually(
                lambda: _delivered(gql, admin_token, saved["webhook"]["id"], ticket["trackingId"]),
                "the delivery marked delivered",
            )
            assert len(rows) == 1
            assert [a["statusCode"] for a in rows[0]["attempts"]] == [200]
            assert rows[0]["deliveryId"] == request.headers["Mesa-Delivery"]

            # and node() finds the delivery for admins, and for nobody else
            node = "query($id: ID!) { node(id: $id) { ... on WebhookDelivery { deliveryId } } }"
            found = await gql.execute(node, {"id": rows[0]["id"]}, token=admin_token)
            assert found.data["node"] == {"deliveryId": rows[0]["deliveryId"]}
            hidden = await gql.execute(node, {"id": rows[0]["id"]}, token=customer_token)
            assert hidden.error_codes == ["NOT_FOUND"]

            # and later events do not send it again: once per event
            await create_ticket(gql, customer_token)
            await asyncio.sleep(1.0)
            assert len(hooks.for_ticket(ticket["trackingId"])) == 1

            # When an admin re-sends it, the receiver gets the same delivery id again
            resent = await gql.execute(RESEND, {"id": rows[0]["id"]}, token=admin_token)
            assert resent.data["resendWebhookDelivery"]["__typename"].endswith("Success")
            again = await eventually(
                lambda: asyncio.sleep(0, len(hooks.for_ticket(ticket["trackingId"])) == 2),
                "the re-sent delivery",
            )
            assert again
            ids = {r.headers["Mesa-Delivery"] for r in hooks.for_ticket(ticket["trackingId"])}
            assert ids == {request.headers["Mesa-Delivery"]}


async def _delivered(
    gql: GraphQLClient, token: str, webhook_id: str, tracking_id: str
) -> list[dict[str, Any]] | None:
    rows = of_ticket(await deliveries(gql, token, webhook_id), tracking_id)
    return rows if rows and all(r["status"] == "DELIVERED" for r in rows) else None


async def test_a_500_is_retried_with_backoff_under_the_same_delivery_id(
    gql: GraphQLClient,
    admin_token: str,
    customer_token: str,
    automation: None,
    loopback_allowed: None,
) -> None:
    # Given a receiver that fails the first request with a 500
    with receiver(statuses=[500]) as hooks:
        async with webhook(gql, admin_token, hooks.url, ["CREATED"]) as saved:
            # When a ticket is opened
            ticket = await create_ticket(gql, customer_token)

            # Then the delivery is retried after a backoff and delivered
            rows = await eventually(
                lambda: _delivered(gql, admin_token, saved["webhook"]["id"], ticket["trackingId"]),
                "the retried delivery",
            )
            got = hooks.for_ticket(ticket["trackingId"])
            assert [a["statusCode"] for a in rows[0]["attempts"]] == [500, 200]
            assert len(got) == 2
            assert got[0].headers["Mesa-Delivery"] == got[1].headers["Mesa-Delivery"]
            assert got[1].at - got[0].at >= float(FAST_AUTOMATION["webhook_retry_base_seconds"])


async def test_a_receiver_that_was_down_gets_the_event_once_it_is_up(
    gql: GraphQLClient,
    admin_token: str,
    customer_token: str,
    automation: None,
    loopback_allowed: None,
) -> None:
    # Given a webhook whose receiver is down
    down = Receiver()
    async with webhook(gql, admin_token, down.url, ["CREATED"]) as saved:
        # When a ticket is opened, the first attempts fail to connect
        ticket = await create_ticket(gql, customer_token)

        async def failed_once() -> bool:
            rows = of_ticket(
                await deliveries(gql, admin_token, saved["webhook"]["id"]), ticket["trackingId"]
            )
            return bool(rows) and rows[0]["attemptCount"] >= 1

        await eventually(failed_once, "a failed attempt")
        rows = of_ticket(
            await deliveries(gql, admin_token, saved["webhook"]["id"]), ticket["trackingId"]
        )
        assert rows[0]["attempts"][0]["statusCode"] is None
        assert rows[0]["attempts"][0]["error"]

        # Then once the receiver is up, a retry delivers it, once
        down.start()
        try:
            await eventually(
                lambda: _delivered(gql, admin_token, saved["webhook"]["id"], ticket["trackingId"]),
                "delivery after the receiver came up",
            )
            assert len(down.for_ticket(ticket["trackingId"])) == 1
        finally:
            down.stop()


async def test_a_slow_receiver_does_not_delay_another(
    gql: GraphQLClient,
    admin_token: str,
    customer_token: str,
    automation: None,
    loopback_allowed: None,
) -> None:
    # Given a receiver that answers after 5 s (its webhook waits 1 s) and a prompt one
    with receiver(delay_seconds=5.0) as slow, receiver() as fast:
        async with (
            webhook(gql, admin_token, slow.url, ["CREATED"], timeoutSeconds=1) as slow_hook,
            webhook(gql, admin_token, fast.url, ["CREATED"]),
        ):
            # When tickets are opened
            tickets = [await create_ticket(gql, customer_token) for _ in range(3)]
            started = time.monotonic()

            # Then the prompt receiver has every one well before the slow one answers once
            for ticket in tickets:
                await eventually(
                    lambda t=ticket: asyncio.sleep(0, fast.for_ticket(t["trackingId"])), "fast"
                )
            assert time.monotonic() - started < 4.0

            # and the slow one's attempts end at its timeout, to be retried
            async def timed_out() -> bool:
                rows = of_ticket(
                    await deliveries(gql, admin_token, slow_hook["webhook"]["id"]),
                    tickets[0]["trackingId"],
                )
                return bool(rows) and rows[0]["attemptCount"] >= 1

            await eventually(timed_out, "the slow attempt's timeout")
            rows = of_ticket(
                await deliveries(gql, admin_token, slow_hook["webhook"]["id"]),
                tickets[0]["trackingId"],
            )
            assert "1 seconds" in rows[0]["attempts"][0]["error"]
            assert rows[0]["attempts"][0]["durationMs"] < 3000
