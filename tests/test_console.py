"""The Mesa Console in a real browser (Playwright driving Debian's chromium) against the app
served over HTTP with the demo data: the guest portal (seed 002), the customer panel (seed
003), the agent desk (seed 004), and how `mesa serve` serves the console. Each screen is
screenshotted into var/screenshots/ and checked with axe-core (no serious or critical
violation), and no page may break its Content-Security-Policy."""

from __future__ import annotations

import asyncio
import re
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn

from tests.conftest import DEMO_PASSWORD, EMBEDDED, LOGIN
from tests.console_support import (
    BUILT,
    CHROMIUM,
    CHROMIUM_ARGS,
    SCREENSHOTS,
    accessibility_violations,
    axe_source,
    require,
)
from tests.graphql_client import GraphQLClient
from tests.served_app import served_app
from tests.services import free_port

# The browser flows run against the embedded server only: the console is the same either way.
pytestmark = pytest.mark.parametrize("server", [EMBEDDED], indirect=True)

TICKET_STATE = """
query($t: String!) { ticket(trackingId: $t) {
  id status subject service { name } category { nameEs } priority impact
  messages { body internal authorKind attachments { name } }
} }"""


@pytest.fixture(scope="session")
async def browser() -> AsyncIterator[Any]:
    """One headless chromium for the whole session (each test gets its own context)."""
    from playwright.async_api import async_playwright

    require(CHROMIUM, "install Debian's chromium (make services does, as root)")
    async with async_playwright() as playwright:
        instance = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        await instance.close()


@pytest.fixture(scope="session")
def axe() -> str:
    return axe_source()


class Screen:
    """A browser tab on the console that records CSP breaches and page errors, and checks
    each screen it is asked to (screenshot + axe)."""

    def __init__(self, page: Any, axe: str, name: str) -> None:
        self.page = page
        self.axe = axe
        self.name = name
        self.problems: list[str] = []
        page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        page.on(
            "console",
            lambda message: (
                self.problems.append(f"console: {message.text}")
                if "Content Security Policy" in message.text
                else None
            ),
        )

    async def check(self, screen: str) -> None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        await self.page.screenshot(path=SCREENSHOTS / f"{self.name}-{screen}.png", full_page=True)
        violations = await accessibility_violations(self.page, self.axe)
        assert not violations, f"{screen}: {violations}"
        assert not self.problems, self.problems


@pytest.fixture
async def tab(browser: Any, axe: str, request: pytest.FixtureRequest) -> AsyncIterator[Any]:
    async def open_tab(name: str, **options: Any) -> Screen:
        context = await browser.new_context(**{"locale": "es-CO", **options})
        contexts.append(context)
        page = await context.new_page()
        page.set_default_timeout(15000)
        return Screen(page, axe, name)

    contexts: list[Any] = []
    yield open_tab
    for context in contexts:
        await context.close()


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


async def test_mesa_serve_serves_the_console_beside_the_api(in_process_server: str) -> None:
    async with httpx.AsyncClient(base_url=in_process_server) as http:
        page = await http.get("/", headers={"accept": "text/html"})
        assert page.status_code == 200
        assert page.headers["cache-control"] == "no-cache"
        policy = page.headers["content-security-policy"]
        assert "script-src 'self';" in policy and "unsafe-inline" not in policy
        assert f"ws://{in_process_server.removeprefix('http://')}" in policy
        assert "frame-ancestors 'none'" in policy
        script = re.search(r'src="(/assets/index-[\w-]+\.js)"', page.text)
        assert script is not None
        asset = await http.get(script.group(1))
        assert asset.status_code == 200
        assert asset.headers["cache-control"] == "public, max-age=31536000, immutable"
        assert "javascript" in asset.headers["content-type"]

        deep = await http.get("/tickets/ABC-DEF-GHIJ")
        assert deep.status_code == 200 and deep.text == page.text
        for path in (
            "/assets/missing.js",
            "/graphql/extra",
            "/attachments",
            "/reports/x",
            "/healthz/x",
            "/metrics/x",
            "/readyz/x",
            "/robots.txt",
        ):
            assert (await http.get(path)).status_code == 404, path
        # The API's own routes are untouched.
        assert (await http.get("/healthz")).json() == {"status": "ok"}
        answer = await http.post("/graphql", json={"query": "{ __typename }"})
        assert answer.json()["data"] == {"__typename": "Query"}


@asynccontextmanager
async def console_elsewhere(api: str, port: int) -> AsyncIterator[str]:
    """The built console served on an origin of its own (a port of loopback), its
    `mesa-api` meta naming the API at `api`, as an operator hosting it apart would."""
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import HTMLResponse
    from starlette.routing import Mount, Route
    from starlette.staticfiles import StaticFiles

    blank = '<meta name="mesa-api" content="" />'
    index = (BUILT / "index.html").read_text()
    assert blank in index
    index = index.replace(blank, f'<meta name="mesa-api" content="{api}" />')

    async def page(_: Request) -> HTMLResponse:
        return HTMLResponse(index)

    app = Starlette(
        routes=[
            Mount("/assets", StaticFiles(directory=BUILT / "assets")),
            Route("/{path:path}", page),
        ]
    )
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    while not server.started:
        assert not task.done(), "uvicorn stopped while starting"
        await asyncio.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task


async def test_the_console_works_from_another_origin_the_api_allows(
    in_process_server: str, tab: Any
) -> None:
    port = free_port()
    origin = f"http://127.0.0.1:{port}"
    async with (
        served_app(allowed_origins=origin) as api,
        console_elsewhere(api, port) as console,
    ):
        screen = await tab("elsewhere")
        page = screen.page
        sockets: list[str] = []
        page.on("websocket", lambda socket: sockets.append(socket.url))
        await page.goto(console + "/login")
        await page.get_by_label("Número de cliente").fill("C-1003")
        await page.get_by_label("Clave").fill(DEMO_PASSWORD)
        await page.get_by_role("button", name="Ingresar").click()
        await page.get_by_role("heading", name="Tickets").wait_for()
        await page.get_by_text("Northwind Traders").wait_for()
        await page.get_by_role("main").get_by_role("link", name="Abrir nuevo ticket").click()
        await page.get_by_label("Servicio").locator("option").nth(1).wait_for(state="attached")
        assert not screen.problems

    # The same console on an origin the API does not allow: the browser refuses the answers.
    async with console_elsewhere(in_process_server, free_port()) as stranger:
        screen = await tab("stranger")
        page = screen.page
        await page.goto(stranger + "/login")
        await page.get_by_label("Número de cliente").fill("C-1003")
        await page.get_by_label("Clave").fill(DEMO_PASSWORD)
        await page.get_by_role("button", name="Ingresar").click()
        await page.get_by_role("alert").wait_for()
        assert page.url.endswith("/login")


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
