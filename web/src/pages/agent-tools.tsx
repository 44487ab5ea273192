// The agent's side panel on a ticket: triage, assignment, tags, history; canned responses.
import { useEffect, useState, type FormEvent } from "react";
import { useMutation, useQuery } from "@apollo/client/react";
import { useLanguage, useT } from "../i18n";
import { AGENT_TOOLS, ASSIGN, SET_TAGS, TICKET_HISTORY, TRIAGE } from "../ops";
import type { Impact, TicketPageQuery } from "../gql/graphql";
import { ErrorBox, Field, Notice, When, problemOf, type Problem } from "../ui";

type Ticket = NonNullable<TicketPageQuery["ticket"]>;
const IMPACTS: Impact[] = ["LOW", "MEDIUM", "HIGH"];

export function CannedPicker({ ticketId, onPick }: { ticketId: string; onPick: (text: string, id: string) => void }) {
  const t = useT();
  const { data } = useQuery(AGENT_TOOLS, { variables: { ticketId } });
  const [chosen, setChosen] = useState("");
  const responses = data?.cannedResponses ?? [];
  if (!responses.length) return null;
  return (
    <div className="inline">
      <Field label={t("canned")}>
        {(props) => (
          <select {...props} value={chosen} onChange={(event) => setChosen(event.target.value)}>
            <option value="">{t("chooseOne")}</option>
            {responses.map((response) => (
              <option key={response.id} value={response.id}>{response.title}</option>
            ))}
          </select>
        )}
      </Field>
      <button
        type="button"
        className="secondary"
        disabled={!chosen}
        onClick={() => {
          const response = responses.find((item) => item.id === chosen);
          if (response) onPick(response.rendered, response.id);
        }}
      >
        {t("insert")}
      </button>
    </div>
  );
}

export function AgentTools({ ticket, onChange }: { ticket: Ticket; onChange: () => void }) {
  const t = useT();
  const lang = useLanguage();
  const { data } = useQuery(AGENT_TOOLS, { variables: { ticketId: ticket.id } });
  const [impact, setImpact] = useState<Impact>(ticket.impact);
  const [departmentId, setDepartmentId] = useState(ticket.department.id);
  const [categoryId, setCategoryId] = useState(ticket.category?.id ?? "");
  const [assigneeId, setAssigneeId] = useState(ticket.assignee?.id ?? "");
  const [tags, setTags] = useState(ticket.tags.join(", "));
  const [problem, setProblem] = useState<Problem>(null);
  const [done, setDone] = useState<string | null>(null);
  useEffect(() => setTags(ticket.tags.join(", ")), [ticket.tags.join(",")]);
  useEffect(() => setAssigneeId(ticket.assignee?.id ?? ""), [ticket.assignee?.id]);
  const [triage] = useMutation(TRIAGE);
  const [assign] = useMutation(ASSIGN);
  const [setTicketTags] = useMutation(SET_TAGS);
  const after = (result: unknown) => {
    const error = problemOf(result, t("error"));
    setProblem(error);
    setDone(error ? null : t("saved"));
    if (!error) onChange();
  };
  const can = ticket.viewerCan;
  const categories = (data?.categories ?? []).filter((category) => category.department.id === departmentId);
  return (
    <div className="tools-panel">
      {can.triage && (
        <form
          className="card"
          aria-labelledby="triage-title"
          onSubmit={async (event: FormEvent) => {
            event.preventDefault();
            const { data: result } = await triage({
              variables: { input: { ticketId: ticket.id, impact, departmentId, categoryId: categoryId || null } },
            });
            after(result?.triageTicket);
          }}
        >
          <h2 id="triage-title">{t("triage")}</h2>
          <Field label={t("impact")}>
            {(props) => (
              <select {...props} value={impact} onChange={(event) => setImpact(event.target.value as Impact)}>
                {IMPACTS.map((value) => <option key={value} value={value}>{t(value)}</option>)}
              </select>
            )}
          </Field>
          <Field label={t("department")}>
            {(props) => (
              <select {...props} value={departmentId} onChange={(event) => { setDepartmentId(event.target.value); setCategoryId(""); }}>
                {(data?.departments ?? []).map((department) => (
                  <option key={department.id} value={department.id}>{(lang === "es" && department.nameEs) || department.name}</option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t("category")}>
            {(props) => (
              <select {...props} value={categoryId} onChange={(event) => setCategoryId(event.target.value)}>
                <option value="">{t("chooseOne")}</option>
                {categories.map((category) => (
                  <option key={category.id} value={category.id}>{(lang === "es" && category.nameEs) || category.name}</option>
                ))}
              </select>
            )}
          </Field>
          <button type="submit">{t("triage")}</button>
        </form>
      )}
      {can.assign && (
        <form
          className="card"
          aria-labelledby="assign-title"
          onSubmit={async (event: FormEvent) => {
            event.preventDefault();
            const { data: result } = await assign({ variables: { input: { ticketId: ticket.id, assigneeId: assigneeId || null } } });
            after(result?.assignTicket);
          }}
        >
          <h2 id="assign-title">{t("assign")}</h2>
          <Field label={t("assignee")}>
            {(props) => (
              <select {...props} value={assigneeId} onChange={(event) => setAssigneeId(event.target.value)}>
                <option value="">{t("unassigned")}</option>
                {(data?.staff ?? []).map((person) => <option key={person.id} value={person.id}>{person.name}</option>)}
              </select>
            )}
          </Field>
          <button type="submit">{t("assign")}</button>
        </form>
      )}
      {can.reply && (
        <form
          className="card"
          aria-labelledby="tags-title"
          onSubmit={async (event: FormEvent) => {
            event.preventDefault();
            const list = tags.split(",").map((tag) => tag.trim()).filter(Boolean);
            const { data: result } = await setTicketTags({ variables: { input: { ticketId: ticket.id, tags: list } } });
            after(result?.setTicketTags);
          }}
        >
          <h2 id="tags-title">{t("tags")}</h2>
          <Field label={t("tags")} hint={t("tagsHint")}>
            {(props) => <input {...props} value={tags} onChange={(event) => setTags(event.target.value)} />}
          </Field>
          <button type="submit">{t("save")}</button>
        </form>
      )}
      <ErrorBox problem={problem} />
      {done && <Notice>{done}</Notice>}
    </div>
  );
}

export function History({ trackingId }: { trackingId: string }) {
  const t = useT();
  const { data } = useQuery(TICKET_HISTORY, { variables: { trackingId }, pollInterval: 15000 });
  const events = data?.ticket?.events ?? [];
  return (
    <section className="card" aria-labelledby="history-title">
      <h2 id="history-title">{t("history")}</h2>
      <ol className="history">
        {events.map((event) => (
          <li key={event.id}>
            <When value={event.createdAt} /> · {event.actorName} · <code>{event.kind}</code>
            {event.internal ? ` (${t("note")})` : ""}
          </li>
        ))}
      </ol>
    </section>
  );
}
