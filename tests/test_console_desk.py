"""The agent desk's ticket tools and the rating page in a real browser (Playwright driving
Debian's chromium) against the app served over HTTP with the demo data: an agent applies a
macro and sees what changed, merges a duplicate into another ticket (the page follows the
surviving one), sees another agent arrive on the ticket and type, live; a guest rates a
resolved ticket from the link in the mail a real SMTP relay received. Each screen is
screenshotted into var/screenshots/ and checked with axe-core, as in tests/test_console.py."""

from __future__ import annotations

import re
import uuid
from datetime import timedelta
from typing import Any

import pytest

from domain.clock import clock, utcnow
from tests import console_support
from tests.access_helpers import body_of
from tests.conftest import DEMO_PASSWORD, EMBEDDED, LOGIN
from tests.email_support import drain, relay, settings
from tests.factories import create_ticket
from tests.graphql_client import GraphQLClient
from tests.satisfaction_support import RESOLVE, guest_ticket

pytestmark = [pytest.mark.parametrize("server", [EMBEDDED], indirect=True), pytest.mark.slow]

browser = console_support.browser  # the fixture
axe = console_support.axe  # the fixture
tab = console_support.tab  # the fixture

STATE = """query($t: String!) { ticket(trackingId: $t) {
  id number status impact tags assignee { name } mergedInto { trackingId }
  messages { body internal } satisfaction { rating comment } } }"""


async def sign_in(page: Any, base: str, email: str) -> None:
    await page.goto(base + "/agent/login")
    await page.get_by_label("Correo electrónico").fill(email)
    await page.get_by_label("Clave").fill(DEMO_PASSWORD)
    await page.get_by_role("button", name="Ingresar").click()
    await page.get_by_role("heading", name="Cola", level=1).wait_for()


async def state(gql: GraphQLClient, tracking_id: str, token: str) -> dict[str, Any]:
    answer = await gql.execute(STATE, {"t": tracking_id}, token=token)
    assert not answer.errors, answer.errors
    ticket: dict[str, Any] = answer.data["ticket"]
    return ticket


async def pressed(page: Any, button: str) -> bool:
    return await page.get_by_role("button", name=button).get_attribute("aria-pressed") == "true"


async def customer(gql: GraphQLClient, number: str) -> str:
    login = (await gql.execute(LOGIN, {"n": number, "p": DEMO_PASSWORD})).data["login"]
    return str(login["token"])


async def test_an_agent_applies_a_macro_and_sees_what_it_changed(
    in_process_server: str, gql: GraphQLClient, agent_token: str, tab: Any
) -> None:
    marker = uuid.uuid4().hex[:6]
    saved = await gql.execute(
        """mutation($title: String!, $k: String!) { saveMacro(input: {title: $title,
             personal: true, idempotencyKey: $k, actions: {impact: HIGH, assignTo: ME,
             addTags: ["vps-caido"], note: "Escalado a infraestructura."}}) {
             __typename ... on UserError { message } } }""",
        {"title": f"Escalar VPS {marker}", "k": str(uuid.uuid4())},
        token=agent_token,
    )
    assert saved.data["saveMacro"]["__typename"] == "SaveMacroSuccess", saved.data
    token = await customer(gql, "C-1002")
    ticket = await create_ticket(gql, token, subject=f"El VPS no responde {marker}")
    assert ticket["status"] == "NEW" and ticket["impact"] != "HIGH"

    screen = await tab("desk-macro")
    page = screen.page
    await sign_in(page, in_process_server, "agent@mesa.example")
    await page.goto(in_process_server + f"/agent/tickets/{ticket['trackingId']}")
    await page.get_by_role("heading", name="Macros").wait_for()
    await page.get_by_label("Macro", exact=True).select_option(
        label=f"Escalar VPS {marker} (personal)"
    )
    # Before applying: what it will do, in the order it does it.
    steps = page.get_by_role("list", name="Al aplicarla:")
    assert await steps.get_by_role("listitem").all_inner_texts() == [
        "Impacto: Alta",
        "Asignármelo",
        "Etiquetas añadidas: vps-caido",
        "Nota interna: «Escalado a infraestructura.»",
    ]
    await screen.check("chosen")
    await page.get_by_role("button", name="Aplicar macro").click()

    changes = page.get_by_test_id("macro-changes")
    await changes.wait_for()
    assert await changes.get_by_role("listitem").all_inner_texts() == [
        "Estado: Nuevo → Abierto",  # taking it opens it
        f"Impacto: {'Media' if ticket['impact'] == 'MEDIUM' else 'Baja'} → Alta",
        "Asignado a: Sin asignar → Ana Agent",
        "Etiquetas añadidas: vps-caido",
        "Nota interna añadida",
    ]
    assert await changes.get_attribute("role") == "status"
    # The page itself shows the ticket as it now is: the note in the thread, the new facts.
    await (
        page.locator(".message.internal").filter(has_text="Escalado a infraestructura.").wait_for()
    )
    await page.locator(".facts").filter(has_text="vps-caido").wait_for()
    await screen.check("applied")

    after = await state(gql, ticket["trackingId"], agent_token)
    assert (after["impact"], after["assignee"], after["tags"]) == (
        "HIGH",
        {"name": "Ana Agent"},
        ["vps-caido"],
    )
    assert [m["internal"] for m in after["messages"]] == [False, True]


async def test_an_agent_merges_a_duplicate_and_the_page_follows_the_surviving_ticket(
    in_process_server: str, gql: GraphQLClient, agent_token: str, tab: Any
) -> None:
    marker = uuid.uuid4().hex[:6]
    laura = await customer(gql, "C-1002")
    original = await create_ticket(gql, laura, subject=f"Sin correo {marker}")
    duplicate = await create_ticket(
        gql, laura, subject=f"Sin correo otra vez {marker}", message=f"Duplicado {marker}."
    )
    stranger = await create_ticket(gql, await customer(gql, "C-1001"), subject=f"Ajeno {marker}")

    # Sofía has the duplicate open too.
    other = await tab("desk-merge-other")
    await sign_in(other.page, in_process_server, "supervisor@mesa.example")
    await other.page.goto(in_process_server + f"/agent/tickets/{duplicate['trackingId']}")
    await other.page.get_by_role("heading", name="Conversación").wait_for()

    screen = await tab("desk-merge")
    page = screen.page
    await sign_in(page, in_process_server, "agent@mesa.example")
    await page.goto(in_process_server + f"/agent/tickets/{duplicate['trackingId']}")
    # (the thread loaded: the panel is not rendered again under a half-typed search)
    await page.get_by_role("heading", name="Conversación").wait_for()
    merge = page.get_by_role("region", name="Fusionar")
    target = merge.get_by_label("Ticket de destino")

    # A number nobody has: said so, under the field.
    await target.fill("99999999")
    await merge.get_by_role("button", name="Buscar").click()
    await merge.get_by_text("No encontramos ese ticket entre los que puedes ver.").wait_for()

    # Another customer's ticket: found, but the API refuses the merge and nothing changes.
    await target.fill(stranger["trackingId"].lower())
    await merge.get_by_role("button", name="Buscar").click()
    await merge.get_by_role("button", name=f"Fusionar en #{stranger['number']}").click()
    await merge.get_by_role("button", name="Sí, fusionar").click()
    await merge.get_by_text(
        re.compile("Solo se pueden fusionar tickets del mismo solicitante")
    ).wait_for()
    assert (await state(gql, duplicate["trackingId"], agent_token))["status"] != "MERGED"

    # The same customer's ticket by its number (Enter searches): confirmation, then the merge.
    await target.fill(f"#{original['number']}")
    await target.press("Enter")
    await merge.get_by_text(f"#{original['number']} · Sin correo {marker}").wait_for()
    await merge.get_by_role("button", name=f"Fusionar en #{original['number']}").click()
    dialog = page.get_by_role(
        "alertdialog", name=f"¿Fusionar #{duplicate['number']} en #{original['number']}?"
    )
    await dialog.wait_for()
    assert await dialog.evaluate("node => node === document.activeElement")
    d, o = duplicate["number"], original["number"]
    assert await dialog.locator("p").inner_text() == (
        f"La conversación de #{d} pasará a #{o} y #{d} quedará cerrado como fusionado. "
        "No se puede deshacer."
    )
    await screen.check("confirm")
    # Escape backs out, and the focus returns to the button that asked.
    await page.keyboard.press("Escape")
    await dialog.wait_for(state="detached")
    ask = merge.get_by_role("button", name=f"Fusionar en #{original['number']}")
    assert await ask.evaluate("node => node === document.activeElement")
    await ask.click()
    await dialog.get_by_role("button", name="Cancelar").click()
    await dialog.wait_for(state="detached")
    await ask.click()
    await dialog.get_by_role("button", name="Sí, fusionar").click()

    await page.wait_for_url(f"**/agent/tickets/{original['trackingId']}")
    await page.get_by_role("heading", name=re.compile(f"Sin correo {marker}$")).wait_for()
    await page.get_by_text(f"El ticket #{duplicate['number']} se fusionó en este.").wait_for()
    await page.locator(".message").filter(has_text=f"Duplicado {marker}.").wait_for()
    await screen.check("merged")

    merged = await state(gql, duplicate["trackingId"], agent_token)
    assert merged["status"] == "MERGED"
    assert merged["mergedInto"] == {"trackingId": original["trackingId"]}
    survivor = await state(gql, original["trackingId"], agent_token)
    assert f"Duplicado {marker}." in [m["body"] for m in survivor["messages"]]

    # On Sofía's page, live, the duplicate now says where its conversation went.
    await other.page.get_by_text("Este ticket se fusionó en").wait_for()
    await other.page.locator(".ticket-head .badge", has_text="Fusionado").wait_for()
    await other.check("merged-elsewhere")

    # Back on the merged ticket: it says where its conversation went, and links there.
    await page.go_back()
    await page.get_by_text("Este ticket se fusionó en").wait_for()
    await page.get_by_role("link", name=f"#{original['number']}").click()
    await page.wait_for_url(f"**/agent/tickets/{original['trackingId']}")


async def test_an_agent_sees_another_agent_arrive_and_type_live(
    in_process_server: str, gql: GraphQLClient, tab: Any
) -> None:
    marker = uuid.uuid4().hex[:6]
    ticket = await create_ticket(
        gql, await customer(gql, "C-1002"), subject=f"Lentitud del VPS {marker}"
    )
    path = f"/agent/tickets/{ticket['trackingId']}"

    ana = await tab("desk-presence")
    await sign_in(ana.page, in_process_server, "agent@mesa.example")
    await ana.page.goto(in_process_server + path)
    presence = ana.page.get_by_test_id("presence")
    await presence.get_by_text("Ningún otro agente está viendo este ticket.").wait_for()

    # Sofía opens the same ticket in her own browser: Ana sees her arrive, without reloading.
    sofia = await tab("desk-presence-other")
    await sign_in(sofia.page, in_process_server, "supervisor@mesa.example")
    await sofia.page.goto(in_process_server + path)
    await presence.get_by_text("Sofía Supervisor · viendo").wait_for()
    await sofia.page.get_by_test_id("presence").get_by_text("Ana Agent · viendo").wait_for()
    await ana.check("viewing")

    # She writes a reply: Ana sees her typing; once she sends it, no longer.
    await sofia.page.get_by_label("Tu respuesta").press_sequentially("Revisando", delay=20)
    await presence.get_by_text("Sofía Supervisor · escribiendo…").wait_for()
    await ana.check("typing")
    await sofia.page.get_by_role("button", name="Responder al ticket").click()
    await presence.get_by_text("Sofía Supervisor · viendo").wait_for()

    # She leaves the ticket: gone from Ana's page.
    await sofia.page.get_by_role("navigation").get_by_role("link", name="Cola").click()
    await presence.get_by_text("Ningún otro agente está viendo este ticket.").wait_for()


async def test_a_guest_rates_a_resolved_ticket_from_the_mail_link_on_a_phone(
    in_process_server: str,
    gql: GraphQLClient,
    agent_token: str,
    mail_delivery: Any,
    reset_rate_limits: None,
    tab: Any,
) -> None:
    email = f"rating-{uuid.uuid4().hex[:8]}@example.org"
    with relay() as captured, settings(panel_url=in_process_server):
        ticket = await guest_ticket(gql, email, "ES")
        resolved = await gql.execute(RESOLVE, {"id": ticket["id"]}, token=agent_token)
        assert resolved.data["resolveTicket"]["__typename"] == "ResolveTicketSuccess"
        mails = await captured.wait_for(email, 2)
        await drain()
    links = dict(
        (rating, link)
        for link, rating in re.findall(
            "(" + re.escape(in_process_server) + r"/rate#token=mesa_sr_[\w-]+&rating=(\w+))",
            "\n".join(body_of(mail) for mail in mails),
        )
    )
    assert list(links) == ["GOOD", "NEUTRAL", "BAD"], [body_of(mail) for mail in mails]

    screen = await tab("rate", viewport={"width": 375, "height": 740}, is_mobile=True)
    page = screen.page
    await page.goto(links["GOOD"])
    await page.get_by_role("heading", name="Valora la atención", level=1).wait_for()
    await page.get_by_text("¡Gracias! Registramos tu valoración.").wait_for()
    assert await pressed(page, "Sí, fue útil")
    assert f"#{ticket['number']}" in await page.get_by_role("main").inner_text()
    width = await page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], f"the rating page scrolls sideways on a phone: {width}"
    await screen.check("rated")
    rated = await state(gql, ticket["trackingId"], agent_token)
    assert rated["satisfaction"] == {"rating": "GOOD", "comment": None}

    # A comment, then a change of mind, in English.
    await page.get_by_label("Comentario (opcional)").fill("Muy amables, gracias.")
    await page.get_by_role("button", name="Enviar comentario").click()
    await page.get_by_text("¡Gracias! Guardamos tu comentario.").wait_for()
    # Another of the mail's links, in the same tab: only the fragment changes.
    await page.goto(links["BAD"])
    await page.get_by_text("¡Gracias! Registramos tu valoración.").wait_for()
    assert await pressed(page, "No fue útil")
    rated = await state(gql, ticket["trackingId"], agent_token)
    assert rated["satisfaction"] == {"rating": "BAD", "comment": "Muy amables, gracias."}
    await page.get_by_role("button", name="English").click()
    await page.get_by_role("heading", name="Rate our support", level=1).wait_for()
    await page.get_by_role("button", name="So-so").click()
    await page.get_by_text("Thank you! Your rating is recorded.").wait_for()
    assert await pressed(page, "So-so")
    await screen.check("changed")
    rated = await state(gql, ticket["trackingId"], agent_token)
    assert rated["satisfaction"] == {"rating": "NEUTRAL", "comment": "Muy amables, gracias."}

    # Opening the link again rates nothing twice: the answer stands as changed.
    await page.reload()
    await page.get_by_test_id("rating-recorded").wait_for()
    assert await pressed(page, "So-so")
    rated = await state(gql, ticket["trackingId"], agent_token)
    assert rated["satisfaction"] == {"rating": "NEUTRAL", "comment": "Muy amables, gracias."}

    # Eight days later the link still opens the page, but the answer is final.
    later = utcnow() + timedelta(days=8)
    try:
        clock.set(later)
        await page.clock.set_system_time(later)
        await page.goto("about:blank")  # the mail opens the link afresh
        await page.goto(links["BAD"])
        await page.get_by_text("It can no longer be changed: thank you for your answer.").wait_for()
        assert await page.get_by_role("button", name="It did not help").is_disabled()
        assert await pressed(page, "So-so")
        await page.get_by_text("Muy amables, gracias.").wait_for()
        assert await page.get_by_role("button", name="Send comment").count() == 0
        await screen.check("final")
    finally:
        clock.reset()
    rated = await state(gql, ticket["trackingId"], agent_token)
    assert rated["satisfaction"] == {"rating": "NEUTRAL", "comment": "Muy amables, gracias."}


async def test_an_unknown_rating_link_says_so_in_either_language(
    in_process_server: str, tab: Any
) -> None:
    screen = await tab("rate-refused")
    page = screen.page
    await page.goto(in_process_server + "/rate#token=mesa_sr_not-a-real-token&rating=BAD")
    alert = page.get_by_role("alert")
    await alert.wait_for()
    assert await alert.inner_text() == "Este enlace de valoración no es válido o ya caducó."
    await screen.check("unknown")
    await page.get_by_role("button", name="English").click()
    await page.get_by_text("This rating link is not valid or has expired.").wait_for()
    await page.goto(in_process_server + "/rate")
    assert await page.get_by_role("alert").inner_text() == (
        "The link is incomplete: open it from the email."
    )
