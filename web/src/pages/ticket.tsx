// A ticket's page for its requester (guest or customer) and for staff: thread, reply,
// resolve, reopen; staff also see internal notes, history, triage, assignment, tags.
import { useRef, useState, type FormEvent } from "react";
import { useMutation, useQuery, useSubscription } from "@apollo/client/react";
import { apiLink } from "../apollo";
import { useLanguage, useT } from "../i18n";
import { CLOSE, REOPEN, REPLY, RESOLVE, TICKET, TICKET_EVENTS } from "../ops";
import type { TicketPageQuery } from "../gql/graphql";
import { useSession } from "../session";
import { ErrorBox, Field, Notice, Page, SlaBadge, StatusBadge, When, problemOf, type Problem } from "../ui";
import { AgentTools, CannedPicker, History } from "./agent-tools";
import { MacroPanel, MergePanel, MergedNotices, PresenceBar, useTypingReport } from "./desk-tools";

type Ticket = NonNullable<TicketPageQuery["ticket"]>;

export function TicketPage({ trackingId }: { trackingId: string }) {
  const t = useT();
  const lang = useLanguage();
  const session = useSession();
  const staff = session?.kind === "staff";
  const { data, loading, error, refetch } = useQuery(TICKET, {
    variables: { trackingId },
    pollInterval: staff ? 30000 : 0,
  });
  const ticket = data?.ticket;
  // From the last event the page was loaded with: nothing between the load and the
  // subscription is missed.
  const after = useRef<string | null>(null);
  if (ticket && after.current === null) after.current = ticket.events.at(-1)?.id ?? "";
  useSubscription(TICKET_EVENTS, {
    variables: { ticketId: ticket?.id ?? "", after: after.current || null },
    skip: !ticket,
    onData: () => void refetch(),
  });
  if (loading && !data) return <p role="status">{t("loading")}</p>;
  if (error) return <ErrorBox problem={{ message: t("error") }} />;
  if (!ticket) return <ErrorBox problem={{ message: t("notFound") }} />;
  const department = (lang === "es" && ticket.department.nameEs) || ticket.department.name;
  return (
    <Page title={`#${ticket.number} · ${ticket.subject}`}>
      <div className="ticket-head">
        {staff && <MergedNotices ticket={ticket} />}
        <StatusBadge status={ticket.status} />
        {ticket.sla && <SlaBadge sla={ticket.sla} />}
        {staff && <PresenceBar ticketId={ticket.id} />}
        <dl className="facts">
          <div><dt>{t("trackingId")}</dt><dd><code>{ticket.trackingId}</code></dd></div>
          <div><dt>{t("date")}</dt><dd><When value={ticket.createdAt} /></dd></div>
          <div><dt>{t("department")}</dt><dd>{department}</dd></div>
          {ticket.category && (
            <div><dt>{t("category")}</dt><dd>{(lang === "es" && ticket.category.nameEs) || ticket.category.name}</dd></div>
          )}
          {ticket.service && <div><dt>{t("service")}</dt><dd>{ticket.service.name}</dd></div>}
          <div><dt>{t("priority")}</dt><dd>{t(ticket.priority)}</dd></div>
          {staff && (
            <div><dt>{t("requester")}</dt><dd>{ticket.customer?.name ?? `${ticket.guestName ?? ""} <${ticket.guestEmail ?? ""}>`}</dd></div>
          )}
          {staff && <div><dt>{t("impact")}</dt><dd>{t(ticket.impact)}</dd></div>}
          {staff && <div><dt>{t("assignee")}</dt><dd>{ticket.assignee?.name ?? t("unassigned")}</dd></div>}
          {staff && ticket.tags.length > 0 && <div><dt>{t("tags")}</dt><dd>{ticket.tags.join(", ")}</dd></div>}
        </dl>
      </div>
      <div className={staff ? "ticket-grid" : ""}>
        <div>
          <Thread ticket={ticket} />
          <Actions ticket={ticket} staff={staff} onChange={() => void refetch()} />
        </div>
        {staff && (
          <aside aria-label={t("details")}>
            <AgentTools ticket={ticket} onChange={() => void refetch()} />
            {(ticket.viewerCan.reply || ticket.viewerCan.triage) && <MacroPanel ticket={ticket} onChange={() => void refetch()} />}
            {ticket.viewerCan.merge && <MergePanel ticket={ticket} />}
            <History trackingId={ticket.trackingId} />
          </aside>
        )}
      </div>
    </Page>
  );
}

function Thread({ ticket }: { ticket: Ticket }) {
  const t = useT();
  return (
    <section aria-labelledby="thread-title">
      <h2 id="thread-title">{t("conversation")}</h2>
      <ol className="thread">
        {ticket.messages.map((message) => (
          <li
            key={message.id}
            className={`message author-${message.authorKind.toLowerCase()}${message.internal ? " internal" : ""}`}
          >
            <article aria-label={`${message.authorName}`}>
              <header>
                <strong>{message.authorName}</strong>
                {message.internal && <span className="badge note">{t("note")}</span>}
                <When value={message.createdAt} />
              </header>
              <div className="body">{message.body}</div>
              {message.attachments.length > 0 && (
                <ul className="files" aria-label={t("attachments")}>
                  {message.attachments.map((file) => (
                    <li key={file.id}>
                      {file.downloadUrl ? (
                        <a href={apiLink(file.downloadUrl)} download={file.name}>{file.name}</a>
                      ) : (
                        <span>{file.name}</span>
                      )}{" "}
                      <small>
                        ({Math.ceil(file.size / 1024)} KB
                        {file.state === "REJECTED" ? `, ${t("rejected")}` : file.state === "PENDING" ? `, ${t("pending")}` : ""})
                      </small>
                    </li>
                  ))}
                </ul>
              )}
            </article>
          </li>
        ))}
      </ol>
    </section>
  );
}

function Actions({ ticket, staff, onChange }: { ticket: Ticket; staff: boolean; onChange: () => void }) {
  const t = useT();
  const [body, setBody] = useState("");
  const [internal, setInternal] = useState(false);
  const [files, setFiles] = useState<File[]>([]);
  const [fileKey, setFileKey] = useState(0);
  const [canned, setCanned] = useState<{ id: string; text: string } | null>(null);
  const [problem, setProblem] = useState<Problem>(null);
  const [done, setDone] = useState<string | null>(null);
  const [reply, { loading: replying }] = useMutation(REPLY);
  const [resolve, { loading: resolving }] = useMutation(RESOLVE);
  const [reopen, { loading: reopening }] = useMutation(REOPEN);
  const [close] = useMutation(CLOSE);
  const can = ticket.viewerCan;
  const closed = ticket.status === "RESOLVED" || ticket.status === "CLOSED";
  // Staff writing a reply or a note: the other agents on the page see it.
  const typing = useTypingReport(ticket.id, staff);

  const finish = (result: { __typename?: string } | null | undefined, message: string) => {
    const error = problemOf(result, t("error"));
    setProblem(error);
    if (!error) {
      setDone(message);
      setBody("");
      setFiles([]);
      setFileKey((key) => key + 1);
      setCanned(null);
      onChange();
    }
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    typing.stop();
    if (closed && can.reopen) {
      const { data } = await reopen({ variables: { ticketId: ticket.id, message: body || null } });
      finish(data?.reopenTicket, t("reopened"));
      return;
    }
    const { data } = await reply({
      variables: {
        input: {
          ticketId: ticket.id,
          // A canned response sent as inserted goes by its id (the API fills it in and counts
          // its use); once edited, the text is the agent's own.
          message: canned && body === canned.text ? "" : body,
          internal,
          attachments: files.length ? files : null,
          cannedResponseId: canned && body === canned.text ? canned.id : null,
          idempotencyKey: crypto.randomUUID(),
        },
      },
    });
    finish(data?.replyToTicket, t("sent"));
  };
  const markResolved = async () => {
    setDone(null);
    const { data } = await resolve({ variables: { ticketId: ticket.id } });
    finish(data?.resolveTicket, t("resolved"));
  };
  const markClosed = async () => {
    setDone(null);
    const { data } = await close({ variables: { ticketId: ticket.id } });
    finish(data?.closeTicket, t("saved"));
  };
  const writing = closed ? can.reopen : can.reply || can.addNote;
  if (!writing && !can.resolve && !can.close) return null;
  const title = closed ? t("reopen") : staff ? t("reply") : t("addInfo");
  return (
    <section aria-labelledby="reply-title" className="card">
      <h2 id="reply-title">{title}</h2>
      {writing && (
        <form onSubmit={submit}>
          {staff && !closed && <CannedPicker ticketId={ticket.id} onPick={(text, id) => { setBody(text); setCanned({ id, text }); }} />}
          <Field label={closed ? t("reopenLabel") : t("replyLabel")} error={problem?.field === "message" ? problem.message : null}>
            {(props) => (
              <textarea {...props} rows={5} value={body} onChange={(event) => { setBody(event.target.value); typing.typed(); }} />
            )}
          </Field>
          {!closed && (
            <Field label={t("attachments")}>
              {(props) => (
                <input
                  {...props}
                  key={fileKey}
                  type="file"
                  multiple
                  onChange={(event) => setFiles(Array.from(event.target.files ?? []))}
                />
              )}
            </Field>
          )}
          {staff && !closed && can.addNote && (
            <div className="check">
              <input id="internal-note" type="checkbox" checked={internal} onChange={(event) => setInternal(event.target.checked)} />
              <label htmlFor="internal-note">{t("internalNote")}</label>
            </div>
          )}
          <ErrorBox problem={problem?.field === "message" ? null : problem} />
          <div className="buttons">
            <button type="submit" disabled={replying || reopening}>
              {closed ? t("reopen") : internal ? t("note") : t("reply")}
            </button>
            {!closed && can.resolve && (
              <button type="button" className="secondary" disabled={resolving} onClick={markResolved}>
                {t("resolve")}
              </button>
            )}
            {staff && can.close && ticket.status !== "CLOSED" && (
              <button type="button" className="secondary" onClick={markClosed}>{t("close")}</button>
            )}
          </div>
        </form>
      )}
      {done && <Notice>{done}</Notice>}
    </section>
  );
}
