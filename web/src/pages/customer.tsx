// The customer panel (seed 003): sign in with the client number, tickets, new ticket, recovery.
import { useRef, useState, type FormEvent, type ReactElement } from "react";
import { useApolloClient, useMutation, useQuery } from "@apollo/client/react";
import { restartLive } from "../apollo";
import { useLanguage, useT } from "../i18n";
import { CREATE_TICKET, LOGIN, MY_TICKETS, NEW_TICKET_FORM, REQUEST_RESET, RESET_PASSWORD } from "../ops";
import { Link, hashParams, navigate } from "../router";
import { setSession, useSession } from "../session";
import { ErrorBox, Field, Notice, Page, SlaBadge, StatusBadge, When, problemOf, type Problem } from "../ui";
import { Announcements } from "./guest";

export function CustomerLogin() {
  const t = useT();
  const client = useApolloClient();
  const [clientNumber, setClientNumber] = useState("");
  const [password, setPassword] = useState("");
  const [problem, setProblem] = useState<Problem>(null);
  const [login, { loading }] = useMutation(LOGIN);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { data } = await login({ variables: { clientNumber: clientNumber.trim(), password }, context: { anonymous: true } });
    const outcome = data?.login;
    if (outcome?.__typename !== "LoginSuccess") {
      setProblem(problemOf(outcome, t("error")));
      return;
    }
    const name = outcome.viewer.__typename === "Customer" ? outcome.viewer.name : clientNumber;
    setSession({ kind: "customer", token: outcome.token, name });
    restartLive();
    await client.clearStore();
    navigate("/panel");
  };
  return (
    <Page title={t("loginTitle")}>
      <form onSubmit={submit} className="card narrow">
        <Field label={t("clientNumber")}>
          {(props) => <input {...props} required autoComplete="username" placeholder="C-1001" value={clientNumber} onChange={(e) => setClientNumber(e.target.value)} />}
        </Field>
        <Field label={t("password")}>
          {(props) => <input {...props} required type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />}
        </Field>
        <ErrorBox problem={problem} />
        <button type="submit" disabled={loading}>{t("login")}</button>
        <p><Link to="/recover">{t("forgot")}</Link></p>
      </form>
    </Page>
  );
}

export function Recover() {
  const t = useT();
  const [clientNumber, setClientNumber] = useState("");
  const [problem, setProblem] = useState<Problem>(null);
  const [sent, setSent] = useState<string | null>(null);
  const [request, { loading }] = useMutation(REQUEST_RESET);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { data } = await request({ variables: { clientNumber: clientNumber.trim() }, context: { anonymous: true } });
    const outcome = data?.requestPasswordReset;
    if (outcome?.__typename === "RequestPasswordResetSuccess") {
      setSent(outcome.message);
      setProblem(null);
    } else setProblem(problemOf(outcome, t("error")));
  };
  return (
    <Page title={t("recoverTitle")}>
      <form onSubmit={submit} className="card narrow">
        <p>{t("recoverIntro")}</p>
        <Field label={t("clientNumber")}>
          {(props) => <input {...props} required autoComplete="username" value={clientNumber} onChange={(e) => setClientNumber(e.target.value)} />}
        </Field>
        <ErrorBox problem={problem} />
        <button type="submit" disabled={loading}>{t("recoverSend")}</button>
        {sent && <Notice>{sent}</Notice>}
        <p><Link to="/reset-password">{t("haveCode")}</Link></p>
      </form>
    </Page>
  );
}

/** `/reset-password#token=…` (the mailed link) or the code typed in. */
export function ResetPassword() {
  const t = useT();
  const [token, setToken] = useState(hashParams().get("token") ?? "");
  const [password, setPassword] = useState("");
  const [problem, setProblem] = useState<Problem>(null);
  const [done, setDone] = useState(false);
  const [reset, { loading }] = useMutation(RESET_PASSWORD);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { data } = await reset({ variables: { token: token.trim(), newPassword: password }, context: { anonymous: true } });
    const outcome = data?.resetPassword;
    const error = problemOf(outcome, t("error"));
    setProblem(error);
    setDone(!error);
  };
  return (
    <Page title={t("resetTitle")}>
      <form onSubmit={submit} className="card narrow">
        <Field label={t("code")} error={problem?.field === "token" ? problem.message : null}>
          {(props) => <input {...props} required autoComplete="one-time-code" value={token} onChange={(e) => setToken(e.target.value)} />}
        </Field>
        <Field label={t("newPassword")} error={problem?.field === "newPassword" ? problem.message : null}>
          {(props) => <input {...props} required type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />}
        </Field>
        <ErrorBox problem={problem?.field ? null : problem} />
        <button type="submit" disabled={loading}>{t("save")}</button>
        {done && <Notice>{t("resetDone")} <Link to="/login">{t("login")}</Link></Notice>}
      </form>
    </Page>
  );
}

function RequireCustomer({ children }: { children: ReactElement }) {
  const session = useSession();
  if (session?.kind !== "customer") {
    navigate("/login", true);
    return null;
  }
  return children;
}

export function Panel() {
  return (
    <RequireCustomer>
      <TicketList />
    </RequireCustomer>
  );
}

function TicketList() {
  const t = useT();
  const { data, loading } = useQuery(MY_TICKETS);
  const tickets = data?.tickets.edges.map((edge) => edge.node) ?? [];
  return (
    <Page title={t("tickets")}>
      <Announcements />
      <p><Link to="/panel/new" className="button">{t("newTicket")}</Link></p>
      {loading && !data && <p role="status">{t("loading")}</p>}
      {data && !tickets.length && <p>{t("noTickets")}</p>}
      {tickets.length > 0 && (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("tickets")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("number")}</th>
                <th scope="col">{t("date")}</th>
                <th scope="col">{t("subject")}</th>
                <th scope="col">{t("status")}</th>
                <th scope="col">{t("sla")}</th>
                <th scope="col">{t("actions")}</th>
              </tr>
            </thead>
            <tbody>
              {tickets.map((ticket) => (
                <tr key={ticket.id}>
                  <td>#{ticket.number}</td>
                  <td><When value={ticket.createdAt} /></td>
                  <td>{ticket.subject}</td>
                  <td><StatusBadge status={ticket.status} /></td>
                  <td>{ticket.sla ? <SlaBadge sla={ticket.sla} /> : "—"}</td>
                  <td>
                    <Link to={`/tickets/${ticket.trackingId}`} aria-label={`${t("read")} #${ticket.number}`}>
                      {t("read")}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}

export function NewTicket() {
  return (
    <RequireCustomer>
      <NewTicketForm />
    </RequireCustomer>
  );
}

function NewTicketForm() {
  const t = useT();
  const lang = useLanguage();
  const { data } = useQuery(NEW_TICKET_FORM);
  const [serviceId, setServiceId] = useState("");
  const [categoryId, setCategoryId] = useState("");
  const [subject, setSubject] = useState("");
  const [message, setMessage] = useState("");
  const [files, setFiles] = useState<File[]>([]);
  const [problem, setProblem] = useState<Problem>(null);
  const idempotencyKey = useRef(crypto.randomUUID());
  const [create, { loading }] = useMutation(CREATE_TICKET);
  const categories = data?.categories ?? [];
  const category = categories.find((item) => item.id === categoryId);
  const fieldError = (field: string) => (problem?.field === field ? problem.message : null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const fallback = category ? ((lang === "es" && category.nameEs) || category.name) : "";
    const { data: result } = await create({
      variables: {
        input: {
          serviceId: serviceId || null,
          categoryId: categoryId || null,
          subject: subject.trim() || fallback,
          message,
          attachments: files.length ? files : null,
          idempotencyKey: idempotencyKey.current,
        },
      },
    });
    const outcome = result?.createTicket;
    if (outcome?.__typename !== "CreateTicketSuccess") {
      setProblem(problemOf(outcome, t("error")));
      return;
    }
    navigate(`/tickets/${outcome.ticket.trackingId}`);
  };
  return (
    <Page title={t("newTicket")}>
      <p className="warning">{t("emailWarning")}</p>
      <form onSubmit={submit} className="card" noValidate>
        <Field label={t("service")} error={fieldError("serviceId")}>
          {(props) => (
            <select {...props} required value={serviceId} onChange={(e) => setServiceId(e.target.value)}>
              <option value="">{t("chooseOne")}</option>
              {(data?.services ?? []).filter((service) => service.isActive).map((service) => (
                <option key={service.id} value={service.id}>{service.name} ({service.supportLevel.name})</option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t("categorySubject")} error={fieldError("categoryId")}>
          {(props) => (
            <select {...props} required value={categoryId} onChange={(e) => setCategoryId(e.target.value)}>
              <option value="">{t("chooseOne")}</option>
              {categories.map((item) => (
                <option key={item.id} value={item.id}>{(lang === "es" && item.nameEs) || item.name}</option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t("subject")} hint={t("subjectHint")} error={fieldError("subject")}>
          {(props) => <input {...props} value={subject} onChange={(e) => setSubject(e.target.value)} />}
        </Field>
        <Field label={t("query")} hint={t("queryHint")} error={fieldError("message")}>
          {(props) => <textarea {...props} required rows={7} value={message} onChange={(e) => setMessage(e.target.value)} />}
        </Field>
        <Field label={t("attachments")} hint={t("attachmentsHint")}>
          {(props) => <input {...props} type="file" multiple onChange={(e) => setFiles(Array.from(e.target.files ?? []))} />}
        </Field>
        <ErrorBox problem={problem?.field && ["serviceId", "categoryId", "subject", "message"].includes(problem.field) ? null : problem} />
        <button type="submit" disabled={loading}>{loading ? t("sending") : t("send")}</button>
      </form>
    </Page>
  );
}
