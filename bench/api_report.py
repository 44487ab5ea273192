"""What the api bench prints: wrk figures beside the baseline's, statement counts and
in-process times (d), the profile of (a) and the note on what bounds it."""

from __future__ import annotations

from bench.api_load import Load

GOAL = 1.5
# Statements of each mutation, one customer's call on SQLite, before the writes were trimmed
# (issue 21 point 4): what (d) prints beside today's count.
STATEMENTS_BEFORE = {"createTicket": 43, "replyToTicket": 23}
THREADS_INFO = (
    "2 threads, 16 connections, 5 s per figure (the best of 2, in turn: reads, and writes"
    " with ours first then the baseline's first, ours delivered before what follows)"
)

# (label, ours, baseline statements; ours compiled, through graphql-core, baseline ms; ours,
# baseline CPU us)
Counts = list[tuple[str, int, int, float, float, float, float, float]]


def report(title: str, rows: list[tuple[str, Load, Load]]) -> None:
    print(f"api: {title}, wrk {THREADS_INFO}")
    for label, ours, base in rows:
        ratio = (
            base.requests_per_second / ours.requests_per_second if ours.requests_per_second else 0
        )
        print(f"  {label}")
        print(f"    ours     {ours}  errors {ours.errors}")
        print(f"    baseline {base}  errors {base.errors}")
        goal = f" (goal <= {GOAL}x)" if label.startswith("(a)") else ""
        pace = f"{ratio:.2f}x slower" if ratio >= 1 else f"{1 / ratio:.2f}x faster"
        print(f"    ratio    {pace}{goal}")
        if ours.cpu_us or base.cpu_us:
            print(f"    CPU per request under load: ours {_cpu(ours)}; baseline {_cpu(base)}")
    print(CPU_NOTE)


# Printed once after the figures (bench.api_cpu).
CPU_NOTE = """  note on the CPU per request: each figure's processes, read from /proc around its wrk
    run (their threads included; PostgreSQL's server with every backend). wrk and the
    servers share two cores: a process near 1,000,000 us a second (its requests a second
    times its CPU per request) is the bound of that figure, and the two sides' CPU per
    request in that process is then the ratio."""


def _cpu(load: Load) -> str:
    return ", ".join(f"{name} {us:,.0f} us" for name, us in load.cpu_us.items()) or "not read"


def report_counts(counts: Counts, *, rounds: int) -> None:
    for label, ours_count, base_count, ours_ms, uncompiled_ms, base_ms, ours_us, base_us in counts:
        before = STATEMENTS_BEFORE.get(label)
        was = f", {before} before the writes were trimmed" if before else ""
        print(
            f"  (d) SQL statements, {label}: ours {ours_count}{was}, baseline {base_count}, "
            f"ratio {ours_count / base_count:.2f}x (both with the bearer token's lookup)"
        )
        print(
            f"      in process, one request at a time (median of {rounds} rounds in turn): "
            f"ours {ours_ms:.2f} ms (compiled; "
            f"{uncompiled_ms:.2f} ms through graphql-core), baseline {base_ms:.2f} ms, "
            f"ratio {ours_ms / base_ms:.2f}x (graphql-core {uncompiled_ms / base_ms:.2f}x)"
        )
        print(
            f"      CPU per request, the app called without HTTP: ours {ours_us:.0f} us, "
            f"baseline {base_us:.0f} us, ratio {ours_us / base_us:.2f}x"
        )


def report_profile(profile: str) -> None:
    print("  profile of (a), in process, by own time:")
    print("\n".join("    " + line for line in profile.splitlines()[:40] if line.strip()))
    print(CLOSING_NOTE)


CLOSING_NOTE = """  note on (a): the SQL is the same (d). Queries walk a compiled plan
    (api.core.compiled): no per-field graphql-core work, plain attributes read directly, and
    each declared relation (api.core.relations) loaded once per page; (d) prints the same
    request through graphql-core beside it. Plans know the SQL: each field's column is declared
    once next to its type (api.core.columns), so the page's tickets and messages are read with
    only the columns it shows (9 of a ticket's 42), as plain rows rather than ORM models
    (domain.partial_rows), and the bearer token's lookup, the by-id loaders, a ticket by
    reference (also locked, for a change), a thread and a page of the ticket list run SQL built
    once per shape (domain.prepared). A plan's load of a page waits on a future of its own per
    batch, not one per key nor a shield of a shared one (api.core.batches), and a list of
    plain rows is asked whether an item is awaitable once per class of rows
    (api.core.plan_leaves). What is left in the profile: the plan's own walk and the
    response objects it builds (response paths only when read, and only the one a resolver's
    info reads, api.core.plan_paths; a relation's key asked once however many objects share
    it, and an object they share completed once when its selection reads plain leaves,
    api.core.relations and api.core.query_plan; a value of exactly its type's class not sent
    to is_type_of; a type built from a row read in part by setting its attributes at once,
    api.core.columns, and no object at all where a relation's selection shows only declared
    columns, read from the rows as they are (a thread's messages, a page's customer, department,
    category and last message: api.core.columns.from_columns; 12 % fewer instructions for the
    thread of 50 messages, 5 % for the page); a list's DateTimes written by one orjson call and
    cursors by orjson, where it writes isoformat(), api.core.moments), the asyncio machinery of
    a task per dataloader batch, Strawberry's nine extensions (made per request; their hooks are
    looked up once and their generators stepped without an exit stack, api.core.extension_hooks;
    a document's validation and cost are found again by the parsed document's identity,
    api.core.expansion and api.core.limits; a JSON POST skips Strawberry's generic HTTP view,
    api.http.direct; an operation of a known document skips Strawberry's execute, its
    extensions' work done in place of their hooks, api.core.lean), and the wait on the
    database. Rows read in
    part convert enums by a lookup and SQLite's datetimes without Tortoise's checks, keep a
    moment at UTC as the driver or ciso8601 gives it (Tortoise would convert it to an equal
    zone), each row in one expression made once per shape (domain.partial_rows). A request
    is freed by reference counting once answered: graphql-core's
    resolver helpers reach its executor through a weak reference (api.core.compiled), where a
    reference cycle left every request (context, loaders, rows) to the garbage collector,
    whose young collections took 4 % of the server's CPU. Under wrk the API is CPU-bound, so
    the ratio there is the ratio of CPU per request, larger than the in-process one (which
    includes the database's own time). Measured with the server's own CPU time under wrk on
    PostgreSQL, an authenticated request pays about 0.4 ms before its own work: 0.10 ms of
    uvicorn and the middleware (the baseline's bare route 0.06 ms), 0.16 ms for the bearer
    token's lookup, and GraphQL's own 0.13 ms (0.18 ms before api.core.lean), where the
    baseline's whole page costs 1.25 ms. So even with those layers as cheap as the baseline's,
    the page's own walk (its six statements, 50 tickets with four relations, the response)
    would stay about 1.6x the baseline's page: (a) within 1.5x needs the walk itself cheaper,
    where no item is above 6 % any more. The next step is the page's tickets read from their
    rows as the relations' are (each keeps its row for the resolvers that read more).
  note on (c): the catalogue a write reads (service, category, custom fields, level, SLA
    targets, calendar) comes from each process's cache while its stamp, advanced by triggers
    on every catalogue table, is unchanged (domain.catalog.cache); search words are stemmed
    by Snowball's C stemmers; the department's staff with their email choices, and a staff
    member's departments, come from the same cache (the staff's tables advance the stamp
    too, migration 0029). A transaction's events are inserted by its last statement, with
    their positions (on SQLite that statement reads the positions' counter, whose advance
    goes with the commit). createTicket is 10 statements on SQLite against the bare insert's
    6, 2 on PostgreSQL against 8: the ticket number (on SQLite the row's insert reads its
    counter, whose advance goes with the next statement), the last message, the search
    row, the notifications and their jobs, the events with their positions (the customer
    comes with the bearer token's statement, domain.identity.auth.session_customer: read
    again, it was one more, on SQLite a turn of the one connection's lock, a tenth of (c));
    on PostgreSQL, whose WITH clause may write, the token's lookup and one statement, sent
    without BEGIN or COMMIT (domain.postgres_engine: a transaction's one statement is a
    transaction of its own), which draws the number, inserts the ticket's row with it and
    naming its first message, that message, the search row, the notifications with their
    one delivery job and the events (domain.rows.parent_later, domain.rows.drawn: the rows
    that name the new ticket hold stand-ins for the ids it draws, written as SQL that reads
    them; domain.uow.UnitOfWork.write_last; side by side under wrk, 411 -> 507 creates a
    second, PostgreSQL's CPU per create 25 % lower; before, the number's second statement
    rewrote the new row's 19 indexes, and the notifications were a statement of their own).
    A reply writes its message first so that the status move's one update names it the last
    message (domain.rows.update_where_naming): 7 against 5 on SQLite, where a customer's
    reply reads who follows the ticket with its locked row (8 before), and the move sets
    only the indexed columns it changes (domain.rows.updates.changed_only: a customer's
    follow-up set the status and deadlines it kept, 13 index entries rewritten and their
    pages written at the commit; with two replies in three a follow-up, the update 82 -> 34
    us and the commit 878 -> 700 us, in process). On PostgreSQL a
    public reply reads its ticket without a lock, with its row's version (a customer's with
    who follows it, in the same statement), then one statement, without BEGIN or COMMIT,
    writes the message, the move (only if the row is still at the version read: otherwise
    nothing, and the reply reads again), its search words, its events and its mails
    (domain.tickets.replies, domain.rows.naming_later): 3 against 7 (statements that open
    with a WITH clause are counted too: they were not before, so PostgreSQL's read 9 and 6).
    A unit of work's notifications are delivered by one job for up to eight of them
    (domain.email.notifications.notify_all: a job each was as many messages for the relay to
    send under the request, and for the workers to run).
    The outbox relay's jobs are written claimed by the
    statement that writes them (domain.uow, workers.outbox.send_claimed: a claim after the
    commit was a second write transaction, on SQLite a second commit on the one connection,
    a tenth of the figure; then a claim of its own in the transaction, on PostgreSQL a
    round trip with the ticket number's row locked), and after the commit the relay's
    courier sends the jobs of the commits of a few milliseconds to Redis in one pipelined
    round trip from the event loop, which the request does not wait for (workers.outbox,
    workers.redis_enqueue, domain.gather; embedded, to the in-memory queue), and every
    request's cost budget is counted in process and sent to Redis in batches, at most every
    50 ms (domain.identity.ratelimit.spend). The ticket's and the message's rows are
    written from their models by domain.rows, not by Tortoise's save, which built the insert
    per call; every value a write sends is converted by a converter made once per field
    (domain.db_values: Tortoise's to_db_value, with a value already as the database takes
    it returned as it is), a new instance's defaults come from a plan made once per model
    (domain.models.base), search folds accents with a translation table (domain.kb.text),
    and a ticket's SLA policy is kept with the catalogue's cache: a create makes a quarter
    fewer Python calls than before them (6,936 -> 5,204), a reply 8 % fewer. The live
    events of the commits of a few milliseconds go to Redis as one message (domain.live.bus),
    which every API process reads back once: with the courier, a create under wrk on
    PostgreSQL costs 13 % less CPU (2,972 -> 2,589 us, side by side), a reply 12 % less.
    Left: the embedded workers' notification jobs on the same two cores under wrk
    (a fifth of a create's CPU there: each delivery's statements are built once,
    domain.email.notifications and workers.outbox, and a message's header classes once,
    domain.email.render). The
    backlog they leave is delivered before the baseline's figure (bench.api_settle), which
    it used to slow down, and on SQLite the baseline writes to a copy of the database of its
    own, where it waited on the API process's periodic writes. On PostgreSQL a new
    ticket draws its number late (domain.tickets.numbers): drawn first, the counter's row,
    locked until the commit, made concurrent creates wait on each other. The input's
    arguments are converted by a plan made once per field (api.core.arguments), not by
    Strawberry's walk of their types. On SQLite every statement and transaction of the
    process takes the one connection's lock in turn, and under wrk that lock, not the CPU,
    bounded (c): busy 92 % of the time with the event loop half idle, more of it held by
    the embedded workers' deliveries than by the requests, and a transaction held it across
    a hand-off to aiosqlite's thread and back per statement (about 70 us each, its
    statements taking a few). Now requests take the lock before background work
    (domain.db_priority), a new ticket's row and deadlines are built before its transaction
    (domain.tickets.drafts.new_ticket_row), and a transaction's statements run on the
    event loop's thread once BEGIN IMMEDIATE has gone to aiosqlite's thread with its first
    one; those nobody reads (the search row, the last message) go with the next, and the
    commit goes to the thread (domain.sqlite_engine). What is left there: the commit's wait
    for the disk (half as much again as the baseline's: a new ticket writes about 47 WAL
    pages, its notifications and their job and the search row among them, where the bare
    insert writes 31; 53 before its notifications' Message-IDs opened with the moment and
    their index by recipient held the automatic answers alone, domain.models.outbox)
    and the transaction's own CPU. On PostgreSQL that CPU is what bounds (c); on SQLite
    the lock bounded it again: with 20,000 tickets under wrk it was held 99 % of the time
    while the event loop's thread was busy 67 % and aiosqlite's 19 %, a transaction holding
    it until the event loop resumed it after its BEGIN's hand-off (2.4 ms on average under
    load, behind the other requests' work) and after its commit's (1.0 ms). Now a
    transaction begins on the event loop's thread once aiosqlite's has run the last commit,
    and lets the lock go as soon as its commit is queued there, as single statements do
    (domain.sqlite_engine): side by side, createTicket 9 to 17 % more a second and
    replyToTicket 11 %. The lock is still held about 90 % of the time, for a create's own
    statements and Python (1.5 ms, 0.7 of it SQLite's) and the wait for the last commit's
    write to the disk (0.9 ms), both on the event loop's thread, which is now the bound:
    with the request's other work (1.1 ms) it spends 3.5 ms a create. What would lift it is
    a transaction sent to aiosqlite's thread whole, its rows built before (as PostgreSQL's
    one statement is), so that its statements run beside the event loop. Committing several
    requests' transactions at once (each a savepoint of one, a prototype) left the lock
    free a third of the time but raised the figure 5 to 10 %: the event loop's thread, doing
    the statements it no longer handed off, became the bound at 3.5 ms a create. In
    instructions per request (valgrind, SQLite, in process) our create costs 4.9 M where the
    bare insert's whole request costs 1.25 M (on PostgreSQL 4.1 M and 1.55 M), so within 2x
    needs it cut about in half: SQLite's own work is 1.2 M of it, the rest Python's (it was
    8.5 M before the models wrote their attributes as plain objects do, domain.models.base:
    Tortoise's __setattr__ is a Python call per attribute, some 140 per new ticket; 7.9 M
    later; 5.9 M before None and bools were bound through adapters of their own,
    domain.sqlite_engine, where each cost sqlite3 a failed lookup whose error message Python
    formats, some 50 a create, and before a row's values were converted by code generated
    for its table, domain.rows.row_code, not a call per value: 5.35 -> 5.08 M on
    PostgreSQL with the Drawn values read in place; 5.7 M before a new instance was built by
    code made for its model and its keywords' shape, domain.models.building, not Tortoise's
    walk of every keyword and default, a live event copied by its attributes,
    domain.live.events.replaced, not dataclasses.replace, a row's parameters named in runs
    between the cells that may be drawn, and a request's JSON found plain by a scan in C,
    api.http.wellformed, and before Python 3.11's EnumType.__getattr__ was dropped, as 3.12
    drops it (domain.models.enum_lookup: every read of an enum class's member went through a
    hook), the frozen classes a write builds most wrote their fields at once
    (domain.frozen_init: the dataclass's __init__ sets each through object.__setattr__, a
    slot wrapper's call of some 700 instructions) and a row read became its instance by
    code made per model (domain.models.building.read): 5.09 -> 4.54 M on PostgreSQL, a
    reply 4.20 -> 3.76 M against the bare insert's 1.38 M; then a mutation's result was
    completed by its compiled plan and its variables coerced by plans made per operation,
    api.core.variables, not graphql-core's walk of every input field: 4.54 -> 4.09 M, a
    reply 3.78 -> 3.42 M). A batch
    of rows (the notifications, their jobs, the events) keeps its statement journal in
    memory (domain.db.SQLITE_PRAGMAS), where it spilled to a temporary file on half of the
    creates (the notifications' insert 213 -> 88 us); handing
    the lock to whichever request runs first, instead of to the next waiter, did not raise
    the figure. On PostgreSQL under wrk the API process used about a whole core and the
    database half of one: pools of 5, 10 and 16 connections gave the same figure, and taking
    three round trips out of the time the ticket number's row is locked (its waiters fell
    from 37 % to 9 % of the pool's connections, sampled in pg_stat_activity) did not move it.
    On SQLite a process writes through one connection, and under load a create's commit
    (about 47 WAL pages, written in aiosqlite's thread) was what the next one waited for,
    the event loop's thread blocked about a quarter of its time. Units of work that end
    while other mutations are in flight now share one commit (domain.sqlite_groups): each
    runs in a savepoint of the transaction the first one left open, a failing one undoes
    only its own, and each is answered once the group's commit is done (10 ms at most after
    the first ends; at once when it is alone). Under wrk a commit holds several creates (3
    to 5 when groups waited 3 ms at most), and a create's share of its commit costs the
    writing thread about 150 us of CPU instead of 650. Reads
    outside transactions go to a second connection (WAL), so they never see a group's rows
    before its commit, and never wait for a commit queued before them. The bare insert
    commits once per request, as a hand-written endpoint does; the row after (c) gives it
    the same group commit (SQLite only).
  note on (f): the floor is what every authenticated request pays before its resolver runs:
    uvicorn and the middleware, the bearer token's lookup, the cost budget (a round trip to
    Redis every 50 ms, not per request), the limits and metrics of Mesa's extensions (done
    without Strawberry's execute for a known document, api.core.lean), the JSON. It costs
    about half the CPU of the baseline's whole create, so (c) within 2x would leave
    createTicket's own work (its statements, the SLA deadlines, the staff alerts, the search
    row) about one and a half floors' worth of CPU, where it takes several times that (in
    process, (d)). On SQLite (c) is within 2x because concurrent creates share their
    commits, which the bare insert, one commit a request, does not; against the bare insert
    with the same group commit (the row beside it), whose requests then cost about their
    floor, what is left is that CPU: there ours is several times slower. On PostgreSQL the
    API process bounds (c): the CPU lines show it near a whole core, about 2,000 us a create
    against the baseline process's 900 (its floor, (f), about 600 of ours). Measured beside
    it on the same database and wrk (eight rounds, the sides' order turning each round), an
    API process that wrote a new ticket without its notifications (the requester's
    acknowledgement, the department's alerts, their delivery job and its message to Redis)
    spent a sixth less CPU a create (medians 1,960 -> 1,640 us; PostgreSQL's server 1,130 ->
    940 us) and made a sixth to a fifth more creates a second, about 1.7x the bare insert's
    time; without only the job's message to Redis, no difference beyond the rounds' spread,
    nor with that message's pipeline gathering commits for 25 ms instead of 5. The next step
    there is the notifications' cost in the request: written by the worker that delivers
    them (one job per new ticket; Zammad and FreeScout fan a ticket's notifications out in
    background jobs), or built by the statement from one set of parameters."""
