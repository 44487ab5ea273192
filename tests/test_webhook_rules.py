"""Outgoing webhooks, the rules: private targets refused when saved and when sent, partners
get only their customers' tickets, typed errors, secrets shown once and rotated, the
signature scheme, retention."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from api.core.ids import encode_id
from domain.automation.payloads import global_id
from domain.automation.signing import signature_header, verify
from domain.automation.targets import is_public
from domain.config import get_settings
from tests import webhook_support
from tests.automation_support import eventually
from tests.factories import CREATE_TICKET, create_ticket
from tests.graphql_client import GraphQLClient
from tests.matrix_world import unique
from tests.test_partners import new_partner, partner_customer, ticket_input
from tests.webhook_receiver import receiver
from tests.webhook_support import (
    ALLOW,
    DELETE,
    DELIVERIES,
    ROTATE,
    SAVE,
    deliveries,
    of_ticket,
    webhook,
)

automation = webhook_support.automation  # the fixtures
loopback_allowed = webhook_support.loopback_allowed


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
