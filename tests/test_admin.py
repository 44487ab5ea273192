"""Administration: admins manage staff, departments, categories, support levels, customers and
services; partners with customers:write add their own customers; nobody else does."""

from __future__ import annotations

from typing import Any

from tests.conftest import AGENT_LOGIN, DEMO_PASSWORD, LOGIN
from tests.graphql_client import GraphQLClient
from tests.test_partners import CREATE_TICKET, new_partner

SAVE_DEPARTMENT = """mutation($code: String!) {
  saveDepartment(code: $code, name: "Security", nameEs: "Seguridad") {
    __typename ... on DepartmentSuccess { department { id code } } ... on UserError { code } } }"""
SAVE_CATEGORY = """mutation($input: CategoryInput!) { saveCategory(input: $input) {
  __typename ... on CategorySuccess { category { id code defaultImpact } }
  ... on UserError { code } } }"""
CREATE_STAFF = """mutation($input: CreateStaffInput!) { createStaff(input: $input) {
  __typename ... on StaffSuccess { staff { id role departments { code } } }
  ... on UserError { code field } } }"""
UPDATE_STAFF = """mutation($input: UpdateStaffInput!) { updateStaff(input: $input) {
  __typename ... on UserError { code } } }"""
UPDATE_LEVEL = """mutation($input: UpdateSupportLevelInput!) { updateSupportLevel(input: $input) {
  __typename ... on SupportLevelSuccess { supportLevel { channels } }
  ... on UserError { code } } }"""
CREATE_CUSTOMER = """mutation($input: CreateCustomerInput!) { createCustomer(input: $input) {
  __typename ... on CustomerSuccess { customer { id clientNumber } }
  ... on UserError { code } } }"""
UPDATE_CUSTOMER = """mutation($input: UpdateCustomerInput!) { updateCustomer(input: $input) {
  __typename ... on UserError { code } } }"""
ADD_SERVICE = """mutation($input: AddServiceInput!) { addService(input: $input) {
  __typename ... on ServiceSuccess { service { id supportLevel { code } } }
  ... on UserError { code } } }"""
LEVELS = "query { supportLevels { id code channels } }"
LEVEL_RULES = "query { supportLevels { id code channels channelConditions { channel condition } } }"


async def run(gql: GraphQLClient, query: str, token: str, **variables: Any) -> dict[str, Any]:
    data: dict[str, Any] = next(
        iter((await gql.execute(query, variables, token=token)).data.values())
    )
    return data


async def test_an_admin_sets_up_a_department_with_a_category_and_an_agent(
    gql: GraphQLClient, admin_token: str, supervisor_token: str
) -> None:
    # Given a new department and category, made by the admin
    department = await run(gql, SAVE_DEPARTMENT, admin_token, code="SEC")
    department_id = department["department"]["id"]
    category = await run(
        gql,
        SAVE_CATEGORY,
        admin_token,
        input={
            "code": "phishing_report",
            "departmentId": department_id,
            "name": "Phishing report",
            "nameEs": "Reporte de phishing",
            "defaultImpact": "HIGH",
        },
    )
    assert category["category"]["defaultImpact"] == "HIGH"

    # When the admin adds an agent to it
    staff_input = {
        "email": "Guard@Mesa.example",
        "name": "Gina Guard",
        "role": "AGENT",
        "password": "guard-password",
        "departmentIds": [department_id],
    }
    created = await run(gql, CREATE_STAFF, admin_token, input=staff_input)

    # Then the agent logs in and works there; a duplicate email is a conflict
    assert created["staff"]["role"] == "AGENT"
    assert created["staff"]["departments"] == [{"code": "SEC"}]
    login = (
        await gql.execute(AGENT_LOGIN, {"e": "guard@mesa.example", "p": "guard-password"})
    ).data
    assert login["agentLogin"]["__typename"] == "LoginSuccess"
    again = await run(gql, CREATE_STAFF, admin_token, input=staff_input)
    assert (again["code"], again["field"]) == ("CONFLICT", "email")

    # And a supervisor may do none of it
    denied = await run(gql, SAVE_DEPARTMENT, supervisor_token, code="NOPE")
    assert denied["code"] == "NOT_ALLOWED"

    # Deactivating the agent ends the session
    update = {"staffId": created["staff"]["id"], "isActive": False}
    assert (await run(gql, UPDATE_STAFF, admin_token, input=update))["__typename"] == "StaffSuccess"
    response = await gql.execute(
        "query { viewer { __typename } }", token=login["agentLogin"]["token"]
    )
    assert response.error_codes == ["UNAUTHENTICATED"]


async def test_an_admin_changes_the_channels_of_a_level(
    gql: GraphQLClient, admin_token: str, agent_token: str
) -> None:
    levels = (await gql.execute(LEVEL_RULES)).data["supportLevels"]
    n3 = next(level for level in levels if level["code"] == "N3")
    rules = n3["channelConditions"]  # the same rules again: the level is left as it was

    denied = await run(
        gql, UPDATE_LEVEL, agent_token, input={"supportLevelId": n3["id"], "channels": rules[:1]}
    )
    same = await run(
        gql, UPDATE_LEVEL, admin_token, input={"supportLevelId": n3["id"], "channels": rules}
    )

    assert denied["code"] == "NOT_ALLOWED"
    assert same["supportLevel"]["channels"] == n3["channels"]


async def test_a_partner_adds_its_customer_and_service_and_opens_a_ticket_for_it(
    gql: GraphQLClient, admin_token: str, fresh_rate_limits: None
) -> None:
    # Given a partner allowed to write customers and tickets, and one only reading
    writer, _, _ = await new_partner(
        gql, admin_token, "Onboarder", ["customers:write", "tickets:write"]
    )
    reader, _, _ = await new_partner(gql, admin_token, "Looker", ["tickets:read"])
    levels = (await gql.execute(LEVELS)).data["supportLevels"]
    n2 = next(level["id"] for level in levels if level["code"] == "N2")
    customer_input = {"clientNumber": "p-7001", "name": "Tienda Uno", "email": "tienda@uno.example"}

    # When the partner adds a customer and a service
    created = await run(gql, CREATE_CUSTOMER, writer, input=customer_input)
    customer_id = created["customer"]["id"]
    service = await run(
        gql,
        ADD_SERVICE,
        writer,
        input={"customerId": customer_id, "name": "VPS", "supportLevelId": n2},
    )

    # Then it can open a ticket for it; the reading key can add nothing
    assert created["customer"]["clientNumber"] == "P-7001"
    assert service["service"]["supportLevel"] == {"code": "N2"}
    ticket_input = {
        "subject": "Alta de servicio",
        "message": "Cliente nuevo.",
        "departmentId": "RGVwYXJ0bWVudDox",
        "customerId": customer_id,
        "serviceId": service["service"]["id"],
    }
    ticket = await run(gql, CREATE_TICKET, writer, input=ticket_input)
    assert ticket["__typename"] == "CreateTicketSuccess"
    refused = await run(
        gql, CREATE_CUSTOMER, reader, input={**customer_input, "clientNumber": "P-7002"}
    )
    assert refused["code"] == "NOT_ALLOWED"


async def test_a_deactivated_customer_can_no_longer_log_in(
    gql: GraphQLClient, admin_token: str, fresh_rate_limits: None
) -> None:
    created = await run(
        gql,
        CREATE_CUSTOMER,
        admin_token,
        input={
            "clientNumber": "C-9401",
            "name": "Temporal",
            "email": "temporal@example.com",
            "password": DEMO_PASSWORD,
        },
    )
    token = (await gql.execute(LOGIN, {"n": "C-9401", "p": DEMO_PASSWORD})).data["login"]["token"]

    update = {"customerId": created["customer"]["id"], "isActive": False}
    assert (await run(gql, UPDATE_CUSTOMER, admin_token, input=update))[
        "__typename"
    ] == "CustomerSuccess"

    refused = await gql.execute("query { viewer { __typename } }", token=token)
    assert refused.error_codes == ["UNAUTHENTICATED"]
    login = (await gql.execute(LOGIN, {"n": "C-9401", "p": DEMO_PASSWORD})).data["login"]
    assert login["code"] == "INVALID_CREDENTIALS"
