"""Customers get their access by mail (seed 003: "Su número de cliente y clave fueron enviados
por correo electrónico cuando se activó el servicio"): createCustomer(sendWelcome) mails the
client number and a single-use code to set the password, in the customer's language."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from domain.models import Notification
from tests.access_helpers import RESET_CODE, body_of, wait_for_mail
from tests.conftest import LOGIN
from tests.graphql_client import GraphQLClient
from tests.test_customer_access import RESET

CREATE_CUSTOMER = """mutation($input: CreateCustomerInput!) { createCustomer(input: $input) {
  __typename ... on CustomerSuccess { customer { clientNumber } }
  ... on UserError { code message field } } }"""


async def test_a_welcomed_customer_sets_a_password_from_the_mail_and_logs_in(
    gql: GraphQLClient, admin_token: str, mail_delivery: Path, fresh_rate_limits: None
) -> None:
    # Given a new customer created with a welcome mail
    number = f"W-{uuid.uuid4().hex[:6]}".upper()
    email = f"{number.lower()}@example.com"
    created = await gql.execute(
        CREATE_CUSTOMER,
        {
            "input": {
                "clientNumber": number,
                "name": "Ferretería Sol",
                "email": email,
                "sendWelcome": True,
            }
        },
        token=admin_token,
    )
    assert created.data["createCustomer"]["__typename"] == "CustomerSuccess"

    # Then a Spanish mail tells the client number and carries a code
    [mail] = await wait_for_mail(mail_delivery, email)
    assert mail["Subject"] == "Bienvenido a soporte: su número de cliente"
    body = body_of(mail)
    assert f"Número de cliente: {number}" in body
    [code] = RESET_CODE.findall(body)

    # When the customer sets a password with it, the code is spent and the login works
    done = (await gql.execute(RESET, {"t": code, "p": "mi-clave-segura"})).data["resetPassword"]
    again = (await gql.execute(RESET, {"t": code, "p": "otra-clave-segura"})).data
    login = (await gql.execute(LOGIN, {"n": number, "p": "mi-clave-segura"})).data["login"]
    assert done == {"__typename": "ResetPasswordSuccess"}
    assert again["resetPassword"]["code"] == "INVALID_CREDENTIALS"
    assert login["__typename"] == "LoginSuccess"


@pytest.mark.slow
async def test_the_welcome_is_in_english_for_english_customers_and_only_when_asked(
    gql: GraphQLClient, admin_token: str, mail_delivery: Path
) -> None:
    welcomed = f"W-{uuid.uuid4().hex[:6]}".upper()
    silent = f"W-{uuid.uuid4().hex[:6]}".upper()
    for number, welcome in ((silent, False), (welcomed, True)):
        await gql.execute(
            CREATE_CUSTOMER,
            {
                "input": {
                    "clientNumber": number,
                    "name": "Acme",
                    "language": "EN",
                    "email": f"{number.lower()}@example.com",
                    "sendWelcome": welcome,
                }
            },
            token=admin_token,
        )

    [mail] = await wait_for_mail(mail_delivery, f"{welcomed.lower()}@example.com")
    assert mail["Subject"] == "Welcome to support: your client number"
    assert f"Client number: {welcomed}" in body_of(mail)
    assert not await Notification.exists(recipient=f"{silent.lower()}@example.com")
