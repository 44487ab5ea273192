"""What the custom fields tests share: the operations, a fresh category with one field of
each kind (the `form` fixture) and ticket inputs for it."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from tests.factories import department_id, own_service_id
from tests.graphql_client import GraphQLClient

SAVE_CATEGORY = """mutation($input: CategoryInput!) { saveCategory(input: $input) {
  ... on CategorySuccess { category { id } } } }"""
SAVE_FIELD = """
mutation($input: SaveCustomFieldInput!) {
  saveCustomField(input: $input) {
    __typename
    ... on SaveCustomFieldSuccess {
      customField { id key type label required visibility categoryId departmentId
                    options { key label } }
    }
    ... on UserError { code message field }
  }
}"""
FIELDS = """
query($c: ID, $all: Boolean! = false) {
  customFields(categoryId: $c, includeInactive: $all) { key type required visibility }
}"""
CREATE = """
mutation($input: CreateTicketInput!) {
  createTicket(input: $input) {
    __typename
    ... on CreateTicketSuccess {
      ticket { id trackingId updatedAt customFields { value optionLabel field { key } } }
      guestPass { token }
    }
    ... on UserError { code message field }
  }
}"""
TICKET = """
query($t: String!) { ticket(trackingId: $t) {
  updatedAt
  customFields { value optionLabel field { key type } }
  events { kind internal before after }
} }"""
SET_VALUES = """
mutation($input: SetTicketCustomFieldsInput!) {
  setTicketCustomFields(input: $input) {
    __typename
    ... on SetTicketCustomFieldsSuccess {
      ticket { updatedAt customFields { value field { key } } }
    }
    ... on UserError { code message field }
  }
}"""

FILTERED = """
query($f: TicketFilter) { tickets(filter: $f, first: 50) { edges { node { trackingId } } } }"""


def unique(prefix: str) -> str:
    return f"{prefix}_{uuid.uuid4().hex[:8]}"


async def new_category(gql: GraphQLClient, admin_token: str) -> str:
    """A category of the test's own in Technical Support: required fields there bind no
    other test's tickets."""
    created = await gql.execute(
        SAVE_CATEGORY,
        {
            "input": {
                "code": unique("cf"),
                "departmentId": await department_id(gql, "TECH"),
                "name": "Hosting move",
                "nameEs": "Traslado de hosting",
                "defaultImpact": "MEDIUM",
            }
        },
        token=admin_token,
    )
    return str(created.data["saveCategory"]["category"]["id"])


async def save_field(gql: GraphQLClient, admin_token: str, **fields: Any) -> dict[str, Any]:
    result = (await gql.execute(SAVE_FIELD, {"input": fields}, token=admin_token)).data
    saved: dict[str, Any] = result["saveCustomField"]
    return saved


@pytest.fixture
async def form(gql: GraphQLClient, admin_token: str) -> dict[str, str]:
    """A fresh category with one field of each kind: a required customer text (the domain),
    a select, a number, a date, a checkbox and a staff-only text."""
    category = await new_category(gql, admin_token)
    keys = {name: unique(name) for name in ("dominio", "plan", "cuentas", "desde", "ok", "ip")}
    common = {"categoryId": category}
    specs: list[dict[str, Any]] = [
        {"key": keys["dominio"], "type": "TEXT", "required": True, "labelEs": "Dominio",
         "labelEn": "Domain"},
        {"key": keys["plan"], "type": "SELECT", "labelEs": "Plan", "labelEn": "Plan",
         "options": [{"key": "basico", "labelEs": "Básico", "labelEn": "Basic"},
                     {"key": "pro", "labelEs": "Profesional", "labelEn": "Professional"}]},
        {"key": keys["cuentas"], "type": "NUMBER", "labelEs": "Cuentas de correo",
         "labelEn": "Mail accounts"},
        {"key": keys["desde"], "type": "DATE", "labelEs": "Fecha del fallo",
         "labelEn": "Failing since"},
        {"key": keys["ok"], "type": "CHECKBOX", "labelEs": "Copia hecha",
         "labelEn": "Backup done"},
        {"key": keys["ip"], "type": "TEXT", "visibility": "STAFF", "labelEs": "IP del servidor",
         "labelEn": "Server IP"},
    ]  # fmt: skip
    for spec in specs:
        saved = await save_field(gql, admin_token, **common, **spec)
        assert saved["__typename"] == "SaveCustomFieldSuccess", saved
    return {"category": category, **keys}


async def customer_input(
    gql: GraphQLClient, token: str, form: dict[str, str], values: list[dict[str, Any]]
) -> dict[str, Any]:
    return {
        "subject": "Traslado del sitio",
        "message": "Quiero mover mi dominio a su servidor.",
        "categoryId": form["category"],
        "serviceId": await own_service_id(gql, token),
        "customFields": values,
    }


async def create(gql: GraphQLClient, payload: dict[str, Any], token: str | None = None) -> Any:
    return (await gql.execute(CREATE, {"input": payload}, token=token)).data["createTicket"]
