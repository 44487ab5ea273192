"""Outgoing webhooks over real HTTP: a receiver on loopback gets each ticket event once per
delivery id, signed; a 500 and a receiver that was down are retried with backoff; private
targets are refused when saved and when sent; partners get only their customers' tickets."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest

from api.core.ids import encode_id
from domain.automation.payloads import global_id
from domain.automation.signing import signature_header, verify
from domain.automation.targets import is_public
from domain.config import get_settings
from tests import automation_support
from tests.automation_support import eventually
from tests.conftest import FAST_AUTOMATION
from tests.factories import CREATE_TICKET, create_ticket
from tests.graphql_client import GraphQLClient
from tests.matrix_world import unique
from tests.test_partners import new_partner, partner_customer, ticket_input
from tests.webhook_receiver import Receiver, receiver

automation = automation_support.automation  # the fixture

SAVE = """mutation($input: SaveWebhookInput!) { saveWebhook(input: $input) {
  __typename
  ... on SaveWebhookSuccess { secret webhook { id url eventKinds isActive partnerId } }
  ... on UserError { code message field } } }"""
DELETE = "mutation($id: ID!) { deleteWebhook(webhookId: $id) { __typename } }"
ROTATE = """mutation($id: ID!) { rotateWebhookSecret(webhookId: $id) {
  __typename ... on RotateWebhookSecretSuccess { secret } ... on UserError { code } } }"""
DELIVERIES = """query($id: ID!) { webhookDeliveries(webhookId: $id, first: 50) { edges { node {
  id deliveryId eventKind status attemptCount lastStatusCode lastError payload
  attempts { statusCode error durationMs attemptedAt } } } } }"""
RESEND = """mutation($id: ID!) { resendWebhookDelivery(deliveryId: $id) {
  __typename ... on ResendWebhookDeliverySuccess { delivery { status } }
  ... on UserError { code } } }"""
ALLOW = """mutation($n: [String!]!) { updateAutomationSettings(input:
  {webhookAllowedNetworks: $n}) { __typename
  ... on UpdateAutomationSettingsSuccess { settings { webhookAllowedNetworks } }
  ... on UserError { code message field } } }"""


@pytest.fixture
async def loopback_allowed(gql: GraphQLClient, admin_token: str) -> AsyncIterator[None]:
    """The admin setting that lets webhooks reach the loopback receiver, then none again."""
    allowed = await gql.execute(ALLOW, {"n": ["127.0.0.0/8"]}, token=admin_token)
    assert allowed.data["updateAutomationSettings"]["__typename"].endswith("Success")
    yield
    await gql.execute(ALLOW, {"n": []}, token=admin_token)


async def saved_webhook(
    gql: GraphQLClient, token: str, url: str, kinds: list[str], **extra: Any
) -> dict[str, Any]:
    data = {"name": unique("Integración "), "url": url, "eventKinds": kinds, **extra}
    result = (await gql.execute(SAVE, {"input": data}, token=token)).data["saveWebhook"]
    assert result["__typename"] == "SaveWebhookSuccess", result
    return dict(result)


@contextlib.asynccontextmanager
async def webhook(
    gql: GraphQLClient, token: str, url: str, kinds: list[str], **extra: Any
) -> AsyncIterator[dict[str, Any]]:
    """A webhook for the test, removed afterwards so no later test sends to it."""
    saved = await saved_webhook(gql, token, url, kinds, **extra)
    try:
        yield saved
    finally:
        await gql.execute(DELETE, {"id": saved["webhook"]["id"]}, token=token)


async def deliveries(gql: GraphQLClient, token: str, webhook_id: str) -> list[dict[str, Any]]:
    data = (await gql.execute(DELIVERIES, {"id": webhook_id}, token=token)).data
    return [edge["node"] for edge in data["webhookDeliveries"]["edges"]]


def of_ticket(rows: list[dict[str, Any]], tracking_id: str) -> list[dict[str, Any]]:
    return [row for row in rows if row["payload"]["ticket"]["trackingId"] == tracking_id]


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


@pytest.mark.parametrize(
    "url",
    [
        "http://10.1.2.3/hook",
        "https://10.1.2.3/hook",
        "https://169.254.169.254/latest/meta-data",
        "https://[::1]/hook",
        "https://[::ffff:10.0.0.1]/hook",
        "https://0.0.0.0/hook",
        "https://localhost/hook",
        "ftp://93.184.216.34/hook",
        "https://user:pw@93.184.216.34/hook",
        "http://93.184.216.34/hook",
        "not a url",
    ],
)
async def test_private_and_malformed_targets_are_refused_with_nothing_saved(
    gql: GraphQLClient, admin_token: str, url: str
) -> None:
    before = await _count_webhooks(gql, admin_token)
    data = {"name": "Interno", "url": url, "eventKinds": ["CREATED"]}
    result = (await gql.execute(SAVE, {"input": data}, token=admin_token)).data["saveWebhook"]
    assert result["__typename"] == "ValidationError", result
    assert result["field"] == "url"
    assert await _count_webhooks(gql, admin_token) == before


async def _count_webhooks(gql: GraphQLClient, token: str) -> int:
    data = (await gql.execute("{ webhooks { id } }", token=token)).data
    return len(data["webhooks"])


async def test_refusals_are_in_spanish_for_a_spanish_reader(
    gql: GraphQLClient, admin_token: str
) -> None:
    data = {"name": "Interno", "url": "https://10.1.2.3/", "eventKinds": ["CREATED"]}
    response = await gql.http.post(
        "/graphql",
        json={"query": SAVE, "variables": {"input": data}},
        headers={"Authorization": f"Bearer {admin_token}", "Accept-Language": "es"},
    )
    message = response.json()["data"]["saveWebhook"]["message"]
    assert message == (
        "El servidor 10.1.2.3 apunta a 10.1.2.3, una dirección privada o local, "
        "a la que los webhooks no pueden llegar."
    )


async def test_a_target_checked_again_when_sending_is_refused_once_no_longer_allowed(
    gql: GraphQLClient, admin_token: str, customer_token: str, automation: None
) -> None:
    # Given a loopback webhook saved while the admins allowed loopback, then disallowed
    with receiver() as hooks:
        await gql.execute(ALLOW, {"n": ["127.0.0.1/32"]}, token=admin_token)
        async with webhook(gql, admin_token, hooks.url, ["CREATED"]) as saved:
            await gql.execute(ALLOW, {"n": []}, token=admin_token)

            # When a ticket is opened
            ticket = await create_ticket(gql, customer_token)

            # Then the attempt is refused before any request, and the receiver got nothing
            async def refused() -> list[dict[str, Any]] | None:
                rows = of_ticket(
                    await deliveries(gql, admin_token, saved["webhook"]["id"]),
                    ticket["trackingId"],
                )
                return rows if rows and rows[0]["attemptCount"] >= 1 else None

            rows = await refused_rows(refused)
            assert "private or local address" in rows[0]["attempts"][0]["error"]
            assert hooks.for_ticket(ticket["trackingId"]) == []


async def refused_rows(check: Callable[[], Awaitable[Any]]) -> Any:
    return await eventually(check, "a refused attempt")


async def test_a_partner_receives_only_public_events_of_its_own_customers_tickets(
    gql: GraphQLClient,
    admin_token: str,
    customer_token: str,
    agent_token: str,
    automation: None,
    loopback_allowed: None,
) -> None:
    scopes = ["tickets:read", "tickets:write"]
    key, _, partner_pk = await new_partner(gql, admin_token, unique("Socio "), scopes)
    customer = await partner_customer(unique("P-"), partner_pk)

    async def partner_ticket() -> dict[str, Any]:
        data = {"input": await ticket_input(gql, customer)}
        created = (await gql.execute(CREATE_TICKET, data, token=key)).data["createTicket"]
        assert created["__typename"] == "CreateTicketSuccess", created
        return dict(created["ticket"])

    with receiver() as hooks:
        # Given the partner's webhook, and the desk's own that the partner cannot see
        async with (
            webhook(gql, key, hooks.url, ["CREATED", "MESSAGE_ADDED"]) as saved,
            webhook(
                gql, admin_token, "https://93.184.216.34/", ["CREATED"], isActive=False
            ) as desk,
        ):
            assert saved["webhook"]["partnerId"] == encode_id("Partner", partner_pk)
            seen = (await gql.execute("{ webhooks { id } }", token=key)).data["webhooks"]
            assert [w["id"] for w in seen] == [saved["webhook"]["id"]]
            hidden = await gql.execute(DELIVERIES, {"id": desk["webhook"]["id"]}, token=key)
            assert hidden.error_codes == ["NOT_FOUND"]
            refused = await gql.execute(DELETE, {"id": desk["webhook"]["id"]}, token=key)
            assert refused.data["deleteWebhook"]["__typename"] == "NotFoundError"

            # When its customer and another customer open tickets, and an agent adds a note
            own = await partner_ticket()
            other = await create_ticket(gql, customer_token)
            note = """mutation($id: ID!) { replyToTicket(input: {ticketId: $id,
              message: "Nota interna", internal: true}) { __typename } }"""
            await gql.execute(note, {"id": own["id"]}, token=agent_token)
            marker = await partner_ticket()

            # Then only its own customer's tickets arrive, without the internal note
            await eventually(
                lambda: asyncio.sleep(0, hooks.for_ticket(marker["trackingId"])), "marker"
            )
            kinds = [r.json["event"]["kind"] for r in hooks.for_ticket(own["trackingId"])]
            assert sorted(kinds) == ["CREATED", "MESSAGE_ADDED"]
            assert all(b"Nota interna" not in r.body for r in hooks.requests)
            assert hooks.for_ticket(other["trackingId"]) == []


async def test_partners_may_not_subscribe_to_internal_events_and_others_may_not_manage(
    gql: GraphQLClient, admin_token: str, customer_token: str, agent_token: str
) -> None:
    key, _, _ = await new_partner(gql, admin_token, unique("Socio "), ["tickets:read"])
    data = {"name": "Todo", "url": "https://93.184.216.34/", "eventKinds": ["NOTE_ADDED"]}
    result = (await gql.execute(SAVE, {"input": data}, token=key)).data["saveWebhook"]
    assert result["__typename"] == "ValidationError"
    assert result["field"] == "eventKinds"
    data["eventKinds"] = ["CREATED"]
    for token in (customer_token, agent_token, None):
        result = (await gql.execute(SAVE, {"input": data}, token=token)).data["saveWebhook"]
        assert result["__typename"] == "NotAllowedError", result


async def test_bad_inputs_are_typed_errors_naming_the_field(
    gql: GraphQLClient, admin_token: str
) -> None:
    cases = [
        ({"name": " ", "eventKinds": ["CREATED"]}, "name"),
        ({"name": "x" * 101, "eventKinds": ["CREATED"]}, "name"),
        ({"name": "Ok", "eventKinds": []}, "eventKinds"),
        ({"name": "Ok", "eventKinds": ["CREATED"], "timeoutSeconds": 0}, "timeoutSeconds"),
        ({"name": "Ok", "eventKinds": ["CREATED"], "timeoutSeconds": 31}, "timeoutSeconds"),
        ({"name": "Ok", "eventKinds": ["CREATED"], "webhookId": "bad"}, "webhookId"),
    ]
    for extra, field in cases:
        data = {"url": "https://93.184.216.34/", **extra}
        result = (await gql.execute(SAVE, {"input": data}, token=admin_token)).data
        assert result["saveWebhook"]["__typename"] == "ValidationError", (extra, result)
        assert result["saveWebhook"]["field"] == field
    bad = await gql.execute(ALLOW, {"n": ["10.0.0.0/33"]}, token=admin_token)
    assert bad.data["updateAutomationSettings"]["field"] == "webhookAllowedNetworks"


async def test_the_secret_is_shown_once_and_a_rotation_signs_with_both_for_a_while(
    gql: GraphQLClient, admin_token: str
) -> None:
    async with webhook(
        gql, admin_token, "https://93.184.216.34/", ["CREATED"], isActive=False
    ) as saved:
        # The secret is never part of the webhook as read back
        listed = await gql.execute("{ webhooks { id url } }", token=admin_token)
        assert "secret" not in str(listed.body)
        update = {
            "webhookId": saved["webhook"]["id"],
            "name": "Renombrado",
            "url": "https://93.184.216.34/otra",
            "eventKinds": ["CREATED"],
            "isActive": False,
        }
        changed = (await gql.execute(SAVE, {"input": update}, token=admin_token)).data
        assert changed["saveWebhook"]["secret"] is None

        rotated = await gql.execute(ROTATE, {"id": saved["webhook"]["id"]}, token=admin_token)
        new_secret = rotated.data["rotateWebhookSecret"]["secret"]
        assert new_secret.startswith("whsec_") and new_secret != saved["secret"]

        from domain.automation.deliveries import secrets_in_use
        from domain.clock import utcnow
        from domain.models import Webhook

        pk = int(global_id_pk(saved["webhook"]["id"]))
        hook = await Webhook.get(id=pk)
        assert secrets_in_use(hook, utcnow()) == [new_secret, saved["secret"]]


def global_id_pk(value: str) -> str:
    from api.core.ids import parse_global_id

    parsed = parse_global_id(value)
    assert parsed is not None
    return str(parsed[1])


def test_the_signature_scheme_is_hmac_sha256_over_timestamp_dot_body() -> None:
    import hashlib
    import hmac

    body = b'{"a":1}'
    header = signature_header(["whsec_k"], 1_700_000_000, body)
    expected = hmac.new(b"whsec_k", b'1700000000.{"a":1}', hashlib.sha256).hexdigest()
    assert header == f"t=1700000000,v1={expected}"
    assert verify(header, "whsec_k", body, now=1_700_000_100)
    assert not verify(header, "whsec_k", body, now=1_700_000_400)  # too old: a replay
    assert not verify(header, "whsec_k", b'{"a":2}', now=1_700_000_000)


def test_addresses_webhooks_may_reach() -> None:
    import ipaddress

    public = ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946", "8.8.8.8"]
    private = [
        "10.0.0.1",
        "172.16.0.1",
        "192.168.1.1",
        "127.0.0.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "::1",
        "fe80::1",
        "fc00::1",
        "::ffff:127.0.0.1",
        "2002:7f00:1::",  # 6to4 around 127.0.0.1
        "224.0.0.1",
    ]
    assert all(is_public(ipaddress.ip_address(a)) for a in public)
    assert not any(is_public(ipaddress.ip_address(a)) for a in private)


def test_payload_ids_are_the_api_global_ids() -> None:
    assert global_id("Ticket", 42) == encode_id("Ticket", 42)


async def test_delivered_deliveries_are_deleted_after_the_retention_period(server: str) -> None:
    from datetime import timedelta

    from domain.clock import utcnow
    from domain.models import Webhook, WebhookAttempt, WebhookDelivery, WebhookDeliveryStatus
    from domain.retention import sweep_retention

    # Given a delivered delivery older than the retention, a failed one as old, a recent one
    now = utcnow()
    old = now - timedelta(days=get_settings().retention_outbox_days + 1)
    hook = await Webhook.create(
        name="Retención",
        url="https://93.184.216.34/",
        event_kinds=["CREATED"],
        is_active=False,
        secret="whsec_r",
        created_at=old,
        updated_at=old,
    )

    async def delivery(status: WebhookDeliveryStatus, at: Any) -> WebhookDelivery:
        row = await WebhookDelivery.create(
            webhook_id=hook.id,
            delivery_uid=unique("r-"),
            event_id=await WebhookDelivery.filter(webhook_id=hook.id).count(),
            event_kind="CREATED",
            ticket_id=0,
            payload={},
            status=status,
            created_at=at,
            delivered_at=at if status is WebhookDeliveryStatus.DELIVERED else None,
        )
        await WebhookAttempt.create(delivery_id=row.id, attempted_at=at, duration_ms=1)
        return row

    gone = await delivery(WebhookDeliveryStatus.DELIVERED, old)
    failed = await delivery(WebhookDeliveryStatus.FAILED, old)
    recent = await delivery(WebhookDeliveryStatus.DELIVERED, now)

    # When the retention sweep runs
    swept = await sweep_retention(now)

    # Then only the old delivered one is gone, with its attempts
    kept = (
        await WebhookDelivery.filter(webhook_id=hook.id).order_by("id").values_list("id", flat=True)
    )
    assert swept.webhook_deliveries >= 1
    assert kept == [failed.id, recent.id]
    assert not await WebhookAttempt.filter(delivery_id=gone.id).exists()
    await hook.delete()
