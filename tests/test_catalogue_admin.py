"""Admins keep the catalogue over GraphQL: new levels with a price, a calendar attached to a
level, retired levels, departments and categories, the staff and partner lists, and an audit
log of every change. Bad input is a typed error that changes nothing."""

from __future__ import annotations

import uuid
from typing import Any

from api.core.ids import encode_id
from domain.models import AuditEntry, SupportLevel
from tests.factories import CREATE_TICKET, own_service_id
from tests.graphql_client import GraphQLClient

CREATE_LEVEL = """
mutation($input: CreateSupportLevelInput!) { createSupportLevel(input: $input) {
  __typename
  ... on CreateSupportLevelSuccess { supportLevel { id code monthlyPrice currency isActive
    calendar { name } } }
  ... on UserError { code message field } } }"""
SET_CALENDAR = """
mutation($l: ID!, $c: ID) { setSupportLevelCalendar(supportLevelId: $l, calendarId: $c) {
  __typename
  ... on SetSupportLevelCalendarSuccess { supportLevel { calendar { name timezone } } }
  ... on UserError { code message field } } }"""
LEVELS = """query($all: Boolean!) { supportLevels(includeInactive: $all) {
  id code monthlyPrice currency isActive calendar { id name timezone holidayCountry } } }"""
AUDIT = """{ auditLog(first: 20) { edges { node {
  actorName actorStaffId action entity entityId before after } } } }"""


def unique_code(prefix: str) -> str:
    return f"{prefix}{uuid.uuid4().hex[:6]}".upper()


async def audit_entries(gql: GraphQLClient, token: str) -> list[dict[str, Any]]:
    edges = (await gql.execute(AUDIT, token=token)).data["auditLog"]["edges"]
    return [edge["node"] for edge in edges]


async def bogota_id(gql: GraphQLClient, token: str) -> str:
    levels = (await gql.execute(LEVELS, {"all": False}, token=token)).data["supportLevels"]
    return str(next(lv for lv in levels if lv["code"] == "N1")["calendar"]["id"])


async def test_support_levels_show_their_price_currency_and_calendar(gql: GraphQLClient) -> None:
    # when anyone lists the levels of the demo (the example catalogue)
    levels = (await gql.execute(LEVELS, {"all": False})).data["supportLevels"]

    # then each shows its monthly price in COP and the Bogotá calendar it counts hours in
    seeded = {lv["code"]: lv for lv in levels if lv["code"] in ("N1", "N2", "N3")}
    assert {code: (lv["monthlyPrice"], lv["currency"]) for code, lv in seeded.items()} == {
        "N1": ("0.00", "COP"),
        "N2": ("0.00", "COP"),
        "N3": ("120900.00", "COP"),
    }
    assert {lv["calendar"]["name"] for lv in seeded.values()} == {"Bogotá"}
    assert seeded["N1"]["calendar"]["timezone"] == "America/Bogota"
    assert seeded["N1"]["calendar"]["holidayCountry"] == "CO"


async def test_an_admin_creates_a_level_and_attaches_a_calendar_and_it_is_audited(
    gql: GraphQLClient, admin_token: str
) -> None:
    # given a new level without a calendar
    code = unique_code("L")
    created = await gql.execute(
        CREATE_LEVEL,
        {
            "input": {
                "code": code,
                "name": "Nivel Oro",
                "rank": 4,
                "channels": [
                    {"channel": "WEB"},
                    {"channel": "PHONE", "condition": "BUSINESS_HOURS"},
                ],
                "monthlyPrice": "250000",
                "currency": "cop",
            }
        },
        token=admin_token,
    )
    level = created.data["createSupportLevel"]["supportLevel"]
    assert (level["code"], level["monthlyPrice"], level["currency"]) == (code, "250000.00", "COP")
    assert (level["isActive"], level["calendar"]) == (True, None)

    # when the admin attaches the Bogotá calendar to it
    calendar = await bogota_id(gql, admin_token)
    attached = await gql.execute(SET_CALENDAR, {"l": level["id"], "c": calendar}, token=admin_token)

    # then the level counts its hours there, and both changes are in the audit log
    assert attached.data["setSupportLevelCalendar"]["supportLevel"]["calendar"] == {
        "name": "Bogotá",
        "timezone": "America/Bogota",
    }
    row = await SupportLevel.get(code=code)
    entries = [e for e in await audit_entries(gql, admin_token) if e["entityId"] == row.id]
    assert [e["action"] for e in entries if e["entity"] == "support_level"][:2] == [
        "support_level.set_calendar",
        "support_level.create",
    ]
    set_calendar, create = entries[0], entries[1]
    assert set_calendar["actorName"] == "Andrés Admin"
    assert set_calendar["actorStaffId"] is not None
    assert (set_calendar["before"], set_calendar["after"]) == (
        {"calendar_id": None},
        {"calendar_id": row.calendar_id},
    )
    assert create["before"] is None
    assert create["after"]["monthly_price"] == "250000.00"
    assert create["after"]["channel_conditions"] == {"PHONE": "BUSINESS_HOURS"}


async def test_bad_level_input_is_a_typed_error_and_changes_nothing(
    gql: GraphQLClient, admin_token: str
) -> None:
    levels_before = await SupportLevel.all().count()
    audit_before = await AuditEntry.all().count()
    base = {"code": unique_code("B"), "name": "Nivel", "rank": 5, "channels": [{"channel": "WEB"}]}
    n1 = await SupportLevel.get(code="N1")
    cases = [
        ({**base, "monthlyPrice": "10", "currency": "PESOS"}, "VALIDATION", "currency"),
        ({**base, "monthlyPrice": "-1", "currency": "COP"}, "VALIDATION", "monthlyPrice"),
        ({**base, "code": "no spaces"}, "VALIDATION", "code"),
        ({**base, "channels": []}, "VALIDATION", "channels"),
        ({**base, "rank": 0}, "VALIDATION", "rank"),
        ({**base, "code": "N1"}, "CONFLICT", "code"),
        ({**base, "calendarId": encode_id("BusinessCalendar", 999999)}, "NOT_FOUND", "calendarId"),
    ]
    for payload, code, field in cases:
        result = (await gql.execute(CREATE_LEVEL, {"input": payload}, token=admin_token)).data
        error = result["createSupportLevel"]
        assert (error["code"], error["field"]) == (code, field), payload
        assert " / " in error["message"]  # English / Spanish
    unknown = await gql.execute(
        SET_CALENDAR,
        {"l": encode_id("SupportLevel", n1.id), "c": encode_id("BusinessCalendar", 999999)},
        token=admin_token,
    )
    assert unknown.data["setSupportLevelCalendar"]["code"] == "NOT_FOUND"
    assert await SupportLevel.all().count() == levels_before
    assert (await SupportLevel.get(code="N1")).calendar_id == n1.calendar_id
    assert await AuditEntry.all().count() == audit_before


SAVE_CATEGORY = """mutation($input: CategoryInput!) { saveCategory(input: $input) {
  ... on CategorySuccess { category { id code } } } }"""
SET_CATEGORY_ACTIVE = """mutation($c: ID!, $a: Boolean!) {
  setCategoryActive(categoryId: $c, isActive: $a) {
    ... on SetCategoryActiveSuccess { category { isActive } } } }"""
CATEGORY_CODES = "query($all: Boolean!) { categories(includeInactive: $all) { code } }"


async def test_a_retired_category_is_offered_to_no_new_ticket(
    gql: GraphQLClient, admin_token: str, customer_token: str
) -> None:
    # given a category of the admin's own, then retired
    departments = (await gql.execute("{ departments { id code } }")).data["departments"]
    tech = next(d["id"] for d in departments if d["code"] == "TECH")
    code = unique_code("c").lower()
    category = (
        await gql.execute(
            SAVE_CATEGORY,
            {
                "input": {
                    "code": code,
                    "departmentId": tech,
                    "name": "Old",
                    "nameEs": "Viejo",
                    "defaultImpact": "LOW",
                }
            },
            token=admin_token,
        )
    ).data["saveCategory"]["category"]
    retired = await gql.execute(
        SET_CATEGORY_ACTIVE, {"c": category["id"], "a": False}, token=admin_token
    )
    assert retired.data["setCategoryActive"]["category"]["isActive"] is False

    # then the public list leaves it out, admins may still list it
    offered = (await gql.execute(CATEGORY_CODES, {"all": False})).data["categories"]
    every = (await gql.execute(CATEGORY_CODES, {"all": True}, token=admin_token)).data
    assert code not in [c["code"] for c in offered]
    assert code in [c["code"] for c in every["categories"]]

    # and a ticket cannot be opened in it
    payload = {
        "subject": "Algo viejo",
        "message": "Una categoría retirada.",
        "categoryId": category["id"],
        "serviceId": await own_service_id(gql, customer_token),
    }
    refused = (await gql.execute(CREATE_TICKET, {"input": payload}, token=customer_token)).data
    assert refused["createTicket"]["__typename"] == "ValidationError"
    assert refused["createTicket"]["field"] == "categoryId"
    assert refused["createTicket"]["message"] == (
        "This category is retired: choose another. / Esta categoría está retirada: elija otra."
    )


STAFF = """query($d: ID) { staff(departmentId: $d) { name email } }"""


async def test_staff_list_the_desk_for_assign_pickers_and_customers_may_not(
    gql: GraphQLClient, agent_token: str, customer_token: str
) -> None:
    departments = (await gql.execute("{ departments { id code } }")).data["departments"]
    billing = next(d["id"] for d in departments if d["code"] == "BILLING")

    everyone = (await gql.execute(STAFF, {"d": None}, token=agent_token)).data["staff"]
    in_billing = (await gql.execute(STAFF, {"d": billing}, token=agent_token)).data["staff"]
    refused = await gql.execute(STAFF, {"d": None}, token=customer_token)

    names = [person["name"] for person in everyone]
    assert {"Ana Agent", "Bruno Billing", "Sofía Supervisor", "Andrés Admin"} <= set(names)
    assert names == sorted(names)
    assert {p["email"] for p in in_billing} >= {"billing@mesa.example", "admin@mesa.example"}
    assert "agent@mesa.example" not in {p["email"] for p in in_billing}
    assert refused.error_codes == ["NOT_ALLOWED"]


CREATE_PARTNER = """mutation($n: String!) { createPartner(name: $n) {
  ... on CreatePartnerSuccess { partnerId } } }"""
CREATE_KEY = """mutation($p: ID!) { createPartnerKey(input: {partnerId: $p, name: "erp",
  scopes: ["tickets:read"]}) { ... on CreatePartnerKeySuccess { key } } }"""
PARTNERS = "{ partners { id name keys { name prefix scopes revokedAt } } }"


async def test_admins_list_partners_and_their_keys_without_the_secret(
    gql: GraphQLClient, admin_token: str, agent_token: str
) -> None:
    name = f"Socio {uuid.uuid4().hex[:6]}"
    partner = (await gql.execute(CREATE_PARTNER, {"n": name}, token=admin_token)).data
    partner_id = partner["createPartner"]["partnerId"]
    key = (await gql.execute(CREATE_KEY, {"p": partner_id}, token=admin_token)).data
    secret = key["createPartnerKey"]["key"]

    listed = await gql.execute(PARTNERS, token=admin_token)
    refused = await gql.execute(PARTNERS, token=agent_token)

    [mine] = [p for p in listed.data["partners"] if p["id"] == partner_id]
    assert mine["name"] == name
    assert mine["keys"] == [
        {"name": "erp", "prefix": secret[:14], "scopes": ["tickets:read"], "revokedAt": None}
    ]
    assert secret not in str(listed.body)
    assert refused.error_codes == ["NOT_ALLOWED"]
    entries = await audit_entries(gql, admin_token)
    assert [e["action"] for e in entries[:2]] == ["partner_key.create", "partner.create"]
    assert secret not in str(entries)
