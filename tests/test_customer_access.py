"""Customers (seed 003): password recovery by email with a single-use expiring code, password
change ending other sessions, logout, login limits, and no client-number oracle."""

from __future__ import annotations

import logging
from datetime import timedelta
from pathlib import Path

import pytest

from domain.clock import utcnow
from domain.identity.auth import digest
from domain.models import AuthToken, Language
from tests.access_helpers import RESET_CODE, body_of, new_customer, wait_for_mail
from tests.conftest import LOGIN
from tests.graphql_client import GraphQLClient

REQUEST_RESET = """
mutation($n: String!) { requestPasswordReset(clientNumber: $n) {
  __typename ... on RequestPasswordResetSuccess { message }
  ... on RateLimitedError { code retryAfterSeconds } } }"""
RESET = """
mutation($t: String!, $p: String!) { resetPassword(token: $t, newPassword: $p) {
  __typename ... on UserError { code message field } } }"""
CHANGE = """
mutation($c: String!, $p: String!) { changePassword(currentPassword: $c, newPassword: $p) {
  __typename ... on UserError { code message field } } }"""
LOGOUT = "mutation { logout { __typename ... on UserError { code } } }"
VIEWER = "query { viewer { __typename ... on Customer { clientNumber } } }"


async def login(gql: GraphQLClient, number: str, password: str) -> dict[str, object]:
    result: dict[str, object] = (await gql.execute(LOGIN, {"n": number, "p": password})).data[
        "login"
    ]
    return result


async def session(gql: GraphQLClient, number: str, password: str) -> str:
    payload = await login(gql, number, password)
    assert payload["__typename"] == "LoginSuccess", payload
    return str(payload["token"])


async def refusal(gql: GraphQLClient, token: str) -> tuple[str, str]:
    response = await gql.execute(VIEWER, token=token)
    codes = response.error_codes
    return codes[0] if codes else "", response.errors[0]["message"] if response.errors else ""


async def test_a_customer_resets_a_forgotten_password_with_the_emailed_code(
    gql: GraphQLClient, mail_delivery: Path, fresh_rate_limits: None
) -> None:
    # Given a customer logged in on two devices
    customer = await new_customer("C-9101")
    sessions = [await session(gql, "C-9101", "first-password") for _ in range(2)]

    # When they ask for a reset, and someone asks for a client number that does not exist
    known = (await gql.execute(REQUEST_RESET, {"n": "c-9101 "})).data["requestPasswordReset"]
    unknown = (await gql.execute(REQUEST_RESET, {"n": "C-0000"})).data["requestPasswordReset"]

    # Then both answers are the same, and only the customer gets a Spanish email with a code
    assert known == unknown
    assert known["__typename"] == "RequestPasswordResetSuccess"
    [mail] = await wait_for_mail(mail_delivery, customer.email)
    assert mail["Subject"] == "Restablecer su contraseña"
    assert "Hola Cliente C-9101" in body_of(mail)
    [code] = RESET_CODE.findall(body_of(mail))

    # A too-short password is refused and leaves the code usable
    short = (await gql.execute(RESET, {"t": code, "p": "short"})).data["resetPassword"]
    assert (short["code"], short["field"]) == ("VALIDATION", "newPassword")

    # The code sets the new password once, and every session ends
    done = (await gql.execute(RESET, {"t": code, "p": "second-password"})).data["resetPassword"]
    assert done == {"__typename": "ResetPasswordSuccess"}
    again = (await gql.execute(RESET, {"t": code, "p": "third-password"})).data["resetPassword"]
    assert (again["code"], again["message"]) == (
        "INVALID_CREDENTIALS",
        "The access token has been revoked.",
    )
    for token in sessions:
        assert await refusal(gql, token) == (
            "UNAUTHENTICATED",
            "The access token has been revoked.",
        )
    assert (await login(gql, "C-9101", "first-password"))["code"] == "INVALID_CREDENTIALS"
    assert (await login(gql, "C-9101", "second-password"))["__typename"] == "LoginSuccess"


async def test_a_reset_code_expires_and_only_the_newest_one_works(
    gql: GraphQLClient, mail_delivery: Path, fresh_rate_limits: None
) -> None:
    # Given an English-speaking customer who asked for a reset twice
    customer = await new_customer("C-9102", language=Language.EN)
    for _ in range(2):
        await gql.execute(REQUEST_RESET, {"n": "C-9102"})
    mails = await wait_for_mail(mail_delivery, customer.email, count=2)
    assert {m["Subject"] for m in mails} == {"Reset your password"}
    codes = [RESET_CODE.findall(body_of(m))[0] for m in mails]
    issued = [t.token_hash for t in await AuthToken.filter(customer_id=customer.id).order_by("id")]
    older_code, newer_code = sorted(codes, key=lambda code: issued.index(digest(code)))

    # When the codes are tried: the older was revoked by the newer
    older = (await gql.execute(RESET, {"t": older_code, "p": "another-password"})).data
    assert older["resetPassword"]["message"] == "The access token has been revoked."

    # And the newer one, once past its expiry, is refused as expired
    await AuthToken.filter(token_hash=digest(newer_code)).update(
        expires_at=utcnow() - timedelta(seconds=1)
    )
    newer = (await gql.execute(RESET, {"t": newer_code, "p": "another-password"})).data
    assert newer["resetPassword"]["message"] == "The access token has expired."
    assert (await login(gql, "C-9102", "first-password"))["__typename"] == "LoginSuccess"


async def test_a_session_token_is_no_reset_code_and_a_reset_code_is_no_session(
    gql: GraphQLClient, mail_delivery: Path, fresh_rate_limits: None
) -> None:
    # Given a customer's session token and a reset code
    customer = await new_customer("C-9103")
    token = await session(gql, "C-9103", "first-password")
    await gql.execute(REQUEST_RESET, {"n": "C-9103"})
    [mail] = await wait_for_mail(mail_delivery, customer.email)
    [code] = RESET_CODE.findall(body_of(mail))

    # When each is used for the other's purpose, or mangled
    as_reset = (await gql.execute(RESET, {"t": token, "p": "second-password"})).data
    malformed = (await gql.execute(RESET, {"t": "nonsense", "p": "second-password"})).data

    # Then each is refused with a clear reason, and the code still works afterwards
    assert as_reset["resetPassword"]["message"] == "This is not a password-reset code."
    assert malformed["resetPassword"]["message"] == "The access token is malformed."
    assert await refusal(gql, code) == ("UNAUTHENTICATED", "This token is not an access token.")
    done = (await gql.execute(RESET, {"t": code, "p": "second-password"})).data
    assert done["resetPassword"] == {"__typename": "ResetPasswordSuccess"}


async def test_changing_the_password_ends_the_other_sessions_and_keeps_this_one(
    gql: GraphQLClient, fresh_rate_limits: None
) -> None:
    # Given a customer with two sessions
    await new_customer("C-9104")
    here = await session(gql, "C-9104", "first-password")
    elsewhere = await session(gql, "C-9104", "first-password")

    # When a wrong current password is given, nothing changes
    wrong = await gql.execute(CHANGE, {"c": "nope-nope-nope", "p": "second-password"}, token=here)
    assert wrong.data["changePassword"]["code"] == "INVALID_CREDENTIALS"
    assert (await gql.execute(VIEWER, token=elsewhere)).status == 200

    # When the right one is given
    changed = await gql.execute(CHANGE, {"c": "first-password", "p": "second-password"}, token=here)

    # Then this session lives on and the other ended
    assert changed.data["changePassword"] == {"__typename": "ChangePasswordSuccess"}
    assert (await gql.execute(VIEWER, token=here)).data["viewer"]["clientNumber"] == "C-9104"
    assert await refusal(gql, elsewhere) == (
        "UNAUTHENTICATED",
        "The access token has been revoked.",
    )
    assert (await login(gql, "C-9104", "second-password"))["__typename"] == "LoginSuccess"


async def test_logout_ends_the_session(gql: GraphQLClient, fresh_rate_limits: None) -> None:
    await new_customer("C-9105")
    token = await session(gql, "C-9105", "first-password")

    logged_out = (await gql.execute(LOGOUT, token=token)).data["logout"]
    anonymous = (await gql.execute(LOGOUT)).data["logout"]

    assert logged_out == {"__typename": "LogoutSuccess"}
    assert anonymous == {"__typename": "NotAllowedError", "code": "UNAUTHENTICATED"}
    assert await refusal(gql, token) == ("UNAUTHENTICATED", "The access token has been revoked.")


async def test_login_attempts_are_limited_alike_for_known_and_unknown_client_numbers(
    gql: GraphQLClient, fresh_rate_limits: None
) -> None:
    # Given a real client number and one that does not exist
    await new_customer("C-9106")
    for number in ("C-9106", "C-0404"):
        # When ten wrong passwords were tried from one address: five free, then delays
        answers = [(await login(gql, number, "wrong-password"))["code"] for _ in range(10)]
        assert answers[:5] == ["INVALID_CREDENTIALS"] * 5
        assert "RATE_LIMITED" in answers[5:]

        # Then the next attempt, even with the right password, is refused and says when to retry
        limited = (
            await gql.execute(
                LOGIN.replace(
                    "code message", "code message ... on RateLimitedError { retryAfterSeconds }"
                ),
                {"n": number, "p": "first-password"},
            )
        ).data["login"]
        assert limited["__typename"] == "RateLimitedError"
        assert limited["code"] == "RATE_LIMITED"
        assert 0 < limited["retryAfterSeconds"] <= 900


async def test_passwords_are_never_logged_nor_returned(
    gql: GraphQLClient, caplog: pytest.LogCaptureFixture, fresh_rate_limits: None
) -> None:
    await new_customer("C-9107")
    with caplog.at_level(logging.DEBUG):
        token = await session(gql, "C-9107", "first-password")
        changed = await gql.execute(
            CHANGE, {"c": "first-password", "p": "secret-second-pw"}, token=token
        )

    assert "first-password" not in caplog.text + str(changed.body)
    assert "secret-second-pw" not in caplog.text + str(changed.body)


@pytest.mark.slow
async def test_correct_logins_never_lock_an_account(
    gql: GraphQLClient, fresh_rate_limits: None
) -> None:
    # Given a customer who logs in many times a day, with a typo now and then
    await new_customer("C-9108")
    answers = []
    for attempt in range(30):
        password = "wrong-password" if attempt % 10 == 0 else "first-password"
        answers.append((await login(gql, "C-9108", password))["__typename"])

    # Then every correct login succeeded
    assert answers.count("LoginSuccess") == 27
    assert set(answers) == {"LoginSuccess", "InvalidCredentialsError"}


async def test_a_strangers_wrong_passwords_do_not_lock_the_owner_out(
    gql: GraphQLClient, fresh_rate_limits: None
) -> None:
    # Given a stranger who tried 20 wrong passwords on a customer's number from their address
    from domain.errors import InvalidCredentials, RateLimited
    from domain.identity.auth import login_customer

    await new_customer("C-9109")
    outcomes = set()
    for _ in range(20):
        try:
            await login_customer(
                client_number="C-9109", password="guess", client_address="203.0.113.66"
            )
        except (InvalidCredentials, RateLimited) as error:
            outcomes.add(type(error).__name__)
    assert outcomes == {"InvalidCredentials", "RateLimited"}  # the stranger was slowed down

    # When the owner logs in from their own address
    owner = await login(gql, "C-9109", "first-password")

    # Then they get in
    assert owner["__typename"] == "LoginSuccess"


async def test_change_password_guesses_are_limited(
    gql: GraphQLClient, fresh_rate_limits: None
) -> None:
    # Given someone holding a customer's session who guesses the current password
    await new_customer("C-9110")
    token = await session(gql, "C-9110", "first-password")
    answers = [
        (await gql.execute(CHANGE, {"c": f"guess-{n}", "p": "new-password-1"}, token=token)).data[
            "changePassword"
        ]["code"]
        for n in range(8)
    ]

    # Then the guesses are refused, soon with RATE_LIMITED, even the right one right after
    assert answers[:3] == ["INVALID_CREDENTIALS"] * 3
    assert "RATE_LIMITED" in answers
    right = await gql.execute(CHANGE, {"c": "first-password", "p": "new-password-1"}, token=token)
    assert right.data["changePassword"]["code"] == "RATE_LIMITED"
    assert (await login(gql, "C-9110", "first-password"))["__typename"] == "LoginSuccess"


async def test_a_reset_request_does_the_same_work_for_known_and_unknown_numbers(
    gql: GraphQLClient, in_process_server: str, fresh_rate_limits: None
) -> None:
    # Given a real client number and one that does not exist
    from tests.sql_counter import count_queries

    await new_customer("C-9111")
    statements = []
    for number in ("C-9111", "C-0111"):
        # When a reset is requested for each
        with count_queries() as sent:
            answer = (await gql.execute(REQUEST_RESET, {"n": number})).data
        assert answer["requestPasswordReset"]["__typename"] == "RequestPasswordResetSuccess"
        statements.append([" ".join(s.split()[:3]) for s in sent])

    # Then the server sent the same statements for both: nothing tells them apart in time
    assert statements[0] == statements[1]
