"""What the satisfaction tests share: the operations, the rating link's shape, a guest's
ticket and the report read per agent or department."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from tests.factories import department_id
from tests.graphql_client import GraphQLClient

PANEL = "https://soporte.example"
LINK = re.compile(
    re.escape(PANEL) + r"/rate#token=(mesa_sr_[A-Za-z0-9_-]+)&rating=(GOOD|NEUTRAL|BAD)"
)
CODE = re.compile(r"mesa_sr_[A-Za-z0-9_-]+")
CREATE = """mutation($input: CreateTicketInput!) { createTicket(input: $input) {
  __typename ... on CreateTicketSuccess { ticket { id trackingId number } }
  ... on UserError { code message field } } }"""
ASSIGN = """mutation($id: ID!, $a: ID) { assignTicket(input: {ticketId: $id, assigneeId: $a}) {
  __typename ... on UserError { code message } } }"""
RESOLVE = """mutation($id: ID!) { resolveTicket(ticketId: $id) {
  __typename ... on UserError { code message } } }"""
REOPEN = """mutation($id: ID!) { reopenTicket(ticketId: $id) {
  __typename ... on UserError { code message } } }"""
RATE_BY_LINK = """mutation($t: String!, $r: SatisfactionRating!, $c: String) {
  rateTicket(token: $t, rating: $r, comment: $c) {
    __typename
    ... on RateTicketSuccess { survey { ticketNumber subject
      satisfaction { rating comment ratedAt changedAt changeableUntil } } }
    ... on UserError { code message field } } }"""
RATE_BY_ID = """mutation($id: ID!, $r: SatisfactionRating!, $c: String) {
  rateTicket(ticketId: $id, rating: $r, comment: $c) {
    __typename
    ... on RateTicketSuccess { survey { satisfaction { rating comment } } }
    ... on UserError { code message field } } }"""
SURVEY = """query($t: String!) { satisfactionSurvey(token: $t) {
  ticketNumber subject satisfaction { rating comment } } }"""
TICKET = """query($t: String!) { ticket(trackingId: $t) {
  satisfaction { rating comment }
  viewerCan { rate }
  events { kind actorKind before after } } }"""
REPORT = """query($f: DateTime!, $t: DateTime!) { satisfactionReport(from: $f, to: $t) {
  byAgent { agent { email } counts { good neutral bad total shareGood } }
  byDepartment { department { code } counts { good neutral bad total shareGood } }
  total { good neutral bad total shareGood }
  csvUrl } }"""


def counts(report: dict[str, Any], scope: str, key: str, name: str | None) -> dict[str, Any]:
    rows = report["byAgent" if scope == "agent" else "byDepartment"]
    for row in rows:
        owner = row[scope]
        if (owner[key] if owner else None) == name:
            return dict(row["counts"])
    return {"good": 0, "neutral": 0, "bad": 0, "total": 0, "shareGood": None}


async def report_of(gql: GraphQLClient, token: str, start: datetime, end: datetime) -> Any:
    answer = await gql.execute(REPORT, {"f": start.isoformat(), "t": end.isoformat()}, token=token)
    assert not answer.errors, answer.errors
    return answer.data["satisfactionReport"]


async def guest_ticket(gql: GraphQLClient, email: str, language: str) -> dict[str, Any]:
    created = (
        await gql.execute(
            CREATE,
            {
                "input": {
                    "subject": "El correo no envía",
                    "message": "Outlook dice que el servidor SMTP rechaza la conexión.",
                    "departmentId": await department_id(gql, "TECH"),
                    "guest": {"name": "Laura Gómez", "email": email, "language": language},
                }
            },
        )
    ).data["createTicket"]
    assert created["__typename"] == "CreateTicketSuccess", created
    ticket: dict[str, Any] = created["ticket"]
    return ticket
