// The guest portal (seed 002): submit a ticket, follow it with its ID and email, confirm.
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useApolloClient, useMutation, useQuery } from "@apollo/client/react";
import { restartLive } from "../apollo";
import { useLanguage, useT } from "../i18n";
import { ANNOUNCEMENTS, CATALOGUE, CONFIRM_GUEST, CREATE_TICKET, GUEST_ACCESS, REMIND, REPLY, SUGGESTIONS } from "../ops";
import type { Impact } from "../gql/graphql";
import { Link, hashParams, navigate } from "../router";
import { getSession, setSession } from "../session";
import { ErrorBox, Field, Notice, Page, problemOf, type Problem } from "../ui";
import { TicketPage } from "./ticket";

export function Home() {
  const t = useT();
  return (
    <Page title={t("welcome")}>
      <p className="lead">{t("welcomeText")}</p>
      <ul className="tiles">
        <li><Link to="/submit" className="tile">{t("submitTicket")}</Link></li>
        <li><Link to="/track" className="tile">{t("viewTickets")}</Link></li>
        <li><Link to="/kb" className="tile">{t("kb")}</Link></li>
        <li><Link to="/login" className="tile">{t("customerPanel")}</Link></li>
      </ul>
      <Announcements />
      <p><Link to="/agent/login">{t("agentDesk")}</Link></p>
    </Page>
  );
}

export function Announcements() {
  const t = useT();
  const lang = useLanguage();
  const { data } = useQuery(ANNOUNCEMENTS);
  const items = data?.announcements ?? [];
  if (!items.length) return null;
  return (
    <section aria-labelledby="announcements-title">
      <h2 id="announcements-title">{t("announcements")}</h2>
      <ul className="announcements">
        {items.map((item) => (
          <li key={item.id} className={`card severity-${item.severity.toLowerCase()}`}>
            <h3>{lang === "es" ? item.titleEs : item.titleEn}</h3>
            <p>{lang === "es" ? item.bodyEs : item.bodyEn}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Articles (and the viewer's own open tickets) like what is being written: one problem, one ticket. */
export function Suggestions({ subject, message }: { subject: string; message: string }) {
  const t = useT();
  const [query, setQuery] = useState({ subject: "", message: "" });
  useEffect(() => {
    const timer = setTimeout(() => setQuery({ subject, message }), 400);
    return () => clearTimeout(timer);
  }, [subject, message]);
  const { data } = useQuery(SUGGESTIONS, {
    variables: { subject: query.subject, message: query.message || null },
    skip: query.subject.trim().length < 3,
  });
  const articles = data?.suggestions.articles ?? [];
  const tickets = data?.suggestions.tickets ?? [];
  if (query.subject.trim().length < 3 || (!articles.length && !tickets.length)) return null;
  return (
    <aside className="card suggestions" aria-labelledby="suggestions-title" aria-live="polite">
      <h2 id="suggestions-title">{t("suggestions")}</h2>
      {articles.length > 0 && <p>{t("suggestionsHint")}</p>}
      <ul>
        {articles.map((article) => (
          <li key={article.id}>
            <a href={`/kb/${article.slug}`} target="_blank" rel="noreferrer">{article.title}</a>
          </li>
        ))}
      </ul>
      {tickets.length > 0 && (
        <>
          <p>{t("yourOpenTickets")}</p>
          <ul>
            {tickets.map((ticket) => (
              <li key={ticket.id}>#{ticket.number} {ticket.subject}</li>
            ))}
          </ul>
        </>
      )}
    </aside>
  );
}

export function SubmitTicket() {
  const t = useT();
  const lang = useLanguage();
  const client = useApolloClient();
  const { data } = useQuery(CATALOGUE);
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [departmentId, setDepartmentId] = useState("");
  const [categoryId, setCategoryId] = useState("");
  const [priority, setPriority] = useState<Impact>("MEDIUM");
  const [subject, setSubject] = useState("");
  const [message, setMessage] = useState("");
  const [files, setFiles] = useState<File[]>([]);
  const [honeypot, setHoneypot] = useState("");
  const [problem, setProblem] = useState<Problem>(null);
  const [created, setCreated] = useState<{ trackingId: string; waiting: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const idempotencyKey = useRef(crypto.randomUUID());
  const [create] = useMutation(CREATE_TICKET);
  const [reply] = useMutation(REPLY);
  const categories = (data?.categories ?? []).filter((category) => category.department.id === departmentId);
  const fieldError = (field: string) => (problem?.field?.endsWith(field) ? problem.message : null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      const { data: result } = await create({
        variables: {
          input: {
            guest: { name, email, language: lang === "es" ? "ES" : "EN" },
            departmentId: categoryId ? null : departmentId || null,
            categoryId: categoryId || null,
            priority,
            subject,
            message,
            honeypot: honeypot || null,
            idempotencyKey: idempotencyKey.current,
          },
        },
        context: { anonymous: true },
      });
      const outcome = result?.createTicket;
      if (outcome?.__typename !== "CreateTicketSuccess") {
        setProblem(problemOf(outcome, t("error")));
        return;
      }
      const trackingId = outcome.ticket.trackingId;
      if (outcome.guestPass) {
        setSession({ kind: "guest", token: outcome.guestPass.token, name, trackingId });
        restartLive();
        await client.clearStore();
        if (files.length) {
          // Files follow the ticket with the guest's pass (anonymous uploads are refused).
          const { data: sent } = await reply({
            variables: {
              input: {
                ticketId: outcome.ticket.id,
                message: `${t("attachments")}: ${files.map((file) => file.name).join(", ")}`,
                attachments: files,
              },
            },
          });
          setProblem(problemOf(sent?.replyToTicket, t("error")));
        }
      }
      setCreated({ trackingId, waiting: outcome.awaitingConfirmation });
    } catch {
      setProblem({ message: t("error") });
    } finally {
      setBusy(false);
    }
  };

  if (created) {
    return (
      <Page title={t("ticketCreated")}>
        <div className="card" role="status">
          <p>{t("trackingIdIs")}</p>
          <p className="tracking-id" data-testid="tracking-id">{created.trackingId}</p>
          <p>{created.waiting ? t("awaitingConfirmation") : t("keepIt")}</p>
        </div>
        <ErrorBox problem={problem} />
        {!created.waiting && getSession()?.kind === "guest" && (
          <p><Link to={`/tickets/${created.trackingId}`} className="button">{t("openTicket")}</Link></p>
        )}
      </Page>
    );
  }
  return (
    <Page title={t("submitTicket")}>
      <p className="lead">{t("submitIntro")}</p>
      <div className="two-columns">
        <form onSubmit={submit} className="card" noValidate>
          <Field label={t("name")} error={fieldError("name")}>
            {(props) => <input {...props} required autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} />}
          </Field>
          <Field label={t("email")} error={fieldError("email")}>
            {(props) => <input {...props} required type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} />}
          </Field>
          <Field label={t("department")} error={fieldError("departmentId")}>
            {(props) => (
              <select {...props} required value={departmentId} onChange={(e) => { setDepartmentId(e.target.value); setCategoryId(""); }}>
                <option value="">{t("chooseOne")}</option>
                {(data?.departments ?? []).map((department) => (
                  <option key={department.id} value={department.id}>{(lang === "es" && department.nameEs) || department.name}</option>
                ))}
              </select>
            )}
          </Field>
          {categories.length > 0 && (
            <Field label={t("category")} error={fieldError("categoryId")}>
              {(props) => (
                <select {...props} value={categoryId} onChange={(e) => setCategoryId(e.target.value)}>
                  <option value="">{t("chooseOne")}</option>
                  {categories.map((category) => (
                    <option key={category.id} value={category.id}>{(lang === "es" && category.nameEs) || category.name}</option>
                  ))}
                </select>
              )}
            </Field>
          )}
          <fieldset className="field">
            <legend>{t("priority")}</legend>
            <p className="hint" id="priority-hint">{t("highWarning")}</p>
            <div className="radios" aria-describedby="priority-hint">
              {(["LOW", "MEDIUM", "HIGH"] as Impact[]).map((value) => (
                <label key={value}>
                  <input type="radio" name="priority" value={value} checked={priority === value} onChange={() => setPriority(value)} />
                  {t(value)}
                </label>
              ))}
            </div>
            {priority === "HIGH" && <p className="warning" role="note">{t("highWarning")}</p>}
          </fieldset>
          <Field label={t("subject")} hint={t("subjectHint")} error={fieldError("subject")}>
            {(props) => <input {...props} required value={subject} onChange={(e) => setSubject(e.target.value)} />}
          </Field>
          <Field label={t("message")} hint={t("messageHint")} error={fieldError("message")}>
            {(props) => <textarea {...props} required rows={7} value={message} onChange={(e) => setMessage(e.target.value)} />}
          </Field>
          <Field label={t("attachments")} hint={t("attachmentsHint")}>
            {(props) => <input {...props} type="file" multiple onChange={(e) => setFiles(Array.from(e.target.files ?? []))} />}
          </Field>
          <div className="honeypot" aria-hidden="true">
            <label htmlFor="website">Website</label>
            <input id="website" tabIndex={-1} autoComplete="off" value={honeypot} onChange={(e) => setHoneypot(e.target.value)} />
          </div>
          <ErrorBox problem={problem} />
          <button type="submit" disabled={busy}>{busy ? t("sending") : t("send")}</button>
        </form>
        <Suggestions subject={subject} message={message} />
      </div>
    </Page>
  );
}

export function TrackTicket() {
  const t = useT();
  const client = useApolloClient();
  const [trackingId, setTrackingId] = useState("");
  const [email, setEmail] = useState("");
  const [problem, setProblem] = useState<Problem>(null);
  const [reminded, setReminded] = useState(false);
  const [access, { loading }] = useMutation(GUEST_ACCESS);
  const [remind] = useMutation(REMIND);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const id = trackingId.trim().toUpperCase();
    const { data } = await access({ variables: { trackingId: id, email: email.trim() }, context: { anonymous: true } });
    const outcome = data?.guestAccess;
    if (outcome?.__typename !== "LoginSuccess") {
      setProblem(problemOf(outcome, t("error")));
      return;
    }
    setSession({ kind: "guest", token: outcome.token, name: email.trim(), trackingId: id });
    restartLive();
    await client.clearStore();
    navigate(`/tickets/${id}`);
  };
  return (
    <Page title={t("viewTickets")}>
      <p className="lead">{t("trackIntro")}</p>
      <form onSubmit={submit} className="card narrow">
        <Field label={t("trackingId")} error={problem?.field === "trackingId" ? problem.message : null}>
          {(props) => <input {...props} required placeholder="ABC-DEF-GHIJ" autoComplete="off" value={trackingId} onChange={(e) => setTrackingId(e.target.value)} />}
        </Field>
        <Field label={t("email")} error={problem?.field === "email" ? problem.message : null}>
          {(props) => <input {...props} required type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} />}
        </Field>
        <ErrorBox problem={problem?.field ? null : problem} />
        <button type="submit" disabled={loading}>{t("view")}</button>
        <p>
          <button
            type="button"
            className="link"
            disabled={!email.trim()}
            onClick={async () => {
              const { data } = await remind({ variables: { email: email.trim() } });
              const error = problemOf(data?.remindTrackingIds, t("error"));
              setProblem(error);
              setReminded(!error);
            }}
          >
            {t("remind")}
          </button>
        </p>
        {reminded && <Notice>{t("remindSent")}</Notice>}
      </form>
    </Page>
  );
}

/** `/tickets/:trackingId`: the guest's (or the customer's) ticket; without a pass, the form. */
export function GuestTicket({ trackingId }: { trackingId: string }) {
  const session = getSession();
  if (!session) {
    navigate("/track", true);
    return null;
  }
  return <TicketPage trackingId={trackingId} />;
}

export function ConfirmTicket() {
  const t = useT();
  const client = useApolloClient();
  const [confirm] = useMutation(CONFIRM_GUEST);
  const [problem, setProblem] = useState<Problem>(null);
  const [trackingId, setTrackingId] = useState<string | null>(null);
  const started = useRef(false);
  const token = hashParams().get("token");
  useEffect(() => {
    if (!token || started.current) return;
    started.current = true;
    void (async () => {
      const { data } = await confirm({ variables: { token }, context: { anonymous: true } });
      const outcome = data?.confirmGuestTicket;
      if (outcome?.__typename !== "ConfirmGuestTicketSuccess") {
        setProblem(problemOf(outcome, t("error")));
        return;
      }
      setSession({ kind: "guest", token: outcome.guestPass.token, name: "", trackingId: outcome.ticket.trackingId });
      restartLive();
      await client.clearStore();
      setTrackingId(outcome.ticket.trackingId);
    })();
  }, [token]);
  return (
    <Page title={t("confirmTitle")}>
      {!token && <ErrorBox problem={{ message: t("missingToken") }} />}
      {token && !trackingId && !problem && <p role="status">{t("confirming")}</p>}
      <ErrorBox problem={problem} />
      {trackingId && (
        <div className="card" role="status">
          <p>{t("confirmed")}</p>
          <p>{t("trackingIdIs")}</p>
          <p className="tracking-id" data-testid="tracking-id">{trackingId}</p>
          <p>{t("keepIt")}</p>
          <p><Link to={`/tickets/${trackingId}`} className="button">{t("openTicket")}</Link></p>
        </div>
      )}
    </Page>
  );
}
