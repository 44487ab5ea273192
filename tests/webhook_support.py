"""What the webhook tests share: the admin setting that lets webhooks reach a loopback
receiver, saving and listing webhooks and their deliveries."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from typing import Any

import pytest

from tests import automation_support
from tests.graphql_client import GraphQLClient
from tests.matrix_world import unique

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
