// The agent's ticket tools beyond triage (seed 004): macros (pick one, see what it does, apply
// it, see what changed), merging a duplicate into another ticket, and who else is on the page
// (presence over graphql-ws, with who is typing).
import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import { useApolloClient, useMutation, useQuery, useSubscription } from "@apollo/client/react";
import { useLanguage, useT, type Lang } from "../i18n";
import { AGENT_TOOLS } from "../ops";
import { APPLY_MACRO, MACROS, MERGE_CANDIDATE, MERGE_CANDIDATES, MERGE_TICKETS, REPORT_PRESENCE, TICKET_PRESENCE } from "../ops-desk";
import type { AgentToolsQuery, ApplyMacroMutation, MacrosQuery, MergeCandidateQuery, TicketPageQuery } from "../gql/graphql";
import { Link, navigate } from "../router";
import { ErrorBox, Field, Notice, StatusBadge, problemOf, type Problem } from "../ui";
import "./desk.css";

type Ticket = NonNullable<TicketPageQuery["ticket"]>;
type Tools = AgentToolsQuery | undefined;
type Named = { name: string; nameEs: string } | null | undefined;

/** A string with `{name}` placeholders filled in. */
const fill = (text: string, values: Record<string, string | number>) =>
  text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));

const named = (item: Named, lang: Lang) => (item ? ((lang === "es" && item.nameEs) || item.name) : "—");

/** Who else is on this ticket's page: subscribing is being there, for the others too. */
export function PresenceBar({ ticketId }: { ticketId: string }) {
  const t = useT();
  const { data } = useSubscription(TICKET_PRESENCE, { variables: { ticketId } });
  const agents = data?.ticketPresence.agents ?? [];
  return (
    <div className="presence" role="status" aria-live="polite" aria-label={t("presence")} data-testid="presence">
      {!data ? null : agents.length === 0 ? (
        <span className="presence-alone">{t("presenceAlone")}</span>
      ) : (
        <>
          <span>{t("presenceAlso")}</span>
          <ul>
            {agents.map((agent) => (
              <li key={agent.agentId} className={agent.typing ? "present typing" : "present"}>
                <span className="avatar" aria-hidden="true">
                  {agent.name.split(/\s+/).map((part) => part[0]).slice(0, 2).join("")}
                </span>
                {agent.name} · {agent.typing ? t("presenceTyping") : t("presenceViewing")}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

const TYPING_REPEAT_MS = 5000; // the API forgets a typist after 8 s
const TYPING_IDLE_MS = 6000;

/** Tells the others on the page this agent is typing (repeated while they type), and that
 * they stopped: after a pause, on sending, on leaving the page. */
export function useTypingReport(ticketId: string, enabled: boolean) {
  const [report] = useMutation(REPORT_PRESENCE);
  const typing = useRef(false);
  const lastSent = useRef(0);
  const idle = useRef<number | undefined>(undefined);
  const stop = useCallback(() => {
    window.clearTimeout(idle.current);
    if (!typing.current) return;
    typing.current = false;
    void report({ variables: { ticketId, typing: false } });
  }, [report, ticketId]);
  const typed = useCallback(() => {
    if (!enabled) return;
    const now = Date.now();
    if (!typing.current || now - lastSent.current >= TYPING_REPEAT_MS) {
      typing.current = true;
      lastSent.current = now;
      void report({ variables: { ticketId, typing: true } });
    }
    window.clearTimeout(idle.current);
    idle.current = window.setTimeout(stop, TYPING_IDLE_MS);
  }, [enabled, report, stop, ticketId]);
  useEffect(() => stop, [stop]);
  return { typed, stop };
}

type Macro = MacrosQuery["macros"][number];

/** What a macro will do, in the order the API applies it. */
function macroSteps(macro: Macro, tools: Tools, t: (key: string) => string, lang: Lang): string[] {
  const a = macro.actions;
  const steps: string[] = [];
  if (a.impact) steps.push(`${t("impact")}: ${t(a.impact)}`);
  if (a.departmentId) steps.push(`${t("department")}: ${named(tools?.departments.find((d) => d.id === a.departmentId), lang)}`);
  if (a.categoryId) steps.push(`${t("category")}: ${named(tools?.categories.find((c) => c.id === a.categoryId), lang)}`);
  if (a.assignTo === "ME") steps.push(t("macroAssignMe"));
  if (a.assignTo === "NOBODY") steps.push(t("macroUnassign"));
  if (a.assignTo === "STAFF") steps.push(`${t("assignee")}: ${tools?.staff.find((s) => s.id === a.assigneeId)?.name ?? "—"}`);
  if (a.addTags.length) steps.push(`${t("macroAddTags")}: ${a.addTags.join(", ")}`);
  if (a.removeTags.length) steps.push(`${t("macroRemoveTags")}: ${a.removeTags.join(", ")}`);
  if (a.cannedResponseId) {
    const title = tools?.cannedResponses.find((r) => r.id === a.cannedResponseId)?.title;
    steps.push(`${t("macroReply")}${title ? `: ${title}` : ""}`);
  }
  if (a.note) steps.push(`${t("note")}: «${a.note}»`);
  if (a.status) steps.push(`${t("macroFinalStatus")}: ${t(a.status)}`);
  return steps;
}

type Applied = Extract<NonNullable<ApplyMacroMutation["applyMacro"]>, { __typename: "ApplyMacroSuccess" }>["ticket"];

/** What the macro changed on the ticket, read from the ticket before and after. */
function changesMade(before: Ticket, after: Applied, t: (key: string) => string, lang: Lang): string[] {
  const changes: string[] = [];
  const arrow = (label: string, from: string, to: string) => {
    if (from !== to) changes.push(`${label}: ${from} → ${to}`);
  };
  arrow(t("status"), t(before.status), t(after.status));
  arrow(t("impact"), t(before.impact), t(after.impact));
  arrow(t("department"), named(before.department, lang), named(after.department, lang));
  arrow(t("category"), named(before.category, lang), named(after.category, lang));
  arrow(t("assignee"), before.assignee?.name ?? t("unassigned"), after.assignee?.name ?? t("unassigned"));
  const added = after.tags.filter((tag) => !before.tags.includes(tag));
  const removed = before.tags.filter((tag) => !after.tags.includes(tag));
  if (added.length) changes.push(`${t("macroAddTags")}: ${added.join(", ")}`);
  if (removed.length) changes.push(`${t("macroRemoveTags")}: ${removed.join(", ")}`);
  const known = new Set(before.messages.map((message) => message.id));
  const fresh = after.messages.filter((message) => !known.has(message.id));
  if (fresh.some((message) => !message.internal)) changes.push(t("macroReplied"));
  if (fresh.some((message) => message.internal)) changes.push(t("macroNoted"));
  return changes;
}

export function MacroPanel({ ticket, onChange }: { ticket: Ticket; onChange: () => void }) {
  const t = useT();
  const lang = useLanguage();
  const macros = useQuery(MACROS, { variables: { departmentId: ticket.department.id } });
  const tools = useQuery(AGENT_TOOLS, { variables: { ticketId: ticket.id } });
  const [chosen, setChosen] = useState("");
  const [problem, setProblem] = useState<Problem>(null);
  const [changes, setChanges] = useState<{ title: string; list: string[] } | null>(null);
  const [apply, { loading }] = useMutation(APPLY_MACRO);
  const list = macros.data?.macros ?? [];
  const macro = list.find((item) => item.id === chosen);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!macro) return;
    setProblem(null);
    setChanges(null);
    const { data } = await apply({
      // The ticket as the agent saw it: if someone changed it since, nothing is applied.
      variables: { input: { ticketId: ticket.id, macroId: macro.id, expectedUpdatedAt: ticket.updatedAt } },
    });
    const outcome = data?.applyMacro;
    if (outcome?.__typename !== "ApplyMacroSuccess") {
      setProblem(problemOf(outcome, t("error")));
      onChange();
      return;
    }
    setChanges({ title: macro.title, list: changesMade(ticket, outcome.ticket, t, lang) });
    setChosen("");
    onChange();
  };
  return (
    <form className="card" aria-labelledby="macro-title" onSubmit={submit}>
      <h2 id="macro-title">{t("macros")}</h2>
      {macros.data && !list.length ? (
        <p className="hint">{t("macroNone")}</p>
      ) : (
        <>
          <Field label={t("macro")}>
            {(props) => (
              <select {...props} value={chosen} onChange={(event) => { setChosen(event.target.value); setChanges(null); setProblem(null); }}>
                <option value="">{t("chooseOne")}</option>
                {list.map((item) => (
                  <option key={item.id} value={item.id}>
                    {item.title}{item.personal ? ` (${t("macroPersonal")})` : ""}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {macro && (
            <div className="macro-preview">
              <h3 id="macro-steps">{t("macroWillDo")}</h3>
              <ul aria-labelledby="macro-steps">
                {macroSteps(macro, tools.data, t, lang).map((step) => <li key={step}>{step}</li>)}
              </ul>
            </div>
          )}
          <button type="submit" disabled={!macro || loading}>{t("macroApply")}</button>
        </>
      )}
      <ErrorBox problem={problem} />
      {changes && (
        <div className="notice macro-changes" role="status" data-testid="macro-changes">
          <strong>{t("macroApplied")}: {changes.title}</strong>
          {changes.list.length ? (
            <ul>{changes.list.map((change) => <li key={change}>{change}</li>)}</ul>
          ) : (
            <p>{t("macroNoChange")}</p>
          )}
        </div>
      )}
    </form>
  );
}

type Candidate = NonNullable<MergeCandidateQuery["ticket"]>;

const requesterOf = (ticket: Candidate) =>
  ticket.customer?.name ?? (ticket.guestEmail ? `${ticket.guestName ?? ""} <${ticket.guestEmail}>` : "—");

/** After a merge the desk opens the surviving ticket, which says what joined it. */
const mergedHere = new Map<string, number>();

export function MergedNotices({ ticket }: { ticket: Ticket }) {
  const t = useT();
  const [joined] = useState(() => mergedHere.get(ticket.trackingId) ?? null);
  useEffect(() => () => void mergedHere.delete(ticket.trackingId), [ticket.trackingId]);
  return (
    <>
      {joined !== null && <Notice>{fill(t("mergedFrom"), { n: joined })}</Notice>}
      {ticket.status === "MERGED" && ticket.mergedInto && (
        <p className="warning" role="status">
          {t("mergedInto")}{" "}
          <Link to={`/agent/tickets/${ticket.mergedInto.trackingId}`}>#{ticket.mergedInto.number}</Link>
        </p>
      )}
    </>
  );
}

export function MergePanel({ ticket }: { ticket: Ticket }) {
  const t = useT();
  const client = useApolloClient();
  const [wanted, setWanted] = useState("");
  const [candidate, setCandidate] = useState<Candidate | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<Problem>(null);
  const [searching, setSearching] = useState(false);
  const [merge, { loading }] = useMutation(MERGE_TICKETS);
  const confirmRef = useRef<HTMLDivElement>(null);
  const askRef = useRef<HTMLButtonElement>(null);
  const shown = useRef(false);
  // Focus goes into the confirmation when it opens, and back to its button when it closes.
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
    else if (shown.current) askRef.current?.focus();
    shown.current = confirming;
  }, [confirming]);

  const find = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    setCandidate(null);
    setConfirming(false);
    const text = wanted.trim().replace(/^#/, "");
    if (!text) {
      setProblem({ message: t("required"), field: "target" });
      return;
    }
    setSearching(true);
    try {
      let found: Candidate | null = null;
      if (/^\d+$/.test(text)) {
        // A number: the search knows ticket numbers; keep the one that is exactly it.
        const { data } = await client.query({ query: MERGE_CANDIDATES, variables: { search: text }, fetchPolicy: "network-only" });
        found = data?.tickets.edges.map((edge) => edge.node).find((node) => String(node.number) === text) ?? null;
      } else {
        const { data } = await client.query({ query: MERGE_CANDIDATE, variables: { trackingId: text.toUpperCase() }, fetchPolicy: "network-only" });
        found = data?.ticket ?? null;
      }
      if (!found) setProblem({ message: t("mergeNotFound"), field: "target" });
      else if (found.id === ticket.id) setProblem({ message: t("mergeSelf"), field: "target" });
      else setCandidate(found);
    } catch {
      setProblem({ message: t("error") });
    } finally {
      setSearching(false);
    }
  };

  const confirm = async () => {
    if (!candidate) return;
    setProblem(null);
    const { data } = await merge({ variables: { input: { sourceTicketId: ticket.id, targetTicketId: candidate.id } } });
    const outcome = data?.mergeTickets;
    if (outcome?.__typename !== "MergeTicketsSuccess") {
      setProblem(problemOf(outcome, t("error")));
      setConfirming(false);
      return;
    }
    mergedHere.set(outcome.ticket.trackingId, ticket.number);
    navigate(`/agent/tickets/${outcome.ticket.trackingId}`);
  };

  const fieldError = problem?.field === "target" || problem?.field === "targetTicketId" ? problem.message : null;
  return (
    <section className="card" aria-labelledby="merge-title">
      <h2 id="merge-title">{t("merge")}</h2>
      <form onSubmit={find}>
        <div className="inline">
          <Field label={t("mergeTarget")} hint={t("mergeTargetHint")} error={fieldError}>
            {(props) => (
              <input {...props} value={wanted} autoComplete="off" onChange={(event) => { setWanted(event.target.value); setCandidate(null); setConfirming(false); }} />
            )}
          </Field>
          <button type="submit" className="secondary" disabled={searching}>{t("search")}</button>
        </div>
      </form>
      {candidate && (
        <div className="merge-candidate">
          <p>
            <strong>#{candidate.number} · {candidate.subject}</strong>{" "}
            <StatusBadge status={candidate.status} />
            <br />
            <small>{t("requester")}: {requesterOf(candidate)} · <code>{candidate.trackingId}</code></small>
          </p>
          {!confirming ? (
            <button type="button" ref={askRef} onClick={() => setConfirming(true)}>
              {fill(t("mergeInto"), { n: candidate.number })}
            </button>
          ) : (
            <div
              className="confirm"
              role="alertdialog"
              aria-labelledby="merge-confirm-title"
              aria-describedby="merge-confirm-text"
              tabIndex={-1}
              ref={confirmRef}
              onKeyDown={(event) => event.key === "Escape" && setConfirming(false)}
            >
              <h3 id="merge-confirm-title">
                {fill(t("mergeConfirmTitle"), { from: ticket.number, to: candidate.number })}
              </h3>
              <p id="merge-confirm-text">
                {fill(t("mergeConfirmText"), { from: ticket.number, to: candidate.number })}
              </p>
              <div className="buttons">
                <button type="button" className="danger" disabled={loading} onClick={confirm}>{t("mergeConfirm")}</button>
                <button type="button" className="secondary" onClick={() => setConfirming(false)}>{t("cancel")}</button>
              </div>
            </div>
          )}
        </div>
      )}
      <ErrorBox problem={fieldError ? null : problem} />
    </section>
  );
}
