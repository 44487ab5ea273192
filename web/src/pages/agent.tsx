// The agent desk (seed 004): views with live counts and a queue that updates live.
import { useState, type FormEvent } from "react";
import { useApolloClient, useMutation, useQuery, useSubscription } from "@apollo/client/react";
import { restartLive } from "../apollo";
import { useLanguage, useT } from "../i18n";
import { AGENT_LOGIN, DESK, QUEUE_EVENTS, SLA_ALERTS, VIEW_COUNTS, VIEW_TICKETS } from "../ops";
import { Link, navigate } from "../router";
import type { SlaAlertsSubscription } from "../gql/graphql";
import { setSession, useSession } from "../session";
import { ErrorBox, Field, Page, SlaBadge, StatusBadge, When, problemOf, type Problem } from "../ui";

export function AgentLogin() {
  const t = useT();
  const client = useApolloClient();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [problem, setProblem] = useState<Problem>(null);
  const [login, { loading }] = useMutation(AGENT_LOGIN);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { data } = await login({ variables: { email: email.trim(), password }, context: { anonymous: true } });
    const outcome = data?.agentLogin;
    if (outcome?.__typename !== "LoginSuccess") {
      setProblem(problemOf(outcome, t("error")));
      return;
    }
    const staff = outcome.viewer.__typename === "Staff" ? outcome.viewer : null;
    setSession({ kind: "staff", token: outcome.token, name: staff?.name ?? email, role: staff?.role ?? undefined });
    restartLive();
    await client.clearStore();
    navigate("/agent");
  };
  return (
    <Page title={t("agentLogin")}>
      <form onSubmit={submit} className="card narrow">
        <Field label={t("email")}>
          {(props) => <input {...props} required type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} />}
        </Field>
        <Field label={t("password")}>
          {(props) => <input {...props} required type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />}
        </Field>
        <ErrorBox problem={problem} />
        <button type="submit" disabled={loading}>{t("login")}</button>
      </form>
    </Page>
  );
}

export function Desk() {
  const session = useSession();
  if (session?.kind !== "staff") {
    navigate("/agent/login", true);
    return null;
  }
  return <Queue />;
}

function Queue() {
  const t = useT();
  const lang = useLanguage();
  const [viewId, setViewId] = useState<string | null>(null);
  const views = useQuery(DESK);
  const queue = useQuery(VIEW_TICKETS, { pollInterval: 60000 });
  const [counts, setCounts] = useState<Record<string, number>>({});
  useSubscription(VIEW_COUNTS, {
    onData: ({ data }) => {
      const changed = data.data?.ticketViewCounts.counts ?? [];
      setCounts((before) => ({ ...before, ...Object.fromEntries(changed.map((c) => [c.viewId, c.count])) }));
      // The first answer says the live connection is up: whatever changed before it is read now.
      void queue.refetch();
    },
  });
  useSubscription(QUEUE_EVENTS, { variables: { after: null }, onData: () => void queue.refetch() });
  const [alerts, setAlerts] = useState<SlaAlertsSubscription["slaAlerts"][]>([]);
  useSubscription(SLA_ALERTS, {
    onData: ({ data }) => {
      const alert = data.data?.slaAlerts;
      if (!alert) return;
      setAlerts((before) => [alert, ...before.filter((item) => item.eventId !== alert.eventId)].slice(0, 5));
      void queue.refetch();
    },
  });
  const list = views.data?.ticketViews ?? [];
  const selected = viewId ?? (list.find((view) => view.count > 0) ?? list[0])?.id ?? null;
  const tickets = queue.data?.ticketViews.find((view) => view.id === selected)?.tickets.edges.map((e) => e.node) ?? [];
  const current = list.find((view) => view.id === selected);
  return (
    <Page title={t("queue")}>
      <div className="desk">
        <nav aria-label={t("views")} className="views">
          <h2>{t("views")} <span className="live-dot" title={t("live")}>●</span></h2>
          <ul>
            {list.map((view) => (
              <li key={view.id}>
                <button
                  type="button"
                  className={view.id === selected ? "view current" : "view"}
                  aria-pressed={view.id === selected}
                  onClick={() => setViewId(view.id)}
                >
                  <span>{view.name}</span>
                  <span className="count" data-testid={`count-${view.name}`}>{counts[view.id] ?? view.count}</span>
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <section aria-labelledby="queue-title" className="queue">
          {alerts.length > 0 && (
            <ul className="alerts" aria-label={t("slaAlerts")} aria-live="polite">
              {alerts.map((alert) => (
                <li key={alert.eventId} className={`badge sla-${alert.kind === "BREACH" ? "breached" : "warning"}`}>
                  {t(alert.kind === "BREACH" ? "BREACHED" : "WARNING")}:{" "}
                  {alert.ticket ? (
                    <Link to={`/agent/tickets/${alert.ticket.trackingId}`}>
                      #{alert.ticket.number} {alert.ticket.subject}
                    </Link>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          <h2 id="queue-title">{current?.name ?? t("queue")}</h2>
          {queue.loading && !queue.data && <p role="status">{t("loading")}</p>}
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("number")}</th>
                  <th scope="col">{t("subject")}</th>
                  <th scope="col">{t("requester")}</th>
                  <th scope="col">{t("department")}</th>
                  <th scope="col">{t("status")}</th>
                  <th scope="col">{t("sla")}</th>
                  <th scope="col">{t("assignee")}</th>
                  <th scope="col">{t("date")}</th>
                </tr>
              </thead>
              <tbody>
                {queue.data && !tickets.length && (
                  <tr>
                    <td colSpan={8}>{t("noResults")}</td>
                  </tr>
                )}
                {tickets.map((ticket) => (
                  <tr key={ticket.id}>
                    <td>#{ticket.number}</td>
                    <td><Link to={`/agent/tickets/${ticket.trackingId}`}>{ticket.subject}</Link></td>
                    <td>{ticket.customer?.name ?? ticket.guestName ?? "—"}</td>
                    <td>{(lang === "es" && ticket.department.nameEs) || ticket.department.name}</td>
                    <td><StatusBadge status={ticket.status} /></td>
                    <td>{ticket.sla ? <SlaBadge sla={ticket.sla} /> : "—"}</td>
                    <td>{ticket.assignee?.name ?? t("unassigned")}</td>
                    <td><When value={ticket.createdAt} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      </div>
    </Page>
  );
}
