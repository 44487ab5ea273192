"""Custom fields (issue 20 point 6) in lists and definitions: ticket lists and saved views
filter by their values (from the values index); definitions are checked, keep their type and
options while in use, and can be retired or deleted."""

from __future__ import annotations

from typing import Any

import pytest

from domain.models import TicketFieldValue
from tests import automation_support, custom_fields_support
from tests.custom_fields_support import (
    FIELDS,
    FILTERED,
    TICKET,
    create,
    customer_input,
    save_field,
    unique,
)
from tests.graphql_client import GraphQLClient

automation = automation_support.automation  # the fixture
form = custom_fields_support.form  # the fixture


async def test_tickets_filter_by_a_value_and_by_ranges(
    gql: GraphQLClient, form: dict[str, str], customer_token: str, agent_token: str
) -> None:
    # given three tickets with different values
    made = []
    for domain, accounts, since in (
        ("uno.co", 2, "2026-11-01"),
        ("dos.co", 10, "2026-11-15"),
        ("tres.co", 30, "2026-12-01"),
    ):
        values = [
            {"key": form["dominio"], "value": domain},
            {"key": form["cuentas"], "value": accounts},
            {"key": form["desde"], "value": since},
        ]
        created = await create(
            gql, await customer_input(gql, customer_token, form, values), customer_token
        )
        made.append(created["ticket"]["trackingId"])

    async def found(conditions: list[dict[str, Any]], token: str = agent_token) -> list[str]:
        result = await gql.execute(FILTERED, {"f": {"customFields": conditions}}, token=token)
        return sorted(e["node"]["trackingId"] for e in result.data["tickets"]["edges"])

    # then equality, number and date ranges, and their combination pick exactly the right ones
    assert await found([{"key": form["dominio"], "equals": "dos.co"}]) == [made[1]]
    assert await found([{"key": form["dominio"], "equals": "dos.co"}], customer_token) == [made[1]]
    assert await found([{"key": form["cuentas"], "atLeast": 10}]) == sorted(made[1:])
    assert await found([{"key": form["cuentas"], "equals": 10.0}]) == [made[1]]
    assert await found([{"key": form["desde"], "atMost": "2026-11-15"}]) == sorted(made[:2])
    assert await found(
        [
            {"key": form["cuentas"], "atLeast": 5, "atMost": 40},
            {"key": form["desde"], "atLeast": "2026-11-20"},
        ]
    ) == [made[2]]


async def test_a_bad_filter_is_a_typed_error_and_customers_cannot_probe_staff_fields(
    gql: GraphQLClient, form: dict[str, str], customer_token: str, agent_token: str
) -> None:
    async def refused(condition: dict[str, Any], token: str) -> dict[str, Any]:
        result = await gql.execute(FILTERED, {"f": {"customFields": [condition]}}, token=token)
        assert result.body["data"] is None, result.body
        error: dict[str, Any] = result.errors[0]["extensions"]
        return error

    staff_only = await refused({"key": form["ip"], "equals": "10.0.0.7"}, customer_token)
    ranged_text = await refused({"key": form["dominio"], "atLeast": 3}, agent_token)
    bad_option = await refused({"key": form["plan"], "equals": "oro"}, agent_token)

    assert staff_only == {"code": "VALIDATION", "field": f"customFields.{form['ip']}"}
    assert ranged_text == {"code": "VALIDATION", "field": f"customFields.{form['dominio']}"}
    assert bad_option == {"code": "VALIDATION", "field": f"customFields.{form['plan']}"}


async def test_a_value_filter_is_served_from_the_values_index(
    in_process_server: str, form: dict[str, str]
) -> None:
    from tortoise import connections

    from domain.custom_fields.filters import FieldCondition
    from domain.identity.viewer import Viewer, ViewerKind
    from domain.models import StaffRole
    from domain.tickets.queries import TicketFilter, filtered_tickets

    admin = Viewer(kind=ViewerKind.STAFF, staff_id=1, role=StaffRole.ADMIN)
    conditions = (
        FieldCondition(key=form["dominio"], equals="dos.co"),
        FieldCondition(key=form["cuentas"], at_least=5),
        FieldCondition(key=form["desde"], at_most="2026-12-01"),
    )
    sql = filtered_tickets(admin, TicketFilter(custom_fields=conditions)).sql()

    # The plan SQLite picks for any values (the statement's parameters left unbound).
    plan = await connections.get("default").execute_query_dict(
        f"EXPLAIN QUERY PLAN {sql}", ["x"] * sql.count("?")
    )

    steps = [str(row["detail"]) for row in plan]
    on_values = [step for step in steps if "ticket_field_value" in step]
    assert len(on_values) == 3, steps
    assert all("USING INDEX" in step or "USING COVERING INDEX" in step for step in on_values)
    # and tickets are reached by their keys from the values found, never scanned
    assert not any(step.startswith("SCAN ticket") for step in steps), steps


SAVE_VIEW = """
mutation($input: SaveTicketViewInput!) {
  saveTicketView(input: $input) {
    __typename
    ... on SaveTicketViewSuccess {
      ticketView { count filter { customFields { key equals atLeast atMost } }
                   tickets { edges { node { trackingId } } } }
    }
    ... on UserError { code message field }
  }
}"""


async def test_a_saved_view_keeps_its_custom_field_conditions(
    gql: GraphQLClient, form: dict[str, str], customer_token: str, agent_token: str
) -> None:
    values = [{"key": form["dominio"], "value": "vista.co"}, {"key": form["plan"], "value": "pro"}]
    created = await create(
        gql, await customer_input(gql, customer_token, form, values), customer_token
    )
    conditions = [
        {"key": form["plan"], "equals": "pro", "atLeast": None, "atMost": None},
        {"key": form["dominio"], "equals": "vista.co", "atLeast": None, "atMost": None},
    ]
    variables = {"name": unique("Vista"), "filter": {"customFields": conditions}}

    saved = (await gql.execute(SAVE_VIEW, {"input": variables}, token=agent_token)).data
    refused = await gql.execute(
        SAVE_VIEW,
        {"input": {"name": "Mala", "filter": {"customFields": [{"key": "nope", "equals": 1}]}}},
        token=agent_token,
    )

    view = saved["saveTicketView"]["ticketView"]
    assert view["filter"]["customFields"] == conditions
    assert view["count"] == 1
    assert view["tickets"]["edges"] == [{"node": {"trackingId": created["ticket"]["trackingId"]}}]
    assert refused.data["saveTicketView"]["field"] == "customFields.nope"


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"key": "Dominio"}, "key", "A field key has 1 to 50 lower-case letters, digits or _, "
         "starting with a letter (dominio, ip_servidor). / La clave de un campo tiene de 1 a 50 "
         "letras minúsculas, números o _, y empieza por una letra (dominio, ip_servidor)."),
        ({"type": "SELECT"}, "options", "A SELECT field has 1 to 100 options. / Un campo SELECT "
         "tiene de 1 a 100 opciones."),
        ({"options": [{"key": "a", "labelEs": "A", "labelEn": "A"}]}, "options", "Only SELECT "
         "fields have options. / Solo los campos SELECT tienen opciones."),
        ({"labelEs": "  "}, "labelEs", "Write 1 to 100 characters. / Escriba de 1 a 100 "
         "caracteres."),
    ],
)  # fmt: skip
async def test_a_bad_field_definition_is_a_typed_error_and_saves_nothing(
    gql: GraphQLClient, admin_token: str, change: dict[str, Any], field: str, message: str
) -> None:
    from domain.models import CustomField

    before = await CustomField.all().count()
    spec = {"key": unique("campo"), "type": "TEXT", "labelEs": "Campo", "labelEn": "Field"}

    refused = await save_field(gql, admin_token, **{**spec, **change})

    assert (refused["code"], refused["field"], refused["message"]) == ("VALIDATION", field, message)
    assert await CustomField.all().count() == before


async def test_fields_in_use_keep_their_type_and_options_and_keys_are_unique(
    gql: GraphQLClient, form: dict[str, str], admin_token: str, customer_token: str
) -> None:
    values = [{"key": form["dominio"], "value": "uso.co"}, {"key": form["plan"], "value": "pro"}]
    await create(gql, await customer_input(gql, customer_token, form, values), customer_token)
    fields = (await gql.execute(FIELDS_WITH_IDS, {"c": form["category"]}, token=admin_token)).data
    plan = next(f for f in fields["customFields"] if f["key"] == form["plan"])
    spec = {"customFieldId": plan["id"], "key": form["plan"], "labelEs": "Plan", "labelEn": "Plan"}

    retyped = await save_field(gql, admin_token, **spec, type="TEXT")
    dropped = await save_field(
        gql,
        admin_token,
        **spec,
        type="SELECT",
        options=[{"key": "basico", "labelEs": "Básico", "labelEn": "Basic"}],
    )
    clash = await save_field(
        gql, admin_token, key=form["plan"], type="TEXT", labelEs="Otro", labelEn="Other"
    )

    assert (retyped["code"], retyped["field"]) == ("VALIDATION", "type")
    assert (dropped["code"], dropped["field"]) == ("VALIDATION", "options")
    assert (clash["code"], clash["field"]) == ("VALIDATION", "key")


FIELDS_WITH_IDS = """
query($c: ID) { customFields(categoryId: $c, includeInactive: true) { id key isActive } }"""
DELETE_FIELD = """mutation($id: ID!) { deleteCustomField(customFieldId: $id) {
  __typename ... on UserError { code field } } }"""
DELETE_TICKET = """mutation($id: ID!) { deleteTicket(ticketId: $id) { __typename } }"""


async def test_a_retired_field_leaves_forms_keeps_values_and_a_deleted_one_takes_them(
    gql: GraphQLClient, form: dict[str, str], admin_token: str, customer_token: str
) -> None:
    from domain.models import Ticket

    # given a ticket with a mail-accounts value
    values = [{"key": form["dominio"], "value": "retiro.co"}, {"key": form["cuentas"], "value": 7}]
    created = await create(
        gql, await customer_input(gql, customer_token, form, values), customer_token
    )
    ticket = await Ticket.get(tracking_id=created["ticket"]["trackingId"])
    listed = (await gql.execute(FIELDS_WITH_IDS, {"c": form["category"]}, token=admin_token)).data
    accounts = next(f for f in listed["customFields"] if f["key"] == form["cuentas"])

    # when the field is retired
    retired = await save_field(
        gql,
        admin_token,
        customFieldId=accounts["id"],
        key=form["cuentas"],
        type="NUMBER",
        labelEs="Cuentas de correo",
        labelEn="Mail accounts",
        isActive=False,
    )

    # then forms leave it out and refuse it, while the ticket keeps its value
    assert retired["__typename"] == "SaveCustomFieldSuccess", retired
    offered = (await gql.execute(FIELDS, {"c": form["category"]}, token=customer_token)).data
    assert form["cuentas"] not in [f["key"] for f in offered["customFields"]]
    again = await create(
        gql, await customer_input(gql, customer_token, form, values), customer_token
    )
    assert again["field"] == f"customFields.{form['cuentas']}"
    seen = (await gql.execute(TICKET, {"t": ticket.tracking_id}, token=customer_token)).data
    assert [v["value"] for v in seen["ticket"]["customFields"]] == ["retiro.co", 7]

    # and deleting the field takes its values with it
    deleted = (await gql.execute(DELETE_FIELD, {"id": accounts["id"]}, token=admin_token)).data
    assert deleted["deleteCustomField"]["__typename"] == "DeleteCustomFieldSuccess"
    assert await TicketFieldValue.filter(ticket_id=ticket.id).count() == 1

    # and deleting the ticket takes the rest
    await gql.execute(DELETE_TICKET, {"id": created["ticket"]["id"]}, token=admin_token)
    assert not await TicketFieldValue.filter(ticket_id=ticket.id).exists()
