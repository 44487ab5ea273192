"""Seed 001 as written (issue 15, point 7): Nivel 2 takes chat and phone in business hours,
Nivel 3 tickets and email around the clock and chat and phone in business hours; each level
shows its channel conditions; a business-hours target on a level without a calendar is
refused instead of silently counting around the clock."""

from __future__ import annotations

from api.core.ids import encode_id
from domain.models import SlaClock, SlaTarget, SupportLevel
from tests.graphql_client import GraphQLClient

LEVELS = "{ supportLevels { code channels channelConditions { channel condition } } }"
SET_TARGET = """
mutation($input: SetSlaTargetInput!) {
  setSlaTarget(input: $input) {
    __typename
    ... on SetSlaTargetSuccess { target { impact clock } }
    ... on UserError { code message field }
  }
}"""


async def test_each_level_shows_when_its_channels_are_open(gql: GraphQLClient) -> None:
    # when anyone reads the support levels (seed 001's; other tests may add their own)
    every_level = (await gql.execute(LEVELS)).data["supportLevels"]
    levels = [level for level in every_level if level["code"] in ("N1", "N2", "N3")]

    # then each channel comes with its condition, as seed 001 words it
    conditions = {
        level["code"]: {rule["channel"]: rule["condition"] for rule in level["channelConditions"]}
        for level in levels
    }
    assert conditions == {
        "N1": {"WEB": "ALWAYS", "EMAIL": "ALWAYS", "API": "ALWAYS", "PHONE": "EXISTING_TICKET"},
        "N2": {
            "WEB": "ALWAYS",
            "EMAIL": "ALWAYS",
            "API": "ALWAYS",
            "CHAT": "BUSINESS_HOURS",
            "PHONE": "BUSINESS_HOURS",
        },
        "N3": {
            "WEB": "ALWAYS",
            "EMAIL": "ALWAYS",
            "API": "ALWAYS",
            "CHAT": "BUSINESS_HOURS",
            "PHONE": "BUSINESS_HOURS",
        },
    }
    assert all(set(level["channels"]) == set(conditions[level["code"]]) for level in levels)


async def test_a_business_hours_target_needs_the_level_to_have_a_calendar(
    gql: GraphQLClient, admin_token: str
) -> None:
    # given a level without a business calendar
    level = await SupportLevel.create(code="NX", name="Nivel sin calendario", rank=99)
    try:
        target = {
            "supportLevelId": encode_id("SupportLevel", level.id),
            "impact": "MEDIUM",
            "clock": "BUSINESS_HOURS",
            "firstResponseExpectedMinutes": 120,
            "firstResponseDueMinutes": 180,
        }

        # when an admin gives it a business-hours target, then a 24/7 one
        refused = await gql.execute(SET_TARGET, {"input": target}, token=admin_token)
        stored_after_refusal = await SlaTarget.filter(support_level_id=level.id).count()
        around_the_clock = {**target, "clock": "ALWAYS"}
        accepted = await gql.execute(SET_TARGET, {"input": around_the_clock}, token=admin_token)
        stored = await SlaTarget.get(support_level_id=level.id)
    finally:
        await SlaTarget.filter(support_level_id=level.id).delete()
        await level.delete()

    # then the first is refused in both languages and stores nothing; the second is kept
    assert refused.data["setSlaTarget"] == {
        "__typename": "ValidationError",
        "code": "VALIDATION",
        "field": "clock",
        "message": (
            "Nivel sin calendario has no business calendar, so business hours cannot be "
            "counted: attach a calendar to the level or use a 24/7 clock. / Nivel sin "
            "calendario no tiene calendario laboral y no se pueden contar horas hábiles: "
            "asigne un calendario al nivel o use un reloj 24/7."
        ),
    }
    assert stored_after_refusal == 0
    assert accepted.data["setSlaTarget"]["__typename"] == "SetSlaTargetSuccess"
    assert stored.clock is SlaClock.ALWAYS
