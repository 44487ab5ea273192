"""The Mesa Console in a real browser (Playwright driving Debian's chromium) against the app
served over HTTP with the demo data: the guest portal (seed 002), the customer panel (seed
003) and the agent desk (seed 004); how `mesa serve` serves it is tests/test_console_serving.py.
Each screen is screenshotted into var/screenshots/ and checked with axe-core (no serious or critical
violation), and no page may break its Content-Security-Policy."""

from __future__ import annotations

import re
import uuid
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests import console_support
from tests.conftest import DEMO_PASSWORD, EMBEDDED, LOGIN
from tests.graphql_client import GraphQLClient

# The browser flows run against the embedded server only: the console is the same either way.
pytestmark = [pytest.mark.parametrize("server", [EMBEDDED], indirect=True), pytest.mark.slow]

browser = console_support.browser  # the fixture
axe = console_support.axe  # the fixture
tab = console_support.tab  # the fixture


TICKET_STATE = """
query($t: String!) { ticket(trackingId: $t) {
  id status subject service { name } category { nameEs } priority impact
  messages { body internal authorKind attachments { name } }
} }"""


async def test_a_guest_submits_a_ticket_and_follows_it(
    in_process_server: str, gql: GraphQLClient, agent_token: str, tab: Any, tmp_path: Path
) -> None:
    base = in_process_server
    screen = await tab("guest")
    page = screen.page
    await page.goto(base + "/")
    await page.get_by_role("heading", name="¿En qué podemos ayudarte?").wait_for()
    await screen.check("home")

    await page.get_by_role("main").get_by_role("link", name="Enviar un ticket").click()
    await page.get_by_label("Nombre").fill("Marta Ruiz")
    await page.get_by_label("Correo electrónico").fill("marta.console@example.org")
    await page.get_by_label("Departamento", exact=True).select_option(label="Soporte Técnico")
    await page.get_by_label("Alta").check()
    assert await page.get_by_role("note").inner_text() == (
        "Por favor, usa «Alta» solo para casos críticos."
    )
    await page.get_by_label("Asunto").fill("No recuerdo la contraseña del panel")
    await page.get_by_label("Mensaje").fill("Desde ayer no puedo entrar al panel de clientes.")
    # Knowledge-base suggestions while typing: one problem, one ticket.
    suggestions = page.get_by_role("complementary").filter(has_text="Quizás esto te ayude")
    await suggestions.get_by_role("link", name=re.compile("contraseña", re.I)).first.wait_for()
    screenshot = tmp_path / "error.png"
    screenshot.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    await page.get_by_label("Archivos adjuntos").set_input_files(str(screenshot))
    await screen.check("submit")
    await page.get_by_role("button", name="Enviar ticket").click()

    tracking_id = (await page.get_by_test_id("tracking-id").inner_text()).strip()
    assert re.fullmatch(r"[A-Z0-9]{3}-[A-Z0-9]{3}-[A-Z0-9]{4}", tracking_id)
    assert await page.get_by_role("alert").count() == 0
    await screen.check("created")
    ticket = (await gql.execute(TICKET_STATE, {"t": tracking_id}, token=agent_token)).data
    ticket = ticket["ticket"]
    assert ticket["subject"] == "No recuerdo la contraseña del panel"
    assert ticket["priority"] == "HIGH"
    assert [a["name"] for m in ticket["messages"] for a in m["attachments"]] == ["error.png"]

    # Later, on another browser: "Ver tickets existentes" with the tracking ID and email.
    screen = await tab("guest-follow")
    page = screen.page
    await page.goto(base + "/track")
    await page.get_by_label("ID de ticket").fill(tracking_id)
    await page.get_by_label("Correo electrónico").fill("marta.console@example.org")
    await screen.check("track")
    await page.get_by_role("button", name="Ver ticket").click()
    await page.get_by_role("heading", name="Conversación").wait_for()

    # An agent's reply shows up live, without reloading.
    reply = await gql.execute(
        """mutation($id: ID!) { replyToTicket(input: {ticketId: $id,
             message: "Le enviamos un enlace para restablecerla."}) { __typename } }""",
        {"id": ticket["id"]},
        token=agent_token,
    )
    assert reply.data["replyToTicket"]["__typename"] == "ReplyToTicketSuccess"
    await page.get_by_text("Le enviamos un enlace para restablecerla.").wait_for()

    await page.get_by_label("Tu respuesta").fill("Gracias, ya pude entrar.")
    await page.get_by_role("button", name="Responder al ticket").click()
    await page.get_by_role("status").filter(has_text="Enviado.").wait_for()
    await page.locator(".message").filter(has_text="Gracias, ya pude entrar.").wait_for()
    await screen.check("ticket")
    await page.get_by_role("button", name="Marcar como resuelto").click()
    await page.get_by_text("Ticket marcado como resuelto.").wait_for()
    await page.locator(".badge", has_text="Resuelto").wait_for()
    ticket = (await gql.execute(TICKET_STATE, {"t": tracking_id}, token=agent_token)).data
    assert ticket["ticket"]["status"] == "RESOLVED"
    assert ticket["ticket"]["messages"][-1]["body"] == "Gracias, ya pude entrar."


async def test_a_wrong_email_does_not_open_a_guest_ticket(in_process_server: str, tab: Any) -> None:
    screen = await tab("guest-refused")
    page = screen.page
    await page.goto(in_process_server + "/track")
    await page.get_by_label("ID de ticket").fill("AAA-BBB-CCCC")
    await page.get_by_label("Correo electrónico").fill("nobody@example.org")
    await page.get_by_role("button", name="Ver ticket").click()
    await page.get_by_role("alert").wait_for()
    assert page.url.endswith("/track")
    await screen.check("refused")


async def test_a_customer_opens_a_ticket_for_a_service_and_reopens_it(
    in_process_server: str, gql: GraphQLClient, agent_token: str, tab: Any
) -> None:
    screen = await tab("customer")
    page = screen.page
    await page.goto(in_process_server + "/panel")  # a deep link: the login first
    await page.wait_for_url("**/login")
    await page.get_by_label("Número de cliente").fill("C-1001")
    await page.get_by_label("Clave").fill(DEMO_PASSWORD)
    await screen.check("login")
    await page.get_by_role("button", name="Ingresar").click()
    await page.get_by_role("heading", name="Tickets").wait_for()
    await screen.check("tickets")

    await page.get_by_role("main").get_by_role("link", name="Abrir nuevo ticket").click()
    await page.get_by_label("Servicio").select_option(label="Hosting Plan Básico (Nivel 1)")
    await page.get_by_label("Categoría (asunto)").select_option(label="Restauración de backups")
    await page.get_by_label("Asunto", exact=True).fill("Restaurar la copia del lunes")
    await page.get_by_label("Consulta").fill("Necesito recuperar la base de datos del lunes.")
    await screen.check("new-ticket")
    await page.get_by_role("button", name="Enviar ticket").click()
    await page.get_by_role("heading", name=re.compile("Restaurar la copia del lunes")).wait_for()
    tracking_id = page.url.rsplit("/", 1)[-1]
    ticket = (await gql.execute(TICKET_STATE, {"t": tracking_id}, token=agent_token)).data
    assert ticket["ticket"]["service"]["name"] == "Hosting Plan Básico"
    assert ticket["ticket"]["category"]["nameEs"] == "Restauración de backups"

    await page.get_by_role("button", name="Marcar como resuelto").click()
    await page.get_by_role("heading", name="Reabrir ticket").wait_for()
    await page.get_by_label("Agregar al ticket").fill("La restauración quedó incompleta.")
    await screen.check("resolved")
    await page.get_by_role("button", name="Reabrir ticket").click()
    await page.get_by_text("Ticket reabierto.").wait_for()
    ticket = (await gql.execute(TICKET_STATE, {"t": tracking_id}, token=agent_token)).data
    assert ticket["ticket"]["status"] not in ("RESOLVED", "CLOSED")
    assert ticket["ticket"]["messages"][-1]["body"] == "La restauración quedó incompleta."

    # The list: number, date, subject, status and SLA state.
    await page.get_by_role("navigation").get_by_role("link", name="Tickets").click()
    row = page.get_by_role("row").filter(has_text="Restaurar la copia del lunes")
    await row.wait_for()
    assert "SLA:" in await row.inner_text()
    await screen.check("tickets-after")


async def test_an_agent_sees_a_new_ticket_live_triages_replies_with_a_canned_response_and_notes(
    in_process_server: str, gql: GraphQLClient, agent_token: str, tab: Any
) -> None:
    canned = await gql.execute(
        """mutation($k: String!) { saveCannedResponse(input: {title: "Restablecer clave",
             bodyEs: "Hola, le enviamos un enlace para restablecer su clave.",
             bodyEn: "Hello, we sent you a link to reset your password.",
             personal: true, idempotencyKey: $k}) { __typename } }""",
        {"k": str(uuid.uuid4())},
        token=agent_token,
    )
    assert canned.data["saveCannedResponse"]["__typename"] == "SaveCannedResponseSuccess"
    # The agent's own view of these tickets, whoever they end up assigned to.
    marker = uuid.uuid4().hex[:6]
    view = await gql.execute(
        """mutation($name: String!, $marker: String!) { saveTicketView(input: {name: $name,
             filter: {subject: $marker}}) { __typename } }""",
        {"name": f"VPS {marker}", "marker": marker},
        token=agent_token,
    )
    assert view.data["saveTicketView"]["__typename"] == "SaveTicketViewSuccess"
    screen = await tab("agent")
    page = screen.page
    counts_arrived: list[str] = []
    page.on(
        "websocket",
        lambda socket: socket.on(
            "framereceived",
            lambda frame: counts_arrived.append(frame) if "ticketViewCounts" in frame else None,
        ),
    )
    await page.goto(in_process_server + "/agent")
    await page.wait_for_url("**/agent/login")
    await page.get_by_label("Correo electrónico").fill("agent@mesa.example")
    await page.get_by_label("Clave").fill(DEMO_PASSWORD)
    await page.get_by_role("button", name="Ingresar").click()
    await page.get_by_role("heading", name="Cola", level=1).wait_for()
    await page.get_by_role("button", name=re.compile(f"VPS {marker}")).click()
    await page.get_by_role("heading", name=f"VPS {marker}").wait_for()
    # Live: the view counts' first answer came over the WebSocket.
    for _ in range(150):
        if counts_arrived:
            break
        await page.wait_for_timeout(100)
    assert counts_arrived
    assert await page.locator(".view.current .count").inner_text() == "0"

    # A customer opens a ticket: it appears in the queue without a reload.
    token = (await gql.execute(LOGIN, {"n": "C-1002", "p": DEMO_PASSWORD})).data["login"]["token"]
    subject = f"El VPS no arranca {marker}"
    form = (await gql.execute("{ services { id } categories { id nameEs } }", token=token)).data
    category = next(c for c in form["categories"] if c["nameEs"] == "Caída del servicio o servidor")
    created = await gql.execute(
        """mutation($s: String!, $service: ID!, $category: ID!) { createTicket(input: {
             subject: $s, serviceId: $service, categoryId: $category,
             message: "Tras reiniciar, el VPS no responde."}) {
             ... on CreateTicketSuccess { ticket { trackingId } }
             ... on UserError { message } } }""",
        {"s": subject, "service": form["services"][0]["id"], "category": category["id"]},
        token=token,
    )
    assert "ticket" in created.data["createTicket"], created.data
    tracking_id = created.data["createTicket"]["ticket"]["trackingId"]
    await page.get_by_role("link", name=subject).wait_for()
    await page.locator(".view.current .count", has_text="1").wait_for()
    await screen.check("queue")

    await page.get_by_role("link", name=subject).click()
    await page.get_by_role("heading", name="Conversación").wait_for()
    await page.get_by_label("Impacto").select_option("HIGH")
    await page.get_by_role("button", name="Clasificar").click()
    await page.get_by_role("status").filter(has_text="Guardado.").wait_for()
    await page.get_by_label("Respuesta predefinida").select_option(label="Restablecer clave")
    await page.get_by_role("button", name="Insertar").click()
    assert "restablecer su clave" in await page.get_by_label("Tu respuesta").input_value()
    await page.get_by_role("button", name="Responder al ticket").click()
    await page.locator(".message").filter(has_text="restablecer su clave").wait_for()
    await page.get_by_label("Tu respuesta").fill("Revisar el disco del host antes de llamar.")
    await page.get_by_label("Nota interna (el cliente no la ve)").check()
    await page.get_by_role("button", name="Nota interna").click()
    await page.locator(".message.internal").filter(has_text="Revisar el disco").wait_for()
    await screen.check("ticket")

    staff_view = (await gql.execute(TICKET_STATE, {"t": tracking_id}, token=agent_token)).data
    assert [m["internal"] for m in staff_view["ticket"]["messages"]] == [False, False, True]
    customer_view = (await gql.execute(TICKET_STATE, {"t": tracking_id}, token=token)).data
    bodies = [m["body"] for m in customer_view["ticket"]["messages"]]
    assert not any("Revisar el disco" in body for body in bodies)
    assert [body.count("restablecer su clave") for body in bodies] == [0, 1]
    assert staff_view["ticket"]["impact"] == "HIGH"


async def test_the_knowledge_base_searches_and_takes_votes_in_either_language(
    in_process_server: str, tab: Any
) -> None:
    screen = await tab("kb")
    page = screen.page
    await page.goto(in_process_server + "/kb")
    await page.get_by_label("Buscar en la base de conocimientos").fill("contraseña panel")
    await page.get_by_role("button", name="Buscar", exact=True).click()
    first = page.locator(".articles h2 a").first
    await first.wait_for()
    await screen.check("search")
    await first.click()
    await page.get_by_role("heading", name="¿Fue útil?").wait_for()
    await page.get_by_role("button", name="Sí").click()
    await page.get_by_text("¡Gracias por tu respuesta!").wait_for()
    await screen.check("article")

    await page.get_by_role("button", name=re.compile("English")).click()
    await page.get_by_role("heading", name="Was this helpful?").wait_for()
    assert await page.evaluate("document.documentElement.lang") == "en"


async def test_a_spent_confirmation_link_says_so(in_process_server: str, tab: Any) -> None:
    screen = await tab("confirm")
    page = screen.page
    await page.goto(in_process_server + "/confirm-ticket#token=mesa_gc_not-a-real-token")
    await page.get_by_role("alert").wait_for()
    await screen.check("spent")


async def test_password_recovery_asks_for_a_code_and_refuses_a_wrong_one(
    in_process_server: str, tab: Any
) -> None:
    screen = await tab("recovery")
    page = screen.page
    await page.goto(in_process_server + "/login")
    await page.get_by_role("link", name="Recuperar datos de acceso").click()
    await page.get_by_label("Número de cliente").fill("C-1003")
    await page.get_by_role("button", name="Enviar código").click()
    await page.get_by_role("status").wait_for()
    await screen.check("requested")
    await page.get_by_role("link", name="Ya tengo un código").click()
    await page.get_by_label("Código").fill("not-a-code")
    await page.get_by_label("Clave nueva").fill("otra-clave-larga-2026")
    await page.get_by_role("button", name="Guardar").click()
    await page.locator(".field-error, .error").first.wait_for()
    await screen.check("refused")


async def test_the_portal_fits_a_phone(in_process_server: str, tab: Any) -> None:
    screen = await tab("phone", viewport={"width": 375, "height": 740}, is_mobile=True)
    page = screen.page
    for path, heading in (("/", "¿En qué podemos ayudarte?"), ("/submit", "Enviar un ticket")):
        await page.goto(in_process_server + path)
        await page.get_by_role("heading", name=heading, level=1).wait_for()
        width = await page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1], f"{path} scrolls sideways on a phone: {width}"
        await screen.check(path.strip("/") or "home")


async def test_an_sla_badge_turns_to_warning_then_breach_as_the_clock_passes_the_deadlines(
    in_process_server: str, gql: GraphQLClient, agent_token: str, tab: Any
) -> None:
    token = (await gql.execute(LOGIN, {"n": "C-1002", "p": DEMO_PASSWORD})).data["login"]["token"]
    form = (await gql.execute("{ services { id } categories { id nameEs } }", token=token)).data
    category = next(c for c in form["categories"] if c["nameEs"] == "Restauración de backups")
    created = await gql.execute(
        """mutation($service: ID!, $category: ID!) { createTicket(input: {
             subject: "Restaurar el correo", serviceId: $service, categoryId: $category,
             message: "Necesito el buzón de ayer."}) {
             ... on CreateTicketSuccess { ticket { trackingId
               sla { state firstResponseExpectedAt firstResponseDueAt } } } } }""",
        {"service": form["services"][0]["id"], "category": category["id"]},
        token=token,
    )
    ticket = created.data["createTicket"]["ticket"]
    expected = datetime.fromisoformat(ticket["sla"]["firstResponseExpectedAt"])
    due = datetime.fromisoformat(ticket["sla"]["firstResponseDueAt"])
    assert ticket["sla"]["state"] == "ON_TRACK" and expected < due

    screen = await tab("sla")
    page = screen.page
    await page.goto(in_process_server + "/agent/login")
    await page.get_by_label("Correo electrónico").fill("agent@mesa.example")
    await page.get_by_label("Clave").fill(DEMO_PASSWORD)
    await page.get_by_role("button", name="Ingresar").click()
    await page.get_by_role("heading", name="Cola", level=1).wait_for()
    await page.goto(in_process_server + f"/agent/tickets/{ticket['trackingId']}")
    badge = page.locator(".ticket-head [data-sla-state]")
    assert await badge.get_attribute("data-sla-state") == "ON_TRACK"
    # The page's clock passes the expected moment, then the due one: the badge follows.
    await page.clock.set_system_time(expected + timedelta(seconds=1))
    await page.locator(".ticket-head [data-sla-state=WARNING]", has_text="Por vencer").wait_for()
    await screen.check("warning")
    await page.clock.set_system_time(due + timedelta(seconds=1))
    await page.locator(".ticket-head [data-sla-state=BREACHED]", has_text="Vencido").wait_for()
