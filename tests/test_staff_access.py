"""Staff passwords work like customers' (seed 003): recovery by email with a single-use code,
change ending the other sessions; weak passwords are refused for everyone."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from domain.identity.auth import hash_password
from domain.models import Language, Staff, StaffRole
from tests.access_helpers import RESET_CODE, body_of, new_customer, wait_for_mail
from tests.conftest import AGENT_LOGIN
from tests.graphql_client import GraphQLClient
from tests.test_customer_access import CHANGE, RESET, refusal

REQUEST_STAFF_RESET = """
mutation($e: String!) { requestStaffPasswordReset(email: $e) {
  __typename ... on RequestPasswordResetSuccess { message } } }"""
STAFF_VIEWER = "query { viewer { __typename ... on Staff { email } } }"


async def new_agent(email: str, *, language: Language = Language.ES) -> Staff:
    """An agent of the test's own, so changing its password disturbs no other test."""
    return await Staff.create(
        email=email,
        name="Agente Propio",
        role=StaffRole.AGENT,
        language=language,
        password_hash=await asyncio.to_thread(hash_password, "first-password"),
    )


async def agent_login(gql: GraphQLClient, email: str, password: str) -> dict[str, str]:
    result = await gql.execute(AGENT_LOGIN, {"e": email, "p": password})
    payload: dict[str, str] = result.data["agentLogin"]
    return payload


@pytest.mark.slow
async def test_a_staff_member_resets_a_forgotten_password_with_the_emailed_code(
    gql: GraphQLClient, mail_delivery: Path, fresh_rate_limits: None
) -> None:
    # Given an agent logged in somewhere
    agent = await new_agent("reset.agent@mesa.example", language=Language.EN)
    session = (await agent_login(gql, agent.email, "first-password"))["token"]

    # When they ask for a reset, and someone asks for an address that is nobody's
    known = (await gql.execute(REQUEST_STAFF_RESET, {"e": " Reset.Agent@mesa.example"})).data
    unknown = (await gql.execute(REQUEST_STAFF_RESET, {"e": "nobody@mesa.example"})).data

    # Then both answers are the same, and only the agent gets an email with a code
    assert known == unknown
    assert known["requestStaffPasswordReset"]["__typename"] == "RequestPasswordResetSuccess"
    [mail] = await wait_for_mail(mail_delivery, agent.email)
    assert mail["Subject"] == "Reset your password"
    [code] = RESET_CODE.findall(body_of(mail))

    # The code sets the new password once, and the session ends
    done = (await gql.execute(RESET, {"t": code, "p": "second-password"})).data["resetPassword"]
    assert done == {"__typename": "ResetPasswordSuccess"}
    again = (await gql.execute(RESET, {"t": code, "p": "third-password"})).data["resetPassword"]
    assert again["code"] == "INVALID_CREDENTIALS"
    assert await refusal(gql, session) == ("UNAUTHENTICATED", "The access token has been revoked.")
    assert (await agent_login(gql, agent.email, "first-password"))["code"] == (
        "INVALID_CREDENTIALS"
    )
    assert (await agent_login(gql, agent.email, "second-password"))["__typename"] == (
        "LoginSuccess"
    )


async def test_a_staff_member_changes_the_password_and_the_other_sessions_end(
    gql: GraphQLClient, fresh_rate_limits: None
) -> None:
    # Given an agent with two sessions
    agent = await new_agent("change.agent@mesa.example")
    here = (await agent_login(gql, agent.email, "first-password"))["token"]
    elsewhere = (await agent_login(gql, agent.email, "first-password"))["token"]

    # When a wrong current password is given, nothing changes
    wrong = await gql.execute(CHANGE, {"c": "nope-nope-nope", "p": "second-password"}, token=here)
    assert wrong.data["changePassword"]["code"] == "INVALID_CREDENTIALS"
    assert wrong.data["changePassword"]["field"] == "currentPassword"

    # When the right one is given
    changed = await gql.execute(CHANGE, {"c": "first-password", "p": "second-password"}, token=here)

    # Then this session lives on, the other ended, and only the new password logs in
    assert changed.data["changePassword"] == {"__typename": "ChangePasswordSuccess"}
    assert (await gql.execute(STAFF_VIEWER, token=here)).data["viewer"]["email"] == agent.email
    assert await refusal(gql, elsewhere) == (
        "UNAUTHENTICATED",
        "The access token has been revoked.",
    )
    assert (await agent_login(gql, agent.email, "second-password"))["__typename"] == (
        "LoginSuccess"
    )


async def test_a_weak_new_password_is_refused_and_changes_nothing(
    gql: GraphQLClient, fresh_rate_limits: None
) -> None:
    # Given a customer and an agent
    await new_customer("C-9171")
    customer = (
        await gql.execute(
            'mutation { login(clientNumber: "C-9171", password: "first-password") '
            "{ ... on LoginSuccess { token } } }"
        )
    ).data["login"]["token"]
    agent = await new_agent("weak.agent@mesa.example")
    staff = (await agent_login(gql, agent.email, "first-password"))["token"]

    for token in (customer, staff):
        for weak in ("aaaaaaaaaaaa", "1234567890", "Password123"):
            # When either chooses a password anyone would guess
            result = await gql.execute(CHANGE, {"c": "first-password", "p": weak}, token=token)

            # Then it is refused, in Spanish and English, and the old password still works
            refused = result.data["changePassword"]
            assert (refused["code"], refused["field"]) == ("VALIDATION", "newPassword")
            assert refused["message"] == (
                "This password is too easy to guess: choose a less common one. / Esta "
                "contraseña es demasiado fácil de adivinar: elija una menos común."
            )
    assert (await agent_login(gql, agent.email, "first-password"))["__typename"] == ("LoginSuccess")
