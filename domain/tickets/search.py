"""Ticket search (agents' and customers' `tickets(filter: {search})`) on the database's own
full-text engine, with the knowledge base's folding and stemming (domain.kb.text).

Each ticket has one index row with two documents: what its requester may read (subject,
public messages, requester's name and email, tracking ID fragments, number) and its internal
notes, which only staff search. Every word is indexed under its Spanish and its English
stem, so a search in either language meets a ticket written in either. SQLite: an FTS5
table ranked by bm25; PostgreSQL: tsvectors of those stems ('simple' configuration, GIN),
ranked by ts_rank. A message added appends its words to the row, in the same transaction (one
statement that the database applies to the row as it stands, so concurrent messages never
overwrite each other's words, and a reply sends only its own words, not the thread's);
the row is rebuilt whole when a ticket is created, split or released from hold. The database
still re-indexes the row it updates whole (FTS5 takes an updated row's terms out and puts
them all back; PostgreSQL writes a new tsvector and its GIN entries), so indexing a reply
costs more on a long thread: on SQLite, with messages of 60 words, about 1.2 ms a reply (with
its commit) on a new ticket, 5 ms after 200 messages and 15 ms after 1,000. Keeping it flat
needs rows of their own per message, searched per term.

Visibility and the other filters are the ticket list's own (`filtered_tickets`): the search
joins their SQL, so one rule decides what a viewer may find.
"""

from __future__ import annotations

from typing import Any, Protocol

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from domain.kb.text import fold, query_terms, stem, term_stems, words
from domain.models import Customer, Language, MessageVisibility, Ticket
from domain.rows import Along
from domain.sqlite_engine import send_unread

MAX_RESULTS = 1000
_LANGUAGES = tuple(Language)  # iterating the enum class itself runs Python code each time


def stems(text: str) -> str:
    """Every meaningful word of `text` as its Spanish and English stems."""
    found: dict[str, None] = {}
    for word in words(text):
        for language in _LANGUAGES:
            found[stem(word, language)] = None
    return " ".join(found)


def references(number: int | str, tracking_id: str) -> str:
    """How people quote a ticket: its number and its tracking ID whole or by groups."""
    groups = tracking_id.split("-")
    joined = ["".join(groups[: n + 1]) for n in range(len(groups))]
    return " ".join([str(number), *groups, *joined]).lower()


def _match_terms(query: str) -> list[list[str]]:
    """Per searched word, the stems it may be indexed under (fragments of tracking IDs and
    numbers are words too, folded to lower case)."""
    return [sorted(term_stems(term) | {fold(term)}) for term in query_terms(query)]


class Index(Protocol):
    async def put(
        self, connection: BaseDBAsyncClient, ticket_id: int, public: str, internal: str
    ) -> None: ...

    async def append(
        self, connection: BaseDBAsyncClient, ticket_id: int, words: str, internal: bool
    ) -> bool:
        """Add words to the ticket's row; False when it has no row yet."""
        ...

    def statement(
        self, candidates: tuple[str, list[Any]], terms: list[list[str]], internal: bool
    ) -> tuple[str, list[Any]]: ...


class Fts5Index:
    async def put(
        self, connection: BaseDBAsyncClient, ticket_id: int, public: str, internal: str
    ) -> None:
        # FTS5 honours OR REPLACE on the rowid: the old row's terms go with it.
        await send_unread(
            connection,
            "INSERT OR REPLACE INTO ticket_fts (rowid, public_text, internal_text) "
            "VALUES (?, ?, ?)",
            [ticket_id, public, internal],
        )

    async def append(
        self, connection: BaseDBAsyncClient, ticket_id: int, words: str, internal: bool
    ) -> bool:
        column = "internal_text" if internal else "public_text"
        changed, _ = await connection.execute_query(
            f"UPDATE ticket_fts SET {column} = {column} || ' ' || ? WHERE rowid = ?",
            [words, ticket_id],
        )
        return changed > 0

    def statement(
        self, candidates: tuple[str, list[Any]], terms: list[list[str]], internal: bool
    ) -> tuple[str, list[Any]]:
        # Stems are word characters only, so quoting each one keeps FTS5 syntax out.
        columns = "{public_text internal_text}" if internal else "public_text"
        words_ = [
            f"{columns} : (" + " OR ".join(f'"{s}"' for s in alternatives) + ")"
            for alternatives in terms
        ]
        sql, params = candidates
        return (
            f"SELECT candidate.id FROM ({sql}) AS candidate "
            "JOIN ticket_fts ON ticket_fts.rowid = candidate.id "
            "WHERE ticket_fts MATCH ? ORDER BY bm25(ticket_fts), candidate.id DESC LIMIT ?",
            [*params, " AND ".join(words_), MAX_RESULTS],
        )


class PostgresIndex:
    async def put(
        self, connection: BaseDBAsyncClient, ticket_id: int, public: str, internal: str
    ) -> None:
        await connection.execute_query(
            "INSERT INTO ticket_search (ticket_id, public_document, internal_document) "
            "VALUES ($1, to_tsvector('simple', $2), to_tsvector('simple', $3)) "
            "ON CONFLICT (ticket_id) DO UPDATE SET public_document = excluded.public_document, "
            "internal_document = excluded.internal_document",
            [ticket_id, public, internal],
        )

    async def append(
        self, connection: BaseDBAsyncClient, ticket_id: int, words: str, internal: bool
    ) -> bool:
        changed, _ = await connection.execute_query(*self.appending(ticket_id, words, internal))
        return changed > 0

    @staticmethod
    def appending(ticket_id: int, words: str, internal: bool) -> tuple[str, list[Any]]:
        """`append`'s statement, returning a row if the ticket has one (domain.rows.Along)."""
        column = "internal_document" if internal else "public_document"
        return (
            f"UPDATE ticket_search SET {column} = {column} || to_tsvector('simple', $2) "
            "WHERE ticket_id = $1 RETURNING ticket_id",
            [ticket_id, words],
        )

    def statement(
        self, candidates: tuple[str, list[Any]], terms: list[list[str]], internal: bool
    ) -> tuple[str, list[Any]]:
        sql, params = candidates
        # Stems are word characters only: a tsquery of them needs no quoting.
        query = " & ".join("(" + " | ".join(alternatives) + ")" for alternatives in terms)
        document = "ticket_search.public_document"
        if internal:
            document = f"({document} || ticket_search.internal_document)"
        n = len(params)
        return (
            f"SELECT candidate.id FROM ({sql}) AS candidate "
            "JOIN ticket_search ON ticket_search.ticket_id = candidate.id, "
            f"to_tsquery('simple', ${n + 1}) AS searched "
            f"WHERE {document} @@ searched "
            f"ORDER BY ts_rank({document}, searched) DESC, candidate.id DESC LIMIT ${n + 2}",
            [*params, query, MAX_RESULTS],
        )


def index_for(connection: BaseDBAsyncClient) -> Index:
    if connection.capabilities.dialect == "sqlite":
        return Fts5Index()
    return PostgresIndex()


def _sql(connection: BaseDBAsyncClient, statement: str) -> str:
    """`statement` with the connection's placeholders ($n on PostgreSQL, ? on SQLite)."""
    if connection.capabilities.dialect == "sqlite":
        return statement
    parts = statement.split("?")
    return "".join(f"{part}${n}" for n, part in enumerate(parts[:-1], start=1)) + parts[-1]


async def index_ticket(connection: BaseDBAsyncClient, ticket_id: int) -> None:
    """Rebuild the ticket's index row from what is stored now (plain SQL over the columns it
    needs, so the migration that creates the index can run it too)."""
    # One statement: the ticket with its requester and its messages (one row per message).
    rows = await connection.execute_query_dict(
        _sql(
            connection,
            "SELECT t.number, t.tracking_id, t.subject, t.customer_id, t.guest_name, "
            "t.guest_email, c.name AS customer_name, c.email AS customer_email, "
            "m.visibility, m.body FROM ticket t "
            "LEFT JOIN customer c ON c.id = t.customer_id "
            "LEFT JOIN message m ON m.ticket_id = t.id "
            "WHERE t.id = ? ORDER BY m.id",
        ),
        [ticket_id],
    )
    if not rows:
        return
    ticket = rows[0]
    requester = f"{ticket['guest_name'] or ''} {ticket['guest_email'] or ''}"
    if ticket["customer_id"] is not None:
        found = ticket["customer_name"] is not None
        requester = f"{ticket['customer_name']} {ticket['customer_email']}" if found else ""
    messages = [
        (row["visibility"] == MessageVisibility.PUBLIC.value, row["body"])
        for row in rows
        if row["body"] is not None  # a ticket without messages yet
    ]
    public, internal = _documents(
        ticket["number"], ticket["tracking_id"], ticket["subject"], requester, messages
    )
    await index_for(connection).put(connection, ticket_id, public, internal)


async def index_new_ticket(
    connection: BaseDBAsyncClient, ticket: Ticket, requester: Customer | None, body: str
) -> None:
    """The index row of a ticket written in this transaction, with its number, and one public
    message, from what was written (`requester`: its customer; a guest's name and email are
    the ticket's): the row `index_ticket` would read back."""
    public, internal = _documents(
        ticket.number,
        ticket.tracking_id,
        ticket.subject,
        _requester(ticket, requester),
        [(True, body)],
    )
    await index_for(connection).put(connection, ticket.id, public, internal)


def new_ticket_words(ticket: Ticket, requester: Customer | None, body: str) -> Along:
    """`index_new_ticket`'s row as a statement the one inserting the ticket carries on
    PostgreSQL (domain.rows.insert_with_parent), reading the row it inserts as `parent`: its
    id, and its number, drawn by that statement (domain.tickets.numbers.drawing)."""
    public, internal = _documents(
        _NUMBER_SLOT,
        ticket.tracking_id,
        ticket.subject,
        _requester(ticket, requester),
        [(True, body)],
    )
    before, after = public.split(_NUMBER_SLOT)
    return Along(
        "INSERT INTO ticket_search (ticket_id, public_document, internal_document) "
        "SELECT parent.id, to_tsvector('simple', $1::text || parent.number::text || $2::text), "
        "to_tsvector('simple', $3) FROM parent RETURNING ticket_id",
        [before, after, internal],
    )


def _requester(ticket: Ticket, requester: Customer | None) -> str:
    if ticket.customer_id is None:
        return f"{ticket.guest_name or ''} {ticket.guest_email or ''}"
    assert requester is not None and requester.id == ticket.customer_id
    return f"{requester.name} {requester.email}"


# Where a number still to draw goes in a document (no word holds a NUL).
_NUMBER_SLOT = "\x00"


def _documents(
    number: int | str,
    tracking_id: str,
    subject: str,
    requester: str,
    messages: list[tuple[bool, str]],
) -> tuple[str, str]:
    """A ticket's two documents: what its requester may read, and its internal notes
    (`messages`: each one's publicity and body, oldest first)."""
    # Each message's words as index_message appends them, so a row rebuilt and a row grown
    # message by message hold the same words as often.
    public = [stems(subject + " " + requester), references(number, tracking_id)]
    internal: list[str] = []
    for is_public, body in messages:
        (public if is_public else internal).append(stems(body))
    return " ".join(public), " ".join(internal)


async def index_message(
    connection: BaseDBAsyncClient,
    ticket_id: int,
    body: str,
    *,
    internal: bool,
    sent: Along | None = None,
) -> None:
    """Add a new message's words to its ticket's row (the whole row is built when the ticket
    has none yet: its first message); `sent`: this addition (`appending`), when another
    statement carried it already."""
    if sent is not None and sent.returned is not None:
        appended = bool(sent.returned)
    else:
        appended = await index_for(connection).append(connection, ticket_id, stems(body), internal)
    if not appended:
        await index_ticket(connection, ticket_id)


async def index_if_missing(ticket_id: int, sent: Along | None) -> None:
    """After a reply whose words `sent` carried to its ticket's row: build the row if the
    ticket had none (a statement of its own, as `index_message` does)."""
    if sent is None or sent.returned:
        return
    async with in_transaction() as connection:
        await index_ticket(connection, ticket_id)


def appending(
    connection: BaseDBAsyncClient, ticket_id: int, body: str, *, internal: bool
) -> Along | None:
    """`index_message`'s addition as a statement another one can carry on PostgreSQL
    (domain.rows.Along); None where the index has no such statement (SQLite's)."""
    if connection.capabilities.dialect != "postgres":
        return None
    return Along(*PostgresIndex.appending(ticket_id, stems(body), internal))


async def search_ticket_ids(
    candidates: QuerySet[Ticket], query: str, *, internal: bool
) -> list[int]:
    """Ids of the candidate tickets matching every searched word, best first."""
    terms = _match_terms(query)
    if not terms:
        return []
    # The list's own query, as SQL, becomes the search's candidates (Tortoise builds it the
    # way it would run it, on the queryset's own database).
    subquery = candidates.values("id")
    subquery._choose_db_if_not_chosen()
    subquery._make_query()
    sql, params = subquery.query.get_parameterized_sql()
    connection = subquery._db
    statement, values = index_for(connection).statement((sql, list(params)), terms, internal)
    rows = await connection.execute_query_dict(statement, values)
    return [int(row["id"]) for row in rows]


async def unindex_ticket(connection: BaseDBAsyncClient, ticket_id: int) -> None:
    """Remove a deleted ticket's index row."""
    if connection.capabilities.dialect == "sqlite":
        await connection.execute_query("DELETE FROM ticket_fts WHERE rowid = ?", [ticket_id])
    else:
        await connection.execute_query(
            "DELETE FROM ticket_search WHERE ticket_id = $1", [ticket_id]
        )
