// Shared pieces: the page frame, form fields, errors, badges, the ticket thread.
import { useEffect, useId, useState, type ReactNode } from "react";
import { useApolloClient, useMutation } from "@apollo/client/react";
import { restartLive } from "./apollo";
import { formatDate, setLanguage, useLanguage, useT } from "./i18n";
import { LOGOUT } from "./ops";
import { canReadReports, useStaffRole } from "./role";
import { Link, navigate, usePath } from "./router";
import { setSession, useSession } from "./session";

export type Problem = { code?: string; message: string; field?: string | null } | null;

/** A mutation's typed error (`... on UserError`) or a transport failure, for the person. */
export function problemOf(result: unknown, fallback: string): Problem {
  // No result at all: the request failed on its way (network, refused origin, server fault).
  if (result === undefined || result === null) return { message: fallback };
  if (typeof result === "object" && "message" in result && "code" in result) {
    const error = result as { code: string; message: string; field?: string | null };
    return { code: error.code, message: error.message, field: error.field };
  }
  if (result instanceof Error) return { message: fallback };
  return null;
}

export function Layout({ children }: { children: ReactNode }) {
  const t = useT();
  const lang = useLanguage();
  const session = useSession();
  const path = usePath();
  const client = useApolloClient();
  const [logout] = useMutation(LOGOUT);
  const signOut = async () => {
    try {
      if (session?.kind !== "guest") await logout();
    } catch {
      // The session ends here either way.
    }
    const kind = session?.kind;
    setSession(null);
    restartLive();
    await client.clearStore();
    navigate(kind === "staff" ? "/agent/login" : kind === "customer" ? "/login" : "/");
  };
  const role = useStaffRole();
  const staffExtras: [string, string][] = [
    ...(canReadReports(role) ? [["/agent/report", t("reportNav")] as [string, string]] : []),
    ...(role === "ADMIN" ? [["/agent/admin", t("adminTitle")] as [string, string]] : []),
  ];
  const nav: [string, string][] = session?.kind === "staff"
    ? [["/agent", t("queue")], ["/kb", t("kb")], ...staffExtras]
    : session?.kind === "customer"
      ? [["/panel", t("tickets")], ["/panel/new", t("newTicket")], ["/kb", t("kb")]]
      : [
          ["/", t("home")],
          ["/submit", t("submitTicket")],
          ["/track", t("viewTickets")],
          ["/kb", t("kb")],
          ["/login", t("customerPanel")],
        ];
  return (
    <>
      <a className="skip" href="#main">{t("skip")}</a>
      <header className="top">
        <Link to={session?.kind === "staff" ? "/agent" : session?.kind === "customer" ? "/panel" : "/"} className="brand">
          {t("appName")}
        </Link>
        <nav aria-label={t("home")}>
          <ul>
            {nav.map(([to, label]) => (
              <li key={to}>
                <Link to={to} aria-current={path === to ? "page" : undefined}>{label}</Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="tools">
          {session && (
            <span className="who">
              {t("signedInAs")} <strong>{session.name}</strong>
            </span>
          )}
          {session && (
            <button type="button" className="link" onClick={signOut}>{t("logout")}</button>
          )}
          <button
            type="button"
            className="link"
            lang={lang === "es" ? "en" : "es"}
            aria-label={`${t("language")}: ${t("switchTo")}`}
            onClick={() => setLanguage(lang === "es" ? "en" : "es")}
          >
            {t("switchTo")}
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>{children}</main>
      <footer className="foot">Mesa</footer>
    </>
  );
}

export function ErrorBox({ problem }: { problem: Problem }) {
  if (!problem) return null;
  return (
    <p className="error" role="alert">
      {problem.message}
    </p>
  );
}

export function Notice({ children }: { children: ReactNode }) {
  return <p className="notice" role="status">{children}</p>;
}

type FieldProps = {
  label: string;
  hint?: string;
  error?: string | null;
  children: (props: { id: string; "aria-describedby"?: string; "aria-invalid"?: boolean }) => ReactNode;
};

/** A labelled control with its hint and error announced to screen readers. */
export function Field({ label, hint, error, children }: FieldProps) {
  const id = useId();
  const described = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && <p className="hint" id={`${id}-hint`}>{hint}</p>}
      {children({ id, "aria-describedby": described || undefined, "aria-invalid": error ? true : undefined })}
      {error && <p className="field-error" id={`${id}-error`}>{error}</p>}
    </div>
  );
}

export function StatusBadge({ status }: { status: string }) {
  const t = useT();
  return <span className={`badge status-${status.toLowerCase()}`}>{t(status)}</span>;
}

function duration(seconds: number): string {
  const abs = Math.abs(seconds);
  const hours = Math.floor(abs / 3600);
  const minutes = Math.floor((abs % 3600) / 60);
  return hours ? `${hours} h ${minutes} min` : `${minutes} min`;
}

export type SlaTimes = {
  state: string;
  businessSecondsRemaining?: number | null;
  firstRespondedAt?: string | null;
  firstResponseExpectedAt?: string | null;
  firstResponseDueAt?: string | null;
  nextResponseExpectedAt?: string | null;
  nextResponseDueAt?: string | null;
  resolutionDueAt?: string | null;
};

/** The state now, from the deadlines the API computed in business time (as domain/sla/policy
 * does): past the expected moment a running clock is a warning, past the due one a breach. */
export function slaStateAt(sla: SlaTimes, now: number): string {
  if (sla.state !== "ON_TRACK" && sla.state !== "WARNING") return sla.state;
  let expected: string | null | undefined;
  let due: string | null | undefined;
  if (!sla.firstRespondedAt) [expected, due] = [sla.firstResponseExpectedAt, sla.firstResponseDueAt];
  else if (sla.nextResponseDueAt) [expected, due] = [sla.nextResponseExpectedAt, sla.nextResponseDueAt];
  else [expected, due] = [null, sla.resolutionDueAt];
  if (due && now >= Date.parse(due)) return "BREACHED";
  if (expected && now >= Date.parse(expected)) return "WARNING";
  return sla.state;
}

/** The SLA state, turning to warning and breach as the clock passes the deadlines, with the
 * business time left counting down while the page is open. */
export function SlaBadge({ sla }: { sla: SlaTimes }) {
  const t = useT();
  const [now, setNow] = useState(() => Date.now());
  const [loadedAt, setLoadedAt] = useState(() => Date.now());
  const seconds = sla.businessSecondsRemaining ?? null;
  useEffect(() => setLoadedAt(Date.now()), [seconds, sla.state]);
  const running = sla.state === "ON_TRACK" || sla.state === "WARNING";
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [running]);
  const state = slaStateAt(sla, now);
  const left = seconds === null || !running ? null : seconds - Math.floor((now - loadedAt) / 1000);
  return (
    <span className={`badge sla-${state.toLowerCase()}`} data-sla-state={state}>
      {t("sla")}: {t(state)}
      {left !== null && (
        <> · {left >= 0 ? `${t("dueIn")} ${duration(left)}` : `${t("overdueBy")} ${duration(left)}`}</>
      )}
    </span>
  );
}

export function When({ value }: { value: string }) {
  const lang = useLanguage();
  return <time dateTime={value}>{formatDate(value, lang)}</time>;
}

export function Page({ title, children }: { title: string; children: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · Mesa`;
  }, [title]);
  return (
    <>
      <h1>{title}</h1>
      {children}
    </>
  );
}
