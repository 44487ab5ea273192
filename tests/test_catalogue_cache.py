"""The catalogue's cache (domain.catalog.cache): every change to a catalogue table advances
its stamp, whoever makes it, and the next request in every process reads what changed."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from tortoise import connections
from tortoise.transactions import in_transaction

from api.core.ids import encode_id
from domain.catalog import cache
from domain.clock import utcnow
from domain.models import (
    AgentPreferences,
    BusinessCalendar,
    CalendarHoliday,
    Category,
    Impact,
    Notification,
    NotificationKind,
    SlaClock,
    Staff,
    SupportLevel,
    Ticket,
)
from domain.sla.terms import current_terms, policy_for_key
from tests.factories import CREATE_TICKET, category_id, own_service_id
from tests.graphql_client import GraphQLClient


class _RolledBack(Exception):
    pass


# A column of each table without an id (a many-to-many's)
_KEYS = {"staff_department": "staff_id", "agent_preferences": "staff_id"}


async def _stamp_in(connection: Any) -> int:
    rows = await connection.execute_query_dict(
        f"SELECT value FROM counter WHERE name = '{cache.STAMP}'"
    )
    return int(rows[0]["value"]) if rows else 0


async def test_a_change_to_any_catalogue_table_advances_the_stamp_in_its_transaction(
    gql: GraphQLClient,
) -> None:
    # Given the demo catalogue, and a holiday (the demo calendar has none of its own)
    calendar = await BusinessCalendar.all().first()
    assert calendar is not None
    advanced: dict[str, int] = {}
    try:
        async with in_transaction() as connection:
            await CalendarHoliday.create(
                calendar=calendar, date=date(2031, 1, 2), name="Prueba", using_db=connection
            )
            # and an agent's preferences (the demo's agents keep the default ones)
            staff = await Staff.all().using_db(connection).order_by("id").first()
            assert staff is not None
            await AgentPreferences.get_or_create(
                staff=staff, defaults={"updated_at": utcnow()}, using_db=connection
            )
            # When a row of each table is changed in plain SQL, one table at a time
            for table in cache.TABLES:
                before = await _stamp_in(connection)
                key = _KEYS.get(table, "id")
                first = f"(SELECT MIN({key}) FROM {table})"
                await connection.execute_script(
                    f"UPDATE {table} SET {key} = {key} WHERE {key} = {first}"
                )
                advanced[table] = await _stamp_in(connection) - before
            raise _RolledBack
    except _RolledBack:
        pass

    # Then each change advanced the stamp once, before its transaction ended
    assert advanced == dict.fromkeys(cache.TABLES, 1)


async def test_inserts_and_deletes_have_their_triggers_too(gql: GraphQLClient) -> None:
    connection = connections.get("default")
    if connection.capabilities.dialect == "sqlite":
        rows = await connection.execute_query_dict(
            "SELECT tbl_name AS t, name FROM sqlite_master WHERE type = 'trigger'"
        )
        found = {(row["t"], row["name"].rsplit("_", 1)[-1]) for row in rows}
        wanted = {(t, change) for t in cache.TABLES for change in ("insert", "update", "delete")}
    else:
        rows = await connection.execute_query_dict(
            "SELECT c.relname AS t, pg_get_triggerdef(g.oid) AS definition FROM pg_trigger g "
            "JOIN pg_class c ON c.oid = g.tgrelid WHERE g.tgname LIKE '%\\_catalogue'"
        )
        found = {
            (row["t"], change)
            for row in rows
            for change in ("INSERT", "UPDATE", "DELETE", "TRUNCATE")
            if change in row["definition"] and "FOR EACH STATEMENT" in row["definition"]
        }
        wanted = {
            (t, change)
            for t in cache.TABLES
            for change in ("INSERT", "UPDATE", "DELETE", "TRUNCATE")
        }
    assert wanted <= found


async def _ticket_data(
    gql: GraphQLClient, token: str, subject: str, message: str, category: str = "backup_restore"
) -> dict[str, Any]:
    """A new ticket of the customer of `token`, for their own service, in `category`."""
    return {
        "subject": subject,
        "message": message,
        "categoryId": await category_id(gql, category),
        "serviceId": await own_service_id(gql, token),
    }


async def _open(gql: GraphQLClient, token: str, data: dict[str, Any]) -> dict[str, Any]:
    created: dict[str, Any] = (await gql.execute(CREATE_TICKET, {"input": data}, token=token)).data
    return created["createTicket"]


async def test_a_category_retired_in_plain_sql_is_refused_by_the_next_request(
    gql: GraphQLClient, customer_token: str
) -> None:
    # Given a ticket just opened in a category (its lookups are cached now)
    data = await _ticket_data(
        gql,
        customer_token,
        "Sin acceso al correo",
        "No entra ningún correo desde esta mañana.",
        "reports_logs",
    )
    assert (await _open(gql, customer_token, data))["__typename"] == "CreateTicketSuccess"
    category = await Category.get(code="reports_logs")
    connection = connections.get("default")
    retire = "UPDATE category SET is_active = {} WHERE id = " + str(category.id)
    try:
        # When the category is retired behind the API's back
        await connection.execute_script(retire.format("FALSE"))

        # Then the next ticket in it is refused, by whichever process answers
        refused = await _open(gql, customer_token, data)
        assert refused["__typename"] == "ValidationError", refused
        assert refused["field"] == "categoryId"
    finally:
        await connection.execute_script(retire.format("TRUE"))
    # and once it is back, tickets open in it again
    assert (await _open(gql, customer_token, data))["__typename"] == "CreateTicketSuccess"


TICKET = "query($id: ID!) { node(id: $id) { ... on Ticket { subject } } }"


async def test_a_staff_member_put_in_a_department_in_plain_sql_sees_its_tickets_next_request(
    gql: GraphQLClient, customer_token: str, billing_agent_token: str
) -> None:
    # Given a Technical Support ticket, which the Billing agent cannot see (their request has
    # read their departments: they are cached now)
    data = await _ticket_data(
        gql, customer_token, "La copia no arranca", "El trabajo de copia falla cada noche."
    )
    ticket = await Ticket.get(
        tracking_id=(await _open(gql, customer_token, data))["ticket"]["trackingId"]
    )
    ticket_id = encode_id("Ticket", ticket.id)
    assert await _seen(gql, ticket_id, billing_agent_token) is None
    billing = await Staff.get(email="billing@mesa.example")
    connection = connections.get("default")
    membership = (
        f"staff_department WHERE staff_id = {billing.id} AND department_id = {ticket.department_id}"
    )
    try:
        # When they are put in its department behind the API's back
        await connection.execute_script(
            f"INSERT INTO staff_department (staff_id, department_id) "
            f"VALUES ({billing.id}, {ticket.department_id})"
        )

        # Then their next request sees the ticket, whichever process answers
        assert await _seen(gql, ticket_id, billing_agent_token) == {"subject": data["subject"]}
    finally:
        await connection.execute_script(f"DELETE FROM {membership}")
    # and once they are out of it again, the next one does not
    assert await _seen(gql, ticket_id, billing_agent_token) is None


async def test_a_staff_member_retired_in_plain_sql_is_not_alerted_of_the_next_ticket(
    gql: GraphQLClient, customer_token: str
) -> None:
    # Given a new Technical Support ticket, whose alert went to its agent (the department's
    # staff are cached now)
    data = await _ticket_data(
        gql, customer_token, "El correo rebota", "Los correos a clientes vuelven rechazados."
    )
    agent = await Staff.get(email="agent@mesa.example")
    assert await _alerted(gql, customer_token, data, agent.email)
    connection = connections.get("default")
    retire = "UPDATE staff SET is_active = {} WHERE id = " + str(agent.id)
    try:
        # When the agent is retired behind the API's back
        await connection.execute_script(retire.format("FALSE"))

        # Then the next ticket alerts the department's other staff, not them
        assert not await _alerted(gql, customer_token, data, agent.email)
    finally:
        await connection.execute_script(retire.format("TRUE"))
    # and once they are back, they are alerted again
    assert await _alerted(gql, customer_token, data, agent.email)


REPLY = """
mutation($input: ReplyToTicketInput!) { replyToTicket(input: $input) { __typename } }"""


async def test_a_signature_changed_in_plain_sql_signs_the_next_reply(
    gql: GraphQLClient, customer_token: str, agent_token: str
) -> None:
    # Given a ticket the agent answered (their signature is cached now)
    data = await _ticket_data(
        gql, customer_token, "No llegan los informes", "El informe semanal no llega desde el lunes."
    )
    opened = await _open(gql, customer_token, data)
    reply = {"input": {"ticketId": opened["ticket"]["id"], "message": "Lo revisamos."}}
    await gql.execute(REPLY, reply, token=agent_token)
    agent = await Staff.get(email="agent@mesa.example")
    connection = connections.get("default")
    sign = "UPDATE staff SET signature_es = {0}, signature_en = {0} WHERE id = " + str(agent.id)
    try:
        # When their signature is changed behind the API's back
        await connection.execute_script(sign.format("'Firma nueva / New signature'"))

        # Then their next reply is signed with it, whichever process answers
        await gql.execute(REPLY, reply, token=agent_token)
        ticket = await Ticket.get(tracking_id=opened["ticket"]["trackingId"])
        mails = Notification.filter(ticket_id=ticket.id, kind=NotificationKind.AGENT_REPLIED)
        last = await mails.order_by("-id").first()
        assert last is not None
        assert "Firma nueva / New signature" in last.payload["signature"]
    finally:
        await Staff.filter(id=agent.id).update(
            signature_es=agent.signature_es, signature_en=agent.signature_en
        )


async def _alerted(gql: GraphQLClient, token: str, data: dict[str, Any], email: str) -> bool:
    """Whether a new ticket opened with `data` alerted `email`."""
    opened = await _open(gql, token, data)
    ticket = await Ticket.get(tracking_id=opened["ticket"]["trackingId"])
    alerts = Notification.filter(
        ticket_id=ticket.id, kind=NotificationKind.NEW_TICKET_ALERT, recipient=email
    )
    return await alerts.exists()


async def _seen(gql: GraphQLClient, ticket_id: str, token: str) -> Any:
    """The ticket as the viewer of `token` reads it, None when it is not theirs to see."""
    answer = await gql.execute(TICKET, {"id": ticket_id}, token=token)
    return answer.body["data"]["node"]


async def test_answers_are_kept_per_stamp_and_an_older_stamp_reads_the_database() -> None:
    store = cache.Store(max_entries=2)
    loads: list[str] = []

    def loader(answer: str) -> Any:
        async def load() -> str:
            loads.append(answer)
            return answer

        return load

    assert await store.lookup(5, "k", loader("a")) == "a"
    assert await store.lookup(5, "k", loader("b")) == "a"  # kept under 5
    assert await store.lookup(4, "k", loader("c")) == "c"  # older: from the database
    assert await store.lookup(5, "k", loader("d")) == "a"  # and not kept
    assert await store.lookup(6, "k", loader("e")) == "e"  # newer: read again
    await store.lookup(6, "k2", loader("f"))
    await store.lookup(6, "k3", loader("g"))  # past the limit: starts again
    assert await store.lookup(6, "k", loader("h")) == "h"
    assert loads == ["a", "c", "e", "f", "g", "h"]
    # Outside a request nothing is kept
    assert await cache.cached("test", 1, loader("i")) == "i"
    assert await cache.cached("test", 1, loader("j")) == "j"


async def test_a_policy_is_kept_until_its_calendar_changes_in_plain_sql(
    gql: GraphQLClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    # This process's cache of its own: it may have seen another database's stamps
    monkeypatch.setattr(cache, "_store", cache.Store())
    # Given a support level on a business calendar, and one of its business-hours targets
    level = await SupportLevel.filter(calendar_id__isnull=False).order_by("id").first()
    assert level is not None and level.calendar_id is not None
    terms = await current_terms(level.id)
    impact = next(i for i, t in terms.items() if t["clock"] == SlaClock.BUSINESS_HOURS.value)
    key = (level.id, None, None, Impact(impact), json.dumps(terms[impact], sort_keys=True))
    calendar = await BusinessCalendar.get(id=level.calendar_id)
    with cache.request_scope():
        policy = await policy_for_key(key)
        assert policy is not None and policy.calendar.timezone == calendar.timezone
        # Every deadline a request recomputes under it finds it kept
        assert await policy_for_key(key) is policy
    connection = connections.get("default")
    moved = "UPDATE business_calendar SET timezone = '{}' WHERE id = " + str(calendar.id)
    try:
        # When the calendar moves to another time zone behind the API's back
        await connection.execute_script(moved.format("Asia/Tokyo"))

        # Then the next request's policy counts on the calendar as it is now
        with cache.request_scope():
            changed = await policy_for_key(key)
            assert changed is not None and changed.calendar.timezone == "Asia/Tokyo"
    finally:
        await connection.execute_script(moved.format(calendar.timezone))
