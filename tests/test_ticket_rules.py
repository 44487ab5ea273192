"""Ticket rules below the API: tracking IDs, numbering, concurrency, the state machine."""

from __future__ import annotations

import asyncio

import pytest

from domain.errors import InvalidTransition
from domain.models import Ticket, TicketStatus
from domain.tickets import tracking
from domain.tickets.lifecycle import TRANSITIONS, Trigger, next_status
from tests.factories import create_ticket
from tests.graphql_client import GraphQLClient


def test_tracking_ids_use_the_unambiguous_alphabet() -> None:
    for _ in range(2000):
        tracking_id = tracking.new_tracking_id()
        assert tracking.is_tracking_id(tracking_id)
        assert not set("01OILZ2S5B8") & set(tracking_id)


def test_a_tracking_id_s_characters_are_drawn_evenly(monkeypatch: pytest.MonkeyPatch) -> None:
    # Given random bytes of which some (250 and above) would favour the alphabet's first
    # characters if they were folded onto it
    draws = iter([bytes([250, 255, 0, 24, 25, 249, 251, 49, 50, 74, 75, 99]), bytes([1, 2] * 6)])
    monkeypatch.setattr(tracking, "random_bytes", lambda count: next(draws)[:count])

    # When a tracking ID is drawn
    tracking_id = tracking.new_tracking_id()

    # Then those bytes are drawn again, and the others map ten times round the alphabet
    alphabet = tracking.ALPHABET
    expected = [alphabet[b % 25] for b in (0, 24, 25, 249, 49, 50, 74, 75, 99, 1)]
    assert tracking_id.replace("-", "") == "".join(expected)


async def test_a_tracking_id_collision_draws_another_and_numbers_stay_sequential(
    in_process_server: str, gql: GraphQLClient, customer_token: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given the random source first draws an ID that is already taken (byte 0 is the
    # alphabet's "A", byte 1 its "C")
    draws = iter([bytes(12), bytes(12), bytes([1]) * 12])
    monkeypatch.setattr(tracking, "random_bytes", lambda count: next(draws)[:count])
    first = await create_ticket(gql, customer_token)
    assert first["trackingId"] == "AAA-AAA-AAAA"

    # When the next ticket collides on its first draw
    second = await create_ticket(gql, customer_token)

    # Then it gets the next draw and the very next number
    assert second["trackingId"] == "CCC-CCC-CCCC"
    assert second["number"] == first["number"] + 1


async def test_concurrent_creation_gives_unique_consecutive_numbers(
    gql: GraphQLClient, customer_token: str
) -> None:
    before = await Ticket.all().count()
    tickets = await asyncio.gather(*(create_ticket(gql, customer_token) for _ in range(20)))
    numbers = sorted(t["number"] for t in tickets)
    assert numbers == list(range(numbers[0], numbers[0] + 20))
    assert len({t["trackingId"] for t in tickets}) == 20
    assert await Ticket.all().count() == before + 20


def test_the_state_machine_refuses_what_it_does_not_list() -> None:
    for status in TicketStatus:
        for trigger in Trigger:
            if (status, trigger) in TRANSITIONS:
                assert next_status(status, trigger) is TRANSITIONS[(status, trigger)]
            else:
                with pytest.raises(InvalidTransition):
                    next_status(status, trigger)
    assert not any(status is TicketStatus.MERGED for status, _ in TRANSITIONS)
    assert next_status(TicketStatus.WAITING_ON_CUSTOMER, Trigger.CUSTOMER_REPLY) is (
        TicketStatus.WAITING_ON_AGENT
    )
    assert next_status(TicketStatus.WAITING_ON_AGENT, Trigger.AGENT_REPLY) is (
        TicketStatus.WAITING_ON_CUSTOMER
    )
