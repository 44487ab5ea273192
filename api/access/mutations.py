"""Access mutations: logins, guest passes, password recovery and change, logout, and the
tracking-ID reminder."""

from __future__ import annotations

from typing import Annotated

import strawberry

from api.access.types import Guest, LoginResult, LoginSuccess
from api.core.context import Info
from api.core.errors import (
    InvalidCredentialsError,
    NotAllowedError,
    RateLimitedError,
    ValidationError,
    attempt,
)
from api.people.types import Customer, Staff
from domain.identity import auth, guests, passwords

# Said whether or not the client number or address is known: no answer is an oracle.
RESET_REQUESTED = (
    "If the client number exists, we emailed a code to reset the password. / Si el número de "
    "cliente existe, enviamos por correo un código para restablecer la contraseña."
)
STAFF_RESET_REQUESTED = (
    "If the address belongs to a staff member, we emailed a code to reset the password. / Si la "
    "dirección es de un miembro del equipo, enviamos por correo un código para restablecer la "
    "contraseña."
)
REMINDER_SENT = (
    "If the address has tickets, we emailed their tracking IDs to it. / Si la dirección tiene "
    "tickets, le enviamos por correo sus números de seguimiento."
)


@strawberry.type
class RequestPasswordResetSuccess:
    message: str


@strawberry.type
class ResetPasswordSuccess:
    message: str


@strawberry.type
class ChangePasswordSuccess:
    message: str


@strawberry.type
class LogoutSuccess:
    message: str


@strawberry.type
class RemindTrackingIdsSuccess:
    message: str


RequestPasswordResetResult = Annotated[
    RequestPasswordResetSuccess | RateLimitedError | ValidationError,
    strawberry.union("RequestPasswordResetResult"),
]
ResetPasswordResult = Annotated[
    ResetPasswordSuccess | InvalidCredentialsError | ValidationError | RateLimitedError,
    strawberry.union("ResetPasswordResult"),
]
ChangePasswordResult = Annotated[
    ChangePasswordSuccess
    | InvalidCredentialsError
    | ValidationError
    | NotAllowedError
    | RateLimitedError,
    strawberry.union("ChangePasswordResult"),
]
LogoutResult = Annotated[LogoutSuccess | NotAllowedError, strawberry.union("LogoutResult")]
RemindTrackingIdsResult = Annotated[
    RemindTrackingIdsSuccess | RateLimitedError | ValidationError,
    strawberry.union("RemindTrackingIdsResult"),
]


def login_success(issued: auth.IssuedToken, person: Customer | Staff | Guest) -> LoginSuccess:
    return LoginSuccess(token=issued.token, expires_at=issued.expires_at, viewer=person)


@strawberry.type
class LoginMutation:
    @strawberry.mutation(description="Customers log in with client number and password.")
    async def login(self, info: Info, client_number: str, password: str) -> LoginResult:
        async def run() -> LoginSuccess:
            issued = await auth.login_customer(
                client_number=client_number,
                password=password,
                client_address=info.context.client_address,
            )
            customer = await auth.customer_of(issued)
            return login_success(issued, Customer.from_model(customer))

        return await attempt(run, lambda result: result)

    @strawberry.mutation(description="Staff log in with email and password.")
    async def agent_login(self, info: Info, email: str, password: str) -> LoginResult:
        async def run() -> LoginSuccess:
            issued = await auth.login_staff(
                email=email, password=password, client_address=info.context.client_address
            )
            staff = await auth.staff_of(issued)
            return login_success(issued, Staff.from_model(staff, is_viewer=True))

        return await attempt(run, lambda result: result)


@strawberry.type
class AccessMutation:
    @strawberry.mutation(description="Guests open one ticket with its tracking ID and email.")
    async def guest_access(self, info: Info, tracking_id: str, email: str) -> LoginResult:
        async def run() -> LoginSuccess:
            issued = await guests.guest_access(
                tracking_id=tracking_id, email=email, client_address=info.context.client_address
            )
            return login_success(issued, Guest.from_viewer(issued.viewer))

        return await attempt(run, lambda result: result)

    @strawberry.mutation(description="Email the tracking IDs of an address's tickets to it.")
    async def remind_tracking_ids(self, info: Info, email: str) -> RemindTrackingIdsResult:
        return await attempt(
            lambda: guests.remind_tracking_ids(
                email=email, client_address=info.context.client_address
            ),
            lambda _: RemindTrackingIdsSuccess(message=REMINDER_SENT),
        )

    @strawberry.mutation(description="Customers: email a single-use code to reset the password.")
    async def request_password_reset(
        self, info: Info, client_number: str
    ) -> RequestPasswordResetResult:
        return await attempt(
            lambda: passwords.request_password_reset(
                client_number=client_number, client_address=info.context.client_address
            ),
            lambda _: RequestPasswordResetSuccess(message=RESET_REQUESTED),
        )

    @strawberry.mutation(description="Staff: email a single-use code to reset the password.")
    async def request_staff_password_reset(
        self, info: Info, email: str
    ) -> RequestPasswordResetResult:
        return await attempt(
            lambda: passwords.request_staff_password_reset(
                email=email, client_address=info.context.client_address
            ),
            lambda _: RequestPasswordResetSuccess(message=STAFF_RESET_REQUESTED),
        )

    @strawberry.mutation(description="Set a new password with the emailed code; ends sessions.")
    async def reset_password(
        self, info: Info, token: str, new_password: str
    ) -> ResetPasswordResult:
        return await attempt(
            lambda: passwords.reset_password(
                token=token, new_password=new_password, client_address=info.context.client_address
            ),
            lambda _: ResetPasswordSuccess(message="Password changed. / Contraseña cambiada."),
        )

    @strawberry.mutation(
        description="Customers and staff change their password; other sessions end."
    )
    async def change_password(
        self, info: Info, current_password: str, new_password: str
    ) -> ChangePasswordResult:
        return await attempt(
            lambda: passwords.change_password(
                viewer=info.context.viewer,
                current_password=current_password,
                new_password=new_password,
            ),
            lambda _: ChangePasswordSuccess(message="Password changed. / Contraseña cambiada."),
        )

    @strawberry.mutation(description="End the session behind the current token.")
    async def logout(self, info: Info) -> LogoutResult:
        return await attempt(
            lambda: auth.logout(viewer=info.context.viewer),
            lambda _: LogoutSuccess(message="Logged out. / Sesión cerrada."),
        )
