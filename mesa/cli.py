"""The `mesa` command: serve, migrate, seed-demo, create-admin, apply-config, export-schema,
worker, scheduler, smtpd, health, import-mail."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import signal
import sys
from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit, urlunsplit

import typer
from rich.console import Console
from rich.logging import RichHandler
from rich.table import Table

from domain import db
from domain.config import PROJECT_ROOT, get_settings
from domain.demo import DEMO_CREDENTIALS, demo_data_loaded, seed_demo
from domain.errors import DomainError
from domain.heartbeats import Role, health_problem
from domain.logs import configure_json_logging
from mesa import setup

app = typer.Typer(help="Mesa, the helpdesk backend.", no_args_is_help=True, add_completion=False)
console = Console()
errors = Console(stderr=True)

DEFAULT_SCHEMA_PATH = PROJECT_ROOT / "schema.graphql"
DEFAULT_POSSIBLE_TYPES_PATH = PROJECT_ROOT / "possible-types.json"


def _safe_url(url: str) -> str:
    """The database URL without its password, for output."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


def _configure_logging() -> None:
    """JSON lines (MESA_LOG_FORMAT=json, the default) or readable text on the terminal."""
    if get_settings().log_format == "json":
        configure_json_logging()
        return
    logging.basicConfig(
        level=logging.INFO, format="%(message)s", handlers=[RichHandler(console=errors)]
    )


def _require_distributed(command: str) -> None:
    if get_settings().is_embedded:
        errors.print(
            f"[red]mesa {command} needs MESA_REDIS_URL.[/red] In embedded mode `mesa serve` "
            "runs the workers and the scheduler in its own process."
        )
        raise typer.Exit(code=2)


async def _migrate_and_check_demo(with_demo_check: bool) -> bool:
    await db.migrate()
    if not with_demo_check:
        return False
    await db.connect()
    try:
        return await demo_data_loaded()
    finally:
        await db.close()


def _print_demo_credentials() -> None:
    table = Table(
        title="Demo accounts (development only)",
        title_justify="left",
        caption="Customers: login(clientNumber, password). Staff: agentLogin(email, password).",
        caption_justify="left",
    )
    table.add_column("Log in with", no_wrap=True)
    table.add_column("Password", no_wrap=True)
    table.add_column("Role", no_wrap=True)
    table.add_column("Who")
    for account in DEMO_CREDENTIALS:
        table.add_row(account.login, account.password, account.role, account.who)
    console.print(table)


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Default: MESA_HOST.")] = None,
    port: Annotated[int | None, typer.Option(help="Default: MESA_PORT.")] = None,
) -> None:
    """Migrate, then run the API (and, in embedded mode, the workers and scheduler)."""
    import uvicorn

    settings = get_settings()
    host = host or settings.host
    port = port or settings.port
    has_demo = asyncio.run(_migrate_and_check_demo(not settings.is_production))
    mode = "embedded" if settings.is_embedded else "distributed"
    console.print(
        f"[bold]Mesa[/bold] ({settings.env.value}, {mode}) on "
        f"[link]http://{host}:{port}/graphql[/link]"
    )
    if has_demo:
        _print_demo_credentials()
    if settings.log_format == "json":
        # Our access line (api.metrics) replaces uvicorn's, and carries the request id.
        configure_json_logging()
        uvicorn.run(
            "mesa.runtime:build_app",
            factory=True,
            host=host,
            port=port,
            log_config=None,
            access_log=False,
            proxy_headers=False,  # MESA_TRUSTED_PROXIES decides (api.http.app)
        )
        return
    uvicorn.run(
        "mesa.runtime:build_app",
        factory=True,
        host=host,
        port=port,
        log_level="info",
        proxy_headers=False,
    )


@app.command()
def migrate() -> None:
    """Apply pending database migrations."""
    url = get_settings().database_url
    asyncio.run(db.migrate())
    console.print(f"Database {_safe_url(url)} is up to date.")


async def _seed() -> bool:
    await db.migrate()
    await db.connect()
    try:
        return await seed_demo()
    finally:
        await db.close()


@app.command("seed-demo")
def seed_demo_command() -> None:
    """Migrate, then load the demo data into an empty database (never in production)."""
    if get_settings().is_production:
        errors.print("[red]Demo data is never loaded in production.[/red]")
        raise typer.Exit(code=2)
    if asyncio.run(_seed()):
        console.print("Demo data loaded. Every demo password is [bold]demo-password[/bold].")
        _print_demo_credentials()
    else:
        console.print("The database already has data; demo data not loaded.")


app.command("create-admin")(setup.create_admin)
app.command("apply-config")(setup.apply_config)
app.command("backup")(setup.backup_command)
app.command("restore")(setup.restore_command)


@app.command("export-schema")
def export_schema(
    output: Annotated[Path, typer.Option(help="Where to write the SDL.")] = DEFAULT_SCHEMA_PATH,
    possible_types: Annotated[
        Path, typer.Option(help="Where to write the possible types (JSON) for client caches.")
    ] = DEFAULT_POSSIBLE_TYPES_PATH,
    stdout: Annotated[bool, typer.Option("--stdout", help="Print the SDL instead.")] = False,
) -> None:
    """Write the GraphQL schema (SDL) to schema.graphql and the possible types of its unions
    and interfaces to possible-types.json, or print the SDL."""
    from api.core.schema import possible_types as possible_types_of
    from api.schema import schema

    sdl = schema.as_str() + "\n"
    if stdout:
        sys.stdout.write(sdl)
        return
    output.write_text(sdl, encoding="utf-8")
    possible_types.write_text(possible_types_json(possible_types_of(schema)), encoding="utf-8")
    errors.print(f"Schema written to {output}, possible types to {possible_types}.")


def possible_types_json(found: dict[str, list[str]]) -> str:
    return json.dumps(found, indent=2, ensure_ascii=False) + "\n"


@app.command()
def worker(
    processes: Annotated[int, typer.Option(help="Worker processes.")] = os.cpu_count() or 1,
    threads: Annotated[int | None, typer.Option(help="Default: MESA_WORKER_THREADS.")] = None,
) -> None:
    """Run dramatiq worker processes for Mesa's actors (distributed mode)."""
    _require_distributed("worker")
    argv = [
        sys.executable,
        "-m",
        "dramatiq",
        "workers.actors",
        "--processes",
        str(processes),
        "--threads",
        str(threads or get_settings().worker_threads),
        "--path",
        str(PROJECT_ROOT),
    ]
    # Replace this process so signals from the supervisor reach dramatiq's master directly.
    os.execv(sys.executable, argv)


async def _scheduler_process() -> None:
    from mesa.runtime import publishing_events
    from workers import outbox
    from workers.periodic_lock import RedisRunLock
    from workers.scheduler import run_scheduler

    main = asyncio.current_task()
    assert main is not None
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, main.cancel)
    redis_url = get_settings().redis_url
    assert redis_url is not None  # _require_distributed
    lock = RedisRunLock(redis_url)
    await db.connect()
    outbox.install()
    try:
        async with publishing_events():  # SLA alerts the sweep records reach subscribers
            await run_scheduler(guard=lock)
    except asyncio.CancelledError:
        console.print("Scheduler stopped.")
    finally:
        await outbox.stop()
        await lock.close()
        await db.close()


@app.command()
def scheduler() -> None:
    """Run the periodic jobs (outbox sweep, auto-close), distributed mode; a Redis lock runs
    each job once per interval across the cluster, so a second scheduler is a safe standby."""
    _require_distributed("scheduler")
    _configure_logging()
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_scheduler_process())


async def _smtpd_process(host: str, port: int) -> None:
    from mesa.runtime import embedded_background, publishing_events
    from mesa.smtpd import start_smtp_server
    from workers import outbox
    from workers.heartbeat import Beat, beating

    main = asyncio.current_task()
    assert main is not None
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, main.cancel)
    settings = get_settings()
    await db.connect()
    outbox.install()
    try:
        async with contextlib.AsyncExitStack() as stack:
            await stack.enter_async_context(publishing_events())
            if settings.is_embedded:
                # No worker processes: this process parses what it receives.
                await stack.enter_async_context(embedded_background(settings.worker_threads))
            server = await start_smtp_server(host, port)
            console.print(
                f"[bold]Mesa SMTP[/bold] on {host}:{port} for {settings.support_addresses}"
            )
            beat = Beat(Role.SMTPD)
            heartbeat = asyncio.create_task(beating(beat, server.is_serving))
            stack.callback(heartbeat.cancel)
            async with server:
                await server.serve_forever()
    except asyncio.CancelledError:
        console.print("SMTP server stopped.")
    finally:
        await outbox.stop()
        await db.close()


@app.command()
def smtpd(
    host: Annotated[str | None, typer.Option(help="Default: MESA_SMTPD_HOST.")] = None,
    port: Annotated[int | None, typer.Option(help="Default: MESA_SMTPD_PORT.")] = None,
) -> None:
    """Receive mail for the support addresses (MESA_SUPPORT_ADDRESSES) as tickets and replies."""
    _configure_logging()
    settings = get_settings()
    asyncio.run(db.migrate())
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_smtpd_process(host or settings.smtpd_host, port or settings.smtpd_port))


@app.command()
def health(
    role: Annotated[
        Role, typer.Argument(metavar="ROLE", help="worker, scheduler or smtpd (on this host).")
    ],
) -> None:
    """Exit 0 when this host's worker, scheduler or smtpd wrote its heartbeat lately (and, for
    the scheduler, every periodic job ended well within two intervals); else 1 and why."""
    problem = health_problem(role)
    if problem is not None:
        errors.print(problem, highlight=False, soft_wrap=True)
        raise typer.Exit(code=1)
    console.print(f"{role.value}: healthy", highlight=False)


async def _import(path: Path, answer: bool) -> None:
    from rich.progress import Progress

    from mesa.import_mail import import_mail
    from mesa.runtime import publishing_events
    from workers import actors, outbox

    assert actors.deliver_notification.actor_name  # declares the actors the relay sends to
    await db.migrate()
    await db.connect()
    if not get_settings().is_embedded:
        outbox.install()  # notifications go to the workers now; embedded: the server's sweep
    try:
        with Progress(console=console) as progress:
            async with publishing_events():
                report = await import_mail(path, answer=answer, progress=progress)
    except DomainError as error:
        # What was stored stays stored; running the import again finishes it.
        errors.print(f"[red]{error.message}[/red]")
        raise typer.Exit(code=2) from None
    finally:
        await outbox.stop()
        await db.close()
    console.print(f"Imported {report.imported} messages; {report.skipped} were already there.")
    if report.closed or report.open:
        console.print(
            f"Tickets: {report.closed} closed (answered, then quiet for "
            f"{get_settings().auto_close_after_days} days), {report.open} open."
        )


@app.command("import-mail")
def import_mail_command(
    path: Annotated[Path, typer.Argument(help="An mbox file or a maildir folder.")],
    answer: Annotated[
        bool,
        typer.Option(
            "--answer/--no-answer",
            help="Send acknowledgements for imported tickets (default: none, it is history).",
        ),
    ] = False,
) -> None:
    """Import an mbox or maildir as tickets and replies; running it again imports nothing twice."""
    from mesa.import_mail import open_mailbox

    try:
        open_mailbox(path)
    except ValueError as error:
        errors.print(f"[red]{error}[/red]")
        raise typer.Exit(code=2) from None
    asyncio.run(_import(path, answer))
