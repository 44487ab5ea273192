"""A page of tickets with every nested relation costs a constant number of SQL queries."""

from __future__ import annotations

from api.core.ids import decode_id, encode_id
from domain.identity.auth import hash_password
from domain.identity.viewer import Viewer, ViewerKind
from domain.models import Channel, Customer, Service, Staff, SupportLevel
from domain.tickets.actions import NewTicket, create_ticket
from domain.tickets.desk import assign_ticket
from tests.factories import category_id
from tests.graphql_client import GraphQLClient
from tests.sql_counter import count_queries

PAGE = """
query($c: ID!, $n: Int!) {
  tickets(filter: {customerId: $c}, first: $n) {
    edges { node {
      trackingId status
      customer { name services { name supportLevel { code targets { impact } } } }
      service { name supportLevel { name } }
      department { name }
      category { name department { code } }
      assignee { name }
      lastMessage { body authorName }
    } }
    pageInfo { hasNextPage endCursor }
  }
}"""


async def _customer_with_tickets(gql: GraphQLClient, client_number: str, count: int) -> str:
    level = await SupportLevel.get(code="N2")
    customer = await Customer.create(
        client_number=client_number,
        name=f"Cliente {client_number}",
        email=f"{client_number.lower()}@example.com",
        password_hash=hash_password("x"),
    )
    service = await Service.create(customer=customer, name="VPS", support_level=level)
    supervisor = await Staff.get(email="supervisor@mesa.example")
    viewer = Viewer(
        kind=ViewerKind.STAFF, name=supervisor.name, staff_id=supervisor.id, role=supervisor.role
    )
    category = decode_id(await category_id(gql, "backup_restore"), "Category", field="category")
    for number in range(count):
        ticket = await create_ticket(
            viewer=viewer,
            data=NewTicket(
                subject=f"Restaurar copia {number}",
                message="Necesito restaurar una copia.",
                category_id=category,
                service_id=service.id,
                customer_id=customer.id,
                channel=Channel.EMAIL,
            ),
        )
        await assign_ticket(viewer=viewer, ticket_id=ticket.id, assignee_id=supervisor.id)
    return encode_id("Customer", customer.id)


async def test_a_page_costs_the_same_queries_for_5_and_100_tickets(
    in_process_server: str, gql: GraphQLClient, supervisor_token: str
) -> None:
    # Given two customers, one with 5 tickets and one with 100
    few = await _customer_with_tickets(gql, "C-QC-5", 5)
    many = await _customer_with_tickets(gql, "C-QC-100", 100)

    # (and the supervisor's departments are read once since the catalogue changed: they are
    # cached by the catalogue's stamp, which the new service advanced)
    await gql.execute(PAGE, {"c": few, "n": 1}, token=supervisor_token)

    # When the supervisor lists each with every nested relation
    # (each request's own statements: the embedded workers may be delivering the tickets'
    # notifications meanwhile, in this process)
    with count_queries("qc-small") as small:
        answer = await gql.execute(
            PAGE, {"c": few, "n": 100}, token=supervisor_token, request_id="qc-small"
        )
        small_page = answer.data
    with count_queries("qc-large") as large:
        answer = await gql.execute(
            PAGE, {"c": many, "n": 100}, token=supervisor_token, request_id="qc-large"
        )
        large_page = answer.data

    # Then both pages are complete and cost the same number of queries
    assert len(small_page["tickets"]["edges"]) == 5
    assert len(large_page["tickets"]["edges"]) == 100
    node = large_page["tickets"]["edges"][0]["node"]
    assert node["assignee"] == {"name": "Sofía Supervisor"}
    assert node["lastMessage"]["body"] == "Necesito restaurar una copia."
    assert len(small) == len(large), (small, large)
    # authentication (1: the token with its holder; their departments come from the cache,
    # 1 more before) + tickets (1) + one per relation (9)
    assert len(large) == 11
