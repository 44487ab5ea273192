"""Custom fields (issue 20 point 6) on tickets: createTicket takes their values, checked
against the fields that apply (typed errors naming the field, nothing created); tickets show
them, staff-only ones to staff only; staff change them later; triggers act on them."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from typing import Any

import pytest

from domain.models import TicketEvent, TicketFieldValue
from tests import automation_support, custom_fields_support
from tests.custom_fields_support import (
    FIELDS,
    SET_VALUES,
    TICKET,
    create,
    customer_input,
    new_category,
    save_field,
    unique,
)
from tests.factories import own_service_id, row_counts
from tests.graphql_client import GraphQLClient
from tests.rate_limits import reset_rate_limits

automation = automation_support.automation  # the fixture
form = custom_fields_support.form  # the fixture


async def test_an_administrator_defines_fields_and_each_viewer_is_offered_its_own(
    gql: GraphQLClient, form: dict[str, str], customer_token: str, agent_token: str
) -> None:
    customers = (await gql.execute(FIELDS, {"c": form["category"]}, token=customer_token)).data[
        "customFields"
    ]
    guests = (await gql.execute(FIELDS, {"c": form["category"]})).data["customFields"]
    staff = (await gql.execute(FIELDS, {"c": form["category"]}, token=agent_token)).data[
        "customFields"
    ]

    mine = [form[name] for name in ("dominio", "plan", "cuentas", "desde", "ok")]
    assert [f["key"] for f in customers if f["key"] in form.values()] == mine
    assert [f["key"] for f in guests if f["key"] in form.values()] == mine
    assert [f["key"] for f in staff if f["key"] in form.values()] == [*mine, form["ip"]]
    assert {"key": form["ip"], "type": "TEXT", "required": False, "visibility": "STAFF"} in staff


async def test_a_required_field_left_out_is_a_typed_error_naming_it_and_creates_nothing(
    gql: GraphQLClient, form: dict[str, str], customer_token: str
) -> None:
    before = await row_counts()
    values_before = await TicketFieldValue.all().count()

    refused = await create(
        gql,
        await customer_input(gql, customer_token, form, [{"key": form["cuentas"], "value": 3}]),
        customer_token,
    )

    assert refused == {
        "__typename": "ValidationError",
        "code": "VALIDATION",
        "field": f"customFields.{form['dominio']}",
        "message": "Fill in Domain. / Complete Dominio.",
    }
    assert await row_counts() == before
    assert await TicketFieldValue.all().count() == values_before


@pytest.mark.parametrize(
    ("name", "value", "code", "message"),
    [
        ("cuentas", "tres", "VALIDATION", "Mail accounts takes a number. / Cuentas de correo "
         "lleva un número."),
        ("cuentas", True, "VALIDATION", "Mail accounts takes a number. / Cuentas de correo "
         "lleva un número."),
        ("desde", "03/12/2026", "VALIDATION", "Failing since takes a date (YYYY-MM-DD). / "
         "Fecha del fallo lleva una fecha (AAAA-MM-DD)."),
        ("desde", "2026-02-30", "VALIDATION", "Failing since takes a date (YYYY-MM-DD). / "
         "Fecha del fallo lleva una fecha (AAAA-MM-DD)."),
        ("ok", "si", "VALIDATION", "Backup done takes true or false. / Copia hecha lleva true "
         "o false."),
        ("plan", "oro", "VALIDATION", "oro is not an option of Plan: choose one of basico, pro."
         " / oro no es una opción de Plan: elija una de basico, pro."),
        ("dominio", ["a", "b"], "VALIDATION", "Domain takes text. / Dominio lleva un texto."),
        ("ip", "10.0.0.7", "NOT_ALLOWED", "Only support staff fill in {key}. / Solo el equipo "
         "de soporte completa {key}."),
    ],
)  # fmt: skip
async def test_a_bad_value_is_a_typed_error_naming_the_field_and_creates_nothing(
    gql: GraphQLClient,
    form: dict[str, str],
    customer_token: str,
    name: str,
    value: Any,
    code: str,
    message: str,
) -> None:
    before = await row_counts()
    values = [{"key": form["dominio"], "value": "ejemplo.co"}, {"key": form[name], "value": value}]
    if name == "dominio":
        values = values[1:]

    refused = await create(
        gql, await customer_input(gql, customer_token, form, values), customer_token
    )

    assert refused["code"] == code, refused
    assert refused["field"] == f"customFields.{form[name]}"
    assert refused["message"] == message.format(key=form[name])
    assert await row_counts() == before


async def test_an_unknown_or_repeated_field_is_refused(
    gql: GraphQLClient, form: dict[str, str], customer_token: str
) -> None:
    domain = {"key": form["dominio"], "value": "ejemplo.co"}
    before = await row_counts()

    unknown = await create(
        gql,
        await customer_input(gql, customer_token, form, [domain, {"key": "nope", "value": 1}]),
        customer_token,
    )
    twice = await create(
        gql, await customer_input(gql, customer_token, form, [domain, domain]), customer_token
    )

    assert unknown["field"] == "customFields.nope"
    assert unknown["message"] == (
        "There is no field nope for this ticket. / No hay un campo nope para este ticket."
    )
    assert (twice["code"], twice["field"]) == ("VALIDATION", f"customFields.{form['dominio']}")
    assert await row_counts() == before


async def test_a_customer_fills_the_fields_and_reads_them_typed(
    gql: GraphQLClient, form: dict[str, str], customer_token: str
) -> None:
    values = [
        {"key": form["dominio"], "value": "  ejemplo.co "},
        {"key": form["plan"], "value": "pro"},
        {"key": form["cuentas"], "value": 12},
        {"key": form["desde"], "value": "2026-12-01"},
        {"key": form["ok"], "value": True},
    ]

    created = await create(
        gql, await customer_input(gql, customer_token, form, values), customer_token
    )

    assert created["__typename"] == "CreateTicketSuccess", created
    assert created["ticket"]["customFields"] == [
        {"value": "ejemplo.co", "optionLabel": None, "field": {"key": form["dominio"]}},
        {"value": "pro", "optionLabel": "Profesional", "field": {"key": form["plan"]}},
        {"value": 12, "optionLabel": None, "field": {"key": form["cuentas"]}},
        {"value": "2026-12-01", "optionLabel": None, "field": {"key": form["desde"]}},
        {"value": True, "optionLabel": None, "field": {"key": form["ok"]}},
    ]


@pytest.fixture
async def fresh_limits(server: str) -> AsyncIterator[None]:
    await reset_rate_limits()
    yield
    await reset_rate_limits()


async def test_a_guest_fills_a_customer_visible_field(
    gql: GraphQLClient, form: dict[str, str], fresh_limits: None
) -> None:
    payload = {
        "subject": "Mi dominio no resuelve",
        "message": "Desde ayer el dominio no abre.",
        "categoryId": form["category"],
        "guest": {"name": "Valentina Ruiz", "email": f"v-{uuid.uuid4().hex[:8]}@example.org"},
        "customFields": [{"key": form["dominio"], "value": "valentina.co"}],
    }

    created = await create(gql, payload)

    assert created["__typename"] == "CreateTicketSuccess", created
    seen = await gql.execute(
        TICKET, {"t": created["ticket"]["trackingId"]}, token=created["guestPass"]["token"]
    )
    assert seen.data["ticket"]["customFields"] == [
        {
            "value": "valentina.co",
            "optionLabel": None,
            "field": {"key": form["dominio"], "type": "TEXT"},
        }
    ]


async def test_a_staff_only_value_is_masked_for_the_customer(
    gql: GraphQLClient, form: dict[str, str], customer_token: str, agent_token: str
) -> None:
    # given a customer's ticket
    domain = {"key": form["dominio"], "value": "ejemplo.co"}
    created = await create(
        gql, await customer_input(gql, customer_token, form, [domain]), customer_token
    )
    ticket = created["ticket"]

    # when an agent notes the server's IP on it
    changed = (
        await gql.execute(
            SET_VALUES,
            {
                "input": {
                    "ticketId": ticket["id"],
                    "values": [{"key": form["ip"], "value": "10.0.0.7"}],
                    "expectedUpdatedAt": ticket["updatedAt"],
                }
            },
            token=agent_token,
        )
    ).data["setTicketCustomFields"]

    # then staff see it, with an internal event in the history
    assert changed["__typename"] == "SetTicketCustomFieldsSuccess", changed
    staff = (await gql.execute(TICKET, {"t": ticket["trackingId"]}, token=agent_token)).data
    assert [v["field"]["key"] for v in staff["ticket"]["customFields"]] == [
        form["dominio"],
        form["ip"],
    ]
    assert {
        "kind": "CUSTOM_FIELDS_CHANGED",
        "internal": True,
        "before": {form["ip"]: None},
        "after": {form["ip"]: "10.0.0.7"},
    } in staff["ticket"]["events"]
    # and the customer sees neither the value nor the event
    mine = (await gql.execute(TICKET, {"t": ticket["trackingId"]}, token=customer_token)).data
    assert mine["ticket"]["customFields"] == [
        {
            "value": "ejemplo.co",
            "optionLabel": None,
            "field": {"key": form["dominio"], "type": "TEXT"},
        }
    ]
    assert all(e["kind"] != "CUSTOM_FIELDS_CHANGED" for e in mine["ticket"]["events"])


async def test_staff_change_values_with_collision_detection_and_the_same_checks(
    gql: GraphQLClient, form: dict[str, str], customer_token: str, agent_token: str
) -> None:
    domain = {"key": form["dominio"], "value": "ejemplo.co"}
    ticket = (
        await create(gql, await customer_input(gql, customer_token, form, [domain]), customer_token)
    )["ticket"]

    async def change(values: list[dict[str, Any]], expected: str | None, token: str) -> Any:
        variables = {"ticketId": ticket["id"], "values": values, "expectedUpdatedAt": expected}
        return (await gql.execute(SET_VALUES, {"input": variables}, token=token)).data[
            "setTicketCustomFields"
        ]

    done = await change([{"key": form["cuentas"], "value": 4.5}], ticket["updatedAt"], agent_token)
    assert done["__typename"] == "SetTicketCustomFieldsSuccess", done
    events = await TicketEvent.filter(kind="CUSTOM_FIELDS_CHANGED").count()

    stale = await change([{"key": form["cuentas"], "value": 9}], ticket["updatedAt"], agent_token)
    cleared = await change([{"key": form["dominio"], "value": None}], None, agent_token)
    wrong = await change([{"key": form["plan"], "value": "oro"}], None, agent_token)
    customer = await change([{"key": form["plan"], "value": "pro"}], None, customer_token)

    assert stale["code"] == "CONFLICT"
    assert (cleared["code"], cleared["field"]) == ("VALIDATION", f"customFields.{form['dominio']}")
    assert (wrong["code"], wrong["field"]) == ("VALIDATION", f"customFields.{form['plan']}")
    assert customer["code"] == "NOT_ALLOWED"
    seen = (await gql.execute(TICKET, {"t": ticket["trackingId"]}, token=agent_token)).data
    assert [v["value"] for v in seen["ticket"]["customFields"]] == ["ejemplo.co", 4.5]
    assert await TicketEvent.filter(kind="CUSTOM_FIELDS_CHANGED").count() == events


async def test_a_required_staff_only_field_binds_staff_opening_a_ticket_not_customers(
    gql: GraphQLClient, admin_token: str, customer_token: str, agent_token: str
) -> None:
    category = await new_category(gql, admin_token)
    key = unique("factura")
    saved = await save_field(
        gql,
        admin_token,
        key=key,
        type="TEXT",
        labelEs="Número de factura",
        labelEn="Invoice number",
        categoryId=category,
        required=True,
        visibility="STAFF",
    )
    assert saved["__typename"] == "SaveCustomFieldSuccess", saved
    customer = await gql.execute("{ viewer { ... on Customer { id } } }", token=customer_token)
    payload = {
        "subject": "Factura duplicada",
        "message": "Me cobraron dos veces.",
        "categoryId": category,
        "serviceId": await own_service_id(gql, customer_token),
    }

    by_customer = await create(gql, payload, customer_token)
    # (an agent logging the customer's mail: Nivel 1 takes email at any hour)
    on_behalf = {**payload, "customerId": customer.data["viewer"]["id"], "channel": "EMAIL"}
    by_agent = await create(gql, on_behalf, agent_token)
    filled = await create(
        gql, {**on_behalf, "customFields": [{"key": key, "value": "FV-1001"}]}, agent_token
    )

    assert by_customer["__typename"] == "CreateTicketSuccess", by_customer
    assert (by_agent["field"], by_agent["message"]) == (
        f"customFields.{key}",
        "Fill in Invoice number. / Complete Número de factura.",
    )
    assert filled["__typename"] == "CreateTicketSuccess", filled
    assert filled["ticket"]["customFields"] == [
        {"value": "FV-1001", "optionLabel": None, "field": {"key": key}}
    ]


SAVE_TRIGGER = """mutation($input: SaveTriggerInput!) { saveTrigger(input: $input) {
  __typename
  ... on SaveTriggerSuccess { trigger { id conditions { customFields { key equals } } } }
  ... on UserError { code message field } } }"""
DELETE_TRIGGER = "mutation($id: ID!) { deleteTrigger(triggerId: $id) { __typename } }"
TAGS = "query($t: String!) { ticket(trackingId: $t) { tags } }"


async def test_a_trigger_acts_on_tickets_holding_a_custom_field_value(
    gql: GraphQLClient,
    form: dict[str, str],
    admin_token: str,
    customer_token: str,
    automation: None,
) -> None:
    from domain.models import Ticket, TriggerRun, TriggerRunStatus
    from tests.automation_support import eventually

    # Given a trigger tagging new tickets on the professional plan with 12 accounts
    tag = unique("plan")
    conditions = {
        "customFields": [
            {"key": form["plan"], "equals": "pro"},
            {"key": form["cuentas"], "equals": 12.0},
        ]
    }
    action = {"type": "ADD_TAGS", "tags": [tag]}
    refused = await gql.execute(
        SAVE_TRIGGER,
        {
            "input": {
                "name": "Plan oro",
                "events": ["TICKET_CREATED"],
                "conditions": {"customFields": [{"key": form["plan"], "equals": "oro"}]},
                "actions": [action],
            }
        },
        token=admin_token,
    )
    assert refused.data["saveTrigger"]["field"] == "conditions.customFields.0"
    saved = (
        await gql.execute(
            SAVE_TRIGGER,
            {
                "input": {
                    "name": "Plan pro",
                    "events": ["TICKET_CREATED"],
                    "conditions": conditions,
                    "actions": [action],
                }
            },
            token=admin_token,
        )
    ).data["saveTrigger"]
    assert saved["trigger"]["conditions"]["customFields"] == [
        {"key": form["plan"], "equals": "pro"},
        {"key": form["cuentas"], "equals": "12"},
    ]
    try:
        # When one ticket holds both values and another a different plan
        domain = {"key": form["dominio"], "value": "plan.co"}
        accounts = {"key": form["cuentas"], "value": 12}
        tickets = []
        for plan in ("pro", "basico"):
            values = [domain, accounts, {"key": form["plan"], "value": plan}]
            created = await create(
                gql, await customer_input(gql, customer_token, form, values), customer_token
            )
            tickets.append(created["ticket"]["trackingId"])

        # Then the first is tagged, and the second's run found the condition unmet
        async def tagged() -> list[str] | None:
            seen = await gql.execute(TAGS, {"t": tickets[0]}, token=admin_token)
            found: list[str] = seen.data["ticket"]["tags"]
            return found or None

        assert await eventually(tagged, "the trigger's tag") == [tag]

        async def skipped() -> TriggerRun | None:
            ticket = await Ticket.get(tracking_id=tickets[1])
            run = await TriggerRun.filter(ticket_id=ticket.id).first()
            return run if run and run.status is TriggerRunStatus.SKIPPED else None

        run = await eventually(skipped, "the unmet run")
        assert run.detail == {"unmet": "custom_fields"}
    finally:
        await gql.execute(DELETE_TRIGGER, {"id": saved["trigger"]["id"]}, token=admin_token)


async def test_a_required_checkbox_must_be_ticked(
    gql: GraphQLClient, admin_token: str, customer_token: str
) -> None:
    category = await new_category(gql, admin_token)
    key = unique("acepto")
    await save_field(
        gql,
        admin_token,
        key=key,
        type="CHECKBOX",
        labelEs="Acepto la migración",
        labelEn="I accept the move",
        categoryId=category,
        required=True,
    )
    form = {"category": category}
    before = await row_counts()

    unticked = await create(
        gql,
        await customer_input(gql, customer_token, form, [{"key": key, "value": False}]),
        customer_token,
    )
    ticked = await create(
        gql,
        await customer_input(gql, customer_token, form, [{"key": key, "value": True}]),
        customer_token,
    )

    assert (unticked["field"], unticked["message"]) == (
        f"customFields.{key}",
        "Tick I accept the move. / Marque Acepto la migración.",
    )
    assert ticked["__typename"] == "CreateTicketSuccess", ticked
    assert (await row_counts())[0] == before[0] + 1
