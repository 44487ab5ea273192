"""Settings read from the environment (prefix ``MESA_``), shared by every process."""

from __future__ import annotations

from enum import StrEnum
from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# Docker and compose secrets: a file named like the setting (mesa_database_url) holds its value,
# so a password never sits in the environment or the compose file.
SECRETS_DIR = Path("/run/secrets")


class Environment(StrEnum):
    DEVELOPMENT = "development"
    PRODUCTION = "production"


class EmailReplies(StrEnum):
    """What a reply by email to an existing ticket does (seed 004 accepts, seed 003 refuses)."""

    ACCEPT = "accept"
    PANEL = "panel"


class GuestConfirmation(StrEnum):
    """Whether a guest's web ticket waits for a confirmed address before the queue sees it."""

    NEVER = "never"
    NEW_ADDRESSES = "new-addresses"  # addresses no ticket or customer has used yet


# Dev servers of the usual SPA toolchains: Vite, Create React App / Next, Vue CLI, Angular.
DEVELOPMENT_ORIGINS = tuple(
    f"http://{host}:{port}"
    for port in (5173, 3000, 8080, 4200)
    for host in ("localhost", "127.0.0.1")
)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="MESA_",
        extra="ignore",
        secrets_dir=SECRETS_DIR if SECRETS_DIR.is_dir() else None,
    )

    env: Environment = Environment.DEVELOPMENT
    database_url: str = Field(
        default=f"sqlite://{PROJECT_ROOT / 'var' / 'mesa.sqlite3'}",
        description="sqlite://PATH (embedded) or postgres://user:pass@host:port/db",
    )
    redis_url: str | None = Field(
        default=None, description="Unset: in-process broker and pub/sub; set: Redis for both"
    )
    host: str = "127.0.0.1"
    port: int = 8000
    data_dir: Path = PROJECT_ROOT / "var"

    token_ttl_hours: int = 12
    reopen_window_days: int = 14
    auto_close_after_days: int = 7
    worker_threads: int = 4
    outbox_sweep_seconds: float = 30.0
    outbox_grace_seconds: float = 10.0
    outbox_stale_seconds: float = 600.0
    auto_close_interval_seconds: float = 300.0
    # How often the scheduler marks passed warnings and breaches from the deadline index:
    # the only path, so an alert is recorded within this (plus the sweep's own time) of its
    # moment whatever the broker or the workers do.
    sla_sweep_seconds: float = Field(default=2.0, gt=0)
    # Live updates: events a subscription may fall behind by before it is disconnected, and
    # how often an idle subscription re-checks its session.
    live_queue_size: int = Field(default=1000, ge=1)
    live_session_check_seconds: float = Field(default=30.0, gt=0)
    # How often each API process reads events other processes committed (mesa smtpd, the
    # scheduler, imports: in embedded mode they publish nowhere; any mode: a lost message).
    live_poll_seconds: float = Field(default=1.0, gt=0)
    # Attachments: limits enforced while the upload streams in, and by every other producer.
    attachment_max_file_bytes: int = 25 * 1024 * 1024
    attachment_max_ticket_bytes: int = 100 * 1024 * 1024
    attachment_max_files: int = Field(default=10, description="Files per message")
    # A quarantined upload this old that no pending attachment names is an orphan.
    attachment_orphan_hours: float = 24.0
    attachment_sweep_seconds: float = 3600.0
    # `mesa serve` logs: one JSON object a line (with the request id), or rich text.
    log_format: str = Field(default="json", pattern="^(json|text)$")
    # GraphQL limits: a request's cost (fields, weighted by connection page sizes) and each
    # viewer's cost budget per minute, counted in process (embedded) or in Redis.
    max_query_cost: int = Field(default=10_000, ge=1)
    query_cost_budget_per_minute: int = Field(default=200_000, ge=1)
    # Automatic persisted queries kept in process (embedded); Redis keeps them a day.
    persisted_queries_cache_size: int = Field(default=1000, ge=1)
    # Request bodies other than multipart uploads (the GraphQL JSON document).
    max_request_bytes: int = Field(default=512 * 1024, ge=1024)
    # Browser origins (comma-separated `scheme://host[:port]`, or `*`) allowed to call the API
    # cross-origin, over HTTP (CORS) and WebSocket. Unset: none in production, the usual
    # dev-server origins in development.
    allowed_origins: str | None = None
    # Where browsers reach the API (`https://api.example.com`): download links are absolute
    # when set. Signed download links last `download_link_seconds`; they are signed with
    # `secret_key`, or unset, with a key made once in data_dir (shared by every API process).
    public_url: str | None = None
    download_link_seconds: int = Field(default=300, ge=10, le=86_400)
    secret_key: str | None = Field(default=None, min_length=32)
    # Comma-separated addresses or CIDR networks of the reverse proxies in front of the API:
    # only a connection from one of them has its client taken from `X-Forwarded-For` (the
    # rightmost address no trusted proxy added). Empty: the connection's own address.
    trusted_proxies: str = ""

    # Email (domain.email): outbound through SMTP, or into data_dir/mail when unset.
    smtp_url: str | None = Field(
        default=None,
        description="smtp://[user:pass@]host:port (STARTTLS when offered) or smtps://…",
    )
    mail_from: str = "Mesa <soporte@mesa.example>"
    panel_url: str | None = Field(default=None, description="Customer panel link in mails")
    # Comma-separated: the addresses `mesa smtpd` accepts mail for.
    support_addresses: str = "soporte@mesa.example"
    email_replies: EmailReplies = EmailReplies.ACCEPT
    email_department: str = Field(default="TECH", description="Department code of mail tickets")
    smtpd_host: str = "127.0.0.1"
    smtpd_port: int = 2525
    mail_max_bytes: int = 26_214_400
    # Comma-separated authserv-ids of our receiving MTAs: only their Authentication-Results
    # headers (DKIM/DMARC) can make an email reply count as the requester's own words.
    mail_authserv_ids: str = ""
    # Retention (domain.retention): what finished work is kept for, and how often it is swept.
    retention_outbox_days: float = Field(default=30, gt=0)
    retention_notification_days: float = Field(default=365, gt=0)
    retention_raw_mail_days: float = Field(default=90, gt=0)
    inbound_orphan_hours: float = Field(default=1, gt=0)
    retention_sweep_seconds: float = 3600.0
    # Guests' web tickets (domain.tickets.held): with `new-addresses`, a ticket from an address
    # never seen waits outside the queue until the guest follows the mailed link, which works
    # `guest_confirmation_hours`; the retention sweep then deletes tickets left unconfirmed.
    guest_confirmation: GuestConfirmation = GuestConfirmation.NEVER
    guest_confirmation_hours: float = Field(default=24, gt=0, le=24 * 30)
    # Customer satisfaction (domain.satisfaction): the mail telling a requester their ticket
    # was resolved carries one-click rating links that work `satisfaction_link_days`; an answer
    # can change for 7 days after it was first given. Off: no links, no new ratings.
    satisfaction_survey: bool = True
    satisfaction_link_days: float = Field(default=14, gt=0, le=365)
    # Automatic answers (acknowledgements, notices) one address gets per hour, at most.
    auto_reply_limit_per_hour: int = 10
    # How often worker, scheduler and smtpd processes write their heartbeat (domain.heartbeats);
    # `mesa health` fails once three were missed.
    heartbeat_seconds: float = Field(default=10.0, gt=0)
    # Automation (domain.automation): how often the scheduler reads new ticket events (in
    # commit order) for webhooks; retries of failed deliveries back off exponentially from
    # `webhook_retry_base_seconds` to `webhook_retry_max_seconds`, `webhook_max_attempts` in all.
    automation_poll_seconds: float = Field(default=1.0, gt=0)
    webhook_retry_sweep_seconds: float = Field(default=5.0, gt=0)
    webhook_retry_base_seconds: float = Field(default=10.0, gt=0)
    webhook_retry_max_seconds: float = Field(default=3600.0, gt=0)
    webhook_max_attempts: int = Field(default=10, ge=1, le=50)
    # A queued or sending delivery this old belongs to a lost job or a dead worker: re-sent.
    webhook_lease_seconds: float = Field(default=300.0, gt=0)
    # After a rotation the old secret signs too, for this long, so receivers can switch over.
    webhook_previous_secret_hours: float = Field(default=24.0, ge=0)
    # How often the scheduler turns time rules now due into runs (domain.automation.time_plans).
    time_rule_sweep_seconds: float = Field(default=30.0, gt=0)

    @property
    def support_address_list(self) -> list[str]:
        return [a.strip().lower() for a in self.support_addresses.split(",") if a.strip()]

    @property
    def allowed_origin_list(self) -> list[str]:
        if self.allowed_origins is None:
            return [] if self.is_production else list(DEVELOPMENT_ORIGINS)
        return [o.strip().rstrip("/") for o in self.allowed_origins.split(",") if o.strip()]

    @property
    def trusted_proxy_list(self) -> list[str]:
        return [p.strip() for p in self.trusted_proxies.split(",") if p.strip()]

    @property
    def is_production(self) -> bool:
        return self.env is Environment.PRODUCTION

    @property
    def is_embedded(self) -> bool:
        return self.redis_url is None


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
