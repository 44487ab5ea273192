"""The Message-IDs Mesa gives its notifications: secret (a reply quoting one is the reply
token of domain.email.authentication), and sorted in the order they were made, so the
notification's index on them takes new ids at its end rather than at random pages."""

from __future__ import annotations

import base64
import re
from email import message_from_bytes, policy
from email.message import EmailMessage

from domain.email.render import mail_domain, new_message_id

SHAPE = re.compile(r"<([0-9a-v]{11})\.([A-Za-z0-9_-]{32})@([^>]+)>")


def test_message_ids_sort_in_the_order_they_were_made() -> None:
    made = [new_message_id() for _ in range(2000)]
    assert made == sorted(made)
    assert len(set(made)) == len(made)


def test_each_message_id_keeps_a_secret_part_of_24_random_bytes() -> None:
    made = [new_message_id() for _ in range(200)]
    secrets = set()
    for message_id in made:
        found = SHAPE.fullmatch(message_id)
        assert found is not None, message_id
        assert found[3] == mail_domain()
        assert len(base64.urlsafe_b64decode(found[2] + "==")) == 24
        secrets.add(found[2])
    assert len(secrets) == len(made)


def test_a_message_id_survives_a_round_trip_through_a_mail_header() -> None:
    message_id = new_message_id()
    mail = EmailMessage()
    mail["Message-ID"] = message_id
    mail["In-Reply-To"] = message_id
    parsed = message_from_bytes(mail.as_bytes(), policy=policy.default)
    assert str(parsed["Message-ID"]).strip() == message_id
    assert str(parsed["In-Reply-To"]).strip() == message_id
