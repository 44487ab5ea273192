"""Announcements (issue 9, seed 004): staff write maintenance and incident notices; once
published, customers of the affected services see them while they last, public ones are
for everyone, and nobody but staff sees a draft."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from domain.models import Announcement
from tests.factories import own_service_id
from tests.graphql_client import GraphQLClient

CREATE = """
mutation($input: AnnouncementInput!) {
  createAnnouncement(input: $input) {
    __typename
    ... on AnnouncementSuccess { announcement { id publishedAt affectedServices { id } } }
    ... on UserError { code field }
  }
}"""
PUBLISH = """
mutation($id: ID!) {
  publishAnnouncement(announcementId: $id) {
    __typename
    ... on AnnouncementSuccess { announcement { publishedAt } }
    ... on UserError { code }
  }
}"""
END = """
mutation($id: ID!) {
  endAnnouncement(announcementId: $id) { __typename ... on UserError { code } }
}"""
CURRENT = "{ announcements { id titleEs titleEn severity kind underWay affectedServices { id } } }"


def notice(**overrides: Any) -> dict[str, Any]:
    now = datetime.now(UTC)
    return {
        "kind": "MAINTENANCE",
        "severity": "WARNING",
        "titleEs": "Migración de la herramienta de soporte",
        "titleEn": "Support tool migration",
        "bodyEs": "Es posible una breve interrupción del sistema de soporte.",
        "bodyEn": "The support system may be briefly unavailable.",
        "startsAt": (now + timedelta(hours=1)).isoformat(),
        "endsAt": (now + timedelta(hours=3)).isoformat(),
        **overrides,
    }


async def create(gql: GraphQLClient, token: str | None, **overrides: Any) -> dict[str, Any]:
    result: dict[str, Any] = (
        await gql.execute(CREATE, {"input": notice(**overrides)}, token=token)
    ).data["createAnnouncement"]
    return result


async def current_ids(gql: GraphQLClient, token: str | None) -> list[str]:
    return [a["id"] for a in (await gql.execute(CURRENT, token=token)).data["announcements"]]


async def test_customers_of_the_affected_service_see_it_once_published(
    gql: GraphQLClient, agent_token: str, customer_token: str, other_customer_token: str
) -> None:
    service = await own_service_id(gql, customer_token)
    created = (await create(gql, agent_token, serviceIds=[service]))["announcement"]

    draft_seen_by_customer = await current_ids(gql, customer_token)
    published = (await gql.execute(PUBLISH, {"id": created["id"]}, token=agent_token)).data
    seen = (await gql.execute(CURRENT, token=customer_token)).data["announcements"]

    assert created["publishedAt"] is None and created["affectedServices"] == [{"id": service}]
    assert created["id"] in await current_ids(gql, agent_token)
    assert created["id"] not in draft_seen_by_customer
    assert published["publishAnnouncement"]["announcement"]["publishedAt"] is not None
    mine = next(a for a in seen if a["id"] == created["id"])
    assert (mine["titleEn"], mine["underWay"]) == ("Support tool migration", False)
    assert mine["affectedServices"] == [{"id": service}]
    assert created["id"] not in await current_ids(gql, other_customer_token)
    assert created["id"] not in await current_ids(gql, None)


async def test_a_public_notice_is_for_everyone_until_it_ends(
    gql: GraphQLClient, agent_token: str, customer_token: str
) -> None:
    started = (datetime.now(UTC) - timedelta(minutes=5)).isoformat()
    created = (
        await create(
            gql,
            agent_token,
            isPublic=True,
            kind="INCIDENT",
            severity="CRITICAL",
            startsAt=started,
            endsAt=None,
        )
    )["announcement"]
    await gql.execute(PUBLISH, {"id": created["id"]}, token=agent_token)

    visible = await current_ids(gql, None)
    for_customer = (await gql.execute(CURRENT, token=customer_token)).data["announcements"]
    ended = (await gql.execute(END, {"id": created["id"]}, token=agent_token)).data

    assert created["id"] in visible
    public = next(a for a in for_customer if a["id"] == created["id"])
    assert public["affectedServices"] == [] and public["underWay"] is True
    assert ended["endAnnouncement"]["__typename"] == "AnnouncementSuccess"
    assert created["id"] not in await current_ids(gql, None)
    assert created["id"] not in await current_ids(gql, agent_token)


async def test_publishing_twice_is_a_conflict(gql: GraphQLClient, agent_token: str) -> None:
    created = (await create(gql, agent_token, isPublic=True))["announcement"]

    first = (await gql.execute(PUBLISH, {"id": created["id"]}, token=agent_token)).data
    second = (await gql.execute(PUBLISH, {"id": created["id"]}, token=agent_token)).data

    assert first["publishAnnouncement"]["__typename"] == "AnnouncementSuccess"
    assert second["publishAnnouncement"]["code"] == "CONFLICT"


async def test_bad_notices_are_typed_errors_and_save_nothing(
    gql: GraphQLClient, agent_token: str, customer_token: str
) -> None:
    before = await Announcement.all().count()
    now = datetime.now(UTC)

    backwards = await create(
        gql, agent_token, isPublic=True, endsAt=(now - timedelta(days=1)).isoformat()
    )
    nobody = await create(gql, agent_token)
    naive = await create(gql, agent_token, isPublic=True, startsAt="2026-12-01T10:00:00")
    by_customer = await create(gql, customer_token, isPublic=True)
    unknown_service = await create(gql, agent_token, serviceIds=["U2VydmljZTo5OTk5OTk="])

    assert (backwards["code"], backwards["field"]) == ("VALIDATION", "endsAt")
    assert (nobody["code"], nobody["field"]) == ("VALIDATION", "serviceIds")
    assert (naive["code"], naive["field"]) == ("VALIDATION", "startsAt")
    assert by_customer["code"] == "NOT_ALLOWED"
    assert (unknown_service["code"], unknown_service["field"]) == ("NOT_FOUND", "serviceIds")
    assert await Announcement.all().count() == before
