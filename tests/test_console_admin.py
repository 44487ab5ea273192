"""The Mesa Console's supervisor and admin screens in a real browser (issue 22, point 4): the
SLA report with its chart, table and CSV for supervisors; the catalogue, staff and partners'
API keys for admins, with typed errors next to their fields; neither for agents. Each screen
is screenshotted into var/screenshots/ and checked with axe-core (no serious or critical
violation) and may not break the Content-Security-Policy."""

from __future__ import annotations

import asyncio
import re
import uuid
from pathlib import Path
from typing import Any

import pytest

from domain.clock import clock
from domain.tickets.replies import reply_to_ticket
from tests import console_support
from tests.conftest import DEMO_PASSWORD, EMBEDDED
from tests.graphql_client import GraphQLClient
from tests.sla_support import agent_viewer, bogota, open_ticket_at

# The browser flows run against the embedded server only: the console is the same either way,
# and the report's tickets are opened in the past through the server's own clock.
pytestmark = [pytest.mark.parametrize("server", [EMBEDDED], indirect=True), pytest.mark.slow]

browser = console_support.browser  # the fixture
axe = console_support.axe  # the fixture
tab = console_support.tab  # the fixture

# A Tuesday no other test opens tickets on (Bogotá business hours, no holiday).
REPORT_DAY = "2025-06-17"


async def sign_in(screen: Any, base: str, email: str) -> Any:
    page = screen.page
    await page.goto(base + "/agent/login")
    await page.get_by_label("Correo electrónico").fill(email)
    await page.get_by_label("Clave").fill(DEMO_PASSWORD)
    await page.get_by_role("button", name="Ingresar").click()
    await page.get_by_role("heading", name="Cola", level=1).wait_for()
    return page


def no_horizontal_scroll(page: Any) -> Any:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


async def test_a_supervisor_reads_the_sla_report_with_its_chart_and_downloads_the_csv(
    in_process_server: str, tab: Any
) -> None:
    # Given, on REPORT_DAY, two tickets in Technical Support: one answered half an hour after
    # it came in (first response met), one never answered (its first response long breached).
    try:
        answered = await open_ticket_at(bogota(2025, 6, 17, 8, 0), "service_down")
        await open_ticket_at(bogota(2025, 6, 17, 8, 5), "backup_restore")
        clock.set(bogota(2025, 6, 17, 8, 30))
        await reply_to_ticket(viewer=await agent_viewer(), ticket_id=answered.id, body="Revisando.")
    finally:
        clock.reset()

    screen = await tab("report", accept_downloads=True)
    page = await sign_in(screen, in_process_server, "supervisor@mesa.example")
    navigation = page.get_by_role("banner").get_by_role("navigation")
    assert await navigation.get_by_role("link", name="Administración").count() == 0
    await navigation.get_by_role("link", name="Informe SLA").click()
    await page.get_by_role("heading", name="Informe de SLA", level=1).wait_for()
    await page.get_by_label("Desde").fill(REPORT_DAY)
    await page.get_by_label("Hasta (incluido)").fill(REPORT_DAY)
    await page.get_by_test_id("figure-tickets").filter(has_text=re.compile(r"^2$")).wait_for()
    assert await page.get_by_test_id("figure-first-met").inner_text() == "1"
    assert await page.get_by_test_id("figure-first-breached").inner_text() == "1"

    # The chart: an image with a name and a description that says the figures.
    chart = page.get_by_role("img", name=re.compile("Primeras respuestas y resoluciones"))
    await chart.wait_for()
    description = await chart.evaluate("svg => svg.querySelector('desc').textContent")
    assert "Soporte Técnico: Primera respuesta (Cumplido 1, Vencido 1" in description
    first_response = page.locator("[data-testid=sla-chart] [data-bar$='-0']")
    assert await first_response.locator("[data-segment=met]").get_attribute("data-value") == "1"
    assert (
        await first_response.locator("[data-segment=breached]").get_attribute("data-value") == "1"
    )
    # The same figures as a table, for screen readers and for reading.
    by_department = page.get_by_role("table", name="Por departamento")
    row = by_department.get_by_role("row", name=re.compile("Soporte Técnico"))
    cells = await row.get_by_role("cell").all_inner_texts()
    assert cells[:4] == ["2", "1", "1", "0"], cells
    await page.get_by_role("table", name="Por agente").wait_for()
    await screen.check("report")

    # The CSV of the same period, fetched with the session's token.
    async with page.expect_download() as download_info:
        await page.get_by_role("link", name="Descargar CSV").click()
    download = await download_info.value
    csv = await asyncio.to_thread(Path(await download.path()).read_text)
    lines = csv.strip().splitlines()
    assert lines[0].startswith("support_level,impact,department,assignee,tickets,")
    assert sum(int(line.split(",")[4]) for line in lines[1:] if ",TECH," in line) == 2

    # Another department's view of the day is empty.
    await page.get_by_label("Departamento", exact=True).select_option(label="Facturación")
    await page.get_by_test_id("figure-tickets").filter(has_text=re.compile(r"^0$")).wait_for()
    assert await page.get_by_role("img", name=re.compile("Primeras respuestas")).count() == 0

    # In English, and on a phone.
    await page.get_by_role("button", name=re.compile("Idioma")).click()
    await page.get_by_label("Department", exact=True).select_option(label="Technical Support")
    await page.get_by_role("img", name=re.compile("First responses and resolutions")).wait_for()
    await page.set_viewport_size({"width": 375, "height": 800})
    assert await no_horizontal_scroll(page)
    await screen.check("report-en-phone")


CATEGORY = """query($id: ID!) { node(id: $id) { ... on Category { code name nameEs
  defaultImpact isActive department { code } } } }"""


async def test_an_admin_creates_a_category_a_staff_member_and_a_partner_key(
    in_process_server: str, gql: GraphQLClient, admin_token: str, tab: Any
) -> None:
    marker = uuid.uuid4().hex[:6]
    screen = await tab("admin")
    page = await sign_in(screen, in_process_server, "admin@mesa.example")
    await page.get_by_role("banner").get_by_role("link", name="Administración").click()
    await page.get_by_role("heading", name="Administración: Catálogo", level=1).wait_for()
    await screen.check("catalogue")

    # A department, then renamed from the keyboard: Edit takes the focus to the form.
    departments = page.get_by_role("region", name="Departamentos")
    form = page.get_by_role("form", name="Nuevo departamento")
    await form.get_by_label("Código").fill(f"D{marker}")
    await form.get_by_label("Nombre en español").fill(f"Ventas {marker}")
    await form.get_by_label("Nombre en inglés").fill(f"Sales {marker}")
    await form.get_by_role("button", name="Crear departamento").click()
    edit = departments.get_by_role("button", name=f"Editar Ventas {marker}")
    await edit.focus()
    await page.keyboard.press("Enter")
    form = page.get_by_role("form", name=f"Editar departamento: Ventas {marker}")
    spanish = form.get_by_label("Nombre en español")
    await page.wait_for_function("document.activeElement.tagName === 'INPUT'")
    assert await spanish.evaluate("input => input === document.activeElement")
    await page.keyboard.press("Control+A")
    await page.keyboard.type(f"Ventas y pagos {marker}")
    await page.keyboard.press("Enter")
    await departments.get_by_role("cell", name=f"Ventas y pagos {marker}", exact=True).wait_for()
    listed = await gql.execute("{ departments { code name nameEs } }", token=admin_token)
    assert {
        "code": f"D{marker}".upper(),  # codes are kept in capitals
        "name": f"Sales {marker}",
        "nameEs": f"Ventas y pagos {marker}",
    } in (listed.data["departments"])

    # A category in Billing.
    form = page.get_by_role("form", name="Nueva categoría")
    await form.get_by_label("Departamento").select_option(label="Facturación")
    await form.get_by_label("Código").fill(f"refund_{marker}")
    await form.get_by_label("Nombre en español").fill(f"Reembolso {marker}")
    await form.get_by_label("Nombre en inglés").fill(f"Refund {marker}")
    await form.get_by_label("Impacto por defecto").select_option(label="Alta")
    await form.get_by_role("button", name="Crear categoría").click()
    categories = page.get_by_role("region", name="Categorías")
    await categories.get_by_role("cell", name=f"Reembolso {marker}", exact=True).wait_for()
    listed = await gql.execute("{ categories { id code } }", token=admin_token)
    created = next(c for c in listed.data["categories"] if c["code"] == f"refund_{marker}")
    category = (await gql.execute(CATEGORY, {"id": created["id"]}, token=admin_token)).data
    assert category["node"] == {
        "code": f"refund_{marker}",
        "name": f"Refund {marker}",
        "nameEs": f"Reembolso {marker}",
        "defaultImpact": "HIGH",
        "isActive": True,
        "department": {"code": "BILLING"},
    }
    # The same code again: the API's typed error next to the code field, nothing created.
    await form.get_by_label("Departamento").select_option(label="Facturación")
    await form.get_by_label("Código").fill(f"refund_{marker}")
    await form.get_by_label("Nombre en español").fill("Otra")
    await form.get_by_label("Nombre en inglés").fill("Another")
    await form.get_by_role("button", name="Crear categoría").click()
    code = form.get_by_label("Código")
    await form.locator(".field-error", has_text="Ya hay una categoría con este código.").wait_for()
    assert await code.get_attribute("aria-invalid") == "true"
    assert "Ya hay una categoría" in await code.evaluate(
        "input => input.getAttribute('aria-describedby').split(' ')"
        ".map(id => document.getElementById(id).textContent).join(' ')"
    )
    listed = await gql.execute("{ categories { code } }", token=admin_token)
    assert [c["code"] for c in listed.data["categories"]].count(f"refund_{marker}") == 1
    # Retired, then back.
    await categories.get_by_role("button", name=f"Desactivar Reembolso {marker}").click()
    await categories.get_by_role("button", name=f"Reactivar Reembolso {marker}").wait_for()
    category = (await gql.execute(CATEGORY, {"id": created["id"]}, token=admin_token)).data
    assert category["node"]["isActive"] is False
    await screen.check("catalogue-edited")

    # A customer of this test's own gets a service, moved to another level, then ended.
    client_number = f"C-{marker}"
    customer = await gql.execute(
        """mutation($n: String!, $e: String!) { createCustomer(input: {clientNumber: $n,
             name: "Ferretería Los Andes", email: $e}) { __typename } }""",
        {"n": client_number, "e": f"andes.{marker}@example.org"},
        token=admin_token,
    )
    assert customer.data["createCustomer"]["__typename"] == "CustomerSuccess", customer.data
    services = page.get_by_role("region", name="Servicios de los clientes")
    await services.get_by_label("Buscar un cliente").fill(client_number)
    await services.get_by_role("button", name=re.compile(client_number, re.I)).click()
    form = services.get_by_role("form", name="Nuevo servicio")
    await form.get_by_label("Nombre del servicio").fill("Hosting Tienda")
    await form.get_by_label("Nivel de soporte").select_option(label="Nivel 1")
    await form.get_by_role("button", name="Añadir servicio").click()
    await services.get_by_role("button", name="Editar Hosting Tienda").click()
    form = services.get_by_role("form", name="Editar servicio: Hosting Tienda")
    await form.get_by_label("Nivel de soporte").select_option(label="Nivel 2")
    await form.get_by_role("button", name="Guardar").click()
    await services.get_by_role("cell", name="Nivel 2", exact=True).wait_for()
    await services.get_by_role("button", name="Desactivar Hosting Tienda").click()
    await services.get_by_role("button", name="Reactivar Hosting Tienda").wait_for()
    found = await gql.execute(
        """query($n: String!) { customers(search: $n) { edges { node { services {
             name isActive supportLevel { code } } } } } }""",
        {"n": client_number},
        token=admin_token,
    )
    assert found.data["customers"]["edges"][0]["node"]["services"] == [
        {"name": "Hosting Tienda", "isActive": False, "supportLevel": {"code": "N2"}}
    ]
    await screen.check("services")

    # A staff member: a weak first password is refused next to its field, then created.
    await page.get_by_role("link", name="Personal").click()
    await page.get_by_role("heading", name="Administración: Personal", level=1).wait_for()
    form = page.get_by_role("form", name="Añadir a una persona del equipo")
    email = f"nuevo.{marker}@mesa.example"
    await form.get_by_label("Nombre").fill(f"Nora Nueva {marker}")
    await form.get_by_label("Correo electrónico").fill(email)
    await form.get_by_label("Clave inicial").fill("corta")
    await form.get_by_label("Rol").select_option(label="Agente")
    await form.get_by_label("Facturación").check()
    await form.get_by_role("button", name="Añadir al equipo").click()
    password = form.get_by_label("Clave inicial")
    await form.locator(".field-error", has_text="contraseña").wait_for()
    assert await password.get_attribute("aria-invalid") == "true"
    await screen.check("staff-error")
    await password.fill("una-clave-bien-larga-9")
    await form.get_by_role("button", name="Añadir al equipo").click()
    await form.get_by_role("status").filter(has_text="Cuenta creada").wait_for()
    staff = page.get_by_role("region", name="Personal")
    await staff.get_by_role("cell", name=email, exact=True).wait_for()
    people = (
        await gql.execute(
            "{ staff(includeInactive: true) { name email role departments { code } } }",
            token=admin_token,
        )
    ).data["staff"]
    assert next(p for p in people if p["email"] == email) == {
        "name": f"Nora Nueva {marker}",
        "email": email,
        "role": "AGENT",
        "departments": [{"code": "BILLING"}],
    }
    # They can sign in; deactivated, they cannot.
    signed_in = await gql.execute(
        'mutation($e: String!) { agentLogin(email: $e, password: "una-clave-bien-larga-9") '
        "{ __typename } }",
        {"e": email},
    )
    assert signed_in.data["agentLogin"]["__typename"] == "LoginSuccess"
    await staff.get_by_role("button", name=f"Desactivar Nora Nueva {marker}").click()
    await staff.get_by_role("button", name=f"Reactivar Nora Nueva {marker}").wait_for()
    active = (await gql.execute("{ staff { email } }", token=admin_token)).data["staff"]
    assert email not in [p["email"] for p in active]
    await screen.check("staff")

    # A partner and an API key: the secret is shown once and works, until revoked.
    await page.get_by_role("link", name="Socios y claves API").click()
    await page.get_by_role("heading", name="Administración: Socios y claves API").wait_for()
    form = page.get_by_role("form", name="Nuevo socio")
    await form.get_by_label("Nombre del socio").fill(f"Socio {marker}")
    await form.get_by_role("button", name="Crear socio").click()
    partner = page.get_by_role("region", name=re.compile(f"Socio {marker}"))
    key_form = partner.get_by_role("form", name="Nueva clave API")
    await key_form.get_by_label("Nombre de la clave").fill("Integración CRM")
    await key_form.get_by_label("tickets:write").check()
    await key_form.get_by_label("Peticiones por minuto").fill("60")
    await key_form.get_by_role("button", name="Crear clave").click()
    secret = (await partner.get_by_test_id("partner-secret").inner_text()).strip()
    await partner.get_by_role("cell", name="tickets:read, tickets:write", exact=True).wait_for()
    await partner.get_by_role("cell", name="60 / min", exact=True).wait_for()
    viewer = "{ viewer { __typename } }"
    assert (await gql.execute(viewer, token=secret)).data["viewer"]["__typename"] == "Partner"
    await screen.check("partners")
    await partner.get_by_role("button", name="Revocar Integración CRM").click()
    # Revoking asks to confirm, the confirmation taking the focus (Enter confirms).
    confirm = partner.get_by_role("button", name="Confirmar revocación Integración CRM")
    await confirm.wait_for()
    assert await confirm.evaluate("button => button === document.activeElement")
    await page.keyboard.press("Enter")
    await partner.get_by_role("status").filter(has_text="Clave revocada.").wait_for()
    refused = await gql.execute(viewer, token=secret)
    assert refused.errors and refused.errors[0]["extensions"]["code"] == "UNAUTHENTICATED"
    await screen.check("partners-revoked")

    # On a phone the screens scroll their tables, not the page.
    await page.set_viewport_size({"width": 375, "height": 800})
    assert await no_horizontal_scroll(page)
    await page.get_by_role("link", name="Personal").click()
    await page.get_by_role("heading", name="Administración: Personal", level=1).wait_for()
    assert await no_horizontal_scroll(page)
    await screen.check("staff-phone")


async def test_an_agent_is_offered_neither_the_report_nor_the_admin_screens(
    in_process_server: str, tab: Any
) -> None:
    screen = await tab("agent-admin")
    page = await sign_in(screen, in_process_server, "agent@mesa.example")
    navigation = page.get_by_role("banner").get_by_role("navigation")
    await navigation.get_by_role("link", name="Cola").wait_for()
    assert await navigation.get_by_role("link", name="Administración").count() == 0
    assert await navigation.get_by_role("link", name="Informe SLA").count() == 0
    for path in ("/agent/admin", "/agent/admin/staff", "/agent/admin/partners", "/agent/report"):
        await page.goto(in_process_server + path)
        await (
            page.get_by_role("alert")
            .filter(has_text="No tienes permiso para ver esta página.")
            .wait_for()
        )
        assert await page.get_by_role("form").count() == 0
        assert await page.get_by_role("table").count() == 0
    await screen.check("refused")
